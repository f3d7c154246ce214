"""Date stamps, datelines and URL dates: the evidence a page gives for when it was published.

Crawled pages carry many dates: the article's own stamp, "aggiornato il…", the dates of related
articles, image widths that look like years ("1920"). This module only *reads* the forms; which
one is the publication date is decided in :mod:`cronaca.ingest.metadata`. Everything here is a
compiled regex plus a month table from the language's furniture file, so it is cheap enough to
run on every line (no dateparser in the hot loop).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .furniture import furniture

_TIME = r"(?:\s*(?:[-–—,|]|alle|ore|at)?\s*(?:ore\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*(?:CET|CEST|UTC|GMT))?)?"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_NUM = r"(?P<nd>\d{1,2})(?P<ns>[./-])(?P<nm>\d{1,2})(?P=ns)(?P<ny>\d{4})(?![\d/.-]?\d)"
# year first with dots or slashes: 2022.12.07, 2022/12/07 (the dashed form is ISO)
_YMD = r"(?<![\d/.])(?P<yy>(?:19|20)\d{2})(?P<ys>[./])(?P<ym>[01]?\d)(?P=ys)(?P<yd>[0-3]?\d)(?![\d/.]?\d)"
#: Ordinal marks after a day number: "1° dicembre", "1º", "7th December".
_ORDINAL = r"(?:°|º|ª|st|nd|rd|th)?"


@dataclass(frozen=True, slots=True)
class Stamp:
    value: str  # YYYY-MM-DD | YYYY-MM
    precision: str  # day | month
    text: str  # the exact evidence


@dataclass(frozen=True, slots=True)
class StampRules:
    months: dict[str, int]
    date_line: re.Pattern[str]
    any_date: re.Pattern[str]
    trailing_stamp: re.Pattern[str]
    card_caption: re.Pattern[str]
    dateline: re.Pattern[str]
    dateline_full: re.Pattern[str]  # "Roma, 07/12/2022 -", "LONDON, Dec 7, 2022 -"
    today: re.Pattern[str]
    stamp_words: frozenset[str]  # what a stamp line may hold besides its date (furniture file)


@lru_cache(maxsize=8)
def stamp_rules(language: str = "it") -> StampRules:
    f = furniture(language)
    # the furniture file's months and weekdays hold the English ones pages print in stamps too
    # ("Wednesday, December 7, 2022", "Dec 7, 2022")
    months = dict(f.months)
    month_alt = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    weekday_alt = "|".join(sorted((re.escape(w) for w in f.weekdays), key=len, reverse=True))
    named = (rf"(?:(?:{weekday_alt})\.?,?\s+)?(?P<td>\d{{1,2}}){_ORDINAL}\s+(?P<tm>{month_alt})\b\.?,?\s+(?P<ty>\d{{4}})")
    # month first, as English pages write it: "December 7, 2022", "Wed, Dec 7th 2022"
    month_first = (rf"(?:(?:{weekday_alt})\.?,?\s+)?(?P<um>{month_alt})\b\.?\s+(?P<ud>\d{{1,2}}){_ORDINAL},?\s+"
                   rf"(?P<uy>\d{{4}})")
    any_date = rf"(?:{_ISO}|{_NUM}|{_YMD}|{named}|{month_first})"
    date_line = re.compile(
        rf"^\s*(?:(?:pubblicato|aggiornato|ultimo aggiornamento|ultima modifica|data|published|updated|last updated)"
        rf"(?:\s+il|\s+on|\s+alle)?:?\s*)?{any_date}{_TIME}\s*$",
        re.IGNORECASE,
    )
    trailing_stamp = re.compile(
        r"(?P<stamp>(?P<dots>\.\.\.|…)?\s*(?P<date>\d{2}\.\d{2}\.\d{4})"
        r"(?:,\s*(?P<outlet>[^\W\d][^,]{1,40}?))?)\s*$"
    )
    card_caption = re.compile(
        r"\s[-–—]\s(?P<outlet>[^\W\d][^,]{1,40}),\s*\d{2,4},\s*(?P<date>\d{2}\.\d{2}\.\d{4})\s*$"
    )
    # "Mosca, 30 dicembre 2021 -", "LONDRA, 10 FEB -", "Roma, 14 giu. (Adnkronos) –"
    dateline = re.compile(
        rf"^\s*(?:\([^)]{{1,30}}\)\s*[-–—]?\s*)?(?P<place>[^\W\d][\w'’. ]{{1,40}}?)\s*,\s*"
        rf"(?:(?:{weekday_alt}),?\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{month_alt})\.?(?:\s+(?P<y>\d{{4}}))?"
        rf"\s*(?:\([^)]{{1,30}}\)\s*)?[-–—:]",
        re.IGNORECASE,
    )
    dateline_full = re.compile(
        rf"^\s*(?:\([^)]{{1,30}}\)\s*[-–—]?\s*)?(?P<place>[^\W\d][\w'’. ]{{1,40}}?)\s*,\s*"
        rf"(?P<date>{any_date}){_TIME}\s*(?:\([^)]{{1,30}}\)\s*)?[-–—:]",
        re.IGNORECASE,
    )
    # "Iniziano oggi, giovedì 10 febbraio, …": the writer dates the day of writing.
    today = re.compile(
        rf"\boggi,?\s+(?:(?:{weekday_alt}),?\s+)(?P<d>\d{{1,2}})\s+(?P<m>{month_alt})\b(?:\s+(?P<y>\d{{4}}))?",
        re.IGNORECASE,
    )
    stamp_words = f.stamp_words | {w.casefold() for w in f.weekdays} | set(months)
    return StampRules(months, date_line, re.compile(any_date, re.IGNORECASE), trailing_stamp,
                      card_caption, dateline, dateline_full, today, frozenset(stamp_words))


def make_date(year: int, month: int, day: int | None = None) -> str | None:
    """ISO value, or None for an impossible date (so a typo never becomes evidence)."""
    try:
        if day is None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str, language: str = "it") -> Stamp | None:
    """The first full date (with a year) in ``text``: ISO, dd.mm.yyyy, dd/mm/yyyy or "30 dicembre 2021"."""
    r = stamp_rules(language)
    m = r.any_date.search(text)
    if m is None:
        return None
    g = m.groupdict()
    if g.get("iy"):
        value = make_date(int(g["iy"]), int(g["im"]), int(g["id"]))
    elif g.get("ny"):
        value = make_date(int(g["ny"]), int(g["nm"]), int(g["nd"]))
    elif g.get("yy"):
        value = make_date(int(g["yy"]), int(g["ym"]), int(g["yd"]))
    elif g.get("uy"):
        month = r.months.get(g["um"].lower().rstrip("."))
        value = make_date(int(g["uy"]), month, int(g["ud"])) if month else None
    else:
        month = r.months.get(g["tm"].lower().rstrip("."))
        value = make_date(int(g["ty"]), month, int(g["td"])) if month else None
    if value is None:
        return None
    if not 1990 <= int(value[:4]) <= 2100:
        return None
    return Stamp(value, "day", m.group(0))


_CLOCK = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?::\d{2})?(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
#: The longest line read as a stamp, and how many words it may hold besides the stamp's own.
STAMP_LINE_CHARS = 90
STAMP_OTHER_WORDS = 1


def is_date_line(line: str, language: str = "it") -> bool:
    """A line that is a publication stamp, not body: only a date (and maybe a time), or a short
    line whose words besides a full date are the stamp's own ("20.29 - domenica 4 maggio 2025",
    "[26 luglio 2021]", "Lunedì 17 marzo 2014, 17:04 - Ultimo aggiornamento: 18 marzo, 09:31")."""
    r = stamp_rules(language)
    if r.date_line.match(line) is not None:
        return True
    s = line.strip()
    stamp = parse_date(s, language) if len(s) <= STAMP_LINE_CHARS else None
    if stamp is None:
        return False
    rest = _CLOCK.sub(" ", s.replace(stamp.text, " ", 1))  # the date parse_date read, taken out
    others = [w for w in _WORD.findall(rest.casefold()) if w not in r.stamp_words]
    if len(others) <= STAMP_OTHER_WORDS or _PUBLICATION_LABEL.match(s):
        return True
    # a byline with its date: "di Mario Rossi | 7 dicembre 2022", "Redazione Esteri, 07/12/2022";
    # not an embedded post's signature ("— Nome Cognome (@nome) 24 gennaio 2019"), dated by its author
    if "@" in s or s.startswith(("—", "–", "-")):
        return False
    names = [w for w in _WORD.findall(_BYLINE_LEAD.sub(" ", rest)) if w.casefold() not in r.stamp_words]
    return len(names) <= STAMP_BYLINE_WORDS and all(w[:1].isupper() for w in names)


#: A line that says it is the publication stamp, whatever else it names (author, section):
#: "Pubblicato il 14 luglio 2015 in Politica", "Scritto da Mario Rossi il 7 dicembre 2022".
_PUBLICATION_LABEL = re.compile(r"^\s*(?:pubblicat[oa]|postato|scritto|inserito|published|posted|written)\b",
                                re.IGNORECASE)
_BYLINE_LEAD = re.compile(r"^\s*(?:di|da|by|a cura di)\s+", re.IGNORECASE)
#: The most name words a byline stamp may hold besides its date.
STAMP_BYLINE_WORDS = 4


def dateline(line: str, year_hint: str | None, language: str = "it") -> Stamp | None:
    """The date of a dateline opening a body ("Mosca, 30 dicembre 2021 -", "LONDRA, 10 FEB -").

    Without a year in the dateline, the year comes from ``year_hint`` (YYYY-MM evidence of the
    same month, e.g. the crawler header); without a consistent hint there is no date.
    """
    r = stamp_rules(language)
    m = r.dateline.match(line) or r.today.search(line)
    if m is None:
        full = r.dateline_full.match(line)
        stated = parse_date(full.group("date"), language) if full else None
        return Stamp(stated.value, "day", full.group(0).strip()) if full and stated else None
    month = r.months.get(m.group("m").lower().rstrip("."))
    if not month:
        return None
    day = int(m.group("d"))
    if m.group("y"):
        value = make_date(int(m.group("y")), month, day)
    elif year_hint and int(year_hint[5:7]) == month:
        value = make_date(int(year_hint[:4]), month, day)
    else:
        value = None
    return Stamp(value, "day", m.group(0).strip()) if value else None


_URL_DAY = (
    re.compile(r"[/_-](?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:/|[-_.]|$)"),
    # /2022/02/10/, /2022-2-10-, /2022/03/29-91343095/; a day opening a run of small numbers
    # (/2022/11/3-4-11-2022-visita, a title's "3.-4.11.2022") is the slug's, not the folder's
    re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|[-_](?!\d{1,2}[-_])|$)"),
    re.compile(r"[/_-](?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:/|[-_.]|$)"),
    # day first, as Italian pages write dates: /27-07-2023/, …-31-10-2022-177176
    re.compile(r"[/_-](?P<d>[0-3]\d)-(?P<m>[01]\d)-(?P<y>(?:19|20)\d{2})(?:/|[-_.]|$)"),
    # day first and compact, between separators: _28092025_, -07122022.html
    re.compile(r"[/_-](?P<d>[0-3]\d)(?P<m>[01]\d)(?P<y>(?:19|20)\d{2})(?:/|[-_.]|$)"),
)
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]?\d)/")
#: a month by name between year and day: /17_aprile_06/, /2017-aprile-06/
_URL_NAMED = re.compile(r"/(?P<y>\d{2}|(?:19|20)\d{2})[_-](?P<name>[^\W\d_]{3,9})[_-](?P<d>[0-3]?\d)(?:/|[-_.]|$)")


def url_date(url: str | None, language: str = "it") -> Stamp | None:
    """The date a URL path carries: /20220121/, /2022/02/10/, /2022-02-23/, /23-02-2022/,
    /17_aprile_06/ (day, the month named in ``language``) or /2022/02/ (month)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for pattern in _URL_DAY:
        m = pattern.search(path)
        if m:
            value = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
            if value:
                return Stamp(value, "day", m.group(0).strip("/-_."))
    m = _URL_NAMED.search(path)
    month = stamp_rules(language).months.get(m["name"].lower()) if m else None
    if m and month:
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        value = make_date(year, month, int(m["d"]))
        if value:
            return Stamp(value, "day", m.group(0).strip("/-_."))
    m = _URL_MONTH.search(path)
    if m:
        value = make_date(int(m["y"]), int(m["m"]))
        if value:
            return Stamp(value, "month", m.group(0).strip("/"))
    return None
