"""Quotations: who said what (stage ``cronaca.quotes.rules.v1``).

The stage reads the cleaned body, its sentence spans and the entity mentions, and returns one
:class:`~cronaca.types.Quote` per reported statement, following the gold guide
(``../shared/gold/README.md``, "Quotes"):

- ``direct`` when the whole content sits inside quotation marks (text without the marks);
- ``indirect`` for reported speech, mixed quotes included (the quoted fragment stays inside).

How a statement is found, in the order the code tries it for every reporting cue
(:mod:`cronaca.nlp.reporting`):

1. ``X ha detto che …`` / ``X ha chiesto di …`` / ``X ha ribadito la condanna …``: the content
   follows the cue up to the end of the clause (sentence end, colon, a coordinated second cue
   ", ma ha osservato che", a gerund ", aggiungendo che").
2. ``X ha affermato: «…»``: a colon then a quotation -> direct.
3. ``«…», ha detto X`` and ``…, ha detto X``: the content precedes the cue; the speaker follows
   it, or is the current topic when the clause ends ("…», ha detto.").
4. ``… . Lo ha detto X``: the content is the previous sentence (never the headline: a resumptive
   clitic in the first body sentence refers to the title and is not annotated).
5. ``secondo X, …`` / ``…, secondo X`` / ``X, secondo cui …`` / ``A suo avviso, …``.
6. ``…, si legge nel comunicato``: the body that issued it; ``È stato sottolineato che …``: the
   principal of the readout (the current topic).
7. A quotation standing alone as a sentence next to an attributed one is given the same speaker
   (a multi-paragraph statement), with no cue.

Cues inside a quotation that is itself speech are not read (a communiqué quoting its own
secretary of state is one statement). Quotes whose speaker cannot be resolved are dropped:
an unattributed quotation is not "who said what".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..types import Document, Mention, Quote
from .attribution import (
    SPEAKER_LABELS,
    Speaker,
    Topic,
    collective,
    description_at_end,
    is_eligible,
    resolve_description,
    clause_subject,
    unit_speaker,
    speaker_after,
    speaker_of,
    subject_before,
)
from .quotemarks import QuoteSpan, pair_quotes
from .syntax import Analysis, analyse, analyse_text, syntax_lexicon
from .syntax.units import token_index
from .reporting import Cue, Lexicon, find_cues, load_lexicon

STAGE = "cronaca.quotes.rules.v1"

_SENT_END = re.compile(r"[.!?…]+[\"»”’)]*(?=\s+|[A-ZÀ-Ý«“\"]|$)")
_LEAD_FURNITURE = re.compile(
    r"^\s*(?:[-–—•]\s+|\(\w+\)\s*[-–—]?\s*|[A-ZÀ-Ý][A-ZÀ-Ý' ]{2,},\s*\d{1,2}\s+\w+\.?\s*[-–—]\s*)+")
_CONJ_BEFORE = re.compile(
    r"(?:[,;]\s*(?:(?:ma|e|ed|mentre|poi|però|pur|tuttavia|anche|quindi|inoltre|infine|così)\s+)*"
    r"|\s+(?:ma|e|ed)\s+(?:(?:poi|anche|quindi|inoltre|infine)\s+)*)$",
    re.IGNORECASE)
_TRAIL = " \t\n,;:.–—-"
#: "di" + an infinitive (with its clitics and a "non" or adverb before it) opens a content clause:
#: "ha chiesto di ritirare", "ha annunciato di non voler", "ha detto di averlo"; "di" + a noun does not.
#: A capitalised article after a lower-case word, mid-sentence: a heading or another text glued on.
_GLUED_HEADING = re.compile(r"(?<=[a-zà-ÿ,])\s(?=(?:Il|Lo|La|Le|Gli|I|Un|Una|Uno)\s|(?:L|Un)['’]\w)")
_INFINITIVE_NEXT = re.compile(
    r"\s+(?=(?:di|d['’])\s*[«“\"„]?\s*(?:non\s+|(?:\w+mente|già|più|ancora|subito|presto)\s+)?"
    r"(?:\w*(?:are|ere|ire|rre|arsi|ersi|irsi|rsi|rlo|rla|rli|rle|rne|rgli|rci|rvi|rsene)|aver|esser|poter|voler|dover)\b)",
    re.IGNORECASE)
_TO = frozenset(["a", "ad", "al", "alla", "ai", "agli", "alle", "allo", "all"])
_TO_INFINITIVE = re.compile(
    r"\s+(?=(?:a|ad)\s*[«“\"„]?\s*(?:non\s+)?"
    r"(?:\w*(?:are|ere|ire|rre|arsi|ersi|irsi|rsi|rlo|rla|rli|rle|rne|rgli|rci|rvi)|aver|esser|poter|voler|dover)\b)",
    re.IGNORECASE)
_NOT_NP_START = frozenset(["per", "a", "ad", "in", "su", "con", "tra", "fra", "da", "di", "d", "del", "della", "dei",
                           "degli", "delle", "dello", "dell", "al", "alla", "ai", "agli", "alle", "allo", "all",
                           "nel", "nella", "nei", "negli", "nelle", "nello", "nell", "sul", "sulla", "sui", "sugli",
                           "sulle", "sull", "dal", "dalla", "dai", "dagli", "dalle", "dall", "durante", "dopo",
                           "prima", "oggi", "ieri", "domani", "stamani", "poi", "anche", "che", "come",
                           "se", "quando", "mentre", "perché", "e", "ma", "o"])


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    kind: str
    speakers: tuple[Speaker, ...]
    cue_start: int | None
    cue_end: int | None
    confidence: float


def annotate(doc: Document) -> Document:
    """Find the document's quotations (a pure function of the document)."""
    art = doc.article
    lex = load_lexicon(art.language if art.language == "it" else "it")
    sentences = [(s.start, s.end) for s in art.sentences] or split_sentences(art.text)
    found = find_quotes(art.text, sentences, doc.mentions, lex, art.published, doc)
    return replace(doc, quotes=tuple(_to_quotes(art.text, found)))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """A fallback splitter for articles that arrive without sentence spans (lines, then stops)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        start = lo
        for m in _SENT_END.finditer(text, lo, hi):
            nxt = text[m.end():m.end() + 2]
            if m.group().startswith(".") and re.search(r"\b[A-Z]\.$", text[max(lo, m.start() - 2):m.end()]):
                continue  # an initial: "Wendy R. Sherman"
            if nxt.strip() == "" or nxt.lstrip()[:1].isupper() or nxt.lstrip()[:1] in "«“\"-–":
                out.append((start, m.end()))
                start = m.end()
        if text[start:hi].strip():
            out.append((start, hi))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip()]


# --------------------------------------------------------------------------------------------
# the finder


@dataclass(slots=True)
class _State:
    text: str
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    lex: Lexicon
    published: str | None
    qspans: list[QuoteSpan]
    speech: list[QuoteSpan]  # quotations that are speech (cues inside them are not read)
    topic: Topic
    found: list[_Found]
    asides: list[tuple[int, int]]  # ", riferisce la Tass,": spans no subject is taken from
    doc: Document | None
    an: Analysis | None = None
    topic_before: list[tuple[Speaker, ...]] = None  # type: ignore[assignment]  # per sentence

    def __post_init__(self) -> None:
        self.topic_before = []


def find_quotes(text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[Mention],
                lex: Lexicon, published: str | None = None, doc: Document | None = None) -> list[_Found]:
    """The statements of one text; ``doc`` (optional) lets role descriptions use the actor KB."""
    qspans = pair_quotes(text)
    an = analyse(doc) if doc is not None else analyse_text(text, sentences, mentions)
    st = _State(text, list(sentences), sorted(mentions, key=lambda m: m.start), lex, published,
                qspans, [q for q in qspans if _is_speech(text, q)], Topic(), [], [], doc, an)
    cues = find_cues(text, 0, len(text), lex)  # once per text, then bucketed by sentence
    sources = [m.start() for m in lex.any_source_re.finditer(text)]
    for si, (s, e) in enumerate(st.sentences):
        before = len(st.found)
        lo, hi = bisect_left(cues, s, key=_cue_start), bisect_left(cues, e, key=_cue_start)
        all_cues = cues[lo:hi]
        positions = [c.start for c in all_cues]
        st.topic_before.append(st.topic.speakers)
        for cue in all_cues:
            inside = _inside(st.speech, cue.verb_start)
            if inside is None:
                _handle_cue(st, si, cue, positions)
            else:
                _dash_cue(st, si, cue, inside)
        if si > 0 and len(st.found) == before:
            _resumptive(st, si, all_cues)
        if bisect_left(sources, s) < bisect_left(sources, e):
            _handle_sources(st, si)
        _per_source(st, si)
        new = st.found[before:]
        if new:
            st.topic.set(new[-1].speakers)
        else:
            st.topic.set(_sentence_subject(st, s, e))
    _standalone(st)
    _relays(st)
    return _dedupe(st.found)


def _mention_start(m: Mention) -> int:
    return m.start


def _cue_start(c: Cue) -> int:
    return c.start


def _is_speech(text: str, q: QuoteSpan) -> bool:
    """A quotation that opens a sentence, follows a colon, or is long is speech, not a label."""
    line_start = text.rfind("\n", 0, q.start) + 1
    before = text[line_start:q.start].rstrip()
    if not before or before[-1] in ".:!?-–—":
        return True
    return len(text[q.inner_start:q.inner_end].split()) >= 15


def _inside(spans: Sequence[QuoteSpan], pos: int) -> QuoteSpan | None:
    for q in spans:
        if q.inner_start <= pos < q.inner_end:
            return q
    return None


def _quote_at(st: _State, pos: int) -> QuoteSpan | None:
    for q in st.qspans:
        if q.start == pos and q.depth == 0:
            return q
    return None


def _quotation_through(st: _State, s: int, e: int) -> QuoteSpan | None:
    """The quotation that closes at the end of sentence ``s``..``e`` and opened at its start or
    in an earlier sentence of the same paragraph (a statement quoted over several sentences)."""
    tail = st.text[s:e].rstrip(" .")
    close = s + len(tail)
    for q in st.qspans:
        if q.depth == 0 and q.end in (close, close + 1, e) and q.start <= s + 2 \
                and "\n" not in st.text[q.start:q.end]:
            return q
    return None


def _quote_ending_at(st: _State, pos: int) -> QuoteSpan | None:
    for q in st.qspans:
        if q.end == pos and q.depth == 0:
            return q
    return None


def _clause_start(st: _State, s: int, limit: int) -> int:
    """Where a clause that ends at ``limit`` begins: the sentence start minus leading furniture,
    or after the content of a statement already found in this sentence."""
    start = s
    for f in st.found:
        end = max(f.end, f.cue_end or 0)
        if s <= f.end <= limit and end <= limit and end > start:
            start = end
    for m in re.finditer(r"[.!?][\"»”]?\s+(?=[A-ZÀ-Ý«“\"])", st.text[start:limit]):
        if not _inside(st.qspans, start + m.start()):
            start = start + m.end()
    m = _LEAD_FURNITURE.match(st.text, start, limit)
    if m and start == s:
        start = m.end()
    while start < limit and st.text[start] in " ,;:":
        start += 1
    return start


def _content_end(st: _State, start: int, e: int, cues_after: Sequence[int]) -> int:
    """End of a complement clause that starts at ``start`` in a sentence ending at ``e``."""
    text = st.text
    end = e
    for q in st.qspans:  # a quotation running past the sentence end is part of the content
        if q.depth == 0 and start <= q.start < e < q.end:
            end = q.end
    stops = []
    for m in re.finditer(r"[:;]|[.!?](?=[A-ZÀ-Ý])", text[start:end]):
        pos = start + m.start()
        if pos > start + 1 and not _inside(st.qspans, pos):
            stops.append(pos)
    for m in _GLUED_HEADING.finditer(text, start, end):  # "… colloqui volti a Un’altra invasione": glued text
        pos = m.start() + 1
        if pos > start + 1 and not _inside(st.qspans, pos) and not any(x.start == pos for x in st.mentions):
            stops.append(m.start())
    for m in st.lex.clause_break_re.finditer(text, start, end):
        if not _inside(st.qspans, m.start()):
            stops.append(m.start())
    for c in cues_after:
        if start < c < end and not _inside(st.qspans, c):
            m = _CONJ_BEFORE.search(text, start, c)
            if not m:
                break  # a nested report: later coordinated cues are its speaker's, not ours
            stops.append(m.start())
    for m in st.lex.source_re.finditer(text, start, end):
        if text[max(start, m.start() - 2):m.start()].strip() == "," and not _inside(st.qspans, m.start()):
            stops.append(m.start() - 2)
    if stops:
        end = min(end, min(stops))
    return end


def _emit(st: _State, start: int, end: int, speakers: Sequence[Speaker], cue: Cue | None,
          confidence: float, kind: str | None = None) -> None:
    text = st.text
    while start < end and text[start] in " \t\n,;:":
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    if end - start < 3 or not speakers:
        return
    speakers = list({sp.name: sp for sp in reversed(speakers)}.values())[::-1]  # one entry per actor
    if kind is None:
        q = _quote_at(st, start)
        close = q.end if q else -1
        kind = "direct" if q and (close == end or close == end + 1
                                  or text[close:end + 1].strip(_TRAIL + "»”\"") == "") else "indirect"
        if kind == "direct":
            start, end = q.inner_start, q.inner_end
    if kind == "direct":
        while end > start and text[end - 1] in _TRAIL:
            end -= 1
    st.found.append(_Found(start, end, kind, tuple(speakers),
                           cue.start if cue else None, cue.end if cue else None, confidence))


def _handle_cue(st: _State, si: int, cue: Cue, cue_positions: Sequence[int]) -> None:
    text, lex = st.text, st.lex
    s, e = st.sentences[si]
    after = text[cue.end:e]
    before_text = text[s:cue.start]

    if _come_source(st, si, cue, before_text):
        return

    # 4. "Lo ha detto X": the content is the previous sentence or the clause before a colon
    if cue.clitic:
        speakers, how = _syntax_subject(st, cue, inverted=True)
        if how not in ("subject", "inverted"):
            speakers, _ = speaker_after(text, cue.end, e, st.mentions, lex, st.topic, st.published, st.doc)
        speakers = speakers or list(st.topic.speakers)
        head = before_text.rstrip()
        if head.endswith(":") and len(head.split()) >= 3:
            q = _quote_ending_at(st, s + len(head) - 1)
            if q is not None:
                _emit(st, q.inner_start, q.inner_end, speakers, cue, 0.8, "direct")
            else:
                _emit(st, _clause_start(st, s, cue.start), s + len(head) - 1, speakers, cue, 0.7)
        elif not head.strip(" -–—") and si > 0:
            ps, pe = st.sentences[si - 1]
            q = _quotation_through(st, ps, pe)
            if q is not None:  # a statement quoted over several sentences: "«A. B.» Lo ha detto X"
                _emit(st, q.inner_start, q.inner_end, speakers, cue, 0.8, "direct")
            else:
                _emit(st, _clause_start(st, ps, pe), pe, speakers, cue, 0.7)
        return

    # 1. complementizer right after the cue, possibly after a short circumstantial phrase
    m = re.match(r"\s*(?:(?:tuttavia|però|anche|inoltre|poi|quindi|comunque|invece|infatti)\s+)*"
                 r"(?:che|come|quanto|affinché)\b", after, re.IGNORECASE) or re.match(
        r"\s+(?:(?:a|ad|al|alla|ai|agli|all['’]|in|nel|nella|durante|dopo|mercoledì|lunedì|martedì|"
        r"giovedì|venerdì|sabato|domenica|ieri|oggi|in precedenza|da)\b[^,;:«»“”\"]{0,110}?)\s+"
        r"(?:che|come|quanto)\b", after, re.IGNORECASE)
    if cue.lemma in lex.quoted_di_lemmas:
        di = re.match(r"\s+(?:(?:anche|poi|più volte|ancora|apertamente)\s+)*(?:di|del|della|dello|dei|degli|delle|dell['’])\s*",
                      after, re.IGNORECASE)
        if di and re.search(r"[«“\"„]", after[di.end():di.end() + 60]):
            start = cue.end + di.end()  # "ha parlato di «molti progressi»"
            _emit(st, start, _content_end(st, start, e, cue_positions), _subject(st, si, cue), cue, 0.7)
        return
    colon = re.match(r"\s*:\s*", after)
    inf = _INFINITIVE_NEXT.match(after)
    if cue.form == "self":
        inf = re.match(r"\s+(?=\w)", after)
        if inf and any(m.start == cue.end + inf.end() for m in st.mentions):
            return  # "quanto si sono detti Meloni e Macron": said to each other, an inverted subject
    quote_next = re.match(r"\s*(?=[«“\"„])", after)

    if colon:
        start = cue.end + colon.end()
        q = _quote_at(st, start)
        speakers = _subject(st, si, cue)
        if q is not None:
            _emit(st, q.inner_start, q.inner_end, speakers, cue, 0.9, "direct")
        else:
            _emit(st, start, _content_end(st, start, e, cue_positions), speakers, cue, 0.7)
        return
    if m and m.group(0).rstrip().lower().endswith(("come", "quanto")) and not _finite_between(st, cue.end + m.end(), e):
        m = None  # "si afferma come nuovo presidente": "come" + a noun phrase is no content clause
    if m and m.group(0).rstrip().lower().endswith("quanto"):
        m = re.match(r".*?(?=quanto\b)", after, re.IGNORECASE | re.DOTALL)  # "quanto sia importante …" is the content
    if m or inf:
        start = cue.end + (m.end() if m else inf.end())
        speakers = _subject(st, si, cue)
        end = _content_end(st, start, e, cue_positions)
        if m:  # "ha affermato che A, e che B": two statements
            for part in re.finditer(r",?\s+e\s+che\s+", text[start:end]):
                if not _inside(st.qspans, start + part.start()):
                    _emit(st, start, start + part.start(), speakers, cue, 0.8)
                    start = start + part.end()
        _emit(st, start, end, speakers, cue, 0.85)
        return

    # 3. inverted cue: the content precedes it
    if _inverted(st, si, cue, after, before_text, cue_positions):
        return
    if quote_next:
        q = _quote_at(st, cue.end + quote_next.end())
        if q is not None:
            _emit(st, cue.end + quote_next.end(), _content_end(st, cue.end, e, cue_positions),
                  _subject(st, si, cue), cue, 0.8)
            return

    # 1b. the cue takes a noun phrase object: "ha ribadito la ferma condanna di …"
    if cue.verb_class == "directive" and cue.form == "gerund":
        return
    if re.match(r"\s*[.!?]?\s*$", after):
        return
    obj = re.match(r"\s+(?:(?:il|lo|la|l['’]|i|gli|le|un|una|uno|un['’])\s*)?[\w'’«“\"]", after)
    fw = re.match(r"\s*(\w+)", after)
    first_word = fw.group(1).lower() if fw else ""
    if obj and first_word in _NOT_NP_START and not (cue.verb_class == "directive" and first_word in _TO):
        obj = None  # "ha promesso per la prossima settimana": no object, only a circumstance
    if cue.form != "impersonal" and cue.lemma not in lex.np_object_lemmas:
        return
    if cue.form == "impersonal" and any(m.end <= cue.start and not text[m.end:cue.start].strip()
                                        for m in st.mentions):
        return  # "Lai si afferma come presidente": a reflexive with its subject, not "one says"
    if obj and (any(f.start <= cue.start < f.end for f in st.found)
                or re.search(r"(?<![\w'’])non\s+$", text[max(0, cue.start - 6):cue.start], re.IGNORECASE)):
        return  # a noun-phrase object read inside another report, or denied: no statement of its own
    if obj and cue.form in ("participle", "finite", "gerund", "impersonal"):
        start = cue.end + len(after) - len(after.lstrip())
        speakers = _subject(st, si, cue)
        if cue.form in ("participle", "finite") and speakers == list(st.topic.speakers) and not re.search(
                r"(?:^|[,;]|\b(?:ma|e|ed|poi|che)\s*)\s*$", before_text.strip(), re.IGNORECASE) \
                and not _subject_named(st, si, cue):
            return  # "Prima della riunione avevano sollecitato X gli indipendentisti": no subject
        if cue.verb_class == "directive":  # "ha chiesto al Consiglio di «…»": the request itself
            if re.match(r"(?:a|ad|al|alla|allo|ai|agli|alle|all['’])\s", text[start:e], re.IGNORECASE):
                for di in re.finditer(r"\s(?=(?:di|d['’]))", text[start:min(e, start + 100)]):
                    if re.search(r"[,;:«»“”\"]", text[start:start + di.start()]):
                        break
                    if _INFINITIVE_NEXT.match(text, start + di.start()):
                        start += di.end()  # the request itself: "di «rimuovere la Russia»"
                        break
        end = _content_end(st, start, e, cue_positions)
        if cue.form == "impersonal":  # "era stato definito X da Y": the agent follows the content
            agent = re.search(r"\s+da(?:l|lla|llo|i|gli|lle|ll['’])?\s+", text[start:end])
            if agent:
                who, who_end = speaker_after(text, start + agent.end(), e, st.mentions, lex, st.topic,
                                             st.published, st.doc)
                if not who:
                    return
                more = re.match(r"[^.;]{0,80}?\s+e\s+da(?:l|lla|llo|i|gli|lle|ll['’])?\s+", text[who_end:e])
                if more:  # "da Dmitry Medvedev, vicepresidente …, e dal ministro Sergey Lavrov"
                    who2, _ = speaker_after(text, who_end + more.end(), e, st.mentions, lex, st.topic,
                                            st.published, st.doc)
                    who = who + who2
                speakers = who
                end = start + agent.start()
        if cue.form != "impersonal" and not _stated_object(st, start, end):
            return
        _emit(st, start, end, speakers, cue, 0.6)


def _stated_object(st: _State, start: int, end: int) -> bool:
    """Does a noun-phrase object state something ("ha ribadito il sostegno del suo Paese al
    governo", "ha accusato la Russia di …")? Not a bare actor ("ha smentito Netanyahu", "ha
    elogiato Trump ieri") unless a "di"/"a" complement says of what, and not a two-word noun
    ("ha annunciato le dimissioni", "ha espresso soddisfazione") unless it quotes someone."""
    text = st.text
    words = text[start:end].split()
    quoted = bool(re.search(r"[«“\"„]", text[start:end]))
    lead = re.match(r"(?:(?:il|lo|la|i|gli|le)\s+|l['’])?", text[start:end], re.IGNORECASE)
    first = start + (lead.end() if lead else 0)
    actor_first = any(m.start == first and m.label in SPEAKER_LABELS for m in st.mentions)
    if actor_first:  # "ha accusato Israele di violare …", "ha sfidato l'India a fornire …"
        limit = min(end, start + 160)
        return any(_INFINITIVE_NEXT.match(text, start + m.start()) or _TO_INFINITIVE.match(text, start + m.start())
                   for m in re.finditer(r"\s(?=(?:di|d['’]|a|ad)\W)", text[start:limit]))
    return quoted or len(words) >= 4


def _dashed_aside(st: _State, si: int, cue: Cue, cue_positions: Sequence[int]) -> bool:
    """"Nelle scorse ore – fa sapere il Centcom – i ribelli hanno lanciato due missili": a report
    set off by dashes states the whole sentence. True when handled."""
    text = st.text
    s, e = st.sentences[si]
    speakers, sp_end = _inverted_subject(st, cue, e)
    close = re.match(r"[^–—\n]{0,60}?\s[–—-]\s", text[sp_end:e]) if speakers else None
    if close is None:
        close = re.match(r"\s*[–—-]\s", text[cue.end:e])
        if close is None:
            return False
        speakers, sp_end = list(st.topic.speakers), cue.end
    if not speakers or any(sp_end <= c < e for c in cue_positions):
        return False
    start = _clause_start(st, s, cue.start)
    _emit(st, start, _content_end(st, sp_end + close.end(), e, cue_positions), speakers, cue, 0.65)
    return True


def _come_source(st: _State, si: int, cue: Cue, before_text: str) -> bool:
    """"Come spiega la Farnesina, «…»", "…, come ha sottolineato X.": a cue after "come" names a
    source, not a clause of its own; the statement is the clause after its comma, or the clause
    it closes. True when handled."""
    if not re.search(r"(?:^|[\s,(–—-])come\s*$", before_text, re.IGNORECASE) or cue.form == "gerund":
        return False
    text = st.text
    s, e = st.sentences[si]
    speakers, sp_end = _inverted_subject(st, cue, e)
    if not speakers:
        return False
    rest = text[sp_end:e]
    lead = before_text.rstrip()[:-4].rstrip()
    if re.match(r"\s*,", rest) and not lead.strip(" -–—("):
        start = _skip_apposition(st, sp_end + rest.index(",") + 1, e)
        _emit(st, start, _content_end(st, start, e, []), speakers, cue, 0.7)
        return True
    if lead.endswith(("-", "–", "—")) and re.match(r"\s*[–—-]\s", rest):
        # "Anche se – come fa notare X – sono state scelte parole morbide": the whole sentence
        _emit(st, _clause_start(st, s, cue.start), _content_end(st, sp_end + len(rest) - len(rest.lstrip(" –—-")), e, []),
              speakers, cue, 0.65)
        return True
    if lead.endswith((",", "(", "-", "–", "—")) and re.match(r"\s*(?:[.;)–—-]|,|$)", rest):
        head = re.sub(r"[\s,(–—-]+$", "", lead)
        q = _quote_ending_at(st, s + len(head)) if head.endswith(("»", "”", '"')) else None
        if q is not None:  # "hanno lanciato «la più grande guerra» (come l'ha definita X)"
            _emit(st, q.inner_start, q.inner_end, speakers, cue, 0.7, "direct")
            return True
        if len(head.split()) >= 4:
            _emit(st, _clause_start(st, s, s + len(head)), s + len(head), speakers, cue, 0.65)
            return True
    return False


def _inverted(st: _State, si: int, cue: Cue, after: str, before_text: str,
              cue_positions: Sequence[int]) -> bool:
    """«…», ha detto X / …, ha detto X / …, si legge nel comunicato. True when handled."""
    text, lex = st.text, st.lex
    s, e = st.sentences[si]
    lead_in = re.sub(r"(?:così|come)\s*$", "", text[s:cue.start].rstrip(), flags=re.IGNORECASE)
    prev_char = lead_in.rstrip()[-1:]
    if prev_char in "–—-" and lead_in.rstrip(" –—-")[-1:] in ("»", "”", '"', "“"):
        prev_char = lead_in.rstrip(" –—-")[-1:]  # "«…» – ha aggiunto – «…»"
    elif prev_char in "–—-" and re.search(r"\s[–—-]$", lead_in) and cue.form != "gerund":
        return _dashed_aside(st, si, cue, cue_positions)
    if prev_char not in (",", "»", "”", '"', "“"):
        return False
    if re.match(r"\s*,\s*\S", after) and re.search(r"\bche\s*,\s*$", before_text):
        start = cue.end + after.index(",") + 1  # "un fatto che, ha detto, non è …"
        _emit(st, start, _content_end(st, start, e, cue_positions), _subject(st, si, cue), cue, 0.7)
        return True
    speakers, sp_end = _inverted_subject(st, cue, e)
    first_after = (after.split() or [""])[0].lower()
    if text[cue.verb_start:cue.end].lower().startswith("si "):
        speakers = _issuing_body(st, cue, e)
    elif not speakers and (re.match(r"\s*(?:[.!?,]|\(|$)", after) or first_after in lex.prepositions
                           or cue.form != "gerund" and re.match(r"\s*[–—-]", after)):
        # "…», ha detto." / "…», ha scritto su Twitter": the subject of the clause that opened the
        # quotation with a colon ("X ha attaccato: «…», ha detto"), else the topic
        inherited, how = _syntax_subject(st, cue)
        speakers = inherited if how == "inherited" else list(st.topic.speakers)
    head = before_text.rstrip(" ,–—-")
    q = _quote_ending_at(st, s + len(head)) if head.endswith(("»", "”", '"', "“")) else None
    rest = text[sp_end:e]
    if speakers and q is None and re.match(r"\s*,", rest) and len(rest.split()) >= 3 \
            and not lex.clause_break_re.match(rest):
        # an aside ("Kozak, ricorda la Tass, ha tenuto …"; "Una fonte, riferisce la Tass, ha
        # precisato che …"), unless the words before it are a clause of their own
        subject_before_it = any(m.end == s + len(head) and is_eligible(m, text, lex) for m in st.mentions)
        if any(sp_end <= c < e for c in cue_positions):
            st.asides.append((cue.start, sp_end))
            return True
        if subject_before_it or len(head.split()) < 4:
            # a parenthetical report: "Cuba, ha aggiunto Obama, è un Paese sovrano"; "Nella
            # città, aggiungono, restano alcune unità": the whole sentence is the statement
            st.asides.append((cue.start, sp_end))
            start = _clause_start(st, s, cue.start)
            comma = sp_end + rest.index(",") + 1
            _emit(st, start, _content_end(st, comma, e, cue_positions), speakers, cue, 0.7)
            return True
    elif q is None and prev_char == "," and not re.match(r"\s*[.!?]", after) and any(
            m.end == s + len(head) and is_eligible(m, text, lex) for m in st.mentions):
        return False  # an apposition ("Il ministro, Lorenzo Guerini, ha confermato …")
    if not speakers:
        return q is not None  # an attributed quotation whose speaker we cannot name: none
    # a nested report after a statement already found: "X ha ribadito che …, così ha riferito Y"
    for f in reversed(st.found):
        if s <= f.start and f.end <= cue.start and re.fullmatch(
                r"[\s,.»”\"]*(?:così|come)\s*", text[f.end:cue.start], re.IGNORECASE):
            st.found.append(_Found(f.start, f.end, f.kind, tuple(speakers), cue.start, cue.end, 0.6))
            return True
    start = _clause_start(st, s, cue.start)
    if q is not None and (q.start <= start or len(text[start:q.start].split()) < 2
                          or q.start < s or text[start:q.start].rstrip().endswith(":")):
        _emit(st, q.inner_start, q.inner_end, speakers, cue, 0.9, "direct")
        _split_continuation(st, sp_end, e, speakers, cue)
        return True
    if any(start <= c < cue.start for c in cue_positions):
        return True  # the clause reports someone else's words: that inner report is the quote
    if len(text[start:cue.start].split()) < 4:
        return True
    _emit(st, start, cue.start, speakers, cue, 0.75)
    return True


_RESUMPTIVE = re.compile(
    r"\s*(?:(?P<cosi>così)\b"
    r"|(?:è|e['’]) quanto (?:ha|hanno|aveva|avevano) \w+"
    r"|(?:(?:sono|queste(?: sono)?|erano) )?(?:le )?(?:\w+ )?parole (?:di|del|della|dello|dell['’]|dei|degli|delle)\b"
    r"|(?P<cleft>(?:a|ad) (?P<inf>\w+?)(?:lo|la|li|le)(?: noto)? (?:è|sono|è stato|è stata|sono stati|era|erano)\b))",
    re.IGNORECASE)


def _resumptive(st: _State, si: int, cues: Sequence[Cue]) -> None:
    """A sentence that attributes the statement before it: "«…». Così il ministro X", "È quanto
    ha detto X", "Sono le parole di X", "A dirlo è X" (a cleft on a reporting verb). The statement
    is the quotation that ends the previous sentence (direct), or for the explicit forms the
    previous sentence itself (indirect)."""
    text = st.text
    s, e = st.sentences[si]
    m = _RESUMPTIVE.match(text, s, e)
    if m is None:
        return
    if m.group("cleft") and st.lex.form_info.get(m.group("inf").lower() + "e", ("", "", ""))[1] != "infinitive" \
            and st.lex.form_info.get(m.group("inf").lower(), ("", "", ""))[1] != "infinitive":
        return  # "A farlo è stato X": not a verb of saying
    if m.group("cosi") and not _verbless_attribution(st, m.end(), e, cues):
        return  # "Così il governo ha deciso …": an adverb, not an attribution
    speakers = _speaker_in(st, m.end(), e)
    if not speakers:
        return
    cue = Cue(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end(), m.start(), "", "finite",
              "assertive", False, None)
    ps, pe = st.sentences[si - 1]
    q = _quotation_through(st, ps, pe)
    if q is not None and not any(f.start <= q.inner_start < f.end and f.cue_start is not None for f in st.found):
        st.found[:] = [f for f in st.found if not (f.start == q.inner_start and f.cue_start is None)]
        _emit(st, q.inner_start, q.inner_end, speakers, cue, 0.75, "direct")
    elif q is None and not m.group("cosi") and not any(ps <= f.start < pe for f in st.found):
        _emit(st, _clause_start(st, ps, pe), pe, speakers, cue, 0.65)


def _finite_between(st: _State, lo: int, hi: int) -> bool:
    """Is there a finite verb in ``lo``..``hi``?"""
    if st.an is None:
        return True
    toks = st.an.tokens
    a, b = token_index(toks, lo), token_index(toks, hi)
    return any(t.pos in ("VERB", "AUX", "MODAL") and t.form == "fin" for t in toks[a:b])


def _verbless_attribution(st: _State, lo: int, e: int, cues: Sequence[Cue]) -> bool:
    """After "Così", a speaker phrase with no verb of its own, or a reporting verb ("Così ha
    commentato il ministro")."""
    if any(lo <= c.start and c.start - lo < 40 for c in cues):
        return True
    return st.an is not None and not _finite_between(st, lo, e)


def _speaker_in(st: _State, lo: int, hi: int, any_case: bool = False) -> list[Speaker]:
    """The first actor phrase no preposition governs in ``lo``..``hi`` (any phrase with
    ``any_case``, for a caller that read the preposition itself)."""
    an = st.an
    if an is None:
        return []
    units = [u for u, x in enumerate(an.units) if lo <= x.start < hi and (any_case or x.case in ("", "adj"))
             and x.kind != "pronoun"]
    if not units:
        return []
    first = units[0]
    grp = [u for u in units if an.units[u].group == an.units[first].group]
    out = [sp for sp in (_unit_speaker(st, u) for u in grp) if sp is not None]
    return out


def _split_continuation(st: _State, pos: int, e: int, speakers: Sequence[Speaker], cue: Cue) -> None:
    """«A», ha detto X, «B» (or – ha detto X – «B»): the second half is the same statement's
    speaker; so is "…" – ha detto X – B…" where only the second half's closing mark is left."""
    text = st.text
    m = re.match(r"[^«“\"„.;]{0,60}?[,–—-]\s*(?=[«“\"„])", text[pos:pos + 80])
    if m:
        q = _quote_at(st, pos + m.end())
        if q is not None:
            _emit(st, q.inner_start, q.inner_end, speakers, cue, 0.85, "direct")
        return
    m = re.match(r"[^«“\"„.;,]{0,60}?\s[–—-]\s+(?=[A-ZÀ-Ý])", text[pos:pos + 80])
    if m:
        start = pos + m.end()
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        close = re.search(r"[»”\"]", text[start:line_end])
        if close and not re.search(r"[«“„]", text[start:start + close.start()]):
            _emit(st, start, start + close.start(), speakers, cue, 0.7, "direct")


def _inverted_subject(st: _State, cue: Cue, e: int) -> tuple[list[Speaker], int]:
    """The subject named after an inverted cue, and where it ends: the clause analysis first,
    the old reading of the words after the cue when the analysis names none."""
    speakers, how = _syntax_subject(st, cue, inverted=True)
    if how == "inverted" and speakers:
        ends = [sp.end for sp in speakers if sp.end is not None]
        return speakers, max(ends) if ends else cue.end
    both = _BOTH.match(st.text, cue.end + 1)
    if how == "subject" and speakers and both:  # "…», hanno spiegato entrambi"
        return speakers, both.end()
    return speaker_after(st.text, cue.end, e, st.mentions, st.lex, st.topic, st.published, st.doc)


def _subject(st: _State, si: int, cue: Cue) -> list[Speaker]:
    """The speaker of a cue whose subject, if named, precedes it."""
    text, lex = st.text, st.lex
    s, _ = st.sentences[si]
    if cue.form == "impersonal":
        return list(st.topic.speakers)
    found, how = _syntax_subject(st, cue)
    if found:
        return found
    named = _name_right_before(st, cue)
    if named is not None:
        return [named]
    # nested report: the cue sits inside the content of an earlier statement
    lo, blocked = s, []
    for f in st.found:
        if f.start <= cue.start < f.end:
            lo = f.start
        elif f.end <= cue.start and f.start >= s:
            blocked.append((f.start, f.end))
    if cue.form == "gerund":
        same = [f for f in st.found if f.start >= s or f.end > s]
        if same:
            return list(same[-1].speakers)
        near = subject_before(text, _clause_start(st, s, cue.start), cue.start, st.mentions, lex,
                              st.asides)
        main = near or _main_subject(st, s, cue.start)
        if main:
            return main
    speech = [(q.start, q.end) for q in st.speech if q.end <= cue.start]
    named = subject_before(text, lo, cue.start, st.mentions, lex, blocked + st.asides + speech)
    desc = description_at_end(text, lo, cue.start, lex)
    if desc and (not named or (named[-1].end or 0) <= desc[0]
                 or (named[-1].label != "PER" and (named[-1].start or 0) >= desc[0])):
        d0, d1 = desc
        who = resolve_description(text[d0:d1].strip(), d0, text, st.mentions, st.topic, lex, st.published, st.doc)
        if who is not None:
            return [who]
    if named:
        return named
    if cue.form == "gerund" and st.topic.speakers:
        return list(st.topic.speakers)
    head = text[lo:cue.start]
    for a, b in st.asides:
        if lo <= a and b <= cue.start:
            head = head.replace(text[a:b], "")
    if _no_subject(head, lex):
        return list(st.topic.speakers)
    return []


def _name_right_before(st: _State, cue: Cue) -> Speaker | None:
    """A name the entity stage could not type as an actor, right before the verb ("il leader dei
    ribelli Abu Mohammed al-Jolani ha raccomandato"): the subject all the same."""
    for m in reversed(st.mentions):
        if m.end <= cue.start - 80:
            break
        if m.end <= cue.start and not st.text[m.end:cue.start].strip() and m.label not in SPEAKER_LABELS \
                and m.label in ("MISC", "PER", "ORG") and m.text[:1].isupper():
            return Speaker(m.actor_id, m.actor_name, m.start, m.end, "PER" if " " in m.text else m.label)
    return None


def _syntax_subject(st: _State, cue: Cue, inverted: bool = False) -> tuple[list[Speaker], str]:
    """The cue verb's subject from the clause analysis (see :func:`clause_subject`)."""
    if st.an is None:
        return [], "none"
    tok = token_index(st.an.tokens, cue.verb_start)
    units, how = clause_subject(st.an, tok, inverted, blocked=st.asides, invertible=_invertible(st.lex.language))
    speakers = [sp for sp in (_unit_speaker(st, u) for u in units) if sp is not None]
    if how not in ("subject", "inverted"):
        pair = _both(st, cue)
        if pair:
            return pair, "subject"
    return speakers, how


_BOTH = re.compile(r"(?<![\w'’])(?:entrambi|entrambe|ambedue|i due(?: leader| presidenti| ministri| capi di stato)?"
                   r"|le due parti|le parti)(?![\w'’])", re.IGNORECASE)


def _both(st: _State, cue: Cue) -> list[Speaker]:
    """"Entrambi", "i due leader", "le parti" as the subject: the last pair of actors named
    together before ("Biden e Xi si sono incontrati. … hanno spiegato entrambi")."""
    text = st.text
    before = _BOTH.search(text, max(0, cue.start - 25), cue.start)
    after = _BOTH.match(text, cue.end + len(text[cue.end:cue.end + 3]) - len(text[cue.end:cue.end + 3].lstrip()))
    if before is None and after is None or st.an is None:
        return []
    if before is not None and text[before.end():cue.start].strip():
        if after is None:
            return []
    groups: dict[int, list[int]] = {}
    for k, u in enumerate(st.an.units):
        if u.end <= cue.start and u.case in ("", "con") and u.kind in ("name", "role"):
            groups.setdefault(u.group, []).append(k)
    pairs = [g for g in groups.values() if len({st.an.units[k].name for k in g}) >= 2]
    if not pairs:
        return []
    return [sp for sp in (_unit_speaker(st, k) for k in pairs[-1]) if sp is not None]


_COLLECTIVE_HEADS = frozenset(["funzionari", "funzionario", "fonti", "fonte", "media", "parte", "esponenti",
                               "vertici", "dirigenti", "rappresentanti", "diplomatici"])


@lru_cache(maxsize=4)
def _invertible(language: str) -> frozenset[str]:
    """Lemmas whose subject may follow them when they open a clause ("…», ha detto X"): the
    verbs of saying that take no noun-phrase object (their first word: "far sapere" -> "fare")."""
    out = set()
    for lemma, spec in load_lexicon(language).data["verbs"].items():
        if not spec.get("np") and spec.get("class", "assertive") == "assertive":
            head = lemma.split()[0]
            out.add(head + "e" if head.endswith("r") else head)
    return frozenset(out)


def _unit_speaker(st: _State, u: int) -> Speaker | None:
    """The speaker an actor phrase names: a collective source ("i media statunitensi" -> U.S.
    media, "fonti del Cremlino" -> Kremlin), the person a role of an organisation designates
    ("il segretario generale dell'Onu"), else the actor itself."""
    an, text = st.an, st.text
    unit = an.units[u]
    toks = an.tokens
    lead = toks[unit.start_tok:unit.head_tok]
    if unit.kind == "role":  # a description the entity stage resolved: the roles this article states first
        who = _kb_description(st, text[unit.start:unit.end], unit.start)
        return who if who is not None else unit_speaker(unit)
    if unit.label != "PER" and unit.start_tok < unit.head_tok or unit.kind == "demonym":
        phrase_start = toks[unit.start_tok].start
        phrase = text[phrase_start:unit.end]
        if unit.kind != "role" and any(t.low in _COLLECTIVE_HEADS for t in toks[unit.start_tok:unit.end_tok]):
            coll = collective(phrase, text, phrase_start, st.mentions, st.lex)
            if coll is not None:
                return coll
        if any(t.low in syntax_lexicon("it").person_nouns or st.lex.role_re.fullmatch(t.text) for t in lead):
            who = _kb_description(st, phrase, phrase_start)
            if who is not None:
                return who
            prev = _apposed_person(st, u)
            if prev is not None:
                return prev
    return unit_speaker(unit)


def _kb_description(st: _State, phrase: str, start: int) -> Speaker | None:
    who = resolve_description(phrase, start, st.text, st.mentions, st.topic, st.lex, st.published, st.doc)
    return who if who is not None and who.label in ("PER", None) else None


def _apposed_person(st: _State, u: int) -> Speaker | None:
    """"Guterres, segretario generale dell'Onu, ha detto": the person the role is apposed to."""
    an = st.an
    unit = an.units[u]
    if unit.start_tok < 2 or an.tokens[unit.start_tok - 1].low != ",":
        return None
    for x in an.units:
        if x.end_tok == unit.start_tok - 1 and x.label == "PER":
            return unit_speaker(x)
    return None


_PRONOUNS = frozenset(["egli", "ella", "lui", "lei", "esso", "essa", "essi", "loro", "questi", "quest'ultimo", "quest’ultimo", "che"])


def _subject_named(st: _State, si: int, cue: Cue) -> bool:
    """Is a subject named (or described) right before the cue in this sentence?"""
    s, _ = st.sentences[si]
    lo = _clause_start(st, s, cue.start)
    return bool(subject_before(st.text, lo, cue.start, st.mentions, st.lex, st.asides)
                or description_at_end(st.text, lo, cue.start, st.lex))


def _no_subject(head: str, lex: Lexicon) -> bool:
    """True when the words before a cue name no subject (pro-drop): nothing, conjunctions,
    adverbs, a prepositional phrase ("E da Kiev ha ammesso"), or a personal pronoun."""
    segs = [x.strip() for x in re.split(r"[,;:()–—]", head)]
    seg = next((x for x in reversed(segs) if x), "")
    if not seg:
        return True
    words = seg.split()
    first = words[0].lower()
    if first in _PRONOUNS:
        return True
    if first in ("ma", "e", "ed", "poi", "però", "mentre", "inoltre", "infine", "anche", "quindi",
                 "così", "intanto", "successivamente") or first in lex.prepositions:
        rest = words[1:]
        return not rest or _no_subject(" ".join(rest), lex) or first in lex.prepositions
    return False


def _main_subject(st: _State, s: int, hi: int) -> list[Speaker]:
    """The subject of a sentence's main clause: a description opening it, or its first name."""
    text = st.text
    start = _clause_start(st, s, hi)
    lead = re.match(r"\s*(?:[^,]{0,40},\s*)?((?:il|la|lo|l['’]|i|gli|le)\s*[^,;:]{0,80}?)"
                    r"(?=\s+(?:ha|hanno|è|sono|aveva|si)\b)", text[start:hi], re.IGNORECASE)
    if lead:
        d0 = start + lead.start(1)
        named = [m for m in st.mentions if d0 <= m.start < start + lead.end(1) and m.label == "PER"]
        if named:
            return [speaker_of(named[-1])]
        who = resolve_description(lead.group(1), d0, text, st.mentions, st.topic, st.lex, st.published, st.doc)
        if who:
            return [who]
    return _sentence_subject(st, start, hi)


def _issuing_body(st: _State, cue: Cue, e: int) -> list[Speaker]:
    """"…, si legge nel comunicato (del Cremlino)": the organisation that issued the text."""
    after = [m for m in st.mentions if cue.end <= m.start < e and m.label == "ORG"]
    if after and after[0].start - cue.end < 60:
        return [speaker_of(after[0])]
    before = [m for m in st.mentions if m.end <= cue.start and m.label == "ORG"]
    if before:
        return [speaker_of(before[-1])]
    return list(st.topic.speakers)


def _handle_sources(st: _State, si: int) -> None:
    """"secondo X, …", "…, secondo X", "X, secondo cui …", "A suo avviso, …"."""
    text, lex = st.text, st.lex
    s, e = st.sentences[si]
    for m in lex.relative_re.finditer(text, s, e):
        if _inside(st.qspans, m.start()) or any(f.start <= m.start() < f.end for f in st.found):
            continue
        named = subject_before(text, s, m.start(), st.mentions, lex)
        speakers = named[-1:] or list(st.topic.speakers)
        _emit(st, m.end(), _content_end(st, m.end(), e, []), speakers, None, 0.7)
    for m in lex.possessive_re.finditer(text, s, e):
        if _inside(st.qspans, m.start()):
            continue
        start = m.end()
        _emit(st, start, _content_end(st, start, e, []), list(st.topic.speakers), None, 0.6)
    for m in lex.source_re.finditer(text, s, e):
        if _inside(st.qspans, m.start()) or any(f.start <= m.start() < f.end for f in st.found):
            continue
        if lex.relative_re.match(text, m.start()):
            continue
        rest = text[m.end():e]
        if re.match(r"\s*quanto\b", rest, re.IGNORECASE):
            _as_reported_by(st, si, m.start(), m.end())
            continue
        if re.match(r"\s*(?:me|noi|voi|te)\b", rest, re.IGNORECASE):
            continue
        np_m = re.match(r"[^,;:.«»“”\"]*", rest)
        title = re.match(r"[«“\"][^«»“”\",;:.]{1,40}[»”\"][^,;:.«»“”\"]*", rest[np_m.end():])
        if title and re.search(r"(?:quotidiano|giornale|agenzia|emittente|rivista|testata|settimanale)\s*$",
                               rest[:np_m.end()], re.IGNORECASE):
            np_m = re.match(r".{%d}" % (np_m.end() + title.end()), rest, re.DOTALL)  # "il quotidiano «The Times»"
        np_end = m.end() + np_m.end()
        inside = [x for x in st.mentions if m.end() <= x.start < np_end and x.label in ("PER", "ORG", "GPE")]
        trailing = not text[np_end:e].strip(" .")
        if trailing and text[max(s, m.start() - 2):m.start()].strip() != ",":
            phrase_end = _source_phrase_end(st, m.end(), e)  # "Secondo gli osservatori Suu Kyi non ha …"
            if phrase_end is not None:
                inside = [x for x in st.mentions if m.end() <= x.start < phrase_end and x.label in ("PER", "ORG", "GPE")]
                who = _source_np(st, m.end(), phrase_end, inside)
                if who:
                    _emit(st, phrase_end, _content_end(st, phrase_end, e, []), who, None, 0.6)
                continue
        if trailing:  # "…, secondo X."
            who = _source_np(st, m.end(), np_end, inside)
            if who and text[max(s, m.start() - 2):m.start()].strip() == ",":
                _emit(st, _clause_start(st, s, m.start()), m.start(), who, None, 0.65)
            continue
        if text[np_end:np_end + 1] == ",":  # "Secondo X, …"
            who = _source_np(st, m.end(), np_end, inside)
            if who:
                start = _skip_apposition(st, np_end + 1, e)
                _emit(st, start, _content_end(st, start, e, []), who, None, 0.7)
            continue
        if inside and inside[0].start - m.end() < 8:  # "secondo la NATO sono …"
            first = inside[0]
            start = first.end
            _emit(st, start, _content_end(st, start, e, []), [speaker_of(first)], None, 0.6)


_SOURCE_TITLES = frozenset(["agenzia", "quotidiano", "giornale", "emittente", "tv", "televisione", "radio", "sito",
                            "portale", "testata", "rivista", "settimanale", "canale", "network", "ong", "partito",
                            "movimento", "gruppo", "organizzazione", "istituto", "think", "tank", "centro"])


def _source_phrase_end(st: _State, pos: int, e: int) -> int | None:
    """Where the source phrase after "secondo" ends when no comma closes it ("secondo media
    arabi il presidente …", "secondo l'Onu la repressione …", "secondo il ministro X nei
    colloqui …"): after its determiner, nouns and "di" complements, and a name apposed to a
    title ("il ministro X", "l'agenzia Dan"); the content starts at the next phrase. None when
    the words after it are not a clause of their own."""
    an = st.an
    if an is None:
        return None
    toks = an.tokens
    i, b = token_index(toks, pos), token_index(toks, e)
    k = i
    while k < b and toks[k].pos == "DET":
        k += 1
    head_start = k
    last_noun = None
    while k < b:
        t = toks[k]
        if t.pos in ("NOUN", "PROPN", "NUM") or t.low in st.lex.data["parties"]:
            if t.pos == "PROPN" and last_noun is not None and toks[last_noun].pos == "NOUN" \
                    and not (toks[last_noun].low in syntax_lexicon("it").person_nouns
                             or st.lex.role_re.fullmatch(toks[last_noun].text)
                             or toks[last_noun].low in _SOURCE_TITLES) \
                    and not any(toks[x].pos == "ADP" for x in range(head_start, k)):
                break  # "gli osservatori Suu Kyi": a name after a plural noun starts the content
            last_noun = k
            k += 1
        elif t.pos == "ADP" and st.lex.prepositions and t.low in ("di", "d'", "del", "della", "dello", "dei", "degli",
                                                                   "delle", "dell'") and k + 1 < b:
            k += 1
            while k < b and toks[k].pos == "DET":
                k += 1
        else:
            break
    if last_noun is None or k >= b or k == head_start:
        return None
    nxt = toks[k]
    if nxt.pos not in ("DET", "PROPN", "NOUN", "ADP", "QUOTE", "PRON", "NUM", "NEG", "CLITIC", "AUX", "VERB", "MODAL"):
        return None
    rest = toks[k:b]
    if not any(t.pos in ("VERB", "AUX", "MODAL") and t.form == "fin" for t in rest):
        return None
    return toks[k].start


_PER = re.compile(r"\s*(?:[-–—•]\s*)?per\s+(?!(?:quanto|questo|questi|ora|il momento|la prima|ultimo|ora|adesso|esempio|fortuna|caso)\b)",
                  re.IGNORECASE)


def _per_source(st: _State, si: int) -> None:
    """"Per X, …" / "Per X «…»" opening a sentence: X's view. A person's view always; an
    organisation's or a state's only with a quotation in it ("Per il governo si tratta di «…»"),
    since "per la Russia" is as often the journalist's "for Russia"."""
    text = st.text
    s, e = st.sentences[si]
    m = _PER.match(text, s, e)
    if m is None or any(f.start <= m.end() < f.end for f in st.found):
        return
    nxt = re.match(r"\w+", text[m.end():e])
    if nxt is None or st.lex.form_info.get(nxt.group(0).lower(), ("", "", ""))[1] == "infinitive" \
            or re.fullmatch(r"\w+(?:are|ere|ire|rre)", nxt.group(0).lower()):
        return  # "Per giustificare l'intervento": a purpose
    comma = re.match(r"[^,;:.«»“”\"]{2,90},", text[m.end():e])
    if comma:
        np_end = m.end() + comma.end() - 1
        start = _skip_apposition(st, np_end + 1, e)
    else:
        np_end = _source_phrase_end(st, m.end(), e)
        if np_end is None:
            return
        start = np_end
    inside = [x for x in st.mentions if m.end() <= x.start < np_end and x.label in ("PER", "ORG", "GPE")]
    if not inside and not st.lex.role_re.search(text[m.end():np_end]):
        return
    who = _source_np(st, m.end(), np_end, inside)
    if not who:
        return
    end = _content_end(st, start, e, [])
    person = all(sp.label == "PER" for sp in who)
    if not person and not re.search(r"[«“\"„]", text[start:end]):
        return
    _emit(st, start, end, who, None, 0.6)


_RELAY = re.compile(r"\b(?:(?P<by>citat[oaie]|ripres[oaie]|riportat[oaie])\s+(?:da|dal|dalla|dallo|dall['’]|dai|dagli|dalle)"
                    r"|(?P<citing>citando|riprendendo))\s+", re.IGNORECASE)


def _relays(st: _State) -> None:
    """A statement relayed by a medium is annotated at both levels: "…, ha detto X, citato dalla
    Tass" adds the Tass as a speaker of the same words, "…, riferisce l'emittente citando il
    team di X" adds the team it cites."""
    text = st.text
    for f in list(st.found):
        if f.cue_start is None and f.confidence < 0.6:
            continue
        si = _sentence_index(st, f.cue_start if f.cue_start is not None else f.start)
        s, e = st.sentences[si]
        for m in _RELAY.finditer(text, s, e):
            if f.start <= m.start() < f.end or _inside(st.qspans, m.start()):
                continue
            who = _speaker_in(st, m.end(), min(e, m.end() + 80), any_case=True)
            if not who or any(w.name in {sp.name for sp in f.speakers} for w in who):
                continue
            st.found.append(_Found(f.start, f.end, f.kind, tuple(who[:1]), m.start(), m.end() - 1, 0.55))
            break


_QUANTO = re.compile(r"\s*quanto\s+(?:(?:si\s+)?(?:ha|hanno|è|sono|ha\s+potuto|hanno\s+potuto)\s+)?"
                     r"(?P<verb>\w+)(?:\s+(?:anche|già|ieri|oggi|da|dal|dalla|dallo|dall['’]|dai|dagli|dalle))*\s+",
                     re.IGNORECASE)


def _as_reported_by(st: _State, si: int, cue_start: int, pos: int) -> None:
    """"Secondo quanto riferisce X, …", "…, stando a quanto riferito da fonti di Y", "secondo
    quanto hanno riferito entrambe le delegazioni": X's report, of the clause after the comma or
    of the clause the phrase closes."""
    text = st.text
    s, e = st.sentences[si]
    m = _QUANTO.match(text, pos, e)
    if m is None or st.lex.form_info.get(m.group("verb").lower(), ("",))[0] == "":
        return  # "secondo quanto previsto dall'accordo": no verb of saying
    phrase = re.match(r"[^,;:.«»“”\"]*", text[m.end():e])
    phrase_end = m.end() + (phrase.end() if phrase else 0)
    who = _speaker_in(st, m.end(), phrase_end, any_case=True)
    if not who:
        return
    cue = Cue(cue_start, m.start("verb") + len(m.group("verb")), m.start("verb"), "", "finite", "assertive", False, None)
    if text[phrase_end:phrase_end + 1] == "," and not text[cue_start - 2:cue_start].strip(" ") == ",":
        start = _skip_apposition(st, phrase_end + 1, e)
        _emit(st, start, _content_end(st, start, e, []), who, cue, 0.65)
    elif text[max(s, cue_start - 2):cue_start].strip() == ",":
        reported = [f for f in st.found if f.cue_start is not None and s <= f.cue_start < cue_start]
        if reported:  # "Lo ha annunciato X, secondo quanto riporta Y": Y relays X's statement
            f = reported[-1]
            if not any(w.name in {sp.name for sp in f.speakers} for w in who):
                st.found.append(_Found(f.start, f.end, f.kind, tuple(who[:1]), cue.start, cue.end, 0.55))
        else:
            _emit(st, _clause_start(st, s, cue_start), cue_start, who, cue, 0.6)


def _skip_apposition(st: _State, pos: int, e: int) -> int:
    """After "Secondo X," an apposition set off by commas (", citato dalla Tass,", ", vicina ai
    filorussi,") is not the content: skip a short segment with no finite verb."""
    m = re.match(r"\s*([^,;:«»“”\"]{1,60}),", st.text[pos:e])
    if m is None or st.an is None:
        return pos
    toks = st.an.tokens
    a, b = token_index(toks, pos + m.start(1)), token_index(toks, pos + m.end(1))
    if len(toks[a:b]) > 8 or any(t.pos in ("VERB", "AUX", "MODAL") and t.form == "fin" for t in toks[a:b]) \
            or a < b and (toks[a].pos in ("DET", "PROPN", "PRON", "NUM") or toks[a].text[:1].isupper()):
        return pos  # a clause, or a noun phrase that is the content's own subject
    return pos + m.end()


def _source_np(st: _State, lo: int, hi: int, inside: Sequence[Mention]) -> list[Speaker]:
    text = st.text
    np = text[lo:hi].strip()
    if not np:
        return []
    people = [m for m in inside if m.label == "PER"]
    if inside and not st.lex.role_re.search(text[lo:inside[0].start]):
        return [speaker_of(people[0] if people else inside[0])]
    who = resolve_description(np, lo + len(text[lo:hi]) - len(text[lo:hi].lstrip()), text, st.mentions,
                              st.topic, st.lex, st.published, st.doc)
    if who:
        return [who]
    if inside:
        return [speaker_of(people[0] if people else inside[0])]
    return []


def _sentence_subject(st: _State, s: int, e: int) -> list[Speaker]:
    """The first plausible subject of a sentence with no quote: tomorrow's pro-drop antecedent."""
    text = st.text
    first = bisect_left(st.mentions, s, key=_mention_start)
    for m in st.mentions[first:]:
        if m.start >= e:
            break
        if m.start >= s and is_eligible(m, text, st.lex) and not _inside(st.speech, m.start):
            return [speaker_of(m)]
    head = text[s:min(e, s + 60)]
    coll = re.match(r"\s*(?:[^,]{0,30},\s*)?((?:la|il|i|gli|le)\s+\w+\s+\w+)", head, re.IGNORECASE)
    if coll:
        who = collective(coll.group(1), text, s + coll.start(1), st.mentions, st.lex)
        if who:
            return [who]
    return []


def _dash_cue(st: _State, si: int, cue: Cue, q: QuoteSpan) -> None:
    """«La deterrenza – ha spiegato il ministro – serve …»: a cue set off by dashes inside a
    quotation attributes the whole quotation, the words on both sides of the dashes."""
    text = st.text
    dash = re.search(r"\s[–—-]\s*$", text[q.inner_start:cue.start])
    if dash is None or any(f.start <= q.inner_start < f.end for f in st.found):
        return
    speakers, sp_end = speaker_after(text, cue.end, q.inner_end, st.mentions, st.lex, st.topic,
                                     st.published, st.doc)
    if not re.match(r"\s*[–—-]", text[sp_end:q.inner_end]):
        return
    speakers = speakers or list(st.topic.speakers)
    _emit(st, q.inner_start, q.inner_end, speakers, cue, 0.8, "direct")


def _sentence_index(st: _State, pos: int) -> int:
    i = bisect_left(st.sentences, (pos + 1, -1)) - 1
    return max(0, min(i, len(st.sentences) - 1))


def _standalone(st: _State) -> None:
    """Quotations with no cue of their own.

    - after a colon, with the speaker named before it ("Erdogan è stato chiaro: «…»");
    - a whole sentence or paragraph beside an attributed quotation (a statement that runs on);
    - a long quotation (12+ words: speech, not a scare quote) inside a sentence whose subject is
      a person ("Borrell ha convocato il Consiglio per «prendere decisioni …»").
    """
    text = st.text
    used = [(f.start, f.end) for f in st.found]
    interviewee = _interviewee(st)
    for q in st.qspans:
        if q.depth or any(a <= q.inner_start < b or q.inner_start <= a < q.inner_end for a, b in used):
            continue
        n_words = len(text[q.inner_start:q.inner_end].split())
        if n_words < 4:
            continue
        si = _sentence_index(st, q.start)
        s, _ = st.sentences[si]
        lo = _clause_start(st, min(s, q.start), q.start)
        line_start = text.rfind("\n", 0, q.start) + 1
        before = text[line_start:q.start].rstrip()
        hi = line_start + len(before) - 1 if before.endswith(":") else q.start
        named = [sp for sp in subject_before(text, min(lo, hi), hi, st.mentions, st.lex, st.asides)
                 if sp.label == "PER"]
        speakers: tuple[Speaker, ...] = ()
        if interviewee and not before:
            speakers = (interviewee,)  # an answer in an interview
        elif before.endswith(":") and named:
            speakers = tuple(named[-1:])
        elif not before or before[-1] in ".!?:-–—":
            if re.match(r"\s*[.!?]?\s*(?:\n|$|[A-ZÀ-Ý«“\"])", text[q.end:q.end + 3] + " ") is None:
                continue
            near = [f for f in st.found if abs(f.start - q.end) < 400 or abs(q.start - f.end) < 400]
            if near:
                nearest = min(near, key=lambda f: min(abs(f.start - q.end), abs(q.start - f.end)))
                speakers = nearest.speakers
            elif before.endswith(":"):
                speakers = tuple(sp for sp in st.topic_before[si] if sp.label == "PER")
        elif n_words >= 12 and named:
            speakers = tuple(named[-1:])
        if speakers:
            st.found.append(_Found(q.inner_start, _trim_end(text, q.inner_start, q.inner_end), "direct",
                                   speakers, None, None, 0.5))


_QUESTION_LINE = re.compile(r"^[^\n«»“”\"]{12,}\?[ \t]*$", re.MULTILINE)
_VOCATIVE = re.compile(r"^(?:signor[ae]?\s+)?(\w+)\s*,", re.IGNORECASE)


def _interviewee(st: _State) -> Speaker | None:
    """Who answers in an interview (paragraphs that are questions, followed by answers): the
    person a question addresses by title ("Ambasciatore, …?"), else the one most quoted with a
    cue, else the first person named in the paragraph that introduces the first question."""
    text = st.text
    questions = list(_QUESTION_LINE.finditer(text))
    if not questions:
        return None
    people = [m for m in st.mentions if m.label == "PER"]
    for qm in questions:
        voc = _VOCATIVE.match(qm.group(0))
        if voc and st.lex.role_re.fullmatch(voc.group(1)):
            title = voc.group(1).lower()
            for m in people:
                if m.role and title in m.role.lower() or re.search(
                        rf"{re.escape(title)}\w*[^.;]{{0,40}}$", text[max(0, m.start - 60):m.start], re.IGNORECASE):
                    return speaker_of(m)
    counts: dict[str, list[Speaker]] = {}
    for f in st.found:
        if f.cue_start is not None:
            for sp in f.speakers:
                if sp.label == "PER":
                    counts.setdefault(sp.name, []).append(sp)
    if counts:
        return max(counts.values(), key=len)[0]
    first_q = questions[0].start()
    para_start = text.rfind("\n", 0, max(0, first_q - 1)) + 1
    intro = [m for m in people if para_start <= m.start < first_q]
    return speaker_of(intro[0]) if intro else None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return end


def _dedupe(found: list[_Found]) -> list[_Found]:
    seen, out = set(), []
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        key = (f.start, f.end, tuple(sp.name for sp in f.speakers))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _to_quotes(text: str, found: Sequence[_Found]) -> list[Quote]:
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


__all__ = ["STAGE", "annotate", "find_quotes", "split_sentences"]
