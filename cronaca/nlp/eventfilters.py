"""Document-level clean-up of coded events (used by :mod:`cronaca.nlp.events`).

The cue cascade codes each clause on its own; some errors only show against the whole article:

* **Own side.** A person and the state the article says they serve are one side, not two
  parties: "il leader russo" after "il presidente russo Vladimir Putin" is Putin again, so a
  meeting "Putin – Russia" is no meeting, and a complaint "Truss → United Kingdom" has no target.
  Affiliation comes from the article itself: a demonym or a state named in a person's role
  ("il presidente turco", "ministro degli Esteri della Russia").
* **Format meetings.** A meeting "of the Normandy format" held by its envoys is coded with the
  format as one party; the other party is the named representative who reports on it (the
  speaker in that sentence, else the article's only quoted person), not a member state picked up
  from the list of participants ("i consiglieri di Francia, Germania, Russia e Ucraina").
* **Underspecified duplicates.** When the article codes (type, source, X), a second event
  (type, source, no target) is almost always the same act mentioned again without its object
  ("pronti a nuovi colloqui"): PLOVER's identity key would count it twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..types import Event, Mention, Quote

#: Types that need two distinct parties; with the second party gone the event is dropped.
MUTUAL = frozenset({"CONSULT", "AGREE"})
_WORD = re.compile(r"\w+")
_LAST_WORD = re.compile(r"(\w+)\s+$")


def affiliations(mentions: Iterable[Mention], demonyms: dict[str, str], text: str) -> dict[str, set[str]]:
    """Person name -> names of the states/bodies the article ties them to (role words, the
    demonym or body right before the name)."""
    mentions = sorted(mentions, key=lambda m: m.start)
    bodies = {m.text.lower(): m.actor_name for m in mentions if m.label in ("GPE", "ORG")}
    out: dict[str, set[str]] = {}
    for k, m in enumerate(mentions):
        if m.label != "PER":
            continue
        sides = out.setdefault(m.actor_name, set())
        words = _WORD.findall((m.role or "").lower())
        adjacent = _LAST_WORD.search(text[max(0, m.start - 30):m.start].lower())
        if adjacent:  # "il presidente russo Vladimir Putin"
            words.append(adjacent.group(1))
        sides.update(demonyms[w] for w in words if w in demonyms)
        sides.update(bodies[w] for w in words if w in bodies)  # "Alto rappresentante … dell'Ue"
        # "il ministro degli Esteri della Russia, Sergej Lavrov": a body/state mention ending
        # just before the person (only commas and spaces between).
        for prev in reversed(mentions[:k]):
            if prev.end <= m.start:
                if prev.label in ("GPE", "ORG") and not text[prev.end:m.start].strip(" ,–-("):
                    sides.add(prev.actor_name)
                break
    return out


def own_side(events: Iterable[Event], sides: dict[str, set[str]]) -> list[Event]:
    """Drop the target that is the source's own side (or the source that is the target's)."""
    out = []
    for e in events:
        same = e.source and e.target and (e.target in sides.get(e.source, ())
                                          or e.source in sides.get(e.target, ()))
        if not same:
            out.append(e)
        elif e.type not in MUTUAL:
            out.append(replace(e, target=None, target_id=None))
    return out


def speaker_for_side(events: Iterable[Event], quotes: Iterable[Quote],
                     sides: dict[str, set[str]]) -> list[Event]:
    """"L'Ue sostiene l'Ucraina. Lo ha ribadito Borrell": an act reported by a named person on
    behalf of their own side is coded with the person as source (PLOVER: a person if named)."""
    spans = [(q.start, q.end, q.speaker, q.speaker_id) for q in quotes if q.speaker in sides]
    out = []
    for e in events:
        for a, b, who, wid in spans:
            if a <= e.start < b and e.source in sides[who] and e.target != who:
                e = replace(e, source=who, source_id=wid)
                break
        out.append(e)
    return out


def subsume(events: Iterable[Event]) -> list[Event]:
    """Drop (type, source, None) when the same type and source has an event with a target, and
    exact repeats of an identity key (first evidence kept)."""
    events = list(events)
    targeted = {(e.type, e.source) for e in events if e.target and not (e.negated or e.hypothetical)}
    out, seen = [], set()
    for e in events:
        if e.target is None and not (e.negated or e.hypothetical) and (e.type, e.source) in targeted:
            continue
        key = (e.type, frozenset({e.source, e.target}), e.date, e.negated or e.hypothetical)
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def accuser(events: list[Event], sides: dict[str, set[str]]) -> list[Event]:
    """"X accusa la Russia …, accuse respinte dal Cremlino": a rejection aimed at its own side
    (the accused) answers the accuser — the source of the accusation against that side."""
    out = []
    for e in events:
        if e.type == "REJECT" and e.target and (e.target == e.source or e.target in sides.get(e.source, ())):
            by = next((d for d in events if d.type == "DISAPPROVE" and d.target == e.target
                       and d.source and d.start <= e.start), None)
            e = replace(e, target=by.source, target_id=by.source_id) if by else e
        out.append(e)
    return out


def format_meetings(events: Iterable[Event], quotes: Iterable[Quote], persons: Iterable[str],
                    format_words: Iterable[str], mentions: Iterable[Mention] = (),
                    text: str = "") -> list[Event]:
    """CONSULT (format F, X not a person) -> CONSULT (representative, F); see the module doc.
    ``persons``: the canonical names of the article's PER mentions."""
    words = frozenset(w.lower() for w in format_words)
    if not words:
        return list(events)
    persons = frozenset(persons)
    quotes = [q for q in quotes if q.speaker in persons]
    speakers = {q.speaker for q in quotes}
    only = next(iter(speakers)) if len(speakers) == 1 else None
    out = []
    for e in events:
        fmt = next((a for a in (e.source, e.target)
                    if a and a.split()[-1].lower() in words), None) if e.type == "CONSULT" else None
        other = (e.target if fmt == e.source else e.source) if fmt else None
        if fmt and other not in persons:
            near = [q for q in quotes
                    if e.start <= (q.speaker_start if q.speaker_start is not None else q.start) < e.end]
            rep = near[0].speaker if near else only
            if rep:
                rid = near[0].speaker_id if near else next(q.speaker_id for q in quotes if q.speaker == rep)
                e = replace(e, source=rep, source_id=rid, target=fmt,
                            target_id=e.source_id if fmt == e.source else e.target_id)
        out.append(e)
    return _listed_members(out, persons, mentions, text, words)


