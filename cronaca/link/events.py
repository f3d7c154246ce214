"""One happening, one event: event records from many articles merged, every report kept.

Why: counting rows counts reports (GDELT's complaint). Two reports are of the same event when
they have the same PLOVER type, the same unordered pair of actors, compatible dates and
compatible places. "Compatible" is what lets one article date another: a report dated only
"2022-01" (or not dated at all, in an article published days later) joins an event another
report dates to the day, and the merged event carries the most precise date any report gives.

Undated reports are matched only to events dated within ``UNDATED_LOOKBACK_DAYS`` before their
article's publication (what an article reports has happened, or is about to), or to undated
events of the same story. Different days, or two different named places, never merge.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Iterable, Sequence

from ..ids import digest
from ..types import Document, Event

UNDATED_LOOKBACK_DAYS = 31
UNDATED_LOOKAHEAD_DAYS = 7
_PRECISION = {4: "year", 7: "month", 10: "day"}


@dataclass(frozen=True, slots=True)
class EventReport:
    """One article's account of an event: where, in which words, with what date."""

    article_id: str
    index: int  # position in the document's events
    outlet: str | None
    evidence: str
    start: int
    end: int
    date: str | None
    place_id: str | None
    source_id: str | None
    target_id: str | None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class MergedEvent:
    id: str
    type: str
    actor_a: str  # the unordered actor pair, sorted; "" for a missing target
    actor_b: str
    date: str | None
    precision: str | None
    place_id: str | None
    place: str | None
    source: str | None
    target: str | None
    story_id: str | None
    reports: tuple[EventReport, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.actor_a, self.actor_b)

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({r.outlet for r in self.reports if r.outlet}))


@dataclass(frozen=True, slots=True)
class DateFilter:
    """Which known events' dates (and stories) could match a report, as the store can ask it.

    Why: a frequent pair of actors has hundreds of known events of one type, and decoding all of
    them for each report was the costliest look-up of linking. The filter admits a *superset* of
    what :func:`matches` accepts, so the store reads only the few that can match and
    :func:`matches` still decides; the decision is the same. A date is admitted when it is one
    of ``exact``, finer than ``finer`` (starts with it and a hyphen), or between ``lo`` and
    ``hi`` (ISO strings compare as dates do), or any date with ``any_date``; an undated event
    when ``undated`` is set and it belongs to ``undated_story`` (None: to no story); with
    ``story_only`` only the events of that story, any date.
    """

    exact: tuple[str, ...] = ()
    finer: str | None = None
    lo: str | None = None
    hi: str | None = None
    any_date: bool = False
    undated: bool = False
    undated_story: str | None = None
    story_only: str | None = None

    def admits(self, date_: str | None, story_id: str | None) -> bool:
        if self.story_only is not None:
            return story_id == self.story_only
        if date_ is None:
            return self.undated and story_id == self.undated_story
        return (self.any_date or date_ in self.exact
                or (self.finer is not None and date_.startswith(self.finer + "-"))
                or (self.lo is not None and self.hi is not None and self.lo <= date_ <= self.hi))


def candidate_dates(report: EventReport, story_id: str | None) -> DateFilter | None:
    """The :class:`DateFilter` of the known events :func:`matches` may accept for ``report``;
    None when none can match (an undated report of an undated article outside any story)."""
    if report.date:
        d = report.date
        coarser = tuple(d[:n] for n in (4, 7, 10) if n <= len(d))
        return DateFilter(exact=coarser, finer=d, undated=True, undated_story=story_id)
    pub = _day(report.published)
    if pub is None:
        return DateFilter(story_only=story_id) if story_id is not None else None
    lo = (pub - timedelta(days=UNDATED_LOOKBACK_DAYS)).isoformat()[:7]  # a month counts as its 28th
    hi = (pub + timedelta(days=UNDATED_LOOKAHEAD_DAYS)).isoformat()
    return DateFilter(lo=lo, hi=hi, undated=story_id is not None, undated_story=story_id)


def dated_like(day: str | None) -> DateFilter:
    """Known events dated to the day, compatibly with ``day`` (any day when None)."""
    if day is None:
        return DateFilter(any_date=True)
    if len(day) == 10:
        return DateFilter(exact=(day,))
    return DateFilter(finer=day)


def pair(e: Event) -> tuple[str, str]:
    a, b = e.source_id or "", e.target_id or ""
    return (a, b) if a <= b else (b, a)


