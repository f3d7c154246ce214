"""When each event happened (stage ``cronaca.eventdates.rules.v1``, runs after the event stage).

The event stage finds who did what to whom; dating needs a wider view than one cue's clause: what
the article is *about* (a known meeting), what day it was written (often missing), and how the
gold guidelines date speech, states and history. This stage re-decides ``date``,
``date_precision`` (and ``place`` when a known event says it) of every event, never its type or
actors. The cascade, per article then per event:

0. **Reference day.** The publication date when it has day precision. Otherwise an *anchor*: the
   known event (``resources/events/known.<lang>.jsonl``) the article is about, scored by its names
   and places in the text (the title and lead count double), its participants among the mentions,
   a weekday of the text that falls on its date, and a "martedì 25 gennaio" that fits its year.
   Only meetings and calls anchor (an invasion is background to months of later news); the
   anchor must agree with a month-precision publication date and win alone. "ieri" beside it
   means the article was written the day after. With an anchor the times are resolved again
   against it, so "mercoledì" and "ieri" get a value.
1. **Explicit time** in the event's clause, else its sentence (start bounds such as "dal 2014"
   excluded), nearest to the cue: its value and precision (a range already gives the month).
   A known event named at the cue wins instead when the time is another matched event's date
   ("Il 10 gennaio colloqui a Ginevra, poi una riunione del Consiglio NATO-Russia") or a bare
   year ("il Consiglio, istituito nel 2002"), or when the cue word is inside the known event's
   multi-word name ("ha parlato oggi … delle proposte di sicurezza russe"). A troop build-up
   whose only time is the reference day itself (another verb's "oggi") takes the month.
2. **Known event** matching the event: compatible type, a participant shared, a specific name, or
   a generic name ("incontro") with its place, in the sentence, and its date within a few weeks
   before the reference day. Historical ones (outside the window) are left to the text's year.
   Before both, a **since-bound**: "dall'aprile 2014 e dall'invasione" dates the act to the year.
3. **Without a reference day** the event stage's own value is kept (never guess).
4. **Carry-over**: an explicit past day in the two sentences before, within the paragraph,
   when a party of the event is named there. A block opened by an undated past
   ("recentemente") is background: what follows it in the block gets no date.
5. **By kind**: "recentemente"/"in passato" gives none; a pluperfect ("aveva approvato") and
   states (troop build-ups, "ora è minacciato", present-tense demands, "le richieste russe")
   take the reference month; a future plan keeps the event stage's value; a reported act or
   speech act ("ha affermato", "Ha inoltre affermato che … deve") takes the reference day.
"""

from __future__ import annotations

import json
import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

import simplemma

from ..errors import ResourceError
from ..types import Document, Event, TimeRef
from .aspect import aspect
from .eventlex import sentence_spans
from .events import lexicon as event_lexicon
from .times import find_times, parse_published, tense
from .times import lexicon as time_lexicon

STAGE = "cronaca.eventdates.rules.v1"
log = logging.getLogger(__name__)

#: Event types a known event of a given type may date: agreements are reached at meetings.
COMPATIBLE = {"CONSULT": frozenset({"CONSULT", "AGREE"})}
#: Types that are states, not acts: dated to the reference month unless told in a past tense.
STATES = frozenset({"MOBILIZE"})
#: Types whose present passive is a standing state ("ora è minacciato"), not a reported act.
PENDING = frozenset({"THREATEN", "MOBILIZE"})
#: Known events an undated article may be anchored on: meetings and calls are what a day's news
#: reports; an invasion or an annexation is background to months of later articles.
ANCHOR_TYPES = frozenset({"CONSULT"})
WINDOW_BEFORE = 45  # days a known event may precede the reference day and still be "the" event
WINDOW_AFTER = 10  # days it may follow it (a meeting announced for next week)
LEAD_SENTENCES = 2

_SINCE = re.compile(r"^(?:dal|dall['’]|dalla|dai|dagli|sin|fin|a partire)", re.I)
_SINCE_BEFORE = re.compile(r"\b(?:dal|dall['’]|dalla|dai|dagli)\s*$", re.I)


