"""Dates of events the text names unambiguously ("il vertice di Helsinki", "il protocollo di
Minsk"), from the known-events data (``resources/events/known.<lang>.jsonl``).

A text often leaves the day of a meeting to the reader who knows it. The data may supply it only
when the evidence is unambiguous, so a known event dates a predicate when

1. one of its *specific* names stands in the predicate's clause: a name of two or more words
   with a proper noun in it (a place or a named format: "vertice di Bucarest", "Minsk II"),
   never a generic word ("incontro", "telefonata") or a standing body's name that recurs every
   year ("Consiglio europeo", "G7");
2. the predicate's type is the known event's type;
3. the article is dated, and within 60 days after the event (the news about it), or the text
   states the event's year.

The event then carries ``date_source = "known:<id>"``, so the UI can say where the date came from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

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
                out.append(KnownEvent(row["id"], row["type"], row["date"], row.get("precision", "day"), names))
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


def known_date(clause_text: str, type_: str, published: str | None, text: str, lang: str = "it"
               ) -> KnownEvent | None:
    """The known event the clause names unambiguously, if its date may be used (module docstring)."""
    low = clause_text.lower().replace("’", "'")
    pub = _as_date(published) if published else None
    for k in known_events(lang):
        if k.type != type_ or not any(n in low for n in k.names):
            continue
        when = _as_date(k.date)
        if when is None:
            continue
        if pub is not None and 0 <= (pub - when).days <= WINDOW_DAYS:
            return k
        if k.date[:4] in text:
            return k
    return None
