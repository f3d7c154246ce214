"""Temporal expressions, normalised against the publication date (stage ``cronaca.times.rules.v1``).

Why rules and not ``dateparser``: it runs at ~1k parses/s, misses the forms Italian news uses most
("il 10 gennaio", "9-10 gennaio", "martedì scorso", "la prossima settimana") and its
``search_dates`` returns image widths and durations as dates. Here one compiled regular expression
(built from the language's ``resources/lexicons/<lang>/time.json``) finds candidates in a single
pass, and small pure functions resolve each against ``Article.published``.

The contract, in the order the resolver applies it:

1. Absolute dates (``30 dicembre 2021``, ``30 dic. 2021``, ``30/12/2021``, ``30.12.2021``,
   ``2021-12-30``) are exact, whatever the publication date.
2. A day and month without a year take the year that puts them closest to publication, so a
   December date read in January is last year and "9-10 gennaio" read on 30 December is next year.
   Said to be past or to come ("lo scorso 4 aprile", "il 4 aprile scorso", "il prossimo 5 maggio")
   they take the latest such day before publication, or the first after it; a month so said ("lo
   scorso aprile", "settembre prossimo") is that month. A day with a capitalised month after "del"
   is a name, not a date ("il Movimento del 23 Marzo").
3. Ranges ("9-10 gennaio", "dal 12 al 13 gennaio", "dal 2012 al 2018") give the coarser value that
   covers them (the month for a day range, the first year for a year range) and ``end_value``.
4. Weekdays ("mercoledì", "martedì scorso") are resolved by the tense of their clause: past ->
   the most recent such day, future -> the next one. They need a day-precision publication date;
   against a month-only one they are that month (the news of the month it was printed), and
   without one ``value`` is None (never a guess).
5. Relative expressions ("ieri", "la prossima settimana", "il mese scorso") shift the publication
   date; a week is reported at month precision only when it lies inside one month; a day offset
   ("ieri", "domani") against a month-only publication date is that month, like "oggi".
6. "alla fine del 2021" -> 2021-12, "all'inizio di febbraio" -> month; years only with a cue word
   ("nel 2008"), so a bare "1920" (an image width) or "100.000" is never a year.
7. A day or month written without its year, in the sentence of a written year or the one after
   ("Nel 2018 ... Il 22 marzo ..."), is of that year: a report telling a past year goes on in it
   (HeidelTime reads narratives the same way). Only the nearest year written before counts.
8. Day offsets told from another day ("il giorno dopo", "l'indomani", "due giorni prima") count
   from the latest day the text dates before them, within :data:`ANAPHOR_SENTENCES` sentences;
   tied to an event instead ("il giorno dopo l'attacco") or with no day before them, they have no
   value: the publication date is not their reference.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from ..errors import ResourceError
from ..types import Document, Span, TimeRef

STAGE = "cronaca.times.rules.v1"
APOS = "['’]"


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """One language's time vocabulary and the scanner compiled from it (built once per process)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    parts: dict[str, str]
    scanner: re.Pattern
    trigger: re.Pattern  # cheap first pass: a digit or a time word; the scanner runs only near these
    past: re.Pattern
    future: re.Pattern
    anaphoric: dict[str, int]
    anaphor: re.Pattern  # day offsets told from the day the text told last
    anchored_by: tuple[str, ...]  # next words that tie an offset to an event instead
    undated_past: re.Pattern  # "recentemente", "in precedenza": an earlier time the text leaves unstated
    undated_past_adjectives: frozenset[str]  # "recente" right before an event noun
    antecedent_openers: frozenset[str]  # "dopo che": a clause telling an earlier act
    background_states: frozenset[str]  # "guerra", "invasione": a long-running conflict named by a noun
    clause_opener: re.Pattern  # "che", "perché", ":": where a clause of its own begins


