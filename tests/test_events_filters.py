"""Document-level event filters (cronaca.nlp.eventfilters) on hand-made events."""

from __future__ import annotations

from cronaca.nlp.eventfilters import format_meetings
from cronaca.types import Event, Quote

TEXT = ('"Abbiamo discusso a lungo", ha detto Ivan Petrov dopo i colloqui tra i consiglieri '
        'del formato Normandia (Francia, Germania, Russia, Ucraina).')
SIDES = {"Ivan Petrov": {"Russia"}}
FORMAT = ("Format",)


def _quote(speaker: str = "Ivan Petrov") -> Quote:
    return Quote(1, 24, TEXT[1:24], "direct", "id:" + speaker, speaker, "dire",
                 speaker_start=TEXT.index("Ivan"), speaker_end=TEXT.index("Ivan") + 10)


def _meeting(source: str, target: str | None) -> Event:
    return Event("CONSULT", 0, len(TEXT), TEXT, "id:" + source, source, "id:" + str(target), target,
                 "2022-01-26", "day")


def test_format_meeting_is_coded_with_the_reporting_envoy():
    out = format_meetings([_meeting("Normandy Format", "France")], [_quote()], SIDES, FORMAT)
    assert (out[0].source, out[0].target) == ("Ivan Petrov", "Normandy Format")


def test_format_meeting_with_a_named_person_is_left_alone():
    sides = {**SIDES, "Anna Bianchi": {"France"}}
    out = format_meetings([_meeting("Anna Bianchi", "Normandy Format")], [_quote()], sides, FORMAT)
    assert (out[0].source, out[0].target) == ("Anna Bianchi", "Normandy Format")


def test_meeting_without_a_format_or_a_person_speaker_is_unchanged():
    ev = _meeting("Russia", "Ukraine")
    assert format_meetings([ev], [_quote()], SIDES, FORMAT) == [ev]
    fmt = _meeting("Normandy Format", "France")
    assert format_meetings([fmt], [_quote("Kremlin")], SIDES, FORMAT) == [fmt]


def test_counterparts_listed_after_a_colon_are_the_parties():
    from cronaca.types import Mention
    text = ("Il 6 gennaio Ivan Petrov ha avuto colloqui con gli omologhi del formato Normandia: "
            "il consigliere Marco Rossi e la consigliera Anna Bianchi. Le parti hanno concordato nuovi contatti.")
    colon = text.index(":")
    ments = [Mention(text.index(n), text.index(n) + len(n), n, "PER", "id:" + n, n)
             for n in ("Ivan Petrov", "Marco Rossi", "Anna Bianchi")]
    persons = {"Ivan Petrov", "Marco Rossi", "Anna Bianchi"}
    talks = Event("CONSULT", 0, colon, text[:colon], "id:Ivan Petrov", "Ivan Petrov",
                  "id:nf", "Normandy Format", "2022-01-06", "day")
    agreed = Event("AGREE", text.index("Le parti"), len(text), "", "id:Ivan Petrov", "Ivan Petrov",
                   "id:nf", "Normandy Format", "2022-01-06", "day")
    out = format_meetings([talks, agreed], [], persons, FORMAT, ments, text)
    assert {(e.type, e.source, e.target) for e in out} == {
        ("CONSULT", "Ivan Petrov", "Marco Rossi"), ("CONSULT", "Ivan Petrov", "Anna Bianchi"),
        ("AGREE", "Ivan Petrov", "Marco Rossi"), ("AGREE", "Ivan Petrov", "Anna Bianchi")}
