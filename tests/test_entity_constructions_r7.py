"""Entity constructions of round 7, on sentences written for the test."""

from __future__ import annotations

from entity_fixtures import by_text as texts

from cronaca.nlp.namelex import _is_word


def test_adverbs_the_dictionary_lacks_are_words():
    for w in ("inoltre", "purtroppo", "finora", "sempre", "successivamente", "ufficialmente",
              "nuovamente", "finalmente"):
        assert _is_word(w), w
    assert not _is_word("kowalczyk") and not _is_word("clementine_x")


def test_an_adverb_opening_a_sentence_is_no_name():
    ms = texts("Il ministro è arrivato ieri. Successivamente ha incontrato i colleghi.")
    assert not any(m.text.startswith("Successivamente") for m in ms.values())
    ms = texts("Il voto è rinviato. Naturalmente Kowalczyk ha protestato. Finora Bartosz Nowak tace.")
    assert "Kowalczyk" in ms and "Naturalmente Kowalczyk" not in ms
    assert "Bartosz Nowak" in ms


def test_a_title_alone_is_no_name():
    ms = texts("Ieri la Cancelliera ha ricevuto la Sottosegretaria e poi ha parlato con Marta Kowalska.")
    assert "Cancelliera" not in ms and "Sottosegretaria" not in ms
    assert "Marta Kowalska" in ms


def test_an_ordinal_in_roman_numerals_is_no_name():
    ms = texts("Il IX Forum si è aperto ieri. Il XV Congresso ha poi votato.")
    assert not any(m.text.startswith(("IX", "XV")) for m in ms.values())


def test_an_english_name_closed_by_its_head_is_typed_by_it():
    ms = texts("Ieri al Locarno Film Festival si è parlato di cinema, poi all'Hudson Institute di politica.")
    assert ms["Locarno Film Festival"].label == "EVENT"
    assert ms["Hudson Institute"].label == "ORG"


def test_a_common_foreign_given_name_opens_a_person_whose_surname_is_a_word():
    ms = texts("L'inviato dell'Unione europea Enrique Mora ha parlato con Katarzyna Costa.")
    assert ms["Enrique Mora"].label == "PER"
    assert ms["Katarzyna Costa"].label == "PER"


def test_an_elided_article_inside_an_institutions_complement():
    ms = texts("Ieri il Comitato per l'ambiente e il territorio ha votato.")
    assert "Comitato per l'ambiente e il territorio" in ms


def test_italian_long_forms_of_international_bodies():
    ms = texts("L'Organizzazione dei Paesi esportatori di petrolio e il Fondo per l'infanzia delle Nazioni Unite.")
    assert ms["Organizzazione dei Paesi esportatori di petrolio"].actor_id == "org:opec"
    assert ms["Fondo per l'infanzia delle Nazioni Unite"].actor_id == "org:unicef"


def test_a_heading_in_english_capitals_is_no_name():
    ms = texts("BREAKING NEWS - Il governo cade. Lo ha detto DONALD TRUMP ai giornalisti.")
    assert not any(m.text.startswith("BREAKING") for m in ms.values())
    assert "DONALD TRUMP" in ms


def test_an_elided_particle_inside_a_persons_name():
    ms = texts("Ieri Gérard d'Aboville ha parlato ai giornalisti.")
    assert ms["Gérard d'Aboville"].label == "PER"


def test_a_known_surname_that_is_a_given_name_opens_another_person():
    ms = texts("Ieri Jean-Pierre Le Roux ha parlato. Poi Karine Jean-Pierre ha risposto.")
    assert ms["Jean-Pierre Le Roux"].actor_id != ms["Karine Jean-Pierre"].actor_id


def test_names_in_a_photo_or_copyright_credit_are_no_mentions():
    ms = texts("MARIO BIANCHI/AFP/Getty Images Un momento della parata a Pyongyang.\n©Getty\nLo dice un sondaggio Reuters/Ipsos.")
    assert "Pyongyang" in ms and "Reuters" in ms
    assert not any(m.text in ("MARIO BIANCHI", "AFP", "Getty", "Getty Images") for m in ms.values())


def test_acronyms_of_common_nouns_are_no_names():
    ms = texts("Alle 12 CET il Ceo ha parlato di Gnl, Irpef e Hiv con Marta Kowalska.")
    assert not any(m.text in ("CET", "Ceo", "Gnl", "Irpef", "Hiv") for m in ms.values())
    assert "Marta Kowalska" in ms


def test_names_after_a_credit_word_opening_a_line_or_bracket_are_no_mentions():
    ms = texts("Il premier ha parlato (foto di Giulia Kowalska).\nFonte: Reuters\nFoto e video mostrano Putin a Mosca.")
    assert "Giulia Kowalska" not in ms and "Reuters" not in ms
    assert "Putin" in ms and "Mosca" in ms


def test_an_ordinal_is_no_complement_of_a_body():
    ms = texts("Ha accolto l'adozione da parte del Consiglio dell'ottavo pacchetto di sanzioni.")
    assert not any("ottavo" in m.text for m in ms.values())


def test_an_english_name_runs_on_over_of():
    ms = texts("L'accordo noto come Joint Comprehensive Plan of Action è stato firmato.")
    assert "Joint Comprehensive Plan of Action" in ms


def test_an_elided_di_opens_an_institutions_complement():
    ms = texts("Ieri la Corte d'appello di Parigi ha confermato la condanna.")
    assert any(m.text.startswith("Corte d'appello") for m in ms.values())
    assert "Corte" not in ms


def test_nouns_in_a_stressed_final_vowel_are_words():
    for w in ("sanità", "libertà", "autorità", "comunità", "schiavitù"):
        assert _is_word(w), w
    assert not _is_word("bogotà") and not _is_word("cantù")
    ms = texts("Ieri l'Istituto superiore di sanità ha comunicato i dati.")
    assert "Istituto superiore di sanità" in ms


def test_enclitic_infinitives_numbers_and_months_are_words():
    for w in ("ritirarsi", "definendolo", "annunciarlo", "tre", "undici", "marzo", "giovedì"):
        assert _is_word(w), w
    assert not _is_word("carla") and not _is_word("mario")


def test_superlatives_and_participles_with_pronouns_are_words():
    for w in ("durissimo", "importantissimi", "verificatisi"):
        assert _is_word(w), w


def test_a_body_every_country_has_with_its_countrys_adjective_is_a_body():
    ms = texts("Ieri il Parlamento ungherese ha votato, poi l'Esercito israeliano ha colpito.")
    assert ms["Parlamento ungherese"].label == "ORG"
    assert ms["Esercito israeliano"].label == "ORG"


def test_an_unknown_given_name_before_a_known_surname_is_another_person():
    ms = texts("Ieri Wiesław Tusk ha parlato ai giornalisti, poi Mister Trump ha risposto.")
    assert "Wiesław Tusk" in ms and ms["Wiesław Tusk"].actor_id != "per:donald-tusk"
    assert ms["Trump"].actor_id == "per:donald-trump"
