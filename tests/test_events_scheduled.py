"""Talks announced without their parties ("i colloqui si svolgeranno a Ginevra il 9 gennaio"):
the parties come from a joint body, the body hosting them ("in seno all'Osce"), or the article's
bilateral pair; a re-mention with no date of its own adds nothing."""

from __future__ import annotations

import re

from cronaca.nlp import events, times
from cronaca.types import Article, Document, Mention

# surface form -> (label, actor id, canonical name), as the entity stage links them
ACTORS = {
    "Ginevra": ("GPE", "gpe:geneva", "Geneva"), "Vienna": ("GPE", "gpe:vienna", "Vienna"), "Bruxelles": ("GPE", "gpe:brussels", "Brussels"),
    "Russia": ("GPE", "gpe:ru", "Russia"), "Stati Uniti": ("GPE", "gpe:us", "United States"),
    "Osce": ("ORG", "org:osce", "OSCE"), "Consiglio Russia-Nato": ("ORG", "org:nrc", "NATO-Russia Council"),
    "Vladimir Putin": ("PER", "per:vladimir-putin", "Vladimir Putin"),
    "Joe Biden": ("PER", "per:joe-biden", "Joe Biden"),
}
_RX = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, ACTORS), key=len, reverse=True)) + r")(?!\w)")

OPENING = ("Vladimir Putin ha avuto un colloquio telefonico con il presidente degli Stati Uniti, Joe Biden. "
           "La Russia chiede garanzie. ")


def annotated(text: str) -> Document:
    mentions = tuple(Mention(m.start(), m.end(), m.group(), ACTORS[m.group()][0], ACTORS[m.group()][1],
                             ACTORS[m.group()][2]) for m in _RX.finditer(text))
    art = Article(id="t", origin="test", raw_hash="h", format="text", text=text,
                  published="2022-01-03", published_precision="day")
    return events.annotate(times.annotate(Document(art, mentions=mentions)))


def found(text: str) -> set[tuple]:
    return {(e.type, frozenset({e.source, e.target}), e.date) for e in annotated(text).events}


def test_scheduled_talks_are_held_by_the_two_sides_states():
    got = found(OPENING + "Si è deciso che i colloqui si terranno a Ginevra il 20 gennaio.")
    assert ("CONSULT", frozenset({"Russia", "United States"}), "2022-01-20") in got


def test_talks_within_a_joint_body_are_between_its_members():
    got = found(OPENING + "I negoziati si apriranno a Ginevra il 20 gennaio, quindi proseguiranno in seno "
                "al Consiglio Russia-Nato a Bruxelles il 24 gennaio.")
    assert ("CONSULT", frozenset({"Russia", "NATO"}), "2022-01-24") in got
    assert ("CONSULT", frozenset({"Russia", "United States"}), "2022-01-20") in got


def test_talks_in_seno_a_body_pair_it_with_the_main_side():
    got = found(OPENING + "Il 25 gennaio cominceranno le discussioni in seno all'Osce.")
    assert ("CONSULT", frozenset({"Russia", "OSCE"}), "2022-01-25") in got


def test_a_dateless_remention_adds_no_meeting():
    got = found(OPENING + "I colloqui si terranno in forma ristretta.")
    assert not any(t == "CONSULT" and "United States" in pair and "Russia" in pair for t, pair, _ in got)


def test_a_new_round_of_talks_followed_by_a_joint_body_meeting_is_two_meetings():
    got = found("Il 10 gennaio, Russia e Stati Uniti hanno avviato a Ginevra una serie di colloqui, "
                "seguita da una riunione del Consiglio Russia-Nato a Bruxelles.")
    pairs = {pair for t, pair, _ in got if t == "CONSULT"}
    assert frozenset({"Russia", "United States"}) in pairs
    assert frozenset({"Russia", "NATO"}) in pairs


def test_consultations_at_a_body_seat_are_the_main_side_with_the_body():
    got = found(OPENING + "Il 10 gennaio la Russia ha tenuto colloqui con gli Stati Uniti a Ginevra, "
                "seguiti da consultazioni presso la sede di Vienna dell'Osce.")
    assert any(t == "CONSULT" and pair == frozenset({"Russia", "OSCE"}) for t, pair, _ in got)


def test_a_body_seat_without_an_earlier_meeting_adds_nothing():
    got = found("Sono previste consultazioni presso la sede dell'Osce.")
    assert not any(t == "CONSULT" for t, _, _ in got)


def test_a_city_after_sede_di_is_the_place_of_the_talks():
    doc = annotated(OPENING + "La Russia ha avuto consultazioni presso la sede di Vienna dell'Osce il 13 gennaio.")
    osce = [e for e in doc.events if {e.source, e.target} == {"Russia", "OSCE"}]
    assert [e.place for e in osce] == ["Vienna"]
