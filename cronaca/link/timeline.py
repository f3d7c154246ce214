"""The timeline: merged events and stories over time, and attention per day.

Why merged events: a timeline of reports shows what was repeated, not what happened. Each
entry here is one happening (``cronaca.link.events``) with how many outlets, and which kind of
outlet, reported it; stories give the longer arcs; attention (articles per day per outlet
group, copies excluded) shows how much coverage a period got.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from .compare import side_of
from .events import MergedEvent


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str | None
    event_id: str
    type: str
    actors: tuple[str, str]  # the unordered actor pair (ids, sorted; "" for no target)
    source: str | None  # who acted and to whom, by canonical name, as the first report says
    target: str | None
    place: str | None
    reports: int
    outlets: tuple[str, ...]
    by_side: dict[str, int]
    evidence: str  # the first report's words


def entries(events: Iterable[MergedEvent], outlet_group: str | None = None) -> list[TimelineEntry]:
    """Timeline entries, by date; with ``outlet_group`` only events that group reported."""
    out = []
    for m in events:
        sides = Counter(side_of(r.outlet) for r in m.reports)
        if outlet_group and not sides.get(outlet_group):
            continue
        first = m.reports[0].evidence if m.reports else ""
        out.append(TimelineEntry(m.date, m.id, m.type, (m.actor_a, m.actor_b), m.source, m.target, m.place,
                                 len(m.reports), m.outlets, dict(sides), first))
    return sorted(out, key=lambda e: (e.date or "9999", e.event_id))


def attention(rows: Iterable[tuple[str, int, int]]) -> dict[str, dict[str, int]]:
    """Articles per day per outlet group from ``(day, state_affiliated, count)`` rows."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"state_affiliated": 0, "other": 0})
    for day, state, n in rows:
        out[day]["state_affiliated" if state else "other"] += n
    return dict(out)


def span(events: Sequence[TimelineEntry]) -> tuple[str | None, str | None]:
    dates = [e.date for e in events if e.date]
    return (min(dates), max(dates)) if dates else (None, None)
