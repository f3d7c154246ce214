"""Dates of events the text names unambiguously ("il vertice di Helsinki", "il protocollo di
Minsk"), from the known-events data (``resources/events/known.<lang>.jsonl``).

A text often leaves the day of a meeting to the reader who knows it. The data may supply it only
when the evidence is unambiguous, so a known event dates a predicate when

1. one of its *specific* names stands in the predicate's clause: a name of two or more words
   with a proper noun in it (a place or a named format: "vertice di Bucarest", "Minsk II"),
   never a generic word ("incontro", "telefonata") or a standing body's name that recurs every
   year ("Consiglio europeo", "G7");
2. the predicate's type is the known event's type;
3. when the predicate's parties are known, one of them takes part in the event (itself, or the
   country it serves): a name that is also a venue ("Studio Ovale") or a format that meets every
   year ("vertice del G7") names another meeting when other parties meet there;
4. the article is dated, and within 60 days after the event (the news about it: of several
   events with the name, the latest such), or else the text states the year of one event with
   the name and of no other: then the date is that year, the precision the text gives
   ("i colloqui di Istanbul", with "2022" written elsewhere, are of 2022; the day is the
   annotator's knowledge, not the text's).

The event then carries ``date_source = "known:<id>"``, so the UI can say where the date came from.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Collection

from ...errors import ResourceError

#: Names of standing bodies and recurring formats: they name no single event.
_RECURRING = re.compile(r"^(?:G7|G20|Consiglio|Assemblea|vertice Nato|summit Nato|vertice della Nato|"
                        r"summit della Nato|formato Normandia|Formato Normandia|Normandy Format)\b")
WINDOW_DAYS = 60


@dataclass(frozen=True, slots=True)
class KnownEvent:
    id: str
    type: str
    date: str
    precision: str
    names: tuple[str, ...]  # lower-case specific names
    participants: frozenset[str] = frozenset()  # canonical names of the actors taking part


def _specific(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and any(w[:1].isupper() for w in words) and not _RECURRING.match(name) \
        or bool(re.search(r"\b[IVX]+$|\b\d$", name)) and any(w[:1].isupper() for w in words)


@lru_cache(maxsize=8)
def known_events(lang: str = "it") -> tuple[KnownEvent, ...]:
    path = resources.files("cronaca.resources").joinpath(f"events/known.{lang}.jsonl")
    if not path.is_file():
        return ()
    out = []
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            names = tuple(n.lower().replace("’", "'") for n in row.get("names", ()) if _specific(n))
            if names:
                out.append(KnownEvent(row["id"], row["type"], row["date"], row.get("precision", "day"), names,
                                      frozenset(row.get("participants", ()))))
    except (json.JSONDecodeError, KeyError) as exc:
        raise ResourceError(f"known events for language {lang!r} are malformed: {exc}") from exc
    return tuple(out)


def _as_date(value: str) -> date | None:
    parts = [int(x) for x in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return date(*parts[:3])
    except ValueError:
        return None


def _span(published: str) -> tuple[date, date] | None:
    """The first and last day a publication date may stand for (a month-only one: that month)."""
    first = _as_date(published)
    if first is None:
        return None
    if len(published) >= 10:
        return first, first
    if len(published) >= 7:
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, date(first.year, 12, 31)


def known_date(clause_text: str, type_: str, published: str | None, text: str, lang: str = "it",
               parties: Collection[str] = ()) -> KnownEvent | None:
    """The known event the clause names unambiguously, if its date may be used (module docstring);
    ``parties``: the canonical names of the predicate's parties and of the countries they serve."""
    low = clause_text.lower().replace("’", "'")
    span = _span(published) if published else None
    named = [k for k in known_events(lang) if k.type == type_ and any(n in low for n in k.names)
             and (not parties or not k.participants or k.participants & set(parties))]
    dated = [(k, when) for k in named if (when := _as_date(k.date)) is not None]
    recent = [(k, when) for k, when in dated
              if span is not None and 0 <= (span[0] - when).days <= WINDOW_DAYS or span is not None and span[0] <= when <= span[1]]
    if recent:
        return max(recent, key=lambda kw: kw[1])[0]
    stated = {k.date[:4]: k for k, _ in dated if re.search(rf"(?<!\d){k.date[:4]}(?!\d)", text)}
    if len(stated) == 1:  # one year of the name written: that year, as the text gives it
        k = next(iter(stated.values()))
        return replace(k, date=k.date[:4], precision="year")
    return None
