"""More ways Italian news names a speaker: "Per X, …" at the head of a clause, a bare surname the
entity stage left untagged, an office named in other words ("il presidente del Consiglio" for
the premier), a noun of speech before a colon ("Dura la replica di X: «…»"), "così X" after a
quotation, and names the clause analysis must not read as subjects (in brackets, after a
preposition and a quotation mark, run on from a governed name). Hand-written sentences."""

from __future__ import annotations

from dataclasses import replace

from quote_fixtures import found_in, make_doc

from cronaca.nlp import quotes

# surface form -> (actor id, canonical name, label, role stated next to it)
ACTORS = {
    "Carla Neri": ("per:neri", "Carla Neri", "PER", "ministra degli Esteri"),
    "Marta Galli": ("per:galli", "Marta Galli", "PER", "premier"),
    "Tom Hale": ("per:hale", "Tom Hale", "PER", "presidente Usa"),
    "Olga Ivanova": ("per:ivanova", "Olga Ivanova", "PER", "ambasciatrice"),
    "Conti": ("per:conti", "Luca Conti", "PER", None),
    "Cremlino": ("org:kremlin", "Kremlin", "ORG", None),
    "Tass": ("org:tass", "TASS", "ORG", None),
    "Times": ("org:times", "The Times", "ORG", None),
    "Uk": ("gpe:uk", "United Kingdom", "GPE", None),
    "Uc": ("org:uc", "Unione civica", "ORG", None),
    "Italia": ("gpe:it", "Italy", "GPE", None),
    "Vienna": ("gpe:vienna", "Vienna", "GPE", None),
}


def found(text: str) -> list[tuple[str, str, str]]:
    return found_in(text, ACTORS, "2023-05-10")


def speakers(text: str) -> list[str]:
    return [s for s, _, _ in found(text)]


# --- "Per X, …" -----------------------------------------------------------------------------

def test_per_with_a_person_attributes_the_clause_after_the_comma():
    out = found("Per Carla Neri, il negoziato resta aperto fino alla prossima settimana.")
    assert out == [("Carla Neri", "indirect", "il negoziato resta aperto fino alla prossima settimana")]


def test_per_with_a_role_and_a_name_before_a_quotation():
    out = found("Per la ministra Carla Neri questa intesa «rafforza il nostro ruolo in Europa».")
    assert out == [("Carla Neri", "indirect", "questa intesa «rafforza il nostro ruolo in Europa»")]


def test_per_with_an_organisation():
    assert speakers("Per il Cremlino, le nuove sanzioni sono illegali e non cambieranno nulla.") == ["Kremlin"]


def test_per_before_a_place_or_an_infinitive_is_no_source():
    assert found("Per l'Italia è un grande successo diplomatico.") == []
    assert found("Per convincere Carla Neri servono nuove garanzie da parte di Vienna.") == []


# --- a bare surname the entity stage left untagged --------------------------------------------

def test_bare_surname_of_a_full_name_is_the_subject():
    text = "La premier Marta Galli è arrivata a Vienna. Galli ha spiegato che il dialogo continuerà."
    assert found(text) == [("Marta Galli", "indirect", "il dialogo continuerà")]


def test_bare_surname_after_an_inverted_cue():
    text = "La premier Marta Galli è arrivata a Vienna. «Il dialogo continuerà», ha detto Galli."
    assert found(text) == [("Marta Galli", "direct", "Il dialogo continuerà")]


def test_untagged_repeat_of_a_linked_surname_is_the_subject():
    text = ("Il piano di Conti è stato presentato ieri. Tom Hale è arrivato a Vienna. "
            "Conti propone che il fondo sia gestito dalla Commissione.")
    doc = make_doc(text, ACTORS, "2023-05-10")
    last = text.rindex("Conti")
    doc = replace(doc, mentions=tuple(m for m in doc.mentions if m.start != last))  # left untagged
    out = [(q.speaker, q.text) for q in quotes.annotate(doc).quotes]
    assert out == [("Luca Conti", "il fondo sia gestito dalla Commissione")]


def test_surname_after_a_preposition_is_not_a_subject():
    text = "La premier Marta Galli è arrivata a Vienna. Con Galli ha parlato Tom Hale."
    assert found(text) == []


# --- offices named in other words -------------------------------------------------------------

def test_office_in_other_words_matches_the_role_the_article_gave():
    text = ("Tom Hale e Marta Galli si sono visti a Vienna. "
            "Il presidente del Consiglio ha detto che l'intesa è vicina.")
    assert found(text) == [("Marta Galli", "indirect", "l'intesa è vicina")]


# --- verbless attributions around a quotation ---------------------------------------------------

def test_noun_of_speech_with_its_author_before_a_colon():
    text = "Il vertice è finito tardi. Dura la replica di Olga Ivanova: «Non accetteremo alcun ultimatum»."
    assert found(text) == [("Olga Ivanova", "direct", "Non accetteremo alcun ultimatum")]


def test_cosi_after_the_quotation_in_the_same_sentence():
    text = "«Il dialogo resta aperto a tutte le parti»: così Carla Neri al termine del vertice."
    assert found(text) == [("Carla Neri", "direct", "Il dialogo resta aperto a tutte le parti")]


# --- names that are not subjects ----------------------------------------------------------------

def test_name_in_brackets_is_not_the_subject():
    text = "Carla Neri, esponente del partito Unione civica (Uc), ha detto che il dialogo continuerà."
    assert speakers(text) == ["Carla Neri"]


def test_quotation_mark_between_preposition_and_name_keeps_the_case():
    text = "Carla Neri, in un'intervista rilasciata a 'Tass' a Vienna, ha affermato che il dialogo continuerà."
    assert speakers(text) == ["Carla Neri"]


def test_name_run_on_from_a_governed_one_is_not_an_inverted_subject():
    text = "«Il dialogo continuerà», ha detto in un'intervista al Times Uk la ministra Carla Neri."
    assert speakers(text) == ["Carla Neri"]
