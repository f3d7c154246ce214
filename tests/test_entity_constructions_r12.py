"""Entity constructions of round 12, on sentences written for the test."""

from __future__ import annotations

from cronaca.nlp.entities import find_mentions


def _all(text: str, published: str = "2021-05-01") -> list:
    return find_mentions(text, published=published)


def test_an_institution_of_a_known_city_is_one_name_without_the_city():
    ms = {m.text: m for m in _all("Il concerto si è tenuto al Teatro di Vienna, poi la mostra alla Biennale di Parigi.")}
    assert ms["Teatro di Vienna"].label == "LOC" and ms["Biennale di Parigi"].label == "ORG"
    assert "Vienna" not in ms and "Parigi" not in ms
    ms = {m.text: m for m in _all("Il Tribunale dell'Aja si è espresso. A Berlino la notizia è arrivata ieri.")}
    assert ms["Tribunale dell'Aja"].label == "ORG" and "Aja" not in ms and ms["Berlino"].label == "GPE"


def test_an_institution_of_a_city_before_its_heads_name():
    ms = {m.text: m for m in _all("Ha parlato il rettore dell'Università di Vienna Karl Huber.")}
    assert "Università di Vienna" in ms and "Vienna" not in ms


def test_a_city_after_a_lower_case_head_stays_a_place():
    ms = {m.text for m in _all("Ha visitato il museo di Kiev e l'ospedale di Leopoli.")}
    assert {"Kiev", "Leopoli"} <= ms


def test_the_platform_x_only_after_its_cue():
    ms = _all("Il sindaco ha pubblicato un messaggio su X. Poi ha scritto via X ai cittadini.")
    assert [m.actor_name for m in ms if m.text == "X"] == ["X (social network)"] * 2
    ms = _all("Il raggio X e la generazione X non sono piattaforme.")
    assert not any(m.text == "X" for m in ms)


def test_every_un_member_has_an_italian_demonym_and_common_spellings_are_names():
    from cronaca.resources.actors import load_kb

    kb = load_kb("it")
    for dem, country in (("monegasco", "gpe:mc"), ("sammarinese", "gpe:sm"), ("groenlandese", "gpe:gl"),
                         ("kosovari", "gpe:kosovo"), ("afgane", "gpe:af"), ("surinamese", "gpe:sr")):
        assert kb.demonyms[dem] == country
    ms = {m.text: m.actor_id for m in _all("Voli per la Malesia, il Rwanda e il Burkina, poi l'Afganistan.")}
    assert ms == {"Malesia": "gpe:my", "Rwanda": "gpe:rw", "Burkina": "gpe:bf", "Afganistan": "gpe:af"}


def test_an_unknown_name_after_a_settlement_noun_and_di_is_a_place():
    ms = {m.text: m for m in _all("Gli scontri nel villaggio di Kobanga e nella città di El Bajo. Parla il sindaco di Trovanka.")}
    assert ms["Kobanga"].label == ms["El Bajo"].label == ms["Trovanka"].label == "GPE"


def test_a_cue_noun_types_the_name_across_its_adjectives():
    ms = {m.text: m for m in _all("Lo riferisce l'agenzia mongola Tsagaan. Gli scontri nel villaggio congolese di Kobanga.")}
    assert ms["Tsagaan"].label == "ORG" and ms["Kobanga"].label == "GPE"


def test_peace_operations_are_known_bodies():
    ms = {m.text: m for m in _all("I caschi blu dell'Unmiss e della Minusca, poi l'Undof sul Golan e la Minurso.")}
    assert {ms[k].actor_id for k in ("Unmiss", "Minusca", "Undof", "Minurso")} == \
        {"org:unmiss", "org:minusca", "org:undof", "org:minurso"}


