"""Quotations: who said what (stage ``cronaca.quotes.rules.v1``).

The stage reads the cleaned body, its sentence spans, the entity mentions and the shared clause
analysis (:mod:`cronaca.nlp.syntax`), and returns one :class:`~cronaca.types.Quote` per reported
statement, following the gold guide (``../shared/gold/README.md``, "Quotes"):

- ``direct`` when the whole content sits inside quotation marks (text without the marks);
- ``indirect`` for reported speech, mixed quotes included (the quoted fragment stays inside).

Each sentence is read in this order:

1. every reporting cue (:mod:`cronaca.nlp.reporting`) gives its statement (:mod:`.cues`): the
   complement clause after it ("X ha detto che …", "ha chiesto di …"), its noun-phrase object
   ("ha ribadito il sostegno …"), a colon and quotation, the words before it when it is inverted
   ("«…», ha detto X") or set off by commas or dashes ("Cuba, ha aggiunto X, è …"), the previous
   sentence for "Lo ha detto X"; the speaker is the verb's subject in the clause analysis
   (:mod:`.speakers`);
2. a sentence that points back attributes the statement before it ("Così X", "È quanto ha detto
   X", "Sono le parole di X", "A dirlo è X") (:mod:`.sources`);
3. sources with no verb of their own: "secondo X", "secondo quanto riferisce X", "X, secondo
   cui …", "a suo avviso" (:mod:`.sources`);
4. after the whole text: quotations that hold their sentence's predicate, the subject named
   before the marks ("La Cina «non accetta né riconosce» la sentenza") (:mod:`.predicate`);
   quotations with no cue (after a colon, running on over paragraphs or
   into a sentence that quotes words of it, interview answers) (:mod:`.standalone`), and the
   media that relay a statement ("citato dalla Tass"), which speak it too;
5. a learnt ranker may give a statement to another actor the rules considered (:mod:`.ranker`).

Cues inside a quotation that is itself speech are not read (a communiqué quoting its own
secretary of state is one statement), except a cue set off by dashes («A – ha detto X – B»).
Quotes whose speaker cannot be resolved are dropped: an unattributed quotation is not "who said
what".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from ...types import Document, Mention
from ..attribution import Topic
from ..linear import LinearModel
from ..quotemarks import QuoteSpan, pair_quotes
from ..reporting import Cue, Lexicon, find_cues, load_lexicon, source_positions
from ..syntax import analyse, analyse_text
from .cues import dash_cue, handle_cue, nested_report
from .headlines import headline_lines, in_headline
from .predicate import predicate_quotations
from .ranker import Candidate, candidates, load_ranker, rerank, rerankable
from .sources import handle_sources, per_source, relays, resumptive
from .speakers import sentence_subject
from .standalone import find_standalone
from .state import (
    SENT_END,
    STAGE,
    Found,
    State,
    cue_position,
    dedupe,
    is_speech,
    to_quotes,
    within_quote,
)


def annotate(doc: Document, model: LinearModel | None | bool = True) -> Document:
    """Find the document's quotations (a pure function of the document). ``model``: the speaker
    ranker (True: the language's shipped one; None or False: the rules alone)."""
    art = doc.article
    lex = load_lexicon(art.language if art.language == "it" else "it")
    sentences = [(s.start, s.end) for s in art.sentences] or split_sentences(art.text)
    ranker = load_ranker(lex.language) if model is True else model or None
    found = find_quotes(art.text, sentences, doc.mentions, lex, art.published, doc, ranker)
    return replace(doc, quotes=tuple(to_quotes(art.text, found)))


def speaker_choices(doc: Document) -> list[tuple[Found, list[Candidate]]]:
    """Every statement the rules find whose speaker the ranker may change, with the candidate
    speakers it would weigh (for ``scripts/train_speaker_model.py``)."""
    art = doc.article
    lex = load_lexicon(art.language if art.language == "it" else "it")
    sentences = [(s.start, s.end) for s in art.sentences] or split_sentences(art.text)
    st, found = _find(art.text, sentences, doc.mentions, lex, art.published, doc)
    return [(f, candidates(st, f, found)) for f in found if rerankable(f, found)]


def _relays_earlier(f: Found, earlier: Sequence[Found]) -> bool:
    """Is ``f`` a statement that relays one found before it, holding it whole?"""
    return any(f.start <= g.start and g.end <= f.end and g.speakers != f.speakers for g in earlier)


def _opens_quotation(st: State, q: QuoteSpan, cue: Cue, s: int) -> bool:
    """Does the quotation open with the cue, after words of the sentence that are no punctuation
    ("Il ministro «ribadisce il sostegno …»", "ha «chiesto la liberazione …»")? Then the marks
    enclose the reporting clause's own predicate: the cue reports what follows it, and its
    subject stands before the marks. A quotation that opens a sentence, or after a colon, is
    words of the speaker, whatever their first word."""
    text = st.text
    lead = " ".join(text[q.inner_start:cue.start].lower().split())
    if q.start <= s or lead and lead not in st.lex.data["adverbs"]:
        return False  # "«ancora una volta ha ribadito …»": an adverb may open the marks
    before = text[s:q.start].rstrip()
    return bool(before) and (before[-1].isalpha() or before[-1] in "'’,")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """A fallback splitter for articles that arrive without sentence spans (lines, then stops)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        start = lo
        for m in SENT_END.finditer(text, lo, hi):
            nxt = text[m.end():m.end() + 2]
            if m.group().startswith(".") and re.search(r"\b[A-Z]\.$", text[max(lo, m.start() - 2):m.end()]):
                continue  # an initial: "Wendy R. Sherman"
            if nxt.strip() == "" or nxt.lstrip()[:1].isupper() or nxt.lstrip()[:1] in "«“\"-–":
                out.append((start, m.end()))
                start = m.end()
        if text[start:hi].strip():
            out.append((start, hi))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip()]


def find_quotes(text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[Mention],
                lex: Lexicon, published: str | None = None, doc: Document | None = None,
                ranker: LinearModel | None = None) -> list[Found]:
    """The statements of one text; ``doc`` (optional) lets role descriptions use the actor KB;
    ``ranker`` (optional) is the speaker model (:mod:`.ranker`)."""
    st, found = _find(text, sentences, mentions, lex, published, doc)
    return rerank(st, found, ranker) if ranker is not None else found


def _find(text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[Mention],
          lex: Lexicon, published: str | None, doc: Document | None) -> tuple[State, list[Found]]:
    qspans = pair_quotes(text)
    an = analyse(doc) if doc is not None else analyse_text(text, sentences, mentions)
    st = State(text, list(sentences), sorted(mentions, key=lambda m: m.start), lex, published,
                qspans, [q for q in qspans if is_speech(text, q)], Topic(), [], [], doc, an)
    cues = find_cues(text, 0, len(text), lex)  # once per text, then bucketed by sentence
    sources = source_positions(text, lex)
    for si, (s, e) in enumerate(st.sentences):
        before = len(st.found)
        lo, hi = bisect_left(cues, s, key=cue_position), bisect_left(cues, e, key=cue_position)
        all_cues = cues[lo:hi]
        positions = [c.start for c in all_cues]
        st.topic_before.append(st.topic.speakers)
        for cue in all_cues:
            inside = within_quote(st.speech, cue.verb_start)
            if inside is not None and _opens_quotation(st, inside, cue, s):
                inside = None  # "X «ribadisce il sostegno …»": the cue is the sentence's own verb
            if inside is None:
                handle_cue(st, si, cue, positions)
            else:
                dash_cue(st, si, cue, inside)
                nested_report(st, si, cue, inside)
        if si > 0 and len(st.found) == before:
            resumptive(st, si, all_cues)
        if bisect_left(sources, s) < bisect_left(sources, e):
            handle_sources(st, si)
        per_source(st, si)
        # who spoke last; a person rather than the medium that relays them, and the speaker of a
        # report rather than whoever relays it from a sentence before ("X ha detto che … . Lo ha
        # riferito Y"): what follows is still X's
        new = [f for f in st.found[before:] if not _relays_earlier(f, st.found[:before])]
        if new:
            people = [f for f in new if any(sp.label == "PER" for sp in f.speakers)]
            st.topic.set((people or new)[-1].speakers)
        elif len(st.found) == before:
            st.topic.set(sentence_subject(st, s, e))
    predicate_quotations(st, [cue_position(c) for c in cues])
    find_standalone(st, [cue_position(c) for c in cues])
    relays(st)
    heads = headline_lines(text, [c.start for c in cues])
    if heads:  # a headline's quotation is not annotated ("Lula: «…»" above the article)
        st.found[:] = [f for f in st.found if not in_headline(heads, f.start)]
    return st, dedupe(st.found)


__all__ = ["STAGE", "annotate", "find_quotes", "speaker_choices", "split_sentences"]
