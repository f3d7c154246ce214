"""The quote finder's working state and the pieces every rule shares: the quotations of the
text, where a clause starts and a statement's content ends, and how a found statement is
recorded (``emit``) and turned into :class:`~cronaca.types.Quote` records."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ...types import Document, Mention, Quote
from ..attribution import Speaker, Topic
from ..quotemarks import QuoteSpan
from ..reporting import Cue, Lexicon
from ..syntax import Analysis
from ..syntax.units import token_index

STAGE = "cronaca.quotes.rules.v1"


SENT_END = re.compile(r"[.!?…]+[\"»”’)]*(?=\s+|[A-ZÀ-Ý«“\"]|$)")


_LEAD_FURNITURE = re.compile(
    r"\s*(?:[-–—•]\s+|\(\w+\)\s*[-–—]?\s*|[A-ZÀ-Ý][A-ZÀ-Ý' ]{2,},\s*\d{1,2}\s+\w+\.?\s*[-–—]\s*)+")


_CONJ_BEFORE = re.compile(
    r"(?:[,;]\s*(?:(?:ma|e|ed|mentre|poi|però|pur|tuttavia|anche|quindi|inoltre|infine|così)\s+)*"
    r"|\s+(?:ma|e|ed)\s+(?:(?:poi|anche|quindi|inoltre|infine)\s+)*)$",
    re.IGNORECASE)


_TRAIL = " \t\n,;:.–—-"


#: "di" + an infinitive (with its clitics and a "non" or adverb before it) opens a content clause:
#: "ha chiesto di ritirare", "ha annunciato di non voler", "ha detto di averlo"; "di" + a noun does not.
#: A capitalised article after a lower-case word, mid-sentence: a heading or another text glued on.
_GLUED_HEADING = re.compile(r"(?<=[a-zà-ÿ,])\s(?=(?:Il|Lo|La|Le|Gli|I|Un|Una|Uno)\s|(?:L|Un)['’]\w)")


INFINITIVE_NEXT = re.compile(
    r"\s+(?=(?:di|d['’])\s*[«“\"„]?\s*(?:non\s+|(?:\w+mente|già|più|ancora|subito|presto)\s+)?"
    r"(?:\w*(?:are|ere|ire|rre|arsi|ersi|irsi|rsi|rlo|rla|rli|rle|rne|rgli|rci|rvi|rsene)"
    r"|aver|esser|poter|voler|dover)\b)",
    re.IGNORECASE)


TO = frozenset(["a", "ad", "al", "alla", "ai", "agli", "alle", "allo", "all"])


TO_INFINITIVE = re.compile(
    r"\s+(?=(?:a|ad)\s*[«“\"„]?\s*(?:non\s+)?"
    r"(?:\w*(?:are|ere|ire|rre|arsi|ersi|irsi|rsi|rlo|rla|rli|rle|rne|rgli|rci|rvi)|aver|esser|poter|voler|dover)\b)",
    re.IGNORECASE)


NOT_NP_START = frozenset(["per", "a", "ad", "in", "su", "con", "tra", "fra", "da", "di", "d", "del", "della", "dei",
                           "degli", "delle", "dello", "dell", "al", "alla", "ai", "agli", "alle", "allo", "all",
                           "nel", "nella", "nei", "negli", "nelle", "nello", "nell", "sul", "sulla", "sui", "sugli",
                           "sulle", "sull", "dal", "dalla", "dai", "dagli", "dalle", "dall", "durante", "dopo",
                           "prima", "oggi", "ieri", "domani", "stamani", "poi", "anche", "che", "come",
                           "se", "quando", "mentre", "perché", "e", "ma", "o"])


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    kind: str
    speakers: tuple[Speaker, ...]
    cue_start: int | None
    cue_end: int | None
    confidence: float


@dataclass(slots=True)
class State:
    text: str
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    lex: Lexicon
    published: str | None
    qspans: list[QuoteSpan]
    speech: list[QuoteSpan]  # quotations that are speech (cues inside them are not read)
    topic: Topic
    found: list[Found]
    asides: list[tuple[int, int]]  # ", riferisce la Tass,": spans no subject is taken from
    doc: Document | None
    an: Analysis | None = None
    topic_before: list[tuple[Speaker, ...]] = None  # type: ignore[assignment]  # per sentence
    unit_speakers: dict = None  # type: ignore[assignment]  # (unit, topic) -> speaker, read once

    def __post_init__(self) -> None:
        self.topic_before = []
        self.unit_speakers = {}


def mention_position(m: Mention) -> int:
    return m.start


def cue_position(c: Cue) -> int:
    return c.start


def is_speech(text: str, q: QuoteSpan) -> bool:
    """A quotation that opens a sentence, follows a colon, or is long is speech, not a label."""
    line_start = text.rfind("\n", 0, q.start) + 1
    before = text[line_start:q.start].rstrip()
    if not before or before[-1] in ".:!?-–—":
        return True
    return len(text[q.inner_start:q.inner_end].split()) >= 15


def within_quote(spans: Sequence[QuoteSpan], pos: int) -> QuoteSpan | None:
    for q in spans:
        if q.inner_start <= pos < q.inner_end:
            return q
    return None


def outer_quote(st: State, start: int | None = None, end: int | None = None) -> QuoteSpan | None:
    """The outermost quotation that opens at ``start`` / closes at ``end`` (marks included)."""
    for q in st.qspans:
        if q.depth == 0 and (start is None or q.start == start) and (end is None or q.end == end):
            return q
    return None


def quotation_through(st: State, s: int, e: int) -> QuoteSpan | None:
    """The quotation that closes at the end of sentence ``s``..``e`` and opened at its start or
    in an earlier sentence of the same paragraph (a statement quoted over several sentences)."""
    tail = st.text[s:e].rstrip(" .")
    close = s + len(tail)
    for q in st.qspans:
        if q.depth == 0 and q.end in (close, close + 1, e) and q.start <= s + 2 \
                and ("\n" not in st.text[q.start:q.end] or q.opened and q.closed and "\n" not in st.text[s:q.end]):
            return q
    return None


def clause_start(st: State, s: int, limit: int, after_found: bool = True) -> int:
    """Where a clause that ends at ``limit`` begins: the sentence start minus leading furniture,
    or (``after_found``) after the content of a statement already found in this sentence."""
    start = s
    for f in st.found if after_found else ():
        end = max(f.end, f.cue_end or 0)
        if s <= f.end <= limit and end <= limit and end > start:
            start = end
    for m in re.finditer(r"[.!?][\"»”]?\s+(?=[A-ZÀ-Ý«“\"])", st.text[start:limit]):
        if not within_quote(st.qspans, start + m.start()):
            start = start + m.end()
    m = _LEAD_FURNITURE.match(st.text, start, limit)
    if m and start == s:
        start = m.end()
    while start < limit and st.text[start] in " ,;:":
        start += 1
    return start


def content_end(st: State, start: int, e: int, cues_after: Sequence[int]) -> int:
    """End of a complement clause that starts at ``start`` in a sentence ending at ``e``."""
    text = st.text
    end = e
    for q in st.qspans:  # a quotation running past the sentence end is part of the content
        if q.depth == 0 and start <= q.start < e < q.end:
            end = q.end
    stops = []
    for m in re.finditer(r"[:;]|[.!?](?=[A-ZÀ-Ý])", text[start:end]):
        pos = start + m.start()
        if pos > start + 1 and not within_quote(st.qspans, pos):
            stops.append(pos)
    for m in _GLUED_HEADING.finditer(text, start, end):  # "… colloqui volti a Un’altra invasione": glued text
        pos = m.start() + 1
        if pos > start + 1 and not within_quote(st.qspans, pos) and not any(x.start == pos for x in st.mentions):
            stops.append(m.start())
    for m in st.lex.clause_break_re.finditer(text, start, end):
        if not within_quote(st.qspans, m.start()):
            stops.append(m.start())
    for c in cues_after:
        if start < c < end and not within_quote(st.qspans, c):
            m = _CONJ_BEFORE.search(text, start, c)
            if not m:
                break  # a nested report: later coordinated cues are its speaker's, not ours
            stops.append(m.start())
    for m in st.lex.source_re.finditer(text, start, end):
        if text[max(start, m.start() - 2):m.start()].strip() == "," and not within_quote(st.qspans, m.start()):
            stops.append(m.start() - 2)
    if stops:
        end = min(end, min(stops))
    return end


_PLURAL_AUX = frozenset(["hanno", "avevano", "avrebbero", "avranno", "abbiano", "sono", "erano", "sarebbero",
                         "saranno", "siano"])
_PLURAL_ENDING = re.compile(r"(?:ano|ono|anno)$")


def plural_cue(text: str, cue: Cue) -> bool:
    """Is the cue a finite verb in the third person plural ("hanno detto", "si sono detti",
    "scrivono")?"""
    if cue.form != "finite" or not cue.lemma:
        return False  # a verbless attribution ("Sono le parole di X") has no verb to agree with
    if cue.auxiliary:
        return cue.auxiliary.lower() in _PLURAL_AUX
    verb = text[cue.verb_start:cue.end].split()
    return bool(verb) and _PLURAL_ENDING.search(verb[0].lower()) is not None


def emit(st: State, start: int, end: int, speakers: Sequence[Speaker], cue: Cue | None,
          confidence: float, kind: str | None = None) -> None:
    text = st.text
    while start < end and text[start] in " \t\n,;:":
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    if end - start < 3 or not speakers:
        return
    if kind != "direct":
        start = _opening_of_split_quotation(st, start, end)
    speakers = list({sp.name: sp for sp in reversed(speakers)}.values())[::-1]  # one entry per actor
    if cue is not None and len(speakers) == 1 and speakers[0].label == "PER" and plural_cue(text, cue):
        return  # "…, scrivono i leader": one person is never the subject of a plural verb
    if kind is None:
        q = outer_quote(st, start=start)
        close = q.end if q else -1
        kind = "direct" if q and (close == end or close == end + 1
                                  or text[close:end + 1].strip(_TRAIL + "»”\"") == "") else "indirect"
        if kind == "direct":
            start, end = q.inner_start, q.inner_end
    if kind == "direct":
        while end > start and text[end - 1] in _TRAIL:
            end -= 1
    if cue is not None and not start <= cue.start < end and all(
            sp.start is not None and start <= sp.start < end for sp in speakers):
        return  # "X ha confermato che … . Lo riferisce [?]": the content's own subject is not who reports it
    st.found.append(Found(start, end, kind, tuple(speakers),
                           cue.start if cue else None, cue.end if cue else None, confidence))


def _opening_of_split_quotation(st: State, start: int, end: int) -> int:
    """«A. B» in Ue, ricorda X: a full stop inside the marks splits the sentence, and a statement
    that starts at the second quoted sentence and runs past the closing mark starts where the
    marks open, unless a statement that starts before the marks holds them already ("X ha elogiato
    «A. B – afferma X – C»": the quotation is part of that statement, and B starts one of its own)."""
    for q in st.qspans:
        if q.depth == 0 and q.inner_start < start < q.inner_end <= end \
                and st.text[q.inner_start:start].rstrip().endswith((".", "!", "?", "…")) \
                and not any(f.start < q.start and q.inner_start < f.end for f in st.found):
            return q.start
    return start


def finite_between(st: State, lo: int, hi: int) -> bool:
    """Is there a finite verb in ``lo``..``hi``?"""
    if st.an is None:
        return True
    toks = st.an.tokens
    a, b = token_index(toks, lo), token_index(toks, hi)
    return any(t.pos in ("VERB", "AUX", "MODAL") and t.form == "fin" for t in toks[a:b])


def sentence_index(st: State, pos: int) -> int:
    i = bisect_left(st.sentences, (pos + 1, -1)) - 1
    return max(0, min(i, len(st.sentences) - 1))


def trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return end


def dedupe(found: list[Found]) -> list[Found]:
    seen, out = set(), []
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        key = (f.start, f.end, tuple(sp.name for sp in f.speakers))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def to_quotes(text: str, found: Sequence[Found]) -> list[Quote]:
    out = []
    for f in found:
        for sp in f.speakers:
            out.append(Quote(
                start=f.start, end=f.end, text=text[f.start:f.end], kind=f.kind,  # type: ignore[arg-type]
                speaker_id=sp.actor_id, speaker=sp.name,
                cue=text[f.cue_start:f.cue_end] if f.cue_start is not None else None,
                cue_start=f.cue_start, cue_end=f.cue_end,
                speaker_start=sp.start, speaker_end=sp.end,
                stage=STAGE, confidence=f.confidence,
            ))
    return out
