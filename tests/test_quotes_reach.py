"""Reporting constructions where the verb, its subject and its content drift apart, and the small
words that glue onto names: a gerund after an inverted subject, a relay of a whole sentence that
holds a report, clefts, the inline "è quanto ha detto", role and source nouns after an elided
article or preposition, a relative clause on a "secondo X" source, a quotation over two
paragraphs. Hand-written sentences, one rule per case."""

from __future__ import annotations

import pytest
from quote_fixtures import found_in
from test_quotes_constructions import ACTORS

from cronaca.nlp.quotemarks import pair_quotes
from cronaca.nlp.reporting import find_cues, load_lexicon


def found(text: str) -> list[tuple[str, str, str]]:
    return found_in(text, ACTORS, "2023-05-10")


def test_adverbial_between_auxiliary_and_participle() -> None:
    text = "Neri ha del resto sottolineato come sia inevitabile una revisione del bilancio."
    assert found(text) == [("Carla Neri", "indirect", "sia inevitabile una revisione del bilancio")]


def test_gerund_after_an_inverted_subject_ends_the_reporting_clause() -> None:
    text = ("Passi avanti sono stati fatti ai colloqui di Vienna, ha dichiarato Carla Neri, "
            "anticipando la pubblicazione di una nota.")
    assert ("Carla Neri", "indirect", "Passi avanti sono stati fatti ai colloqui di Vienna") in found(text)


def test_relay_of_a_sentence_that_holds_a_report_is_a_statement_at_both_levels() -> None:
    text = "La ministra Carla Neri ha confermato che la Russia ha violato la tregua. Lo riferisce la Tass."
    got = found(text)
    assert ("Carla Neri", "indirect", "la Russia ha violato la tregua") in got
    assert ("TASS", "indirect", "La ministra Carla Neri ha confermato che la Russia ha violato la tregua") in got


def test_the_relayed_speaker_stays_the_topic() -> None:
    text = ("La ministra Carla Neri ha confermato che la Russia ha violato la tregua. Lo riferisce la Tass. "
            "Ha poi aggiunto che la situazione resta grave.")
    assert ("Carla Neri", "indirect", "la situazione resta grave") in found(text)


def test_cleft_with_the_speaker_in_focus_before_the_infinitive() -> None:
    text = "Era stata la Tass, per prima, a rivelare che tra i presenti c'era anche Berg."
    assert found(text) == [("TASS", "indirect", "tra i presenti c'era anche Berg")]


def test_cleft_needs_an_actor_in_focus() -> None:
    assert found("Il governo è pronto a dire che la tregua regge.") == []
    text = "Il ministro si è limitato a dire che la tregua regge."
    assert [c.form for c in find_cues(text, 0, len(text), load_lexicon("it"))] == []  # no copula: no cleft


def test_inline_e_quanto_ha_detto_after_a_quotation() -> None:
    text = "Il vertice è finito. «La risposta sarà durissima», è quanto ha detto la ministra Carla Neri."
    assert found(text) == [("Carla Neri", "direct", "La risposta sarà durissima")]


@pytest.mark.parametrize("text", [
    "Olga Ivanova è arrivata a Vienna. L'ambasciatrice ha detto che ci sono spazi di dialogo.",
    "Olga Ivanova è arrivata a Vienna. «Ci sono spazi di dialogo», ha detto l’ambasciatrice.",
])
def test_role_noun_after_an_elided_article_names_the_person_given_that_role(text: str) -> None:
    assert [q[0] for q in found(text)] == ["Olga Ivanova"]


def test_role_noun_after_an_elided_article_is_read_as_a_role() -> None:
    lex = load_lexicon("it")
    assert lex.role_re.search("l'ambasciatrice") and lex.role_re.search("dell’inviato")
    assert lex.role_re.search("d'ambasciatrice") is None


def test_unnamed_source_heads_are_read_as_descriptions() -> None:
    assert found("Gli osservatori ritengono che la tregua regga.") == [("observers", "indirect", "la tregua regga")]
    assert found("«La tregua regge», dicono i testimoni.") == [("witnesses", "direct", "La tregua regge")]


@pytest.mark.parametrize("text,speaker", [
    ("Olga Ivanova è arrivata a Vienna. «La tregua non regge», è la replica dell’ambasciatrice.", "Olga Ivanova"),
    ("Dall'Onu fanno sapere che la tregua regge.", "United Nations"),
])
def test_elided_prepositions_glued_to_the_next_word(text: str, speaker: str) -> None:
    assert [q[0] for q in found(text)] == [speaker]


@pytest.mark.parametrize("text,content", [
    ("Secondo Neri, che ha incontrato Ivanova, la tregua regge.", "la tregua regge"),
    ("La tregua regge, secondo Neri, che ha incontrato Ivanova.", "La tregua regge"),
])
def test_relative_clause_on_the_source_is_not_the_content(text: str, content: str) -> None:
    assert found(text) == [("Carla Neri", "indirect", content)]


def test_quotation_over_two_paragraphs_is_one_span() -> None:
    text = "Il vertice è finito.\n«Ho parlato con Neri. Abbiamo discusso.\n\nAbbiamo deciso di continuare». Lo scrive Ricci."
    spans = [q for q in pair_quotes(text) if q.depth == 0]
    assert len(spans) == 1 and text[spans[0].inner_start:].startswith("Ho parlato")
    assert text[:spans[0].inner_end].endswith("continuare")
    assert [(q[0], q[2][:10]) for q in found(text)] == [("Paolo Ricci", "Ho parlato")]


def test_open_quotation_that_ends_no_sentence_stays_in_its_paragraph() -> None:
    text = "Disse che «la tregua regge\nsenza alcun dubbio fino a qui», ha detto."
    assert len([q for q in pair_quotes(text) if q.depth == 0]) == 2


def test_short_quotation_after_a_person_and_a_colon() -> None:
    assert found("Il vertice è finito. Neri: «Serve unità adesso».") == [("Carla Neri", "direct", "Serve unità adesso")]
    assert found("Il vertice è finito. Il tema: «sicurezza energetica».") == []
