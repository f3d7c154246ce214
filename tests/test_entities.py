"""Entity mentions on short hand-written Italian news texts."""

from __future__ import annotations

from entity_fixtures import by_text

from cronaca.nlp.entities import STAGE, annotate, find_mentions, parse_role, resolve_description
from cronaca.types import Article, Document


def doc_of(text, published="2022-01-21"):
    art = Article(id="t", origin="test", raw_hash="x", format="text", text=text, published=published)
    return annotate(Document(art))


def test_known_people_countries_and_organisations():
    text = ("Il ministro degli Esteri russo Sergej Lavrov ha incontrato a Ginevra il segretario di Stato "
            "Anthony Blinken. Gli Stati Uniti e la Nato hanno risposto alla Federazione Russa.")
    ms = by_text(text)
    assert ms["Sergej Lavrov"].actor_name == "Sergey Lavrov"
    assert ms["Sergej Lavrov"].label == "PER"
    assert ms["Anthony Blinken"].actor_name == "Antony Blinken"  # misspelling -> canonical
    assert ms["Ginevra"].actor_name == "Geneva" and ms["Ginevra"].label == "GPE"
    assert ms["Stati Uniti"].actor_name == "United States"
    assert ms["Nato"].actor_name == "NATO" and ms["Nato"].label == "ORG"
    assert ms["Federazione Russa"].actor_name == "Russia"


def test_spans_point_into_the_text_and_carry_the_stage():
    text = "Secondo il Cremlino, la Russia non minaccia nessuno."
    for m in find_mentions(text):
        assert text[m.start:m.end] == m.text
        assert m.stage == STAGE
        assert 0 < m.confidence <= 1


def test_adjectives_verbs_and_common_words_are_not_entities():
    text = ("Il governo russo usa toni duri. Le truppe americane restano. Sicurezza europea in "
            "discussione, i Paesi membri ne parlano.")
    names = {m.text for m in find_mentions(text)}
    assert "usa" not in names and "russo" not in names and "americane" not in names
    assert "Sicurezza" not in names
    assert not names


def test_capital_as_actor_and_as_place():
    text = "Mosca, 3 marzo 2022 - Mosca respinge le accuse di Washington. Il vertice si terrà a Mosca."
    ms = find_mentions(text)
    assert [(m.text, m.actor_name) for m in ms] == [
        ("Mosca", "Moscow"), ("Mosca", "Russia"), ("Washington", "United States"), ("Mosca", "Moscow")]
    assert ms[1].label == "GPE"


def test_metonyms_and_bodies():
    ms = by_text("Il Cremlino e la Casa Bianca hanno commentato; Kiev chiede aiuto a Bruxelles.")
    assert ms["Cremlino"].actor_name == "Kremlin" and ms["Cremlino"].label == "ORG"
    assert ms["Kiev"].actor_name == "Ukraine"
    assert ms["Bruxelles"].actor_name == "European Union"  # "aiuto a": the addressee, not the place


def test_every_capital_stands_for_its_government_unless_it_is_a_place():
    ms = find_mentions("Parigi e Berlino frenano, mentre Riad tace. Il ministro è arrivato a Parigi; "
                       "poi ha promesso sostegno a Berlino.")
    assert [(m.text, m.actor_name) for m in ms] == [
        ("Parigi", "France"), ("Berlino", "Germany"), ("Riad", "Saudi Arabia"), ("Parigi", "Paris"),
        ("Berlino", "Germany")]
    # a capital opening the text (a title) is read too
    assert [m.actor_name for m in find_mentions("Parigi chiede una tregua")] == ["France"]
    # a place under siege or a move between places is the city
    ms = find_mentions("Le milizie assediano Tripoli. L'ambasciata passa da Tel Aviv a Gerusalemme.")
    assert [m.actor_name for m in ms] == ["Tripoli", "Tel Aviv", "Jerusalem"]


def test_west_europe_cold_war_and_treaties():
    ms = by_text("I Paesi occidentali temono un ritorno alla guerra fredda in Europa orientale; "
                 "il trattato New Start e il gasdotto Nord Stream 2 sono in bilico.")
    assert ms["Paesi occidentali"].actor_name == "West" and ms["Paesi occidentali"].label == "GPE"
    assert ms["guerra fredda"].label == "EVENT"
    assert ms["Europa orientale"].label == "LOC"
    assert ms["New Start"].label == "MISC" and ms["Nord Stream 2"].label == "MISC"


