"""Quotations: who said what, on short hand-written Italian texts with hand-made mentions.

The mentions stand in for the entity stage so each test pins one attribution rule.
"""

from __future__ import annotations

import pytest
from quote_fixtures import found_in
from quote_fixtures import make_doc as fixture_doc

from cronaca.nlp import quotes
from cronaca.nlp.quotemarks import pair_quotes
from cronaca.types import Document

# surface form -> (actor id, canonical name, label, role stated next to it)
ACTORS = {
    "Marco Bellini": ("per:bellini", "Marco Bellini", "PER", "ministro degli Esteri"),
    "Bellini": ("per:bellini", "Marco Bellini", "PER", None),
    "Anna Ferri": ("per:ferri", "Anna Ferri", "PER", "portavoce del governo"),
    "Ferri": ("per:ferri", "Anna Ferri", "PER", None),
    "Ivan Petrov": ("per:petrov", "Ivan Petrov", "PER", "ministro degli Esteri russo"),
    "Petrov": ("per:petrov", "Ivan Petrov", "PER", None),
    "Cremlino": ("org:kremlin", "Kremlin", "ORG", None),
    "Nato": ("org:nato", "NATO", "ORG", None),
    "NATO": ("org:nato", "NATO", "ORG", None),
    "Mosca": ("gpe:ru", "Russia", "GPE", None),
    "Russia": ("gpe:ru", "Russia", "GPE", None),
    "Kiev": ("gpe:ua", "Ukraine", "GPE", None),
    "Ucraina": ("gpe:ua", "Ukraine", "GPE", None),
    "Paesi occidentali": ("gpe:west", "West", "GPE", None),
    "Dipartimento di Stato": ("org:dos", "U.S. Department of State", "ORG", None),
    "Ginevra": ("gpe:geneva", "Geneva", "GPE", None),
}


def make_doc(text: str, published: str = "2022-01-20") -> Document:
    """A document whose mentions are every occurrence of the ACTORS surface forms."""
    return fixture_doc(text, ACTORS, published)


def found(text: str) -> list[tuple[str, str, str]]:
    """(speaker, kind, text) of every quote the stage finds."""
    return found_in(text, ACTORS)


# --- direct quotations ------------------------------------------------------------------------

def test_direct_quote_before_the_reporting_clause():
    out = found("«Non accetteremo alcun ultimatum», ha detto Marco Bellini ai giornalisti.")
    assert out == [("Marco Bellini", "direct", "Non accetteremo alcun ultimatum")]


def test_colon_introduced_multi_sentence_quote():
    text = 'Ivan Petrov ha dichiarato: "Il dialogo resta aperto. Aspettiamo una risposta scritta".'
    assert found(text) == [("Ivan Petrov", "direct", "Il dialogo resta aperto. Aspettiamo una risposta scritta")]


def test_quote_split_around_the_reporting_clause_keeps_one_speaker():
    text = "«La porta è aperta», ha affermato Bellini, «ma servono garanzie concrete»."
    out = found(text)
    assert ("Marco Bellini", "direct", "La porta è aperta") in out
    assert ("Marco Bellini", "direct", "ma servono garanzie concrete") in out


def test_mixed_marks_and_closing_mark_typeset_as_opening_one():
    text = "«Serve calma e pazienza“, ha detto Anna Ferri."
    assert found(text) == [("Anna Ferri", "direct", "Serve calma e pazienza")]


def test_pro_drop_after_a_quote_takes_the_previous_speaker():
    text = ("Anna Ferri ha detto che il vertice si terrà a Ginevra. "
            "«Nessuno vuole una nuova crisi», ha aggiunto.")
    out = found(text)
    assert ("Anna Ferri", "direct", "Nessuno vuole una nuova crisi") in out


# --- indirect quotations ----------------------------------------------------------------------

def test_indirect_quote_is_the_complement_clause():
    text = "Il ministro Marco Bellini ha affermato che l'Italia sostiene il dialogo con Mosca."
    assert found(text) == [("Marco Bellini", "indirect", "l'Italia sostiene il dialogo con Mosca")]


def test_coordinated_second_report_is_a_second_quote_of_the_same_speaker():
    text = ("Petrov ha affermato che Mosca vuole un accordo, ma ha osservato che "
            "servono garanzie scritte.")
    out = found(text)
    assert ("Ivan Petrov", "indirect", "Mosca vuole un accordo") in out
    assert ("Ivan Petrov", "indirect", "servono garanzie scritte") in out