def _listed_members(events: list[Event], persons: frozenset[str], mentions: Iterable[Mention],
                    text: str, words: frozenset[str]) -> list[Event]:
    """"colloqui con i suoi omologhi del formato X: il consigliere A e il consigliere B": the
    persons listed after the colon are the parties, not the format; an act of the same person
    with the format on the same date (what "le parti hanno concordato") is split the same way."""
    pers = sorted((m for m in mentions if m.label == "PER"), key=lambda m: m.start)
    listed: dict[tuple[str, str, str | None], list[Mention]] = {}
    out = []
    for e in events:
        fmt = next((a for a in (e.source, e.target) if a and a.split()[-1].lower() in words), None)
        other = (e.target if fmt == e.source else e.source) if fmt else None
        if not fmt or e.type not in MUTUAL or other not in persons:
            out.append(e)
            continue
        key = (other, fmt, e.date)
        if key not in listed and text[e.end:e.end + 2].strip().startswith(":"):
            stop = text.find(".", e.end)
            stop = len(text) if stop < 0 else stop
            members = [m for m in pers if e.end < m.start < stop and m.actor_name != other]
            if members:
                listed[key] = list({m.actor_name: m for m in members}.values())
        if key in listed:
            out.extend(replace(e, source=other, source_id=e.source_id if e.source == other else e.target_id,
                               target=m.actor_name, target_id=m.actor_id) for m in listed[key])
        else:
            out.append(e)
    return out


def clean(events: Iterable[Event], mentions: Iterable[Mention], demonyms: dict[str, str],
          text: str, quotes: Iterable[Quote] = (), institutions: dict[str, str] | None = None,
          format_words: Iterable[str] = ()) -> tuple[Event, ...]:
    """The filters, in order (own side first: it can turn a target into None)."""
    mentions = list(mentions)
    sides = affiliations(mentions, demonyms, text)
    for body, state in (institutions or {}).items():  # "Kremlin" speaks for Russia
        sides.setdefault(body, set()).add(state)
    quotes = list(quotes)
    persons = {m.actor_name for m in mentions if m.label == "PER"}
    events = format_meetings(accuser(list(events), sides), quotes, persons, format_words,
                             mentions, text)
    return tuple(subsume(speaker_for_side(own_side(events, sides), quotes, sides)))


__all__ = ["accuser", "affiliations", "clean", "format_meetings", "own_side", "speaker_for_side", "subsume"]
