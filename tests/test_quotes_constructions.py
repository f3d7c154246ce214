"""Quotations read through the shared clause analysis and the wider set of Italian reporting
constructions: inverted and parenthetical cues, noun-phrase objects, resumptive attributions
("Così X", "È quanto ha detto X"), "per X" / "secondo X" without a comma, relayed statements,
interviews. Short hand-written texts with hand-made mentions, one rule per test."""

from __future__ import annotations

import re

import pytest

from cronaca.nlp import quotes
from cronaca.nlp.reporting import load_lexicon
from cronaca.types import Article, Document, Mention

# surface form -> (actor id, canonical name, label, role stated next to it)
ACTORS = {
    "Carla Neri": ("per:neri", "Carla Neri", "PER", "ministra degli Esteri"),
    "Neri": ("per:neri", "Carla Neri", "PER", None),
    "Paolo Ricci": ("per:ricci", "Paolo Ricci", "PER", "portavoce"),
    "Ricci": ("per:ricci", "Paolo Ricci", "PER", None),
    "Olga Ivanova": ("per:ivanova", "Olga Ivanova", "PER", "ambasciatrice"),
    "Ivanova": ("per:ivanova", "Olga Ivanova", "PER", None),
    "Tomas Berg": ("per:berg", "Tomas Berg", "PER", None),
    "Berg": ("per:berg", "Tomas Berg", "PER", None),
    "Nato": ("org:nato", "NATO", "ORG", None),
    "Tass": ("org:tass", "TASS", "ORG", None),
    "Onu": ("org:un", "United Nations", "ORG", None),
    "Russia": ("gpe:ru", "Russia", "GPE", None),
    "Mosca": ("gpe:ru", "Russia", "GPE", None),
    "Ucraina": ("gpe:ua", "Ukraine", "GPE", None),
    "Italia": ("gpe:it", "Italy", "GPE", None),
    "Vienna": ("gpe:vienna", "Vienna", "GPE", None),
}


def make_doc(text: str) -> Document:
    mentions: list[Mention] = []
    for surface in sorted(ACTORS, key=len, reverse=True):
        aid, name, label, role = ACTORS[surface]
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if any(x.start < m.end() and m.start() < x.end for x in mentions):
                continue
            mentions.append(Mention(m.start(), m.end(), surface, label, aid, name, role))
    mentions.sort(key=lambda m: m.start)
    art = Article(id="c", origin="test", raw_hash="", format="text", text=text, published="2023-05-10")
    return Document(art, mentions=tuple(mentions))


def found(text: str) -> list[tuple[str, str, str]]:
    return [(q.speaker, q.kind, q.text) for q in quotes.annotate(make_doc(text)).quotes]


# --- the lexicon: forms generated from lemmas -------------------------------------------------

@pytest.mark.parametrize("form,lemma", [
    ("ribadisce", "ribadire"),        # -ire with -isc-
    ("annuncerà", "annunciare"),      # -ciare future drops the i
    ("giudicherà", "giudicare"),      # -care future keeps the hard c
    ("si augura", "augurarsi"),       # reflexive
    ("definendola", "definire"),      # gerund with an enclitic
    ("fanno sapere", "far sapere"),   # multiword lemma conjugates its first word
    ("sostengono", "sostenere"),      # irregular present from the data
])
def test_reporting_forms_are_generated_from_the_lemma(form, lemma):
    assert load_lexicon("it").form_info[form][0] == lemma


def test_infinitive_after_a_modal_is_a_cue():
    out = found("Carla Neri ha voluto sottolineare che l'Italia resta al fianco dei suoi alleati.")
    assert out == [("Carla Neri", "indirect", "l'Italia resta al fianco dei suoi alleati")]


# --- the speaker from the clause analysis -----------------------------------------------------

def test_gerund_takes_the_subject_of_the_main_clause_not_of_the_relative_before_it():
    text = ("Neri, che ieri aveva detto che i colloqui erano finiti, ha scritto alla Nato "
            "spiegando che il governo valuterà ogni proposta.")
    assert ("Carla Neri", "indirect", "il governo valuterà ogni proposta") in found(text)


