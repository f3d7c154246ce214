"""Metadata a user can trust: URL, outlet and publication date, each with its evidence.

The rules, strongest first (numbered as in the code):

URL
  1. the container's ``url`` (JSONL field, WARC target, HTML canonical), 2. the crawler header.
  A URL inside the body is not taken: articles link to other pages.

Outlet
  1. the URL's domain without ``www.``; 2. the container's ``outlet``; 3. a source credit
  ("(Fonte: kremlin.ru)"); 4. an outlet named in a teaser or caption stamp ("…, Sputnik Italia");
  5. a copyright line ("© Agenzia Nova"); 6. an agency credit ("(ANSA)"). Names found in 3–6 are
  mapped to the profile's domain when ``outlets.json`` knows them, else kept as written. Outlets
  named inside the body ("riferisce la Tass") are sources quoted, not the publisher, and are ignored.

Published
  Day-precision evidence (URL date, the container's date, the page's own stamp, a dateline) beats
  month-precision evidence (crawler header, /2022/02/ URLs). A day that contradicts the month
  evidence (a photo dated a year earlier, a related article) ranks below it, and stamps of related-
  article cards rank last. No evidence, no date: nothing here guesses.

  A date that cannot be a publication date is no evidence: one in the future (``2999-12-31``,
  ``9999``), one before :data:`MIN_YEAR` (``0000``, the ``1644`` of an epoch number read as a
  year) or one not in the calendar. It is listed in ``rejected`` (the cleaner keeps it in the
  article's metadata as ``published_rejected``), so ``cronaca show`` can say why an article
  that stated a date has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any, Mapping

from ..resources.outlets import Outlet, OutletIndex, load_outlets, normalise_domain
from ..types import DateEvidence, Removal
from .boilerplate import Zones
from .stamps import Stamp, dateline, make_date, parse_date, stamp_rules, url_date

_SOURCE_RANK = {"url": 0, "metadata": 1, "stamp": 2, "dateline": 3, "header": 4, "related": 5}
_DOMAINISH = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|diritti", re.IGNORECASE)
_DOMAIN_IN_TEXT = re.compile(r"(?<![\w@/.-])(?:[A-Za-z0-9-]+\.)+(?:it|com|net|org|eu|info|ch|ru|cn|news|online|tv)(?![\w.-])")
_META_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)")
_META_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T|\s*$)")  # 20220210, 20220210T0930
#: The earliest year believed as a publication date (older ones are typos or numbers misread).
MIN_YEAR = 1900


@dataclass(frozen=True, slots=True)
class Metadata:
    url: str | None
    outlet: str | None
    profile: Outlet | None
    published: str | None
    precision: str | None
    evidence: tuple[DateEvidence, ...]
    rejected: tuple[str, ...] = ()  # dates given but impossible, each with why


def _meta_str(metadata: Mapping[str, Any], key: str) -> str | None:
    value = metadata.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def find_url(zones: Zones, metadata: Mapping[str, Any]) -> str | None:
    url = _meta_str(metadata, "url")
    if url and re.match(r"^https?://", url):
        return url
    return zones.header_url


@lru_cache(maxsize=4)
def _name_pattern(index: OutletIndex) -> re.Pattern[str] | None:
    """One regex over every outlet name and alias of >= 4 characters, longest first, case kept."""
    names = set()
    for outlet in index.by_domain.values():
        for name in (outlet.name, *outlet.aliases, outlet.domain):
            if len(name) >= 4:
                names.add(name)
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alt})(?![\w])")


def _resolve(name: str, index: OutletIndex) -> tuple[str, Outlet | None]:
    name = name.strip().strip(".")
    profile = index.for_name(name)
    if profile is not None:
        return profile.domain, profile
    if _DOMAINISH.match(name):
        return normalise_domain(name), None
    return name, None


def _outlet_from_removed(removed: tuple[Removal, ...], index: OutletIndex, language: str,
                         related: frozenset[int]) -> tuple[str, Outlet | None] | None:
    """Rules 3–6: the publisher as the page's furniture names it."""
    from .furniture import furniture

    f = furniture(language)
    pattern = _name_pattern(index)
    by_rule: dict[int, tuple[str, Outlet | None]] = {}
    for r in removed:
        if r.reason == "source_credit":
            m = f.source_credit.match(r.text)
            if m and 3 not in by_rule:
                by_rule[3] = _resolve(m.group("src"), index)
        elif r.reason in ("teaser", "photo_credit", "date_stamp", "related_card") and pattern is not None:
            m = pattern.search(r.text)
            rule = 4 if r.line not in related else 7
            if m and rule not in by_rule:
                by_rule[rule] = _resolve(m.group(0), index)
        elif r.reason in ("agency_credit",):
            m = f.agency_credit.match(r.text) or f.agency_prefix.match(r.text)
            src = m.group("src") if m else r.text.strip("() -")
            hit = index.for_name(src) or index.for_name(src.split("/")[0])
            if hit is not None and 6 not in by_rule:
                by_rule[6] = (hit.domain, hit)
        if r.reason in ("photo_credit", "copyright", "social") and _COPYRIGHT.search(r.text) and 5 not in by_rule:
            m = pattern.search(r.text) if pattern is not None else None
            d = _DOMAIN_IN_TEXT.search(r.text)
            if m:
                by_rule[5] = _resolve(m.group(0), index)
            elif d:  # "© Esempio.it - …": an unknown outlet, named by its domain
                by_rule[5] = _resolve(d.group(0), index)
    return by_rule[min(by_rule)] if by_rule else None


