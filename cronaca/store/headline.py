"""Snippets of PostgreSQL's search results, cut here instead of by ``ts_headline``.

Why: ``ts_headline`` parses each whole text again through the stemmer to pick two dozen words:
6.6 ms of server time for the 20 articles of a page (1.5 KB each) on a million-article store,
a fifth of what a search page cost the server, which eight clients queue for. Here the query's
lexemes (``querytree()``) are looked for as the beginnings of words (a Snowball stem is the
start of the words it stems, once accents are folded as ``unaccent`` folds them), the few
distinct words so found are stemmed by the server in one statement to confirm them ("moschea"
begins with "mosc" but does not match "Mosca"), and the fragment of :data:`WORDS` words with
the most distinct matches is cut as FTS5's ``snippet()`` cuts it on SQLite: matches marked,
an ellipsis where the text goes on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import fts

WORDS = 24  # words in a snippet, as ``snippet(…, 24)`` on SQLite
BEFORE = 3  # words of context kept before the first match of the chosen fragment
AVERAGE_WORD = 7  # characters a word of Italian news takes with its space, to size what is split

_LEXEME = re.compile(r"(!?)'((?:[^']|'')*)'(:[*A-D]+)?")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Lexeme:
    """One lexeme a query asks for; ``prefix``: any lexeme it begins matches (``negoz:*``)."""

    text: str
    prefix: bool = False

    def matches(self, lexeme: str) -> bool:
        return lexeme.startswith(self.text) if self.prefix else lexeme == self.text


def lexemes(querytree: str) -> list[Lexeme]:
    """The lexemes a ``querytree()`` text asks for; negated ones are left out (they mark nothing)."""
    return [Lexeme(m.group(2).replace("''", "'"), "*" in (m.group(3) or ""))
            for m in _LEXEME.finditer(querytree) if not m.group(1)]


def _unaccent_table() -> dict[int, str]:
    """Latin letters with diacritics to their base letter, case kept (one character for one)."""
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    return table


_UNACCENT = _unaccent_table()


def _accented() -> dict[str, str]:
    """Each base letter (lower case) with every letter :data:`_UNACCENT` folds into it."""
    variants: dict[str, str] = {}
    for code, base in _UNACCENT.items():
        variants[base.lower()] = variants.get(base.lower(), "") + chr(code)
    return variants


_VARIANTS = _accented()


@lru_cache(maxsize=1024)
def _beginnings(starts: tuple[str, ...]) -> re.Pattern[str]:
    """Words that begin with one of ``starts``, whatever their case and accents (a class of a
    letter's accented forms in place of each letter: cheaper than folding every text)."""
    def letters(start: str) -> str:
        return "".join(f"[{c}{_VARIANTS[c]}]" if c in _VARIANTS else re.escape(c) for c in start)
    return re.compile(r"\b(?:" + "|".join(map(letters, starts)) + r")\w*", re.IGNORECASE)


#: A word of a text: where it starts and ends, and the word in lower case.
Occurrence = tuple[int, int, str]


def occurrences(text: str, wanted: Sequence[Lexeme]) -> list[Occurrence]:
    """The words of ``text`` that begin with a wanted lexeme, in order. Looked for in the text
    in lower case (``str.find``, ten times faster than a regular expression over the text);
    where none is found so and the text has accents, through :func:`_beginnings` (a text that
    holds one lexeme as written and another only with an accent inside it, "Erdoğan" for
    "erdogan", shows the first marked only)."""
    if not wanted:
        return []
    starts = sorted({w.text for w in wanted})
    low = text.lower()
    if len(low) == len(text):
        found: dict[int, Occurrence] = {}
        for start in starts:
            at = low.find(start)
            while at >= 0:
                if not at or not (low[at - 1].isalnum() or low[at - 1] == "_"):
                    end = _WORD.match(low, at).end()  # type: ignore[union-attr]
                    found[at] = (at, end, low[at:end])
                at = low.find(start, at + len(start))
        if found or low.isascii():
            return [found[at] for at in sorted(found)]
    return [(m.start(), m.end(), m.group().lower()) for m in _beginnings(tuple(starts)).finditer(text)]


def confirmed(stemmed: Iterable[tuple[str, Collection[str]]], wanted: Sequence[Lexeme]) -> set[str]:
    """The words whose lexemes (as the server stems them) a wanted lexeme matches."""
    return {word for word, found in stemmed if any(w.matches(lx) for w in wanted for lx in found)}


def snippet(text: str, found: Sequence[Occurrence], words: int = WORDS) -> str:
    """The fragment of ``words`` words of ``text`` holding the most distinct words ``found``
    (then the most of them; then the first), each between :data:`~cronaca.store.fts.MARK_OPEN`
    and :data:`~cronaca.store.fts.MARK_CLOSE`, with :data:`~cronaca.store.fts.ELLIPSIS` where the
    text is cut (what stands before its first word or after its last is kept at its ends). The
    text's first words when none is found. Only the text around the chosen words is split into
    words."""
    at = _densest(found, words * AVERAGE_WORD) if found else 0
    lo, hi = max(0, at - 2 * words * AVERAGE_WORD), min(len(text), at + 3 * words * AVERAGE_WORD)
    spans = [m.span() for m in _WORD.finditer(text, lo, hi)]
    if lo and spans and spans[0][0] == lo and text[lo - 1].isalnum():
        spans = spans[1:]  # a word cut by the region
    if hi < len(text) and spans and spans[-1][1] == hi:
        spans = spans[:-1]
    if not spans:
        return text
    first = next((i for i, span in enumerate(spans) if span[0] >= at), len(spans) - 1)
    start = max(0, first - BEFORE)
    end = min(len(spans), start + words)
    start = max(0, end - words)
    begin, stop = spans[start][0], spans[end - 1][1]
    whole_start, whole_end = not _WORD.search(text, 0, begin), not _WORD.search(text, stop)
    out, pos = [], 0 if whole_start else begin
    for s, e, _ in found:
        if begin <= s and e <= stop:
            out += [text[pos:s], fts.MARK_OPEN, text[s:e], fts.MARK_CLOSE]
            pos = e
    out.append(text[pos:].rstrip() if whole_end else text[pos:stop])
    return ("" if whole_start else fts.ELLIPSIS) + "".join(out) + ("" if whole_end else fts.ELLIPSIS)


def _densest(found: Sequence[Occurrence], reach: int) -> int:
    """Where the run of words ``found`` within ``reach`` characters with the most distinct words
    (then the most words; then the first) begins: one pass, a window sliding over them."""
    best, best_key = found[0][0], (0, 0)
    inside: dict[str, int] = {}
    end = 0
    for start, _, word in found:
        while end < len(found) and found[end][0] - start <= reach:
            inside[found[end][2]] = inside.get(found[end][2], 0) + 1
            end += 1
        key = (len(inside), sum(inside.values()))
        if key > best_key:
            best, best_key = start, key
        inside[word] -= 1
        if not inside[word]:
            del inside[word]
    return best