def test_coordinated_verb_after_a_verb_with_an_object_keeps_the_pro_drop_subject():
    text = ("L'ambasciatrice russa a Roma, Olga Ivanova, ha incontrato i giornalisti. "
            "Poi ringrazia l'Italia e avverte: «Nessuno vuole una guerra lunga».")
    assert ("Olga Ivanova", "direct", "Nessuno vuole una guerra lunga") in found(text)


def test_both_as_subject_speaks_for_the_pair_named_before():
    text = ("Carla Neri e Tomas Berg si sono visti a Vienna. "
            "«Il dialogo continua», hanno spiegato entrambi.")
    out = found(text)
    assert ("Carla Neri", "direct", "Il dialogo continua") in out
    assert ("Tomas Berg", "direct", "Il dialogo continua") in out


def test_correlative_sia_che_is_one_compound_subject():
    out = found("Sia Neri che Berg hanno sottolineato che la tregua deve reggere.")
    assert ("Carla Neri", "indirect", "la tregua deve reggere") in out
    assert ("Tomas Berg", "indirect", "la tregua deve reggere") in out


# --- noun-phrase objects ----------------------------------------------------------------------

def test_noun_phrase_object_of_a_verb_of_stance_is_the_statement():
    out = found("Paolo Ricci ha ribadito il pieno sostegno del governo alla missione.")
    assert out == [("Paolo Ricci", "indirect", "il pieno sostegno del governo alla missione")]


@pytest.mark.parametrize("text", [
    "Paolo Ricci ha smentito Berg.",                         # a bare actor is no statement
    "Paolo Ricci ha promesso per la prossima settimana.",     # a circumstance, not an object
    "Paolo Ricci non ha escluso nuove sanzioni contro Mosca.",  # denied
    "Paolo Ricci ha annunciato le dimissioni.",               # a two-word noun phrase
])
def test_no_statement_without_a_stated_object(text):
    assert found(text) == []


def test_accusing_someone_of_something_is_a_statement():
    out = found("Carla Neri ha accusato la Russia di violare la tregua nel sud.")
    assert out == [("Carla Neri", "indirect", "la Russia di violare la tregua nel sud")]


def test_speaking_of_something_needs_a_quotation_in_its_phrase():
    assert found("Berg ha parlato di commercio e di energia.") == []
    out = found("Berg ha parlato di «passi avanti concreti» nei negoziati.")
    assert out == [("Tomas Berg", "indirect", "«passi avanti concreti» nei negoziati")]


# --- inverted, dashed and parenthetical cues --------------------------------------------------

def test_cue_between_dashes_attributes_the_whole_quotation():
    out = found("«Questa intesa – ha detto Carla Neri – apre una fase nuova per tutti».")
    assert out == [("Carla Neri", "direct", "Questa intesa – ha detto Carla Neri – apre una fase nuova per tutti")]


def test_two_quotations_around_a_dashed_cue_share_the_speaker():
    text = "Il vertice è finito. “Parleremo presto” – ha aggiunto Berg – “con tutti i partner”."
    out = found(text)
    assert ("Tomas Berg", "direct", "Parleremo presto") in out
    assert ("Tomas Berg", "direct", "con tutti i partner") in out


def test_parenthetical_cue_reports_the_whole_sentence():
    out = found("L'Italia, ha aggiunto Carla Neri, resterà un partner affidabile.")
    assert out == [("Carla Neri", "indirect", "L'Italia, ha aggiunto Carla Neri, resterà un partner affidabile")]


def test_quotation_after_a_colon_before_an_inverted_cue_is_direct():
    text = "Berg dopo il voto ha attaccato l'opposizione: «Hanno perso ovunque», ha affermato."
    assert ("Tomas Berg", "direct", "Hanno perso ovunque") in found(text)


# --- attributions that point back -------------------------------------------------------------

def test_cosi_attributes_the_quotation_before_it():
    text = "«Oggi è un giorno importante per la pace». Così la ministra Carla Neri al termine dell'incontro."
    assert found(text) == [("Carla Neri", "direct", "Oggi è un giorno importante per la pace")]