def test_mixed_quote_is_one_indirect_quote_with_the_fragment_inside():
    text = "Bellini ha detto che la Russia deve «ridurre subito la tensione» al confine."
    assert found(text) == [
        ("Marco Bellini", "indirect", "la Russia deve «ridurre subito la tensione» al confine")]


def test_pro_drop_subject_comes_from_the_previous_sentence():
    text = "Ivan Petrov ha incontrato i giornalisti a Ginevra. Ha poi sottolineato che la Russia non minaccia nessuno."
    assert found(text) == [("Ivan Petrov", "indirect", "la Russia non minaccia nessuno")]


def test_inverted_indirect_quote_without_marks():
    text = "Le relazioni con Mosca restano difficili ma non interrotte, ha detto Anna Ferri."
    assert found(text) == [("Anna Ferri", "indirect", "Le relazioni con Mosca restano difficili ma non interrotte")]


def test_inverted_statement_starts_where_its_quotation_opened():
    # a full stop inside the marks splits the sentence; the words after the closing mark make the
    # statement indirect, and it starts at the opening mark, not at the second quoted sentence
    text = ("Il vertice si è chiuso ieri sera a Bruxelles. «Domenica andremo avanti perché dobbiamo chiudere. "
            "Rinviare non serve a nessuno» in Europa, ricorda Marco Bellini.")
    assert found(text) == [("Marco Bellini", "indirect",
                            "«Domenica andremo avanti perché dobbiamo chiudere. Rinviare non serve a nessuno» in Europa")]


@pytest.mark.parametrize("attribution", [
    ". Lo ha detto Marco Bellini.",
    ", come ha spiegato Marco Bellini.",
    ", secondo Marco Bellini.",
])
def test_statement_through_a_split_quotation_starts_at_its_opening_mark(attribution):
    text = ("Il vertice si è chiuso ieri sera a Bruxelles. «Abbiamo lavorato per mesi. Il negoziato è chiuso» "
            "per la Russia" + attribution)
    assert found(text) == [("Marco Bellini", "indirect",
                            "«Abbiamo lavorato per mesi. Il negoziato è chiuso» per la Russia")]


@pytest.mark.parametrize("furniture", ["\n- ", " ROMA, 12 marzo - "])
def test_a_statement_after_the_first_sentence_leaves_its_bullet_or_dateline_out(furniture):
    text = ("Il vertice si è chiuso ieri sera a Bruxelles." + furniture
            + "L'accordo è ormai vicino, ha detto Marco Bellini.")
    assert found(text) == [("Marco Bellini", "indirect", "L'accordo è ormai vicino")]


def test_resumptive_clitic_takes_the_previous_sentence():
    text = ("L'Italia resta pronta a mediare tra le parti in conflitto. "
            "Lo ha detto il ministro degli Esteri Marco Bellini.")
    assert found(text) == [("Marco Bellini", "indirect", "L'Italia resta pronta a mediare tra le parti in conflitto")]


def test_resumptive_clitic_in_the_first_sentence_refers_to_the_headline_and_is_skipped():
    assert found("Lo ha affermato il Dipartimento di Stato dopo una lunga riunione.") == []


def test_secondo_attribution():
    text = "Secondo Anna Ferri, il vertice di Ginevra è stato un passo avanti."
    assert found(text) == [("Anna Ferri", "indirect", "il vertice di Ginevra è stato un passo avanti")]


def test_directive_report_keeps_the_request():
    text = "Petrov ha chiesto alla Nato di ritirare le truppe dai confini russi."
    assert found(text) == [("Ivan Petrov", "indirect", "di ritirare le truppe dai confini russi")]


def test_nested_report_is_annotated_at_both_levels():
    text = "Petrov ha affermato che Bellini si è detto favorevole a un «dialogo costruttivo»."
    out = found(text)
    assert ("Ivan Petrov", "indirect", "Bellini si è detto favorevole a un «dialogo costruttivo»") in out
    assert ("Marco Bellini", "indirect", "favorevole a un «dialogo costruttivo»") in out


# --- speakers without a name ------------------------------------------------------------------

def test_communique_is_attributed_to_the_body_that_issued_it():
    text = ("Il Dipartimento di Stato ha diffuso una nota dopo la telefonata. "
            '"Le due parti hanno concordato di restare in contatto", si legge nel comunicato.')
    assert found(text) == [("U.S. Department of State", "direct",
                            "Le due parti hanno concordato di restare in contatto")]


def test_passive_statement_in_a_readout_goes_to_the_principal():
    text = ("Ivan Petrov ha avuto un lungo colloquio telefonico con Marco Bellini. "
            "È stato sottolineato che la sicurezza europea è indivisibile.")
    assert found(text) == [("Ivan Petrov", "indirect", "la sicurezza europea è indivisibile")]


