"""Pair quotation marks in scraped news text.

Why a module of its own: crawled Italian articles write quotations with «…», “…”, "…" and „…",
mix them (« closed by ”), leave some unclosed at the end of a truncated paragraph, or lose the
opening mark of a paragraph-initial quotation. The quote finder needs reliable spans of *quoted
content* before it can ask who said it, so pairing is done once here, per line, with these rules:

1. Typographic marks have a side: «“„ open, »” close, except that a “ written right after a word
   and before a space or punctuation closes an open quotation (a common typesetting slip). The straight " has none, so its side is read
   from its neighbours: after a space or an opening bracket it opens, before a space or
   punctuation it closes.
2. Any closer closes the innermost open quotation (mixed pairs are common and always meant).
3. A mark of another family opened inside a quotation nests; the inner pair is kept too, so that
   mixed quotes ("ha detto che X «…»") can be recognised.
4. An opener left open at the end of the line is closed there (truncated excerpts); a closer with
   nothing open opens at the start of the line when it follows at least three words (a lost
   opening mark), and is ignored otherwise.
5. A quotation left open at a paragraph's end after a full sentence, and a closer with nothing open
   in the next paragraph, are one quotation across the paragraph break.

Single quotes ‘…’ are not paired: they collide with apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = frozenset("«“„")
CLOSERS = frozenset("»”")
STRAIGHT = '"'
_MARKS = re.compile(r"[«»“”„\"]")
_OPEN_CONTEXT = frozenset(" \t\n([{—–-:/'’")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: ``start``/``end`` include the marks, ``inner`` is the content span."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    depth: int = 0  # 0 for an outermost quotation
    closed: bool = True  # False when the closing mark was supplied at a line end
    opened: bool = True  # False when the opening mark was supplied at a line start


def _straight_side(text: str, i: int, in_straight: bool) -> str:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if in_straight:
        # closes unless it clearly opens a new quotation
        return "open" if prev in _OPEN_CONTEXT and not nxt.isspace() and nxt not in ",.;:" else "close"
    if prev in _OPEN_CONTEXT or prev in OPENERS:
        return "open"
    if nxt.isspace() or nxt in ",.;:!?)»”" or i + 1 == len(text):
        return "close"
    return "open" if not prev.isalnum() else "close"


def _closes_like(text: str, i: int) -> bool:
    """An opening-shaped mark used as a closer (“ after a word, before a space or punctuation)."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and (nxt.isspace() or nxt in ",.;:!?)")


def _pair_line(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    stack: list[tuple[int, str]] = []  # (position, mark)
    for mark in _MARKS.finditer(text, lo, hi):
        i = mark.start()
        ch = text[i]
        if ch in OPENERS and not (stack and _closes_like(text, i)):
            stack.append((i, ch))
        elif ch in CLOSERS or ch == STRAIGHT or ch in OPENERS:
            if ch == STRAIGHT:
                in_straight = any(m == STRAIGHT for _, m in stack)
                side = _straight_side(text, i, in_straight)
                if side == "open":
                    stack.append((i, ch))
                    continue
            if stack:
                start, _ = stack.pop()
                spans.append(QuoteSpan(start, i + 1, start + 1, i, depth=len(stack)))
            elif len(text[lo:i].split()) >= 3 and not spans:
                spans.append(QuoteSpan(lo, i + 1, lo, i, depth=0, opened=False))
    end = hi
    while stack:
        start, _ = stack.pop()
        if len(text[start + 1:end].split()) >= 2:
            spans.append(QuoteSpan(start, end, start + 1, end, depth=len(stack), closed=False))
    return spans


def pair_quotes(text: str) -> list[QuoteSpan]:
    """All quotations in ``text``, sorted by start (outer before inner)."""
    spans: list[QuoteSpan] = []
    pos = 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if any(c in line for c in "«»“”„\""):
            # trim the line end so an unclosed quotation does not swallow trailing spaces
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            spans.extend(_pair_line(text, lo, hi))
    spans = _across_paragraphs(text, spans)
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _across_paragraphs(text: str, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """A quotation left open at the end of a paragraph and a closing mark with nothing open in the
    next paragraph are one statement quoted over both ("«Ho parlato con X. … ¶ Abbiamo deciso …».
    Lo scrive Y"): one span from the first opening mark to the last closing one."""
    tops = sorted((q for q in spans if q.depth == 0), key=lambda q: q.start)
    out = list(spans)
    for a, b in zip(tops, tops[1:]):
        if a.closed or b.opened or a not in out or b not in out:
            continue
        gap = text[a.end:b.start]
        if gap.count("\n") < 1 or gap.strip() or not text[a.inner_start:a.inner_end].rstrip().endswith((".", "!", "?", "…")):
            continue  # only paragraph breaks between the halves, and the first ends a sentence
        out.remove(a)
        out.remove(b)
        out.append(QuoteSpan(a.start, b.end, a.inner_start, b.inner_end, depth=0))
    return out
