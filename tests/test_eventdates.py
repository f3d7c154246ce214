"""Dating events (stage ``cronaca.eventdates.rules.v1``) on small hand-written documents.

Each fixture is a short Italian text written for these tests; events are given by hand (type,
actors, evidence span, cue) as the event stage would produce them, so only the dating is tested.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from cronaca.nlp import eventdates
from cronaca.nlp.times import find_times
from cronaca.types import Article, Document, Event


def make_doc(text: str, published: str | None, events: list[tuple], title: str | None = None) -> Document:
    """A document whose events are (type, source, target, evidence substring, cue, date)."""
    art = Article(id="t", origin="test", raw_hash="h", format="text", text=text, title=title,
                  published=published)
    evs = []
    for etype, src, tgt, evidence, cue, old in events:
        start = text.index(evidence)
        evs.append(Event(etype, start, start + len(evidence), evidence, src.lower(), src,
                         tgt.lower() if tgt else None, tgt, old, None, cue=cue))
    return Document(art, times=find_times(text, published), events=tuple(evs))


def dates(doc: Document) -> dict[tuple, str | None]:
    return {(e.type, e.source, e.target): e.date for e in eventdates.annotate(doc).events}


# -- rule 1: an explicit time in the clause ----------------------------------------------------

def test_explicit_day_in_the_clause_wins_over_the_publication_date():
    text = ("Mosca, 30 dicembre 2021 - Il Cremlino ha ricordato il vertice.\n"
            "I due leader si erano parlati durante la videochiamata del 7 dicembre.")
    doc = make_doc(text, "2021-12-30", [
        ("CONSULT", "Vladimir Putin", "Joe Biden", "I due leader si erano parlati durante la videochiamata del 7 dicembre",
         "videochiamata", "2021-12-30")])
    assert dates(doc)[("CONSULT", "Vladimir Putin", "Joe Biden")] == "2021-12-07"


def test_a_multi_day_range_gives_the_month():
    text = "Le delegazioni si sono incontrate a Ginevra il 9-10 gennaio per discutere di missili."
    doc = make_doc(text, "2022-01-20", [
        ("CONSULT", "United States", "Russia", text[:-1], "incontrate", None)])
    out = eventdates.annotate(doc).events[0]
    assert (out.date, out.date_precision) == ("2022-01", "month")


def test_a_year_only_historical_mention_gives_the_year():
    text = "Il Consiglio, istituito nel 2002 per il dialogo tra l'Alleanza e Mosca, non si riunisce."
    doc = make_doc(text, "2021-11-03", [
        ("COOPERATE", "NATO", "Russia", "Il Consiglio, istituito nel 2002", "istituito", None)])
    out = eventdates.annotate(doc).events[0]
    assert (out.date, out.date_precision) == ("2002", "year")


def test_a_since_bound_dates_a_historical_act_to_its_year():
    text = "Le relazioni sono ferme dall'aprile 2014 e dall'invasione russa del Donbass."
    doc = make_doc(text, "2021-11-03", [
        ("ASSAULT", "Russia", "Ukraine", "dall'invasione russa del Donbass", "invasione", "2014-04")])
    assert dates(doc)[("ASSAULT", "Russia", "Ukraine")] == "2014"


# -- rule 2: a known event ------------------------------------------------------------------------

UNDATED = ("BRUXELLES - Il segretario dell'Alleanza ha detto mercoledì che restano distanze con Mosca "
           "dopo quattro ore di discussione.\n"
           "Era la prima riunione del Consiglio NATO-Russia da oltre due anni.\n"
           "Gli alleati hanno invitato la Russia a ritirare i soldati dal confine.\n"
           "Lunedì a Ginevra si erano già visti i negoziatori russi e americani.")


def undated_doc() -> Document:
    return make_doc(UNDATED, None, [
        ("CONSULT", "NATO", "Russia", "Era la prima riunione del Consiglio NATO-Russia", "riunione", None),
        ("DEMAND", "NATO", "Russia", "Gli alleati hanno invitato la Russia", "invitato", None),
        ("CONSULT", "United States", "Russia", "Lunedì a Ginevra si erano già visti", "visti", None),
    ])


def test_an_undated_article_is_anchored_on_the_known_meeting_it_reports():
    got = dates(undated_doc())
    assert got[("CONSULT", "NATO", "Russia")] == "2022-01-12"
    assert got[("DEMAND", "NATO", "Russia")] == "2022-01-12"  # said at the meeting
    assert got[("CONSULT", "United States", "Russia")] == "2022-01-10"  # "lunedì" before it


def test_the_stage_never_touches_type_or_actors():
    doc = undated_doc()
    before = [(e.type, e.source, e.target, e.start, e.end) for e in doc.events]
    after = [(e.type, e.source, e.target, e.start, e.end) for e in eventdates.annotate(doc).events]
    assert before == after


def test_ieri_beside_the_anchor_means_the_article_was_written_the_day_after():
    text = ("Ieri a Parigi i consiglieri del formato Normandia si sono riuniti per otto ore.\n\n"
            "Il Cremlino ha definito il colloquio utile.")
    doc = make_doc(text, None, [
        ("CONSULT", "Dmitry Kozak", "Normandy Format", "Ieri a Parigi i consiglieri del formato Normandia si sono riuniti",
         "riuniti", None),
        ("DISAPPROVE", "Kremlin", None, "Il Cremlino ha definito il colloquio utile", "definito", None),
    ], title="Formato Normandia, otto ore di colloqui a Parigi")
    got = dates(doc)
    assert got[("CONSULT", "Dmitry Kozak", "Normandy Format")] == "2022-01-26"
    assert got[("DISAPPROVE", "Kremlin", None)] == "2022-01-27"


def test_a_known_meeting_named_at_the_cue_beats_the_date_of_another_meeting_in_the_sentence():
    text = ("Il 10 gennaio si sono tenuti a Ginevra colloqui tra americani e russi, poi una "
            "riunione del Consiglio NATO-Russia a Bruxelles.")
    doc = make_doc(text, "2022-01-21", [
        ("CONSULT", "NATO", "Russia", text, "riunione", "2022-01-10")])
    assert dates(doc)[("CONSULT", "NATO", "Russia")] == "2022-01-12"


def test_a_known_event_outside_the_window_is_not_used():
    text = "I leader hanno tenuto una videoconferenza sulla sicurezza europea."
    doc = make_doc(text, "2024-05-02", [
        ("CONSULT", "Joe Biden", "Vladimir Putin", text[:-1], "videoconferenza", None)])
    assert dates(doc)[("CONSULT", "Joe Biden", "Vladimir Putin")] == "2024-05-02"


# -- rules 3-5: speech acts, states, nothing ------------------------------------------------------

def test_a_speech_act_reported_in_the_past_takes_the_publication_day():
    text = "Il ministro ha accusato la Russia di destabilizzare la regione."
    doc = make_doc(text, "2022-02-14", [("DISAPPROVE", "Dmytro Kuleba", "Russia", text[:-1], "accusato", None)])
    assert dates(doc)[("DISAPPROVE", "Dmytro Kuleba", "Russia")] == "2022-02-14"


def test_a_troop_build_up_takes_the_publication_month():
    text = "Oltre centomila soldati russi sono ammassati vicino al confine ucraino."
    doc = make_doc(text, "2022-02-14", [("MOBILIZE", "Russia", "Ukraine", text[:-1], "ammassati", None)])
    out = eventdates.annotate(doc).events[0]
    assert (out.date, out.date_precision) == ("2022-02", "month")


def test_an_act_placed_vaguely_in_the_past_gets_no_date():
    text = "I governi occidentali hanno recentemente criticato le manovre di Mosca."
    doc = make_doc(text, "2022-02-14", [("DISAPPROVE", "West", "Russia", text[:-1], "criticato", None)])
    assert dates(doc)[("DISAPPROVE", "West", "Russia")] is None


def test_without_any_reference_date_nothing_is_guessed():
    text = "Il portavoce ha respinto le accuse di aggressione."
    doc = make_doc(text, None, [("REJECT", "Dmitry Peskov", None, text[:-1], "respinto", None)])
    assert dates(doc)[("REJECT", "Dmitry Peskov", None)] is None


def test_events_that_become_identical_are_merged():
    text = ("Il 12 gennaio la NATO ha esortato Mosca a ridurre la tensione.\n"
            "Ha anche esortato il Cremlino a ritirare le truppe.")
    doc = make_doc(text, "2022-01-12", [
        ("DEMAND", "NATO", "Russia", "Il 12 gennaio la NATO ha esortato Mosca", "esortato", "2022-01-12"),
        ("DEMAND", "NATO", "Russia", "Ha anche esortato il Cremlino", "esortato", "2022-01")])
    assert len(eventdates.annotate(doc).events) == 1


# -- the gazetteer and the cost -------------------------------------------------------------------

def test_the_gazetteer_is_well_formed():
    rows = [json.loads(line) for line in resources.files("cronaca.resources").joinpath(
        "events/known.it.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 50
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["participants"] and r["names"], r["id"]
        assert r["precision"] in ("day", "month", "year"), r["id"]
        n = {"day": 10, "month": 7, "year": 4}[r["precision"]]
        assert len(r["date"]) == n, r["id"]
        if r["precision"] == "day":
            date.fromisoformat(r["date"])
    assert eventdates.gazetteer("it").events


# -- issue 3: carried days, named cues, month-dated known events --------------------------------

def _with_mentions(doc: Document, names: dict[str, str]) -> Document:
    from dataclasses import replace as _replace
    from cronaca.types import Mention
    text = doc.article.text
    ments = []
    for surface, canon in names.items():
        i = text.find(surface)
        while i >= 0:
            ments.append(Mention(i, i + len(surface), surface, "PER", "id:" + canon, canon))
            i = text.find(surface, i + 1)
    return _replace(doc, mentions=tuple(sorted(ments, key=lambda m: m.start)))


def test_a_day_carries_to_the_same_actor_but_not_to_another_speaker():
    text = ("Ieri Marco Rossi ha parlato alla radio della crisi. Rossi ha poi criticato la Russia. "
            "Il ministro Ivan Petrov ha inoltre contestato la Nato.")
    doc = _with_mentions(make_doc(text, "2022-02-10", [
        ("DISAPPROVE", "Marco Rossi", "Russia", "Rossi ha poi criticato la Russia", "criticato", None),
        ("DISAPPROVE", "Ivan Petrov", "NATO", "Il ministro Ivan Petrov ha inoltre contestato la Nato",
         "contestato", None)]), {"Marco Rossi": "Marco Rossi", "Rossi": "Marco Rossi", "Ivan Petrov": "Ivan Petrov"})
    got = dates(doc)
    assert got[("DISAPPROVE", "Marco Rossi", "Russia")] == "2022-02-09"
    assert got[("DISAPPROVE", "Ivan Petrov", "NATO")] == "2022-02-10"


def test_a_cue_that_names_a_month_dated_known_event_takes_its_month():
    text = "Il ministro ha parlato oggi con il collega dopo le proposte di sicurezza russe agli Stati Uniti."
    doc = make_doc(text, "2022-02-01", [
        ("DEMAND", "Russia", "United States", text[:-1], "proposte", None)])
    assert dates(doc)[("DEMAND", "Russia", "United States")] == "2021-12"


def test_statements_after_an_undated_recent_past_are_background_without_a_day():
    text = ("Le cancellerie europee hanno recentemente espresso timori per le esercitazioni. "
            "Il portavoce ha affermato che la Russia non minaccia nessuno.\n\n"
            "Oggi il ministro ha criticato la Nato.")
    doc = make_doc(text, "2022-02-01", [
        ("REJECT", "Ivan Petrov", None, "Il portavoce ha affermato che la Russia non minaccia nessuno",
         "minaccia", "2022-02-01"),
        ("DISAPPROVE", "Marco Rossi", "NATO", "Oggi il ministro ha criticato la Nato", "criticato", None)])
    got = dates(doc)
    assert got[("REJECT", "Ivan Petrov", None)] is None
    assert got[("DISAPPROVE", "Marco Rossi", "NATO")] == "2022-02-01"


def test_a_troop_build_up_beside_another_verbs_today_takes_the_month():
    text = "Il governo varerà oggi misure contro il nuovo dispiegamento di truppe russe lungo la frontiera."
    doc = make_doc(text, "2022-02-22", [("MOBILIZE", "Russia", "Ukraine", text[:-1], "dispiegamento", "2022-02-22")])
    assert dates(doc)[("MOBILIZE", "Russia", "Ukraine")] == "2022-02"


# -- meetings in sequence: a day stated for one known meeting is not the next one's ----------

def test_a_meeting_that_followed_a_known_one_does_not_take_its_day():
    text = ("Il 10 gennaio Russia e Stati Uniti hanno tenuto colloqui a Ginevra, seguiti da "
            "consultazioni presso la sede di Vienna dell'OSCE.")
    doc = make_doc(text, "2022-01-21", [
        ("CONSULT", "Russia", "United States", text, "colloqui", None),
        ("CONSULT", "Russia", "OSCE", "consultazioni presso la sede di Vienna dell'OSCE.", "consultazioni", None)])
    got = dates(doc)
    assert got[("CONSULT", "Russia", "United States")] == "2022-01-10"
    assert got[("CONSULT", "Russia", "OSCE")] is None  # left for another report to date


def test_a_second_act_on_the_same_day_keeps_the_day_without_a_sequence_word():
    text = "Il 10 gennaio Russia e Stati Uniti hanno tenuto colloqui a Ginevra e consultazioni con l'OSCE."
    doc = make_doc(text, "2022-01-21", [
        ("CONSULT", "Russia", "OSCE", "consultazioni con l'OSCE.", "consultazioni", None)])
    assert dates(doc)[("CONSULT", "Russia", "OSCE")] == "2022-01-10"


def test_a_known_meeting_is_not_matched_through_one_shared_party_only():
    text = ("Il Consiglio NATO-Russia si è riunito a Bruxelles, mentre la Russia ha avuto "
            "consultazioni con l'OSCE.")
    doc = make_doc(text, "2022-01-18", [
        ("CONSULT", "NATO", "Russia", "Il Consiglio NATO-Russia si è riunito a Bruxelles,", "riunito", None),
        ("CONSULT", "Russia", "OSCE", "la Russia ha avuto consultazioni con l'OSCE.", "consultazioni", None)])
    got = dates(doc)
    assert got[("CONSULT", "NATO", "Russia")] == "2022-01-12"
    assert got[("CONSULT", "Russia", "OSCE")] != "2022-01-12"  # the OSCE took no part in the Council