def test_parties_beyond_europe_and_the_balkans_are_known():
    ms = {m.text: m.actor_id for m in _all("Al voto l'Hdz, lo Snsd e il Frelimo; la Lega Awami e lo Zanu-PF protestano.")}
    assert ms == {"Hdz": "org:hdz", "Snsd": "org:snsd", "Frelimo": "org:frelimo",
                  "Lega Awami": "org:awami-league", "Zanu-PF": "org:zanu-pf"}


def test_eu_agencies_and_regional_organisations_are_known():
    ms = {m.text: m.actor_id for m in _all("L'Efsa e l'Ecdc hanno scritto al Coreper; la Cemac e la Caricom hanno risposto.")}
    assert ms == {"Efsa": "org:efsa", "Ecdc": "org:ecdc", "Coreper": "org:coreper", "Cemac": "org:cemac",
                  "Caricom": "org:caricom"}


def test_an_italian_di_before_a_known_surname_ends_the_name():
    ms = {m.text: m for m in _all("Ha parlato Recep Tayyip Erdogan. Poi ha detto Kowalski di Erdogan che mente.")}
    assert "Kowalski di Erdogan" not in ms and ms["Erdogan"].actor_id == ms["Recep Tayyip Erdogan"].actor_id
    ms = {m.text for m in _all("Il manager Luca Cordero di Montezemolo e la Conferenza di Palermo.")}
    assert {"Luca Cordero di Montezemolo", "Conferenza di Palermo"} <= ms


def test_a_mixed_case_acronym_in_brackets_names_the_known_name_before_it():
    ms = _all("Le elezioni nella Repubblica Democratica del Congo (RdC) e in Bosnia-Erzegovina (BiH). La BiH vota.")
    assert [m.actor_id for m in ms if m.text == "BiH"] == ["gpe:ba", "gpe:ba"]


def test_the_parliament_is_the_one_legislature_named_in_the_article():
    ms = {m.text: m.actor_id for m in _all("Lo Storting ha votato la legge. Il Parlamento ha poi chiuso la sessione.")}
    assert ms["Parlamento"] == ms["Storting"]
    ms = {m.text: m.actor_id for m in _all("Il Sejm e la Knesset hanno votato. Il Parlamento ha chiuso.")}
    assert ms["Parlamento"] not in (ms["Sejm"], ms["Knesset"])


def test_a_handle_that_spells_a_persons_name_is_that_person():
    ms = _all("Il ministro Jan Kowalczyk ringrazia. Poi un tweet: grazie a @JanKow e a @ministrokowalczyk!")
    full = next(m.actor_id for m in ms if m.text == "Jan Kowalczyk")
    assert [m.actor_id for m in ms if m.text.startswith("@")] == [full, full]
    ms = _all("Auguri a @donaldtusk per il nuovo incarico.")
    assert any(m.actor_name == "Donald Tusk" for m in ms)


def test_news_media_of_the_balkans_asia_and_latin_america_are_known():
    ms = {m.text: m.actor_id for m in _all("Lo riporta la Tanjug, ripresa da Yomiuri Shimbun e da La Vanguardia.")}
    assert ms == {"Tanjug": "org:tanjug", "Yomiuri Shimbun": "org:yomiuri", "La Vanguardia": "org:la-vanguardia"}


def test_regions_of_current_conflicts_and_of_the_united_states_are_known():
    ms = {m.text: m for m in _all("Dal Midwest a Guantanamo; scontri a Daraa, nel Ladakh e nel Delta del Niger.")}
    assert ms["Midwest"].label == "LOC" and ms["Guantanamo"].label == "LOC"
    assert {ms[k].actor_id for k in ("Daraa", "Ladakh", "Delta del Niger")} == {"gpe:daraa", "gpe:ladakh", "loc:niger-delta"}


def test_a_foreign_building_or_place_the_data_lacks_is_a_place():
    ms = {m.text: m.label for m in _all("L'incontro al Marlowe Hotel, poi al Palacio de Gobierno e in Plaza Tacunga.")}
    assert ms == {"Marlowe Hotel": "LOC", "Palacio de Gobierno": "LOC", "Plaza Tacunga": "LOC"}