def _first_letters(words) -> str:
    """A lookahead for a digit or the first letter of one of ``words``: put before the trigger,
    it fails fast at every other character, where the words' alternation was tried in full
    (the trigger scans whole texts). Empty when a word starts with anything but a letter."""
    firsts = {w[0] for w in words if w}
    if not all(c.isalpha() for c in firsts):
        return ""
    return "(?=[\\d" + "".join(sorted(re.escape(c) for c in firsts)) + "])"


def _alt(words) -> str:
    """A regex alternation of words, longest first, with apostrophes matching both forms."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        out.append(re.escape(w).replace("'", APOS).replace(r"\ ", r"\s+"))
    return "|".join(out)


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower().replace("’", "'")).strip()


@lru_cache(maxsize=8)
def lexicon(lang: str = "it") -> TimeLexicon:
    """Load and compile the time lexicon of ``lang`` (cached: the data is immutable)."""
    try:
        raw = json.loads(resources.files("cronaca.resources").joinpath(
            f"lexicons/{lang}/time.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        raise ResourceError(f"time lexicon for language {lang!r} is missing or malformed: {exc}") from exc
    months = dict(raw["months"])
    abbr = raw["month_abbreviations"]
    weekdays = raw["weekdays"]
    relative = {_key(k): (v[0], int(v[1])) for k, v in raw["relative"].items()}
    parts = raw["parts"]
    month_full = _alt(months)
    # An abbreviation needs its dot, or a year right after it: "mar" alone is the sea.
    month_abbr = rf"(?:{_alt(abbr)})(?:\.|(?=\s+\d{{4}}\b))"
    month = rf"(?:{month_full}|{month_abbr})"
    # After a day number an abbreviation needs no dot: datelines write "LONDRA, 10 FEB -".
    day_month = rf"(?:{month_full}|(?:{_alt(abbr)})\.?)"
    months.update(abbr)
    wd = _alt(weekdays)
    year = r"(?:19|20)\d{2}"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:°|º)?"
    part = _alt(parts)
    prep = rf"(?:del(?:l{APOS})?|dello|della|di|d{APOS})"
    rel_year = r"(?:(?:lo\s+)?scorso\s+anno|(?:l" + APOS + r")?anno\s+(?:scorso|prossimo)|(?:il\s+)?prossimo\s+anno|quest" + APOS + r"anno)"
    year_cue = _alt(raw["year_cues"])
    pattern = rf"""
      (?P<iso>\b(?P<iy>{year})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
    | (?P<num>\b(?P<nd>[0-3]?\d)[/.](?P<nm>[01]?\d)[/.](?P<ny>{year}|\d{{2}})\b(?![.,]\d))
    | (?P<drange>\b(?:(?:dal|tra\s+il|fra\s+il)\s+)?(?P<d1>{day})\s*(?:-|–|/|\be\b|\bal\b)\s*(?P<d2>{day})\s+
         (?P<rm>{day_month})(?:\s+(?P<ry>{year}))?(?!\w))
    | (?P<dm>\b(?:(?P<dpre>scors[oa]|prossim[oa])\s+)?(?:(?P<dwd>{wd})\s+)?(?P<dd>{day})\s+(?P<dmm>{day_month})
         (?:\s+(?P<dy>{year})|\s+(?P<dpost>scors[oa]|prossim[oa]))?(?!\w))
    | (?P<part>\b(?P<pp>{part})\s+(?:{prep}\s*)?(?:(?P<pm>{month})(?:\s+(?P<pmy>{year}))?|(?P<py>{year})|(?P<pry>{rel_year}))(?!\w))
    | (?P<yrange>\b(?:dal|tra\s+il|fra\s+il)\s+(?P<y1>{year})\s+(?:al|e\s+il|e)\s+(?P<y2>{year})\b)
    | (?P<my>\b(?P<mym>{month_full})\s+(?:(?:del|dell{APOS}anno)\s+)?(?P<myy>{year})\b)
    | (?P<cy>\b(?:{year_cue})\s+(?P<cyy>{year})\b(?![.,/]\d))
    | (?P<mrel>\b(?:(?:lo|il|la)\s+)?(?:(?P<mpre>scors[oa]|prossim[oa])\s+(?:mese\s+di\s+)?(?P<mrm>{month_full})
         |(?P<mrm2>{month_full})\s+(?P<mpost>scors[oa]|prossim[oa]))(?!\w))
    | (?P<wday>\b(?:(?P<wpre>scors[oa]|prossim[oa])\s+)?(?P<wd>{wd})(?:\s+(?P<wpost>scors[oa]|prossim[oa]))?(?!\w))
    | (?P<rel>\b(?:{_alt(relative)})(?!\w))
    """
    past_aux = _alt(raw["past_auxiliaries"])
    past = re.compile(
        rf"\b(?:{_alt(raw['past_markers'])})\b|\b(?:{past_aux})\s+(?:\w+\s+)?\w+(?:at|ut|it|tt|ss|st)[oaie]\b",
        re.I)
    future = re.compile(rf"\b(?:{_alt(raw['future_markers'])})\b|\b\w+(?:rà|ranno|remo|rò)\b", re.I)
    rel_words = {w for k in relative for w in re.split(r"[\s']+", k) if len(w) > 3}
    rel_words -= {"prossima", "prossimo", "scorsa", "scorso", "questa", "questo", "altro"}
    words = [*raw["months"], *abbr, *weekdays, *parts, *rel_words, "prossim", "scors", "quest"]
    trigger = re.compile(rf"{_first_letters(words)}(?:\d|\b(?:{_alt(words)}))", re.I)
    anaphoric = {_key(k): int(v) for k, v in raw.get("anaphoric", {}).items()}
    anaphor = re.compile(rf"\b(?:{_alt(anaphoric)})(?!\w)" if anaphoric else r"(?!)", re.I)
    undated = raw.get("undated_past", [])
    undated_past = re.compile(rf"\b(?:{_alt(undated)})(?!\w)" if undated else r"(?!)", re.I)
    return TimeLexicon(months, weekdays, relative, parts,
                       re.compile(pattern, re.I | re.X), trigger, past, future, anaphoric, anaphor,
                       tuple(_key(w) for w in raw.get("anchored_by", ())), undated_past,
                       frozenset(_key(w) for w in raw.get("undated_past_adjectives", ())),
                       frozenset(_key(w) for w in raw.get("antecedent_openers", ())),
                       frozenset(_key(w) for w in raw.get("background_states", ())),
                       re.compile(rf"[:;]|\b(?:{_alt(raw.get('clause_openers', ()))})\b" if raw.get("clause_openers")
                                  else r"[:;]", re.I))


# -- publication date -------------------------------------------------------------------------

def parse_published(published: str | None) -> tuple[date | None, int | None, int | None]:
    """(day date or None, year, month) from ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` / None."""
    if not published:
        return None, None, None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
    if not m:
        return None, None, None
    y, mo, d = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    if mo and d:
        try:
            return date(y, mo, d), y, mo
        except ValueError:
            return None, y, mo
    return None, y, mo


def _closest_year(month: int, year: int | None, pub_month: int | None) -> int | None:
    """The year that puts ``month`` nearest to the publication month (Dec read in Jan -> last year)."""
    if year is None:
        return None
    if pub_month is None:
        return year
    diff = month - pub_month
    if diff > 6:
        return year - 1
    if diff < -6:
        return year + 1
    return year


def _directed_year(month: int, day: int, pub: tuple, past: bool) -> int | None:
    """The year of ``day`` ``month`` said to be past ("lo scorso 5 aprile") or to come ("il
    prossimo 5 aprile"): the latest such day before publication, or the first one after it (a
    publication date without its day compares by month)."""
    pub_day, pub_y, pub_m = pub
    if pub_y is None:
        return None
    if pub_day is not None:
        ref: tuple[int, ...] = (pub_day.month, pub_day.day)
        mine: tuple[int, ...] = (month, day)
    else:
        ref, mine = (pub_m or (12 if past else 1),), (month,)
    if past:
        return pub_y if mine < ref or pub_day is None and mine == ref else pub_y - 1
    return pub_y if mine > ref or pub_day is None and mine == ref else pub_y + 1


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


# -- tense around a weekday ---------------------------------------------------------------------

def _clause(text: str, start: int, end: int, sentences: tuple[Span, ...]) -> tuple[int, int]:
    """The sentence around a match (the article's sentences, else punctuation bounds)."""
    for s in sentences:
        if s.start <= start < s.end:
            return s.start, s.end
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    hi_candidates = [i for i in (text.find(".", end), text.find("\n", end)) if i != -1]
    return lo, min(hi_candidates) if hi_candidates else len(text)


def tense(text: str, start: int, end: int, sentences: tuple[Span, ...] = (), lang: str = "it") -> str | None:
    """'past', 'future' or None: the tense marker nearest to the span within its own clause
    (from the clause opener before it, "che", "perché", ":", to the one after it), else within
    its sentence: in "ha annunciato che giovedì incontrerà" the report's past is nearer to the
    weekday than the meeting's future, but it tells another clause."""
    lex = lexicon(lang)
    lo, hi = _clause(text, start, end, sentences)
    openers = [m for m in lex.clause_opener.finditer(text, lo, hi) if not start <= m.start() < end]
    own_lo = max((m.end() for m in openers if m.end() <= start), default=lo)
    own_hi = min((m.start() for m in openers if m.start() >= end), default=hi)
    if (own_lo, own_hi) != (lo, hi):
        own = _nearest_marker(lex, text, start, end, own_lo, own_hi)
        if own is not None:
            return own
    return _nearest_marker(lex, text, start, end, lo, hi)


def _nearest_marker(lex: TimeLexicon, text: str, start: int, end: int, lo: int, hi: int) -> str | None:
    best: tuple[int, str] | None = None
    for kind, rx in (("past", lex.past), ("future", lex.future)):
        for m in rx.finditer(text, lo, hi):
            if start <= m.start() < end:  # the expression's own words do not count twice
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            if best is None or dist < best[0]:
                best = (dist, kind)
    return best[1] if best else None


# -- resolvers, one per alternative of the scanner ----------------------------------------------

Resolved = tuple[str | None, str | None, bool, str | None, float]  # value, precision, relative, end, conf


def _month_of(lex: TimeLexicon, word: str) -> int:
    return lex.months[_key(word).rstrip(".")]


def _bare_abbreviation(lex: TimeLexicon, word: str) -> bool:
    """"5 set" is five sets; only a dateline's upper-case "10 FEB" may drop the dot."""
    return not word.endswith(".") and len(word) <= 4 and _key(word) in lex.months and not word.isupper()


def _resolve(m: re.Match, lex: TimeLexicon, pub: tuple, text: str, sentences) -> Resolved | None:
    pub_day, pub_y, pub_m = pub
    kind = m.lastgroup
    if kind == "iso":
        v = _ymd(int(m["iy"]), int(m["im"]), int(m["id"]))
        return (v, "day", False, None, 1.0) if v else None
    if kind == "num":
        y = int(m["ny"])
        y = y + 2000 if y < 100 else y
        v = _ymd(y, int(m["nm"]), int(m["nd"]))
        return (v, "day", False, None, 1.0) if v else None
    if kind == "drange":
        if _bare_abbreviation(lex, m["rm"]) and not m["ry"]:
            return None
        mo = _month_of(lex, m["rm"])
        y = int(m["ry"]) if m["ry"] else _closest_year(mo, pub_y, pub_m)
        d1, d2 = int(m["d1"].rstrip("°º")), int(m["d2"].rstrip("°º"))
        if y is None or d2 <= d1:
            return (None, "month", not m["ry"], None, 0.5) if d2 > d1 else None
        end = _ymd(y, mo, d2)
        return (f"{y:04d}-{mo:02d}", "month", not m["ry"], end, 0.9)
    if kind == "dm":
        if _bare_abbreviation(lex, m["dmm"]) and not m["dy"]:
            return None
        if not m["dy"] and m["dmm"].istitle() and re.search(r"\bdel\s+$", text[max(0, m.start() - 5):m.start()], re.I):
            return None  # "il Movimento del 23 Marzo": a name (Italian writes months in lower case)
        mo = _month_of(lex, m["dmm"])
        marker = (m["dpre"] or m["dpost"] or "").lower()
        if m["dy"]:
            y = int(m["dy"])
        elif marker:  # "lo scorso 5 aprile": the last 5 April before publication, never a later one
            y = _directed_year(mo, int(m["dd"].rstrip("°º")), pub, marker.startswith("scors"))
        else:
            y = _closest_year(mo, pub_y, pub_m)
        if y is None:
            return (None, "day", True, None, 0.5)
        v = _ymd(y, mo, int(m["dd"].rstrip("°º")))
        return (v, "day", not m["dy"], None, 1.0 if m["dy"] else 0.9) if v else None
    if kind == "part":
        which = lex.parts[_key(m["pp"])]
        if m["pm"]:
            mo = _month_of(lex, m["pm"])
            y = int(m["pmy"]) if m["pmy"] else _closest_year(mo, pub_y, pub_m)
            return (f"{y:04d}-{mo:02d}" if y else None, "month", not m["pmy"], None, 0.9)
        if m["py"]:
            y = int(m["py"])
            rel = False
        else:
            if pub_y is None:
                return (None, "month", True, None, 0.5)
            y = pub_y + (0 if "quest" in m["pry"].lower() else (1 if "prossim" in m["pry"].lower() else -1))
            rel = True
        if which == "mid":
            return (f"{y:04d}", "year", rel, None, 0.9)
        return (f"{y:04d}-{12 if which == 'end' else 1:02d}", "month", rel, None, 0.9)
    if kind == "yrange":
        y1, y2 = int(m["y1"]), int(m["y2"])
        return (f"{y1:04d}", "year", False, f"{y2:04d}", 1.0) if y2 > y1 else None
    if kind == "my":
        mo = _month_of(lex, m["mym"])
        return (f"{int(m['myy']):04d}-{mo:02d}", "month", False, None, 1.0)
    if kind == "cy":
        return (f"{int(m['cyy']):04d}", "year", False, None, 0.9)
    if kind == "mrel":  # "lo scorso aprile", "settembre prossimo": that month before (after) publication
        if pub_y is None or pub_m is None:
            return (None, "month", True, None, 0.5)
        mo = _month_of(lex, m["mrm"] or m["mrm2"])
        if (m["mpre"] or m["mpost"]).lower().startswith("scors"):
            y = pub_y if mo < pub_m else pub_y - 1
        else:
            y = pub_y if mo > pub_m else pub_y + 1
        return (f"{y:04d}-{mo:02d}", "month", True, None, 0.9)
    if kind == "wday":
        return _resolve_weekday(m, lex, pub_day, text, sentences,
                                f"{pub_y:04d}-{pub_m:02d}" if pub_y and pub_m else None)
    if kind == "rel":
        return _resolve_relative(lex.relative[_key(m.group())], pub_day, pub_y, pub_m)
    return None


def _resolve_weekday(m, lex, pub_day, text, sentences, pub_month: str | None = None) -> Resolved:
    if pub_day is None:  # against a month-only publication date: that month, at month precision
        return (pub_month, "month", True, None, 0.6) if pub_month else (None, "day", True, None, 0.5)
    target = lex.weekdays[_key(m["wd"])]
    marker = (m["wpre"] or m["wpost"] or "").lower()
    if marker.startswith("scors"):
        t, forced = "past", True
    elif marker.startswith("prossim"):
        t, forced = "future", True
    else:
        t, forced = tense(text, m.start(), m.end(), sentences), False
    conf = 0.9 if t else 0.6
    t = t or "past"  # news mostly reports what happened; the low confidence says so
    if t == "past":
        delta = (pub_day.weekday() - target) % 7 or (7 if forced else 0)
        d = pub_day - timedelta(days=delta)
    else:
        delta = (target - pub_day.weekday()) % 7 or (7 if forced else 0)
        d = pub_day + timedelta(days=delta)
    return (d.isoformat(), "day", True, None, conf)


def _resolve_relative(rule: tuple[str, int], pub_day, pub_y, pub_m) -> Resolved:
    unit, off = rule
    if unit == "year":
        return (f"{pub_y + off:04d}" if pub_y else None, "year", True, None, 1.0)
    if unit == "month":
        if pub_y is None or pub_m is None:
            return (None, "month", True, None, 0.5)
        idx = pub_y * 12 + pub_m - 1 + off
        return (f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month", True, None, 1.0)
    if unit == "week":
        if pub_day is None:
            return (None, "month", True, None, 0.5)
        monday = pub_day - timedelta(days=pub_day.weekday()) + timedelta(weeks=off)
        sunday = monday + timedelta(days=6)
        if (monday.year, monday.month) != (sunday.year, sunday.month):
            return (None, "month", True, None, 0.5)  # the week straddles two months
        return (f"{monday.year:04d}-{monday.month:02d}", "month", True, None, 0.8)
    if pub_day is None:  # a day offset against a month: that month ("ieri" read in May 2025 is May 2025)
        if pub_y and pub_m:
            return (f"{pub_y:04d}-{pub_m:02d}", "month", True, None, 0.8 if off == 0 else 0.6)
        return (None, "day", True, None, 0.5)
    return ((pub_day + timedelta(days=off)).isoformat(), "day", True, None, 1.0)


# -- the stage --------------------------------------------------------------------------------

_WORD_START = re.compile(r"(?<![\w'’])\w")


def _scan(text: str, lex: TimeLexicon):
    """The scanner's matches, tried only at the few words before each trigger.

    Running the full alternation at every character is the stage's main cost; every expression
    contains a digit or a time word within its first four words, so starting at most three words
    before a trigger finds the same leftmost matches.
    """
    last = 0
    for t in lex.trigger.finditer(text):
        p = t.start()
        if p < last:
            continue
        lo = max(last, p - 28, text.rfind("\n", 0, p) + 1)
        starts = [w.start() for w in _WORD_START.finditer(text, lo, p)][-3:] + [p]
        for st in starts:
            m = lex.scanner.match(text, st)
            if m and m.end() > p:
                yield m
                last = m.end()
                break


def find_times(text: str, published: str | None, sentences: tuple[Span, ...] = (),
               lang: str = "it") -> tuple[TimeRef, ...]:
    """Every temporal expression of ``text`` with its value normalised against ``published``,
    then, in text order, against the days the text told before it (rules 7 and 8)."""
    lex = lexicon(lang)
    pub = parse_published(published)
    found: list[tuple[int, re.Match, Resolved | None]] = []
    for m in _scan(text, lex):
        res = _resolve(m, lex, pub, text, sentences)
        if res is not None:
            found.append((m.start(), m, res))
    taken = [(m.start(), m.end()) for _, m, _ in found]
    found += [(m.start(), m, None) for m in lex.anaphor.finditer(text)
              if not any(a <= m.start() < b for a, b in taken)]
    found.sort(key=lambda f: f[0])
    out: list[TimeRef] = []
    told: list[TimeRef] = []  # times whose year the text wrote, or carried on from one it wrote
    for _, m, res in found:
        if res is None:
            out.append(_anaphor(m, out, lex, text, sentences))
            if out[-1].value:
                told.append(out[-1])
            continue
        value, precision, relative, end_value, conf = res
        ref = TimeRef(m.start(), m.end(), m.group(), value, precision, relative, end_value, STAGE, conf)
        carried = _in_told_year(ref, m, told, sentences)
        out.append(carried)
        if carried is not ref or not relative and value and not end_value and not SINCE.match(ref.text):
            told.append(carried)
    return tuple(out)


#: How many sentences back a written year, or the day that "il giorno dopo" counts from, may lie.
TOLD_SENTENCES = 1
ANAPHOR_SENTENCES = 2
#: Scanner alternatives whose year may be left unwritten (a day, a day range, a part of a month),
#: with the group that holds the year when it is written.
_YEARLESS = {"dm": "dy", "drange": "ry", "part": "pmy"}
#: A start bound ("dal 2014", "sin dal 2001"): since when a state holds, not when an act happened.
SINCE = re.compile(r"^(?:dal|dall['’]|dalla|dai|dagli|dalle|da|sin|fin|già|a partire)\b", re.IGNORECASE)


def _sentence_of(sentences: tuple[Span, ...], pos: int) -> int | None:
    i = bisect_left(sentences, pos + 1, key=lambda s: s.start) - 1
    return i if i >= 0 and pos < sentences[i].end else None


def _near(sentences: tuple[Span, ...], before: TimeRef, pos: int, reach: int) -> bool:
    """Whether ``before`` lies in the sentence of ``pos`` or in one of the ``reach`` before it."""
    here, there = _sentence_of(sentences, pos), _sentence_of(sentences, before.start)
    return here is not None and there is not None and 0 <= here - there <= reach


def _in_told_year(ref: TimeRef, m: re.Match, told: list[TimeRef], sentences: tuple[Span, ...]) -> TimeRef:
    """``ref`` moved into the year the text told last (rule 7), when its own year is unwritten
    and that year lies in its sentence or the one before; else ``ref`` unchanged."""
    kind = m.lastgroup or ""
    group = _YEARLESS.get(kind)
    if group is None or m[group] or not ref.value or kind == "part" and not m["pm"] \
            or kind == "dm" and (m["dpre"] or m["dpost"]):
        return ref  # a year written, or a direction from publication ("lo scorso 5 aprile")
    if not told or not told[-1].value or not _near(sentences, told[-1], ref.start, TOLD_SENTENCES):
        return ref
    anchor = told[-1].value
    year = _closest_year(int(ref.value[5:7]), int(anchor[:4]), int(anchor[5:7]) if len(anchor) >= 7 else None)
    if year is None or f"{year:04d}" == ref.value[:4]:
        return ref
    value = _with_year(ref.value, year)
    end = _with_year(ref.end_value, year) if ref.end_value else None
    return replace(ref, value=value, end_value=end) if value else ref


def _with_year(value: str, year: int) -> str | None:
    if len(value) == 10:
        return _ymd(year, int(value[5:7]), int(value[8:10]))
    return f"{year:04d}{value[4:]}"


def _anaphor(m: re.Match, before: list[TimeRef], lex: TimeLexicon, text: str,
             sentences: tuple[Span, ...]) -> TimeRef:
    """A day offset told from another day (rule 8): from the latest day dated before it, within
    :data:`ANAPHOR_SENTENCES` sentences; no value when tied to an event or with no such day."""
    following = re.match(r"\s+([^\W\d]+['’]?)", text[m.end():m.end() + 40])
    value = None
    if following is None or _key(following[1]) not in lex.anchored_by:
        last = next((t for t in reversed(before) if t.precision == "day" and t.value and len(t.value) == 10), None)
        if last is not None and last.value and _near(sentences, last, m.start(), ANAPHOR_SENTENCES):
            day = date.fromisoformat(last.value) + timedelta(days=lex.anaphoric[_key(m.group())])
            value = day.isoformat()
    return TimeRef(m.start(), m.end(), m.group(), value, "day", True, None, STAGE, 0.8 if value else 0.5)


def annotate(doc: Document) -> Document:
    """Stage entry point: fill ``doc.times``."""
    art = doc.article
    lang = art.language if art.language in _languages() else "it"
    return replace(doc, times=find_times(art.text, art.published, art.sentences, lang))


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    base = resources.files("cronaca.resources").joinpath("lexicons")
    return frozenset(p.name for p in base.iterdir() if p.joinpath("time.json").is_file())


__all__: list[str] = ["SINCE", "STAGE", "annotate", "find_times", "lexicon", "parse_published", "tense"]
