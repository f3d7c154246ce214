"""Document-level clean-up of coded events (used by :mod:`cronaca.nlp.events`).

The cue cascade codes each clause on its own; some errors only show against the whole article:

* **Own side.** A person and the state the article says they serve are one side, not two
  parties: "il leader russo" after "il presidente russo Vladimir Putin" is Putin again, so a
  meeting "Putin – Russia" is no meeting, and a complaint "Truss → United Kingdom" has no target.
  Affiliation comes from the article itself: a demonym or a state named in a person's role
  ("il presidente turco", "ministro degli Esteri della Russia").
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


def clean(events: Iterable[Event], mentions: Iterable[Mention], demonyms: dict[str, str],
          text: str, quotes: Iterable[Quote] = (), institutions: dict[str, str] | None = None
          ) -> tuple[Event, ...]:
    """The filters, in order (own side first: it can turn a target into None)."""
    sides = affiliations(mentions, demonyms, text)
    for body, state in (institutions or {}).items():  # "Kremlin" speaks for Russia
        sides.setdefault(body, set()).add(state)
    events = accuser(list(events), sides)
    return tuple(subsume(speaker_for_side(own_side(events, sides), quotes, sides)))


__all__ = ["accuser", "affiliations", "clean", "own_side", "speaker_for_side", "subsume"]