def test_unknown_person_with_initial_and_surname_resolution():
    text = ("La sottosegretaria Gloria T. Brambilla ha parlato con la stampa. Brambilla ha detto "
            "che la signora Brambilla tornerà.")
    ms = find_mentions(text)
    people = [m for m in ms if m.label == "PER"]
    assert [m.text for m in people] == ["Gloria T. Brambilla", "Brambilla", "Brambilla"]
    assert len({m.actor_id for m in people}) == 1
    assert people[0].actor_id.startswith("per:~")
    assert people[0].actor_name == "Gloria Brambilla"


def test_typo_of_a_known_person_is_linked():
    ms = by_text("La portavoce Maria Zakharov ha replicato.")
    assert ms["Maria Zakharov"].actor_name == "Maria Zakharova"


def test_unknown_names_are_typed_from_context():
    ms = by_text("Lo riferisce l'agenzia Kommersantix. Il vertice si è svolto a Zhytomyrka con il "
                 "Ministero della Pesca del Kazakistan.")
    assert ms["Kommersantix"].label == "ORG"
    assert ms["Zhytomyrka"].label == "GPE"
    assert ms["Ministero della Pesca"].label == "ORG"


def test_glued_sentences_still_find_names():
    ms = by_text("Il dialogo prosegue con la RussiaIl portavoce del Cremlino Dmitry Peskov ha parlato.")
    assert ms["Russia"].actor_name == "Russia"
    assert ms["Dmitry Peskov"].actor_name == "Dmitry Peskov"


def test_roles_stated_next_to_the_name():
    ms = by_text("Il portavoce del Cremlino Dmitry Peskov ha parlato. Ha risposto Jake Sullivan, "
                 "consigliere per la Sicurezza nazionale, in serata.")
    assert ms["Dmitry Peskov"].role == "portavoce del Cremlino"
    assert ms["Jake Sullivan"].role == "consigliere per la Sicurezza nazionale"


def test_names_inside_an_organisation_name_count():
    # a body inside another body's name counts where the text names it on its own too
    ms = find_mentions("La riunione del Consiglio Permanente dell'OSCE a Vienna. L'OSCE ha poi votato.")
    assert sum(m.text == "OSCE" for m in ms) == 2 and any(m.text == "Vienna" for m in ms)
    ms = find_mentions("La Missione speciale di monitoraggio dell'OSCE in Ucraina.")
    assert any((m.text, m.actor_name) == ("Ucraina", "Ukraine") for m in ms)


def test_lowercase_alliance_only_when_nato_is_named():
    assert not find_mentions("Una alleanza di partiti locali.")
    ms = find_mentions("La Nato ha 30 membri e l'alleanza vuole crescere.")
    assert [m.actor_name for m in ms] == ["NATO", "NATO"]


def test_role_descriptions_resolve_to_the_article_person_or_the_office_holder():
    d = doc_of("Il ministro degli Esteri russo Sergey Lavrov è arrivato. Il capo della diplomazia russa "
               "ha poi parlato.")
    m = resolve_description("il capo della diplomazia russa", d)
    assert m is not None and m.actor_name == "Sergey Lavrov"
    d2 = doc_of("Nessun nome qui.", published="2018-06-01")
    assert resolve_description("il segretario di Stato americano", d2).actor_name == "Mike Pompeo"
    assert resolve_description("il portavoce del Cremlino", d2).actor_name == "Dmitry Peskov"
    assert resolve_description("un passante", d2) is None


def test_parse_role():
    assert parse_role("ministro degli Esteri russo") == ("foreign_minister", "gpe:ru")
    assert parse_role("segretario generale della Nato") == ("secretary_general", "org:nato")
    assert parse_role("presidente degli Stati Uniti") == ("head_of_state", "gpe:us")


def test_annotate_returns_a_new_document_with_mentions():
    d = doc_of("Joe Biden ha telefonato a Vladimir Putin.")
    assert [m.actor_name for m in d.mentions] == ["Joe Biden", "Vladimir Putin"]