@pytest.mark.parametrize("subject, speaker", [
    ("La parte russa ha ribadito", "Russia"),
    ("I media statunitensi hanno riferito", "U.S. media"),
    ("Funzionari hanno affermato", "unnamed officials"),
    ("I funzionari della Nato hanno sottolineato", "NATO"),
])
def test_collective_and_unnamed_speakers(subject, speaker):
    out = found(f"{subject} che i colloqui proseguiranno la prossima settimana.")
    assert out == [(speaker, "indirect", "i colloqui proseguiranno la prossima settimana")]


def test_compound_speaker_gives_one_entry_per_speaker():
    text = "Kiev e i Paesi occidentali hanno espresso preoccupazione per le manovre russe."
    speakers = sorted(s for s, _, _ in found(text))
    assert speakers == ["Ukraine", "West"]


def test_role_description_resolves_to_the_person_given_that_role():
    text = ("Il ministro degli Esteri russo Ivan Petrov è arrivato a Ginevra. "
            "Il capo della diplomazia russa ha affermato che il dialogo è utile.")
    assert found(text) == [("Ivan Petrov", "indirect", "il dialogo è utile")]


# --- not quotations ---------------------------------------------------------------------------

def test_scare_quotes_without_a_speaker_are_not_quotes():
    assert found('Le relazioni sono al "minimo storico" secondo gli osservatori di lungo corso.') == []


def test_nouns_that_look_like_verbs_are_not_cues():
    assert found("La minaccia di sanzioni resta sul tavolo e una risposta scritta arriverà presto.") == []


# --- the stage contract -----------------------------------------------------------------------

def test_quote_spans_point_into_the_text_and_name_the_stage():
    text = "«Siamo pronti a trattare», ha detto Petrov. Bellini ha risposto che l'Italia farà la sua parte."
    doc = quotes.annotate(make_doc(text))
    assert len(doc.quotes) == 2
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text
        assert text[q.cue_start:q.cue_end] == q.cue
        assert q.stage == quotes.STAGE
        assert 0.0 < q.confidence <= 1.0
        assert q.speaker_id is not None


def test_article_without_sentence_spans_is_split_by_the_stage():
    assert quotes.split_sentences("Primo periodo. Secondo periodo!\nTerzo") == [(0, 14), (15, 31), (32, 37)]


def test_quote_marks_pairing_handles_unclosed_and_lost_marks():
    text = "Disse: «aperta e chiusa» e poi “lasciata aperta fino in fondo\nsenza apertura fino qui”, ha detto."
    spans = [(text[q.inner_start:q.inner_end], q.closed, q.opened) for q in pair_quotes(text)]
    assert ("aperta e chiusa", True, True) in spans
    assert ("lasciata aperta fino in fondo", False, True) in spans
    assert ("senza apertura fino qui", True, False) in spans


def test_cue_set_off_by_dashes_inside_a_quote():
    text = "«La prudenza – ha spiegato Anna Ferri – resta la nostra linea per tutto l'inverno»."
    assert found(text) == [("Anna Ferri", "direct",
                            "La prudenza – ha spiegato Anna Ferri – resta la nostra linea per tutto l'inverno")]


def test_colon_after_a_named_subject_without_a_verb_of_saying():
    text = "Bellini è stato molto netto: «Non ci sarà alcuna escalation da parte nostra»."
    assert found(text) == [("Marco Bellini", "direct", "Non ci sarà alcuna escalation da parte nostra")]


def test_two_coordinated_complement_clauses_are_two_statements():
    text = "Petrov ha affermato che Mosca non attaccherà, e che le truppe torneranno nelle caserme."
    out = found(text)
    assert ("Ivan Petrov", "indirect", "Mosca non attaccherà") in out
    assert ("Ivan Petrov", "indirect", "le truppe torneranno nelle caserme") in out


def test_source_reporting_a_statement_gets_the_same_text():
    text = "Bellini ha ribadito che il dialogo resta possibile, così ha riferito il Dipartimento di Stato."
    out = found(text)
    assert ("Marco Bellini", "indirect", "il dialogo resta possibile") in out
    assert ("U.S. Department of State", "indirect", "il dialogo resta possibile") in out


def test_prepositional_phrase_before_an_inverted_cue_is_not_a_subject():
    text = "I negoziati riprenderanno la prossima settimana a Ginevra, ha spiegato Anna Ferri."
    assert found(text) == [("Anna Ferri", "indirect", "I negoziati riprenderanno la prossima settimana a Ginevra")]