def find_outlet(url: str | None, zones: Zones, metadata: Mapping[str, Any], language: str = "it",
                index: OutletIndex | None = None) -> tuple[str | None, Outlet | None]:
    index = index or load_outlets()
    if url:
        domain = normalise_domain(url)
        if domain:
            return domain, index.for_domain(domain)
    named = _meta_str(metadata, "outlet")
    if named:
        return _resolve(named, index)
    hit = _outlet_from_removed(zones.removed, index, language, zones.related_lines)
    return hit if hit else (None, None)


def _metadata_date(value: Any, language: str = "it") -> DateEvidence | None:
    """The container's date: ISO ("2022-02-10T12:00+01:00"), RFC 2822 (RSS ``pubDate``) or a written date."""
    if not isinstance(value, str) or not value.strip():
        return None
    compact = _META_COMPACT.match(value)
    if compact:
        v = make_date(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)))
        return DateEvidence(v, "day", "metadata", value) if v else None
    m = _META_DATE.match(value)
    if not m:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            return DateEvidence(parsed.date().isoformat(), "day", "metadata", value)
        stamp = parse_date(value, language)
        return DateEvidence(stamp.value, "day", "metadata", value) if stamp else None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        v = make_date(int(y), int(mo), int(d))
        return DateEvidence(v, "day", "metadata", value) if v else None
    if mo:
        v = make_date(int(y), int(mo))
        return DateEvidence(v, "month", "metadata", value) if v else None
    return DateEvidence(y, "year", "metadata", value)


def date_evidence(url: str | None, zones: Zones, metadata: Mapping[str, Any],
                  language: str = "it") -> list[DateEvidence]:
    """Every date the page gives for itself, unranked, in reading order per source."""
    found: list[DateEvidence] = []
    stamp = url_date(url, language)
    if stamp:
        found.append(DateEvidence(stamp.value, stamp.precision, "url", stamp.text))
    meta = _metadata_date(metadata.get("published"), language)
    if meta:
        found.append(meta)
    if zones.header_date:
        precision = "day" if len(zones.header_date) == 10 else "month"
        found.append(DateEvidence(zones.header_date, precision, "header", f"date {zones.header_date}"))
    stamp_reasons = ("teaser", "photo_credit", "date_stamp", "related_card")
    for r in zones.removed:
        if r.reason in stamp_reasons:
            s = parse_date(r.text, language)
            if s:
                source = "related" if (r.reason == "related_card" or r.line in zones.related_lines) else "stamp"
                found.append(DateEvidence(s.value, s.precision, source, r.text))
    if zones.body:
        hint = next((e.value[:7] for e in found if e.source in ("header", "url", "metadata")
                     and len(e.value) >= 7), None)
        first = zones.body[0].text
        s = dateline(first, hint, language) or (
            None if hint else _dateline_dated_by_body(first, zones, language))
        if s:
            found.append(DateEvidence(s.value, s.precision, "dateline", s.text))
    return found