def test_document_titles_are_misc_and_their_names_still_count():
    text = "Roma ha firmato ieri il Protocollo sulla Cooperazione con la Repubblica di Moldavia, come il Belgio."
    ms = find_mentions(text)
    titles = [m for m in ms if m.label == "MISC"]
    assert [m.text for m in titles] == ["Protocollo sulla Cooperazione con la Repubblica di Moldavia"]
    assert {"Moldova", "Belgium"} <= {m.actor_name for m in ms}


def test_party_names_do_not_name_their_country():
    ms = find_mentions("Fratelli d'Italia ha votato contro.")
    assert [m.actor_name for m in ms] == ["Brothers of Italy"]


def test_dateline_in_capitals_is_the_city():
    ms = find_mentions("KIEV - Il governo di Kiev chiede armi.")
    assert [(m.text, m.actor_name) for m in ms] == [("KIEV", "Kyiv"), ("Kiev", "Ukraine")]


def test_other_languages_fall_back_to_the_italian_lexicon():
    art = Article(id="t", origin="test", raw_hash="x", format="text", language="fr",
                  text="Il Cremlino ha risposto.")
    assert [m.actor_name for m in annotate(Document(art)).mentions] == ["Kremlin"]


def test_surname_that_is_a_word_is_not_a_person_at_sentence_start():
    assert not [m for m in find_mentions("Grandi manovre al confine.") if m.label == "PER"]
    ms = by_text("Lo ha detto Grandi in un comunicato.")
    assert ms["Grandi"].actor_name == "Filippo Grandi"


def test_institution_names_with_lower_case_complements():
    text = ("Il ricorso è arrivato alla Corte Suprema. Ne discute il Consiglio supremo per la difesa "
            "nazionale dell'Iran, mentre l'Autorità nazionale palestinese tace e l'Assemblea costituente "
            "di transizione si riunisce.")
    ms = find_mentions(text)
    assert [m.text for m in ms] == ["Corte Suprema", "Consiglio supremo per la difesa nazionale dell'Iran", "Iran",
                                    "Autorità nazionale palestinese", "Assemblea costituente di transizione"]
    # the state it belongs to is in the mention, not in the name, and is a mention of its own
    assert ms[1].actor_name == "Consiglio supremo per la difesa nazionale" and ms[2].actor_name == "Iran"


def test_descriptions_and_verbs_do_not_extend_a_name():
    ms = find_mentions("L'Esercito russo avanza. Il Consiglio europeo straordinario si riunisce. "
                       "La Camera dei Deputati per le esequie ha chiuso.")
    # "L'Esercito russo": a body every country has, with its country's adjective (round 7)
    assert [m.text for m in ms] == ["Esercito russo", "Consiglio europeo", "Camera dei Deputati"]
    assert ms[1].actor_name == "European Council"
    # the Government named by its people is the state acting
    assert [m.actor_name for m in find_mentions("Il Governo italiano tace.")] == ["Italy"]


def test_a_known_name_continued_is_another_body_and_formal_state_names_are_the_state():
    ms = find_mentions("A Taipei ha vinto il Partito Democratico Liberale. Firmano il Regno "
                       "dell’Arabia Saudita e la Repubblica islamica dell’Iran.")
    assert [(m.text, m.actor_id) for m in ms][1:] == [
        ("Partito Democratico Liberale", "org:~partito-democratico-liberale"),
        ("Regno dell’Arabia Saudita", "gpe:sa"), ("Repubblica islamica dell’Iran", "gpe:ir")]


def test_an_acronym_in_brackets_is_the_name_before_it():
    ms = find_mentions("Le Forze di intervento rapido (Fir) avanzano. Le Fir negano.")
    assert [m.text for m in ms] == ["Forze di intervento rapido", "Fir", "Fir"]
    assert len({m.actor_id for m in ms}) == 1


def test_names_with_arabic_articles_and_east_asian_given_names():
    ms = find_mentions("Il gruppo Jaysh al-Nasr ha incontrato Khalil bin Rashid al-Masri. Poi al-Masri "
                       "ha parlato con Park Min-ho.")
    assert [m.text for m in ms] == ["Jaysh al-Nasr", "Khalil bin Rashid al-Masri", "al-Masri", "Park Min-ho"]
    assert ms[1].actor_id == ms[2].actor_id


