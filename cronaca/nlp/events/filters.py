"""Document-level clean-up: one event per PLOVER identity, and no event between a person and
their own side.

* **Identity.** PLOVER identifies an event by (type, unordered {source, target}, date); several
  sentences about one instance make one event, the first evidence kept. An untargeted event
  that repeats a targeted one of the same type, source and date is the same act mentioned
  again without its object, and goes.
* **Own side.** A person and the state the article says they serve are one side: "il presidente
  russo Vladimir Putin" meeting "Russia" is no meeting. Affiliation comes from the article (a
  demonym or a state in the person's stated role, a state named right before the name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ...types import Event, Mention

_WORD = re.compile(r"\w+")
_LAST_WORD = re.compile(r"(\w+)\s+$")
#: Types that need two distinct parties.
MUTUAL = frozenset({"CONSULT", "AGREE"})


def affiliations(mentions: Iterable[Mention], demonyms: dict[str, str], text: str) -> dict[str, set[str]]:
    """Person name -> the states and bodies the article ties them to."""
    ordered = sorted(mentions, key=lambda m: m.start)
    bodies = {m.text.lower(): m.actor_name for m in ordered if m.label in ("GPE", "ORG")}
    out: dict[str, set[str]] = {}
    for k, m in enumerate(ordered):
        if m.label != "PER":
            continue
        sides = out.setdefault(m.actor_name, set())
        words = _WORD.findall((m.role or "").lower())
        adjacent = _LAST_WORD.search(text[max(0, m.start - 30):m.start].lower())
        if adjacent:
            words.append(adjacent.group(1))
        sides.update(demonyms[w] for w in words if w in demonyms)
        sides.update(bodies[w] for w in words if w in bodies)
        for prev in reversed(ordered[:k]):
            if prev.end <= m.start:
                if prev.label in ("GPE", "ORG") and not text[prev.end:m.start].strip(" ,–-("):
                    sides.add(prev.actor_name)
                break
    return out


def own_side(events: Iterable[Event], sides: dict[str, set[str]]) -> list[Event]:
    out = []
    for e in events:
        if e.target and (e.target in sides.get(e.source or "", ()) or e.source in sides.get(e.target, ())):
            if e.type in MUTUAL:
                continue
            e = replace(e, target=None, target_id=None)
        out.append(e)
    return out


def identity(events: Iterable[Event]) -> list[Event]:
    """One event per (type, {source, target}, date); untargeted repeats of a targeted act go."""
    seen: set[tuple] = set()
    kept: list[Event] = []
    for e in events:
        if e.target is not None and e.target == e.source:
            e = replace(e, target=None, target_id=None)
        key = (e.type, frozenset({e.source, e.target}), e.date)
        if key in seen:
            continue
        seen.add(key)
        kept.append(e)
    targeted = {(e.type, e.source, e.date) for e in kept if e.target}
    return [e for e in kept if e.target or (e.type, e.source, e.date) not in targeted]


def clean(events: Iterable[Event], mentions: Iterable[Mention], demonyms: dict[str, str], text: str) -> list[Event]:
    return identity(own_side(events, affiliations(mentions, demonyms, text)))