# -- the gazetteer ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class KnownEvent:
    """A well-documented event: what the texts call it, who took part, when and where."""

    id: str
    type: str
    participants: frozenset[str]
    date: str
    precision: str
    place: str | None
    names: tuple[str, ...]
    places: tuple[str, ...]

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.date) if self.precision == "day" else None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    events: tuple[KnownEvent, ...]
    #: first word of a phrase -> ((pattern of the whole phrase, phrase key), ...), longest first.
    #: A dictionary look-up per word is far cheaper than one regex alternation of every phrase.
    by_first: dict[str, tuple[tuple[re.Pattern, str], ...]]
    by_phrase: dict[str, tuple[tuple[int, str], ...]]  # phrase -> ((event index, "name"|"place"), ...)


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower().replace("’", "'")).strip()


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8)
def gazetteer(lang: str = "it") -> Gazetteer:
    """Load ``resources/events/known.<lang>.jsonl`` once per process and index its phrases."""
    try:
        lines = resources.files("cronaca.resources").joinpath(
            f"events/known.{lang}.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        raise ResourceError(f"known-event gazetteer for language {lang!r} is missing or malformed: {exc}")
    events, by_phrase = [], {}
    for i, r in enumerate(rows):
        ev = KnownEvent(r["id"], r["type"], frozenset(r["participants"]), r["date"], r["precision"],
                        r.get("place"), tuple(r.get("names", ())), tuple(r.get("places", ())))
        events.append(ev)
        for kind, phrases in (("name", ev.names), ("place", ev.places)):
            for p in phrases:
                by_phrase.setdefault(_key(p), []).append((i, kind))
    by_first: dict[str, list[tuple[re.Pattern, str]]] = {}
    for phrase in sorted(by_phrase, key=len, reverse=True):
        first = _WORD.search(phrase)
        if first is None:
            continue
        body = re.escape(phrase).replace("'", "['’]").replace(r"\ ", r"\s+")
        by_first.setdefault(first.group(), []).append((re.compile(rf"{body}(?!\w)", re.I), phrase))
    return Gazetteer(tuple(events), {k: tuple(v) for k, v in by_first.items()},
                     {k: tuple(v) for k, v in by_phrase.items()})


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    event: int
    kind: str  # "name" | "place"
    specific: bool  # a proper name ("Consiglio NATO-Russia"), not a common noun ("incontro")
    phrase: str = ""  # the gazetteer phrase it matched (normalised)


def find_hits(text: str, gaz: Gazetteer) -> list[Hit]:
    """Every occurrence of a known event's name or place, longest phrase first at each word.

    Only the few words that start a phrase are looked for (a set intersection, then ``str.find``),
    so an article that names no known event costs one ``findall``."""
    low = text.lower()
    firsts = set(_WORD.findall(low)) & gaz.by_first.keys()
    if not firsts:
        return []
    starts = []
    for w in firsts:
        i = low.find(w)
        while i >= 0:
            if (i == 0 or not low[i - 1].isalnum()) and low[i - 1:i] != "_":
                starts.append((i, w))
            i = low.find(w, i + 1)
    out, last = [], 0
    for i, w in sorted(starts):
        if i < last:
            continue
        for rx, phrase in gaz.by_first[w]:
            m = rx.match(text, i)
            if m is None:
                continue
            specific = any(c.isupper() for c in m.group()) or " " in phrase
            for k, kind in gaz.by_phrase[phrase]:
                out.append(Hit(m.start(), m.end(), k, kind, specific, phrase))
            last = m.end()
            break
    return out


# -- reference day ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Reference:
    """The day (or month) the article speaks from, and the known event it is about, if any."""

    day: date | None
    year: int | None
    month: int | None
    anchor: KnownEvent | None = None

    @property
    def month_value(self) -> str | None:
        return f"{self.year:04d}-{self.month:02d}" if self.year and self.month else None


def _weekday_dates(text: str, lang: str) -> list[tuple[int, int, int]]:
    """(weekday, day, month) of "martedì (prossimo) 25 gennaio": a day that pins down the year."""
    lex = time_lexicon(lang)
    return [(lex.weekdays[m[1].lower()], int(m[2]), lex.months[m[3].lower()])
            for m in _weekday_date_rx(lang).finditer(text)]


@lru_cache(maxsize=8)
def _weekday_date_rx(lang: str) -> re.Pattern:
    lex = time_lexicon(lang)
    wd = "|".join(sorted(lex.weekdays, key=len, reverse=True))
    mo = "|".join(sorted((k for k in lex.months if len(k) > 4), key=len, reverse=True))
    return re.compile(rf"\b({wd})\s+(?:(?:prossim|scors)[oa]\s+)?(\d{{1,2}})\s+({mo})\b", re.I)


def reference(doc: Document, hits: list[Hit], gaz: Gazetteer, lang: str) -> Reference:
    art = doc.article
    pub_day, y, m = parse_published(art.published)
    if pub_day is not None:
        return Reference(pub_day, y, m)
    anchor = _anchor(doc, hits, gaz, lang, y, m)
    if anchor is None or anchor.day is None:
        return Reference(None, y, m)
    d = anchor.day - timedelta(days=_offset_from_anchor(doc, anchor, hits, gaz, lang))
    return Reference(d, d.year, d.month, anchor)


def _offset_from_anchor(doc: Document, anchor: KnownEvent, hits: list[Hit], gaz: Gazetteer,
                        lang: str) -> int:
    """Days from the article's own day back to the anchor: "ieri a Parigi" means it was written the
    day after the meeting, "oggi" the same day. A weekday or nothing: the same day."""
    rel = time_lexicon(lang).relative
    sents = _sentences(doc)
    spots = [h.start for h in hits if gaz.events[h.event].id == anchor.id]
    for a, b in sents:
        if not any(a <= x < b for x in spots):
            continue
        for t in doc.times:
            rule = rel.get(_key(t.text)) if a <= t.start < b else None
            if rule and rule[0] == "day":
                return rule[1]
    return 0


def _anchor(doc: Document, hits: list[Hit], gaz: Gazetteer, lang: str, y: int | None,
            m: int | None) -> KnownEvent | None:
    """The known event an undated article is about, when one clearly wins (see step 0)."""
    text = doc.article.text
    sents = _sentences(doc)
    lead_end = sents[min(LEAD_SENTENCES, len(sents)) - 1][1] if sents else 0
    title = doc.article.title or ""
    mentioned_all = {x.actor_name for x in doc.mentions}
    mentioned_lead = {x.actor_name for x in doc.mentions if x.start < lead_end}
    weekdays = {time_lexicon(lang).weekdays[w.lower()] for w in _weekday_words(text, lang)}
    pinned = _weekday_dates(title + "\n" + text, lang)
    title_hits = find_hits(title, gaz) if title else []
    evidence: dict[int, dict[str, float]] = {}  # event -> distinct phrase -> weight
    placed, starts = _placed(hits, sents), [a for a, _ in sents]
    for h, in_title in [*((h, False) for h in hits), *((h, True) for h in title_hits)]:
        ev = gaz.events[h.event]
        d = ev.day
        if d is None or ev.type not in ANCHOR_TYPES or (y is not None and d.year != y) or (
                m is not None and d.month != m):
            continue
        phrase = h.phrase
        in_lead = in_title or h.start < lead_end
        if h.kind == "place":
            w = 1.0
        elif h.specific:
            w = 3.0
        elif in_title or _place_nearby(h, placed, starts):
            w = 1.0  # a common noun ("colloqui") counts only beside the event's place
        else:
            continue
        w += 2.0 if in_title else (1.0 if in_lead else 0.0)
        seen = evidence.setdefault(h.event, {})
        seen[(h.kind, phrase)] = max(seen.get((h.kind, phrase), 0.0), w)
    best: list[tuple[float, int]] = []
    for i, parts in evidence.items():
        if not any(k == "name" for k, _ in parts):
            continue  # a place alone says where, not what
        ev = gaz.events[i]
        d = ev.day
        s = sum(parts.values())
        s += len(ev.participants & mentioned_lead) + 0.5 * len(ev.participants & mentioned_all)
        if d.weekday() in weekdays:
            s += 2
        for wd, dd, mm in pinned:
            try:
                if date(d.year, mm, dd).weekday() == wd:
                    s += 3
            except ValueError:
                pass
        best.append((s, i))
    best.sort(reverse=True)
    log.debug("anchor candidates: %s", [(round(x, 1), gaz.events[i].id) for x, i in best[:4]])
    if not best or best[0][0] < 4 or (len(best) > 1 and best[1][0] == best[0][0]
                                       and gaz.events[best[1][1]].date != gaz.events[best[0][1]].date):
        return None
    return gaz.events[best[0][1]]


def _placed(hits: list[Hit], sents: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """(sentence index, known event) pairs where that event's place is named."""
    starts = [a for a, _ in sents]
    return {(bisect_right(starts, h.start) - 1, h.event) for h in hits if h.kind == "place"}


def _place_nearby(h: Hit, placed: set[tuple[int, int]], starts: list[int]) -> bool:
    """Is a place of the same known event named in the hit's sentence?"""
    return (bisect_right(starts, h.start) - 1, h.event) in placed


def _weekday_words(text: str, lang: str) -> list[str]:
    lex = time_lexicon(lang)
    rx = _weekday_rx(tuple(sorted(lex.weekdays, key=len, reverse=True)))
    return rx.findall(text)


@lru_cache(maxsize=8)
def _weekday_rx(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\b({'|'.join(words)})(?!\w)", re.I)


def _sentences(doc: Document) -> list[tuple[int, int]]:
    if doc.article.sentences:
        return [part for s in doc.article.sentences for part in _unglue(doc.article.text, s.start, s.end)]
    return sentence_spans(doc.article.text, ())


#: "… in Polonia.Il capo della diplomazia …": a full stop with no space, as scraped pages glue
#: paragraphs; a lower-case word ending the sentence and a capitalised word opening the next.
_GLUED = re.compile(r"(?<=[a-zà-ù]{2}[.!?])(?=[A-ZÀ-Ý][a-zà-ù])")


def _unglue(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one sentence span at glued full stops, so a time of one never dates the other."""
    cuts = [m.start() for m in _GLUED.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


# -- per event --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Dating:
    date: str | None
    precision: str | None
    place: str | None = None
    rule: str = ""


def _sentence_of(pos: int, sents: list[tuple[int, int]]) -> int:
    for i, (a, b) in enumerate(sents):
        if a <= pos < b:
            return i
    return -1


def _cue_pos(ev: Event, text: str) -> int:
    if ev.cue:
        i = text.lower().find(ev.cue.lower(), ev.start, ev.end)
        if i >= 0:
            return i
    return ev.start


def _is_since(t: TimeRef, text: str) -> bool:
    return not t.end_value and bool(_SINCE.match(t.text) or _SINCE_BEFORE.search(text[max(0, t.start - 6):t.start]))


def _explicit(times: list[TimeRef], spans: Iterable[tuple[int, int]], pos: int, text: str,
              previous: str | None = None) -> TimeRef | None:
    """The time expression of the clause (else the sentence) nearest the cue; the one the event
    stage already chose, when it is among them."""
    for a, b in spans:
        refs = [t for t in times if a <= t.start < b and t.value and not _is_since(t, text)]
        if refs:
            same = [t for t in refs if t.value == previous]
            return same[0] if same else min(refs, key=lambda t: abs(t.start - pos))
    return None


def _known_matches(ev: Event, pos: int, named: list[tuple[Hit, KnownEvent]]) -> list[tuple[int, KnownEvent]]:
    """(distance of its name from the cue, known event) for every known event matching ``ev``,
    among the known events its sentence names (:func:`_named`)."""
    actors = {ev.source, ev.target} - {None}
    found: dict[str, tuple[int, KnownEvent]] = {}
    for h, k in named:
        if ev.type not in COMPATIBLE.get(k.type, frozenset({k.type})):
            continue
        # every party the event names takes part: "consultazioni all'OSCE" beside the Consiglio
        # NATO-Russia shares Russia with it, yet the OSCE makes it another meeting
        if not actors or not actors <= k.participants:
            continue
        if not h.specific and not k.places and len(actors) < 2:
            continue  # a common name ("telefonata") of an event with no places needs both parties
        dist = abs(h.start - pos)
        if k.id not in found or dist < found[k.id][0]:
            found[k.id] = (dist, k)
    return sorted(found.values(), key=lambda x: x[0])


def _named(in_sent: list[Hit], gaz: Gazetteer, ref: Reference) -> Iterator[tuple[Hit, KnownEvent]]:
    """The known events a sentence names: by a proper name, or a common one ("colloqui") beside
    one of its places, dated near enough to the reference day."""
    for h in in_sent:
        k = gaz.events[h.event]
        if h.kind != "name" or not _in_window(k, ref):
            continue
        has_place = any(o.event == h.event and o.kind == "place" for o in in_sent)
        if h.specific or has_place or not k.places:
            yield h, k


def _sequenced(ev: Event, pos: int, t: TimeRef, named: list[tuple[Hit, KnownEvent]], text: str,
               lang: str) -> bool:
    """Is ``t`` the day of another, known meeting that this one followed? "Il 10 gennaio colloqui
    a Ginevra, seguiti da consultazioni all'OSCE": the day belongs to the talks in Geneva, and
    the consultations came later on a day the sentence does not give."""
    words = event_lexicon(lang).sequence_markers
    actors = {ev.source, ev.target} - {None}
    for h, k in named:
        if k.date != t.value or not h.end <= pos or ev.type not in COMPATIBLE.get(k.type, {k.type}):
            continue
        if actors and actors <= k.participants:
            continue  # the named meeting may be this very one
        between = {w.lower() for w in _WORD.findall(text[h.end:pos])}
        if between & words:
            return True
    return False


def _cue_is_name(pos: int, known: KnownEvent, hits: list[Hit], gaz: Gazetteer) -> bool:
    """Is the cue word inside a multi-word name of ``known`` ("proposte di sicurezza")?"""
    return any(h.start <= pos < h.end and h.specific and h.kind == "name" and gaz.events[h.event] is known
               for h in hits)


def _best_known(matches: list[tuple[int, KnownEvent]]) -> KnownEvent | None:
    """The nearest match, unless another at the same distance says another date."""
    if not matches:
        return None
    d0, k0 = matches[0]
    if any(d == d0 and k.date != k0.date for d, k in matches[1:]):
        return None
    return k0


def _in_window(k: KnownEvent, ref: Reference) -> bool:
    if ref.day is None:
        return False
    if ref.anchor is not None and k.id == ref.anchor.id:
        return True
    first, last = _span(k)
    # a month-dated event may have happened on any of its days: it is in the window if any is
    return last >= ref.day - timedelta(days=WINDOW_BEFORE) and first <= ref.day + timedelta(days=WINDOW_AFTER)


def _span(k: KnownEvent) -> tuple[date, date]:
    """First and last day a known event may have taken place (its day, month or year)."""
    if k.day:
        return k.day, k.day
    y = int(k.date[:4])
    if len(k.date) >= 7:
        m = int(k.date[5:7])
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date(y, m, 1), nxt - timedelta(days=1)
    return date(y, 1, 1), date(y, 12, 31)


_PLUPERFECT = re.compile(r"\b(?:aveva|avevano|era|erano)\s+(?:\w+\s+)?\w+(?:at|ut|it)[oaie]\b", re.I)


_PARTICIPLE = re.compile(r"\w(?:at|ut|it)[oaie]$", re.I)


def _cue_kind(ev: Event, lang: str) -> str | None:
    """"verb-ongoing" / "noun-ongoing" when the lexicon marks the event's cue as a state or a
    standing demand ("chiede", "le richieste"): those take the reference month unless told in a
    past tense; None for any other cue."""
    if not ev.cue:
        return None
    cues = event_lexicon(lang).cues
    low = ev.cue.lower()
    entries = cues.get(low) or cues.get(_lemma(low, lang)) or ()
    for c in entries:
        if c.ongoing and c.type == ev.type:
            return f"{c.pos}-ongoing"
    return None


_PAST_CUE = re.compile(r"^(?:ha|hanno|aveva|avevano|è|sono)\s|\w+(?:at|ut|it|ss|tt)[oaie]$", re.I)


def _reported_past(pos: int, doc: Document) -> bool:
    """Is the cue inside a statement reported in the past ("ha affermato che l'Ucraina deve …")?
    Then the demand dates to the statement's day, not to the reference month."""
    quotes = sorted(doc.quotes, key=lambda q: q.start)
    for k, q in enumerate(quotes):
        if not q.start <= pos < q.end:
            continue
        cue = q.cue
        if cue is None and k > 0 and quotes[k - 1].speaker == q.speaker and q.start - quotes[k - 1].end <= 10:
            cue = quotes[k - 1].cue  # a quotation that goes on from the reported one before it
        if cue and _PAST_CUE.search(cue.strip()):
            return True
    return False


@lru_cache(maxsize=4096)
def _lemma(word: str, lang: str) -> str:
    try:
        return simplemma.lemmatize(word, lang=lang).lower()
    except ValueError:  # a language simplemma does not know
        return word


def _indefinite(clause: str, lang: str) -> bool:
    """"hanno recentemente espresso", "in passato": an act the text does not place in time.
    ("allo stesso tempo" is a connective, not a time.)"""
    words = set(re.findall(r"\w+", re.sub(r"stesso\s+tempo", " ", clause.lower())))
    return bool(words & event_lexicon(lang).indefinite_past)


def _background(si: int, sents: list[tuple[int, int]], text: str, lang: str) -> bool:
    """"Kiev ha recentemente espresso preoccupazione … Peskov ha affermato che …": a block of
    text opened by an undated past ("recentemente", "in passato") is background; the statements
    that follow it, up to a blank line, are not dated to the day of the article either."""
    for k in range(si - 1, max(-1, si - 1 - CARRY_SENTENCES), -1):
        if k < 0 or "\n\n" in text[sents[k][1]:sents[k + 1][0]]:
            return False
        if _indefinite(text[sents[k][0]:sents[k][1]], lang):
            return True
    return False


CARRY_SENTENCES = 2  # how far back in its paragraph a story's explicit day still holds


def _carried_day(si: int, sents: list[tuple[int, int]], times: list[TimeRef], text: str,
                 ref: Reference) -> str | None:
    """"Ieri X ha twittato: «…». X ha poi ribadito …": the last explicit past day in the sentences
    just before, within the paragraph."""
    for k in range(si - 1, max(-1, si - 1 - CARRY_SENTENCES), -1):
        if k < 0 or "\n\n" in text[sents[k][1]:sents[k + 1][0]] or "\n" in text[sents[k][1]:sents[k + 1][0]].strip(" "):
            return None
        prior = [x for x in times if sents[k][0] <= x.start < sents[k][1] and x.precision == "day"
                 and x.value and x.value <= ref.day.isoformat() and not _is_since(x, text)]
        if prior:
            return prior[-1].value
    return None


def _same_story(ev: Event, doc: Document, sents: list[tuple[int, int]], si: int) -> bool:
    """A carried day belongs to the actors of its sentence: "Ieri Lukashenko ha detto … Lavrov ha
    affermato" is another act; the day carries only when a party of the event is named there."""
    actors = {ev.source, ev.target} - {None}
    if not actors or si <= 0:
        return True
    lo = sents[max(0, si - CARRY_SENTENCES)][0]
    hi = sents[si][0]
    return any(lo <= m.start < hi and m.actor_name in actors for m in doc.mentions)


def date_event(ev: Event, doc: Document, times: list[TimeRef], sents: list[tuple[int, int]],
               hits: list[Hit], gaz: Gazetteer, ref: Reference, lang: str) -> Dating:
    """Re-decide one event's date (the cascade of the module docstring, steps 1-5)."""
    text = doc.article.text
    pos = _cue_pos(ev, text)
    si = _sentence_of(pos, sents)
    sent = sents[si] if si >= 0 else (ev.start, ev.end)
    named = list(_named([h for h in hits if sent[0] <= h.start < sent[1]], gaz, ref))
    matches = _known_matches(ev, pos, named)
    known = _best_known(matches)
    since = [x for x in times if sent[0] <= x.start < pos and x.value and _is_since(x, text)]
    if since and _SINCE_BEFORE.search(text[max(0, pos - 6):pos]):
        # "moribondo dall'aprile 2014 e dall'invasione": the act is history, dated by its year
        return Dating(since[-1].value[:4], "year", None, "since")
    t = _explicit(times, ((ev.start, ev.end), sent), pos, text, ev.date)
    if known and t is not None and _cue_is_name(pos, known, hits, gaz):
        # "ha parlato oggi … delle proposte di sicurezza russe": the cue *is* the known event's
        # proper name, so the sentence's time belongs to the other act it mentions.
        return Dating(known.date, known.precision, known.place, "known-named")
    if t is not None:
        # "Il 10 gennaio … colloqui a Ginevra, seguiti da una riunione del Consiglio NATO-Russia":
        # the sentence's date belongs to another known event; the one named at the cue has its own.
        if known and known.date != t.value and (
                any(k.date == t.value for _, k in named) or (t.precision == "year" and known.precision != "year")):
            # A bare year ("il Consiglio, istituito nel 2002") is background to a recent meeting.
            return Dating(known.date, known.precision, known.place, "known-nearer")
        if ev.type in STATES and ref.day is not None and t.value == ref.day.isoformat():
            # "adotteranno oggi sanzioni per l'ulteriore dispiegamento di truppe": the day is the
            # other verb's; a build-up is a state and takes the reference month
            return Dating(ref.month_value, "month", None, "state")
        if known is None and _sequenced(ev, pos, t, named, text, lang):
            return Dating(None, None, None, "sequenced")
        return Dating(t.value, t.precision, None, "explicit")
    if known:
        return Dating(known.date, known.precision, known.place, "known")
    if ref.day is None:
        return Dating(ev.date, ev.date_precision, None, "kept")
    if ev.type in STATES:
        return Dating(ref.month_value, "month", None, "state")
    carried = _carried_day(si, sents, times, text, ref)
    if carried is not None and _same_story(ev, doc, sents, si):
        return Dating(carried, "day", None, "carry")
    if ref.anchor is None and _background(si, sents, text, lang):
        return Dating(None, None, None, "background")
    return _by_kind(ev, doc, pos, sent, ref, lang)


def _by_kind(ev: Event, doc: Document, pos: int, sent: tuple[int, int], ref: Reference,
             lang: str) -> Dating:
    """Step 5: no time in the text, so the kind of statement decides (``ref.day`` is known)."""
    text = doc.article.text
    clause = text[ev.start:ev.end]
    if ev.date is None and ref.anchor is None and _indefinite(clause, lang):
        return Dating(None, None, None, "indefinite")  # "hanno recentemente espresso": no day
    when = tense(text, pos, pos + 1, doc.article.sentences, lang)
    if _PLUPERFECT.search(text[max(sent[0], pos - 40):pos + 25]):
        return Dating(ref.month_value, "month", None, "anterior")  # "aveva approvato": before the day
    if when == "future":
        return Dating(ev.date, ev.date_precision, None, "kept-future")
    state = aspect(text, pos)
    kind = _cue_kind(ev, lang)
    if state == "present" and ev.type in PENDING and _PARTICIPLE.search(ev.cue or ""):
        return Dating(ref.month_value, "month", None, "state")  # "ora è minacciato"
    if kind == "noun-ongoing" and state != "past":
        return Dating(ref.month_value, "month", None, "ongoing")  # "le richieste russe"
    ongoing = kind is not None or ev.type in STATES
    if ongoing and state != "past" and when != "past" and not _reported_past(pos, doc):
        return Dating(ref.month_value, "month", None, "ongoing")
    if ref.anchor is not None and ref.anchor.place and ev.type in COMPATIBLE.get(ref.anchor.type, {ref.anchor.type}) \
            and {ev.source, ev.target} & ref.anchor.participants:
        return Dating(ref.day.isoformat(), "day", ref.anchor.place, "anchor")
    return Dating(ref.day.isoformat(), "day", None, "reported")


# -- the stage --------------------------------------------------------------------------------

def date_events(doc: Document) -> tuple[Event, ...]:
    """The events of ``doc`` with dates re-decided, duplicates (same key) merged, first kept."""
    if not doc.events:
        return ()
    art = doc.article
    lang = art.language if art.language in _languages() else "it"
    gaz = gazetteer(lang)
    hits = find_hits(art.text, gaz)
    ref = reference(doc, hits, gaz, lang)
    times = list(doc.times)
    if ref.anchor is not None and any(t.value is None or t.relative for t in times):
        # resolve "mercoledì", "ieri" against the day the article is about
        times = list(find_times(art.text, ref.day.isoformat(), art.sentences, lang))
    times.sort(key=lambda t: t.start)
    sents = _sentences(doc)
    out, seen = [], set()
    for ev in doc.events:
        d = date_event(ev, doc, times, sents, hits, gaz, ref, lang)
        new = replace(ev, date=d.date, date_precision=d.precision if d.date else None,
                      place=ev.place or d.place)
        key = (new.type, frozenset({new.source, new.target}), new.date)
        if key in seen:
            continue
        seen.add(key)
        out.append(new)
    return tuple(out)


def annotate(doc: Document) -> Document:
    """Stage entry point: re-date ``doc.events``."""
    return replace(doc, events=date_events(doc))


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    base = resources.files("cronaca.resources").joinpath("events")
    return frozenset(p.name.split(".")[1] for p in base.iterdir() if p.name.startswith("known."))


__all__ = ["STAGE", "Gazetteer", "KnownEvent", "annotate", "date_events", "gazetteer", "reference"]