def test_a_known_surname_after_another_given_name_is_another_person():
    ms = find_mentions("Ha parlato Robert Zelensky, cugino del presidente.")
    assert [(m.text, m.actor_id) for m in ms] == [("Robert Zelensky", "per:~robert-zelensky")]


def test_models_typos_of_known_people_credits_and_headings():
    ms = find_mentions("Roma, 7 ott. (Adnkronos) - Abbattuto un Ka-52. Il commissario Wopkie Hoekstra "
                       "e Bashar al Assad.\nNO A NUOVE TRATTATIVE")
    assert [(m.text, m.actor_name) for m in ms] == [
        ("Roma", "Rome"), ("Ka-52", "Ka-52"), ("Wopkie Hoekstra", "Wopke Hoekstra"),
        ("Bashar al Assad", "Bashar al-Assad")]


def test_a_given_name_alone_is_the_person_named_in_full_before():
    ms = find_mentions("Donald Trump ha ricevuto Rutte. «Caro Donald», ha detto il segretario.")
    assert ms[-1].text == "Donald" and ms[-1].actor_name == "Donald Trump"


def test_a_body_every_country_has_is_a_country_s_only_where_the_text_names_it():
    assert [m.actor_name for m in find_mentions("Il Parlamento ha votato, ha detto Meloni.")][0] == "Italian Parliament"
    assert [m.text for m in find_mentions("Il Parlamento di Hong Kong ha votato.")] == ["Hong Kong"]


def test_typos_head_nouns_alone_and_region_nouns():
    ms = find_mentions("La Bierlorussia accusa la Commissione europea. La Commissione replica. "
                       "Nella regione autonoma del Kurdistan si vota.")
    assert [(m.text, m.actor_name) for m in ms] == [
        ("Bierlorussia", "Belarus"), ("Commissione europea", "European Commission"),
        ("Commissione", "European Commission"), ("regione autonoma del Kurdistan", "Kurdistan")]


def test_named_meetings_titles_and_people_in_runs():
    ms = find_mentions("Al vertice di Madrid c'era il presidente della Fondazione Alba Marco Rossi.",
                       published="2022-06-28")
    assert [(m.text, m.label) for m in ms] == [
        ("vertice di Madrid", "EVENT"), ("Fondazione Alba", "ORG"), ("Marco Rossi", "PER")]
    assert find_mentions("Il Papa ha pregato.", published="2023-05-02")[0].actor_name == "Pope Francis"


def test_ministries_by_office_and_country_and_their_short_forms():
    ms = find_mentions("Il dicastero degli Esteri di Pechino protesta; il ministero della Giustizia turco "
                       "tace. Il ministero degli Esteri cinese insiste e il ministero degli Esteri ripete.")
    # (the forms without the demonym, "ministero della Giustizia", follow the full ones at the same
    # start: left out here)
    got = [(m.text, m.actor_id) for k, m in enumerate(ms) if k == 0 or m.start != ms[k - 1].start]
    assert got[0] == ("dicastero degli Esteri di Pechino", "org:~ministero-esteri-cn")
    assert got[1] == ("ministero della Giustizia turco", "org:~ministero-giustizia-tr")
    assert got[2][0] == "ministero degli Esteri cinese" and got[3] == ("ministero degli Esteri", got[2][1])


def test_lone_english_words_are_no_names():
    assert [m.text for m in find_mentions("Il progetto Smart guarda al futuro con Next.")] == []


def test_a_capitalised_title_opens_a_run_and_only_its_holder_is_named():
    # invented names: no actor data holds them, the title says they are people
    ms = by_text("Il Paese sarà rappresentato dal Primo Ministro Kovalenkaro. Lo ha detto il Generale "
                 "Ostap Tervinyuk, mentre la presidente della Repubblica Amaru Wekesa Tandi ha taciuto.")
    assert ms["Kovalenkaro"].label == "PER" and ms["Kovalenkaro"].role == "Primo Ministro"
    assert ms["Ostap Tervinyuk"].label == "PER" and ms["Ostap Tervinyuk"].role == "Generale"
    assert ms["Amaru Wekesa Tandi"].label == "PER"
    assert not any(t.startswith(("Primo", "Generale", "Repubblica")) for t in ms)


