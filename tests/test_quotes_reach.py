"""Reporting constructions where the verb, its subject and its content drift apart: words between
the verb and its "che", "for his part" before an inverted subject, a gerund after an inverted
subject, a relay of a whole sentence that holds a report, clefts, the inline "è quanto ha detto"
and role nouns after an elided article. Hand-written sentences, one rule per case."""

from __future__ import annotations

import pytest
from quote_fixtures import found_in
from test_quotes_constructions import ACTORS

from cronaca.nlp.quotes.lead import complement_lead
from cronaca.nlp.reporting import find_cues, load_lexicon


def found(text: str) -> list[tuple[str, str, str]]:
    return found_in(text, ACTORS, "2023-05-10")


@pytest.mark.parametrize("after,lead", [
    (" che", " che"),
    (" ieri sera che", " ieri sera che"),
    (", tuttavia, che", ", tuttavia, che"),
    (" ai cronisti che", " ai cronisti che"),
    (" alla radio «Voce Libera» che", " alla radio «Voce Libera» che"),
    (" rivolgendosi ai cronisti che", " rivolgendosi ai cronisti che"),
    (" del fatto che", " del fatto che"),
])
def test_words_between_the_verb_and_its_complementizer(after: str, lead: str) -> None:
    m = complement_lead(load_lexicon("it")).match(after + " la tregua regge")
    assert m is not None and m.group(0) == lead


@pytest.mark.parametrize("after", [
    ", aggiungendo che",  # a comma left open starts another clause
    " alle autorità locali spiegando che",  # another verb: its "che" is its own
    " al Consiglio di «escludere la Russia» per evitare che",  # "di" + infinitive is the content
])
def test_no_lead_across_another_clause(after: str) -> None:
    assert complement_lead(load_lexicon("it")).match(after + " la tregua regge") is None


@pytest.mark.parametrize("text,content", [
    ("Neri ha del resto sottolineato come sia inevitabile una revisione del bilancio.",
     "sia inevitabile una revisione del bilancio"),
    ("Ricci ritiene, tuttavia, che ci siano margini per un nuovo accordo.",
     "ci siano margini per un nuovo accordo"),
    ("Ricci ha dichiarato alla radio «Voce Libera» che la delegazione ha avuto un buon incontro.",
     "la delegazione ha avuto un buon incontro"),
    ("Neri si è rammaricata del fatto che il parlamento non abbia votato la riforma.",
     "il parlamento non abbia votato la riforma"),
])
def test_complement_clause_after_interposed_words(text: str, content: str) -> None:
    assert [(q[0], q[2]) for q in found(text)] == [(ACTORS["Neri" if "Neri" in text else "Ricci"][1], content)]


def test_for_his_part_before_an_inverted_subject() -> None:
    text = "«Abbiamo scritto un accordo ambizioso ed equilibrato», ha sottolineato da parte sua Neri."
    assert found(text) == [("Carla Neri", "direct", "Abbiamo scritto un accordo ambizioso ed equilibrato")]


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


def test_backward_cleft_with_a_phrase_before_the_copula() -> None:
    text = ("Il vertice è finito. Le sanzioni contro Mosca potrebbero essere sospese. "
            "Ad annunciarlo alla fine del vertice è stata Carla Neri.")
    assert found(text) == [("Carla Neri", "indirect", "Le sanzioni contro Mosca potrebbero essere sospese")]


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


def test_quotation_over_two_paragraphs_relayed_after_it() -> None:
    text = ("Il vertice è finito.\n«Ho parlato con Carla Neri. Abbiamo discusso della tregua.\n\n"
            "Abbiamo deciso di continuare il dialogo». Lo scrive su Twitter Paolo Ricci.")
    assert [(q[0], q[1], q[2][:20]) for q in found(text)] == [("Paolo Ricci", "direct", "Ho parlato con Carla")]


def test_a_venue_between_a_verb_and_its_named_subject() -> None:
    assert found("La tregua è fragile. Lo scrive su Twitter Paolo Ricci.") == [
        ("Paolo Ricci", "indirect", "La tregua è fragile")]
    assert found("«La tregua è fragile», afferma in una nota Paolo Ricci.") == [
        ("Paolo Ricci", "direct", "La tregua è fragile")]


@pytest.mark.parametrize("text,speaker", [
    ("Olga Ivanova è arrivata a Vienna. «La tregua non regge», è la replica dell’ambasciatrice.", "Olga Ivanova"),
    ("Dall'Onu fanno sapere che la tregua regge.", "United Nations"),
    ("Ricci ha dichiarato all'emittente «Canale Uno» che la delegazione ha avuto un buon incontro.", "Paolo Ricci"),
])
def test_elided_prepositions_glued_to_the_next_word(text: str, speaker: str) -> None:
    assert [q[0] for q in found(text)] == [speaker]


@pytest.mark.parametrize("text,content", [
    ("Secondo Neri, che ha incontrato Ivanova, la tregua regge.", "la tregua regge"),
    ("La tregua regge, secondo Neri, che ha incontrato Ivanova.", "La tregua regge"),
])
def test_relative_clause_on_the_source_is_not_the_content(text: str, content: str) -> None:
    assert found(text) == [("Carla Neri", "indirect", content)]


def test_quotation_that_opens_on_its_reporting_verb() -> None:
    text = "Nella nota Neri «ribadisce la sua disponibilità a mediare tra le parti»."
    assert [(q[0], q[2][:30]) for q in found(text)] == [("Carla Neri", "la sua disponibilità a mediare")]


def test_opening_mark_between_auxiliary_and_verb() -> None:
    text = "Ricci ha «chiesto la priorità assoluta per la tregua»."
    cues = find_cues(text, 0, len(text), load_lexicon("it"))
    assert [(c.text(text), c.auxiliary) for c in cues] == [("ha «chiesto", "ha")]