def test_cosi_before_a_clause_is_an_adverb():
    assert found("«Oggi è un giorno importante». Così il governo ha deciso di rinviare il voto.") == []


def test_e_quanto_ha_detto_attributes_the_sentence_before_it():
    text = "Il cessate il fuoco resta fragile. È quanto ha detto il portavoce Paolo Ricci."
    assert found(text) == [("Paolo Ricci", "indirect", "Il cessate il fuoco resta fragile")]


def test_lo_ha_detto_after_a_quotation_over_several_sentences():
    text = "«Il piano è pronto. Lo presenteremo lunedì». Lo ha detto Tomas Berg."
    assert found(text) == [("Tomas Berg", "direct", "Il piano è pronto. Lo presenteremo lunedì")]


# --- sources without a verb -------------------------------------------------------------------

def test_secondo_without_a_comma_ends_the_source_at_its_noun_phrase():
    out = found("Secondo l'Onu la situazione nel nord resta drammatica.")
    assert out == [("United Nations", "indirect", "la situazione nel nord resta drammatica")]


def test_secondo_quanto_riferisce_names_the_source():
    out = found("Secondo quanto riferisce la Tass, i colloqui riprenderanno a Vienna.")
    assert out == [("TASS", "indirect", "i colloqui riprenderanno a Vienna")]


def test_per_a_person_opening_a_sentence_is_their_view():
    out = found("Per Carla Neri la tregua «è l'unica strada possibile».")
    assert out == [("Carla Neri", "indirect", "la tregua «è l'unica strada possibile»")]


@pytest.mark.parametrize("text", [
    "Per giustificare il rinvio, il governo ha citato ragioni tecniche.",
    "Per la Russia, la perdita del porto sarebbe un colpo duro.",
])
def test_per_of_purpose_or_without_a_quotation_is_no_source(text):
    assert found(text) == []


def test_a_medium_that_relays_a_statement_speaks_it_too():
    out = found("I colloqui non sono in agenda. Lo ha dichiarato Olga Ivanova, citata dalla Tass.")
    assert ("Olga Ivanova", "indirect", "I colloqui non sono in agenda") in out
    assert ("TASS", "indirect", "I colloqui non sono in agenda") in out


# --- interviews and glued text ----------------------------------------------------------------

def test_answers_in_an_interview_go_to_the_person_addressed():
    text = ("Abbiamo incontrato l'ambasciatrice Olga Ivanova a Roma.\n"
            "Ambasciatrice, come giudica i negoziati in corso?\n"
            "«Sono lenti ma necessari, e nessuno deve abbandonare il tavolo».")
    assert ("Olga Ivanova", "direct", "Sono lenti ma necessari, e nessuno deve abbandonare il tavolo") in found(text)


def test_content_stops_where_a_heading_is_glued_on():
    text = "Neri ha detto che i colloqui sono stati utili per tutti Un nuovo vertice a Vienna"
    assert found(text) == [("Carla Neri", "indirect", "i colloqui sono stati utili per tutti")]


def test_come_with_a_verb_of_saying_names_the_source_of_the_clause_after_its_comma():
    out = found("Come spiega la ministra Carla Neri, «lo scopo della missione è rafforzare il dialogo».")
    assert out == [("Carla Neri", "direct", "lo scopo della missione è rafforzare il dialogo")]


def test_come_closing_a_clause_names_the_source_of_that_clause():
    out = found("La crisi non è ancora finita, come ha sottolineato la ministra Carla Neri.")
    assert out == [("Carla Neri", "indirect", "La crisi non è ancora finita")]


@pytest.mark.parametrize("text", [
    "Nelle ultime ore - fa sapere la Nato - i ribelli hanno lanciato due missili contro una nave.",
    "Nelle ultime ore - come fa notare la Nato - i ribelli hanno lanciato due missili contro una nave.",
])
def test_report_set_off_by_dashes_states_the_whole_sentence(text):
    out = found(text)
    assert len(out) == 1 and out[0][0] == "NATO" and out[0][2].startswith("Nelle ultime ore")
    assert out[0][2].endswith("contro una nave")