def test_a_given_name_with_particles_starts_a_person_inside_a_run():
    ms = by_text("La presidente della Commissione Ursula van der Brinkhof ha parlato.")
    assert ms["Ursula van der Brinkhof"].label == "PER"


def test_an_unknown_body_of_a_known_body_is_one_name():
    ms = by_text("Il Comitato consultivo per le minoranze della Nato ha votato ieri.")
    assert ms["Comitato consultivo per le minoranze della Nato"].label == "ORG"
    assert "Nato" not in ms
    # a state that owns a body stays a mention of its own
    ms = by_text("Il Comitato consultivo per le minoranze dell'Ucraina ha votato ieri.")
    assert ms["Ucraina"].actor_name == "Ukraine"


def test_a_town_after_a_given_name_is_a_surname():
    ms = by_text("Lo ha detto il reporter Carlos Santiago, e il consigliere Ali Basra ha confermato.")
    assert ms["Carlos Santiago"].label == "PER"
    assert ms["Ali Basra"].label == "PER"
    assert "Santiago" not in ms and "Basra" not in ms


def test_a_surname_after_a_place_noun_names_the_place():
    ms = by_text("Il corteo ha raggiunto piazza Colonna, poi Catherine Colonna ha parlato.")
    assert ms["piazza Colonna"].label == "LOC"
    assert ms["Catherine Colonna"].label == "PER"


def test_a_cue_noun_before_capitalised_common_words_names_a_body():
    ms = by_text("Ieri il partito Azione ha votato contro.")
    assert ms["Azione"].label == "ORG"


def test_a_place_opening_an_english_name_is_a_company_or_an_outlet():
    ms = by_text("Lo ha scritto ieri il Tehran Times, mentre la Malaysia Airlines ha sospeso i voli.")
    assert ms["Tehran Times"].label == "ORG" and ms["Malaysia Airlines"].label == "ORG"
    assert "Tehran" not in ms and "Malaysia" not in ms


def test_an_acronym_spelling_a_name_of_the_article_is_that_name():
    ms = find_mentions("Il Movimento nazionale per la rinascita democratica ha vinto. "
                       "Ieri il Mnrd ha detto che il voto è regolare.")
    ids = {m.text: m.actor_id for m in ms}
    assert ids["Mnrd"] == ids["Movimento nazionale per la rinascita democratica"]


def test_a_known_body_may_open_in_lower_case_when_a_capital_follows():
    ms = by_text("Lo ha fatto sapere ieri la casa Bianca con una nota.")
    assert ms["casa Bianca"].actor_name == "White House"
    assert not by_text("Ha comprato una casa bianca al mare.")


def test_a_surname_that_is_a_word_after_a_title_is_a_person():
    ms = by_text("Ieri il ministro Fortuna ha detto che il piano è pronto.")
    assert ms["Fortuna"].label == "PER" and ms["Fortuna"].role == "ministro"


def test_a_handle_glued_from_an_english_name_is_that_actor():
    ms = by_text("Lo ha annunciato su X la @ItalianNavy con un breve messaggio.")
    assert ms["@ItalianNavy"].label == "ORG"


def test_a_ministry_named_with_its_demonym_is_named_without_it_too():
    # the guide counts no demonym as part of a name, and annotators write such bodies both ways
    ms = find_mentions("Il portavoce del ministero degli Esteri cinese ha risposto ai giornalisti.")
    forms = {m.text: m.actor_id for m in ms}
    assert forms["ministero degli Esteri"] == forms["ministero degli Esteri cinese"]
    ms = find_mentions("Il ministero degli Esteri ha risposto ai giornalisti.")
    assert [m.text for m in ms] == ["ministero degli Esteri"]


def test_a_body_named_by_a_portfolio_right_after_a_ministers_title_is_part_of_the_title():
    ms = {m.text for m in find_mentions("Il segretario al Tesoro americano Scott Bessent ha parlato.")}
    assert "Tesoro americano" not in ms and "Scott Bessent" in ms
    ms = {m.text for m in find_mentions("Il portavoce del Tesoro americano ha parlato.")}
    assert "Tesoro americano" in ms