def reports_of(doc: Document) -> list[tuple[Event, EventReport]]:
    """The mergeable events of a document (negated and hypothetical ones are not happenings)."""
    art = doc.article
    out = []
    for i, e in enumerate(doc.events):
        if e.negated or e.hypothetical or not (e.source_id or e.target_id):
            continue
        out.append((e, EventReport(art.id, i, art.outlet, e.evidence, e.start, e.end, e.date,
                                   e.place_id, e.source_id, e.target_id, art.published)))
    return out


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Same date, or one is a coarser statement of the other ("2022-01" vs "2022-01-12")."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def matches(merged: MergedEvent, report: EventReport, story_id: str | None) -> bool:
    """Whether a report tells of this merged event."""
    # the same parties, type and stated day are one happening even where one report's place is
    # wrong (a city named elsewhere in the sentence); otherwise differing places keep events apart
    same_day = bool(report.date and len(report.date) == 10 and merged.date == report.date)
    if merged.place_id and report.place_id and merged.place_id != report.place_id and not same_day:
        return False
    if report.date:
        return dates_compatible(merged.date, report.date) and (
            merged.date is not None or merged.story_id == story_id)
    if merged.date is None:
        return story_id is not None and merged.story_id == story_id
    pub = _day(report.published)
    if pub is None:
        return merged.story_id == story_id and story_id is not None
    when = _day(merged.date) or _day(merged.date[:7] + "-28" if len(merged.date) >= 7 else None)
    if when is None:
        return False
    return pub - timedelta(days=UNDATED_LOOKBACK_DAYS) <= when <= pub + timedelta(days=UNDATED_LOOKAHEAD_DAYS)


def best_match(candidates: Iterable[MergedEvent], report: EventReport,
               story_id: str | None) -> MergedEvent | None:
    """The most precisely dated compatible event; ties go to the same story, then the oldest id."""
    fits = [m for m in candidates if matches(m, report, story_id)]
    if not fits:
        return None
    return min(fits, key=lambda m: (-(len(m.date) if m.date else 0), m.story_id != story_id, m.id))


def start(e: Event, report: EventReport, story_id: str | None) -> MergedEvent:
    a, b = pair(e)
    return MergedEvent(
        id="e_" + digest(report.article_id, str(report.index), e.type, size=8),
        type=e.type, actor_a=a, actor_b=b,
        date=e.date, precision=_PRECISION.get(len(e.date)) if e.date else None,
        place_id=e.place_id, place=e.place, source=e.source, target=e.target,
        story_id=story_id, reports=(report,),
    )


def absorb(merged: MergedEvent, e: Event, report: EventReport) -> MergedEvent:
    """The merged event with one more report; a more precise date or a place fills in."""
    new_date = merged.date
    if e.date and (not merged.date or len(e.date) > len(merged.date)):
        new_date = e.date
    return replace(
        merged,
        date=new_date,
        precision=_PRECISION.get(len(new_date)) if new_date else None,
        place_id=merged.place_id or e.place_id,
        place=merged.place or e.place,
        reports=merged.reports + (report,),
    )


def merge(docs: Sequence[Document], story_of: dict[str, str] | None = None) -> list[MergedEvent]:
    """Merge the events of a batch of documents in memory (the store does the same online)."""
    story_of = story_of or {}
    by_key: dict[tuple[str, str, str], list[MergedEvent]] = {}
    for doc in docs:
        sid = story_of.get(doc.id)
        for e, rep in reports_of(doc):
            key = (e.type,) + pair(e)
            bucket = by_key.setdefault(key, [])
            hit = best_match(bucket, rep, sid)
            if hit is None:
                bucket.append(start(e, rep, sid))
            else:
                bucket[bucket.index(hit)] = absorb(hit, e, rep)
    return [m for bucket in by_key.values() for m in bucket]


def dated_documents(docs: Sequence[Document], merged: Iterable[MergedEvent]) -> list[Document]:
    """Documents whose events take the more precise date of the merged event they belong to.

    This is how an article that says only "una riunione del Consiglio" gets the day another
    article states: the evaluation and the exports read the dates back from the merged events.
    """
    better: dict[tuple[str, int], str] = {}
    for m in merged:
        if not m.date:
            continue
        for r in m.reports:
            if not r.date:  # a stated date, even a coarse one ("9-10 gennaio"), is kept
                better[(r.article_id, r.index)] = m.date
    out = []
    for doc in docs:
        events = tuple(
            replace(e, date=better[(doc.id, i)], date_precision=_PRECISION[len(better[(doc.id, i)])])
            if (doc.id, i) in better else e
            for i, e in enumerate(doc.events)
        )
        out.append(replace(doc, events=events) if events != doc.events else doc)
    return out