#: How much of the body is read for the year a dateline leaves out.
DATELINE_YEAR_CHARS = 2000


def _dateline_dated_by_body(first: str, zones: Zones, language: str) -> Stamp | None:
    """A dateline without a year ("Parigi, 12 dic. (AdnKronos) -") whose day the text itself
    states with its year ("Il 12 dicembre 2015 può essere una grande data"): the writer's day is
    that one. Without such a statement a year-less dateline dates nothing."""
    r = stamp_rules(language)
    if r.dateline.match(first) is None and r.today.search(first) is None:
        return None  # no dateline: the body is not read for a year (most articles)
    text = " ".join(b.text for b in zones.body)[:DATELINE_YEAR_CHARS]
    for m in r.any_date.finditer(text):
        stated = parse_date(m.group(0), language)
        s = dateline(first, stated.value[:7], language) if stated else None
        if s and stated and s.value == stated.value:
            return s
    return None


def rank_dates(found: list[DateEvidence]) -> list[DateEvidence]:
    """Strongest first: consistent days, then months, then contradicting days, then related cards.

    The crawler header's month holds at any precision: a page stamp of another month is more
    often a related article's than the page's own."""
    months = {e.value[:7] for e in found
              if (e.precision == "month" or e.source == "header") and e.source != "related"}

    def key(item: tuple[int, DateEvidence]) -> tuple[int, int, int]:
        order, e = item
        if e.source == "related":
            group = 4
        elif e.precision == "day":
            group = 0 if (not months or e.value[:7] in months) else 2
        elif e.precision == "month":
            group = 1
        else:
            group = 3
        return group, _SOURCE_RANK.get(e.source, 9), order

    ranked = [e for _, e in sorted(enumerate(found), key=key)]
    unique: list[DateEvidence] = []
    for e in ranked:
        if e not in unique:
            unique.append(e)
    return unique


def extract(zones: Zones, metadata: Mapping[str, Any], language: str = "it",
            index: OutletIndex | None = None) -> Metadata:
    url = find_url(zones, metadata)
    outlet, profile = find_outlet(url, zones, metadata, language, index)
    found = date_evidence(url, zones, metadata, language)
    why = {id(e): implausible(e.value) for e in found}
    stated = _meta_str(metadata, "published")
    unread = (f"{stated!r} (metadata): not a date that exists",) if stated and not any(
        e.source == "metadata" for e in found) and any(c.isdigit() for c in stated) else ()
    ranked = rank_dates([e for e in found if not why[id(e)]])
    best = ranked[0] if ranked else None
    return Metadata(
        url=url,
        outlet=outlet,
        profile=profile,
        published=best.value if best else None,
        precision=best.precision if best else None,
        evidence=tuple(ranked),
        rejected=unread + tuple(f"{e.text!r} ({e.source}): {why[id(e)]}"
                                for e in found if why[id(e)]),
    )


def implausible(value: str, today: date | None = None) -> str | None:
    """Why ``value`` (YYYY[-MM[-DD]]) cannot be a publication date, or None when it can.

    "Today" is tomorrow in UTC terms: an article stamped in a time zone ahead of the machine's
    is not from the future.
    """
    latest = (today or date.today()) + timedelta(days=1)
    if int(value[:4]) < MIN_YEAR:
        return f"before {MIN_YEAR}"
    if value > latest.isoformat()[:len(value)]:
        return "in the future"
    return None


__all__ = ["Metadata", "extract", "find_url", "find_outlet", "date_evidence", "rank_dates", "stamp_rules"]
