"""BM25 for a window of SQLite full-text matches, without a pass over every match.

Why: FTS5's ``bm25()`` works out, once per query, how many articles hold each phrase of the
query, by reading the phrase's whole list of matches in the index: 8 ms for a word in a third of
a million articles, 30-50 ms for a frequent phrase, whatever the few rows it then scores. A
search ranks only its window of newest matches (:mod:`cronaca.store.bounded`), so that pass was
most of a frequent search's work, and with eight clients on two cores it set the tail.

This module scores the same rows by the same formula (FTS5's BM25: ``k1`` 1.2, ``b`` 0.75,
the column weights of :data:`WEIGHTS`, each phrase's instances weighted by their column, the
row's length in tokens against the average) from what each row holds:

- each phrase's instances in a row: FTS5's ``highlight()`` marks them (it reads the row, not the
  index), and the marked words are matched to the query's phrases (:func:`phrases`);
- the row's length and the index's totals: the ``docsize`` and ``averages`` records FTS5 keeps
  for ``bm25()`` itself (:func:`varints`);
- each phrase's number of matching articles (its IDF): counted on the index up to
  :data:`COUNT_CAP` newest matches and extrapolated past them from how densely they fall, as a
  search's total is (:func:`cronaca.store.bounded.index_matches`), and kept per store until the
  index changes. Lucene and Elasticsearch keep such statistics with the index rather than count
  them per query; an estimate within a few per cent moves an IDF by hundredths.

A query with one phrase ranks exactly as ``bm25()`` ranks it (the IDF is a common factor); with
several, as closely as the estimated counts allow (scores within a few per cent of ``bm25()``'s).
Reading the rows costs the same whatever the store's size (4-5 ms for 200 rows), so it is used
only where the pass would cost clearly more: where it would read more than :data:`PASS_LIMIT`
articles (the matches of each phrase's words: a phrase holding "di" reads nearly every
article). Rarer queries, and queries this reading cannot take apart (no phrase found), keep
``bm25()``.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

WEIGHTS = (5.0, 1.0)  # title, text: as ``bm25(articles_fts, 5.0, 1.0)``
K1, B = 1.2, 0.75
COUNT_CAP = 10_000  # newest matches counted for a phrase's IDF before extrapolating (as a search's total)
#: Articles ``bm25()``'s pass reads (its phrases' words' matches) past which the window's rows
#: are read instead. The pass costs about 0.05 ms per thousand, a window of 200 4-5 ms of CPU
#: alone (100,000 generated articles), so one client gains from 100,000 on; but the window reads
#: 200 articles' text, and eight threads of one process doing so queued (1,000,000 articles,
#: ``Store.search``: 64 searches/s at 100,000 against 68 at 300,000 and 73-80 never; through
#: the web's two processes the p95 was 148 and 141 ms against 193 never). Below it,
#: ``bm25()`` is kept.
PASS_LIMIT = 300_000
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"

_MARKED = re.compile(f"{MARK_OPEN}(.*?){MARK_CLOSE}", re.DOTALL)
_TOKEN = re.compile(r"[^\W_]+")
QUERY_TOKEN = re.compile(r'"(?:[^"]|"")*"|[()+:^{},*]|[^\s"()+:^{},*]+')
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase of a query, as its folded tokens; ``prefix``: its last token is a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False

    def matches(self, words: Sequence[str]) -> bool:
        if len(words) != len(self.tokens):
            return False
        if not self.prefix:
            return tuple(words) == self.tokens
        return tuple(words[:-1]) == self.tokens[:-1] and words[-1].startswith(self.tokens[-1])

    def within(self, words: Sequence[str]) -> bool:
        """Whether the phrase occurs in ``words`` (marked words where two instances overlapped)."""
        n = len(self.tokens)
        return any(self.matches(words[i:i + n]) for i in range(len(words) - n + 1))

    def expression(self) -> str:
        """The phrase alone as an FTS5 query (to count its matches)."""
        return '"' + " ".join(self.tokens) + '"' + ("*" if self.prefix else "")


@lru_cache(maxsize=1 << 16)
def folded(span: str) -> tuple[str, ...]:
    """:func:`fold` of a marked span, memoised: a query's few words are marked again and again."""
    return tuple(fold(span))


def fold(text: str) -> list[str]:
    """The words FTS5's ``unicode61 remove_diacritics 2`` tokenizer makes of ``text``: letters and
    digits, lower case, without diacritics; everything else (apostrophes included) separates."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _TOKEN.findall(stripped)


def phrases(match: str) -> list[Phrase]:
    """The phrases of an FTS5 query in order: quoted strings and bare words, with ``*`` prefixes
    and ``+`` joins; operators, column filters, parentheses and ``NEAR``'s distances left out.
    Empty when the query names none."""
    out: list[Phrase] = []
    parts = QUERY_TOKEN.findall(match)
    join = False
    for i, part in enumerate(parts):
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        if part == "+":
            join = bool(out)
            continue
        if part == "*" and out:
            out[-1] = Phrase(out[-1].tokens, True)
            continue
        if part in "()^{},:" or part in OPERATORS or nxt == ":":
            continue
        if part.isdigit() and i and parts[i - 1] == ",":
            continue  # NEAR(a b, 10): the distance
        text = part[1:-1].replace('""', '"') if part.startswith('"') else part
        tokens = tuple(fold(text))
        if not tokens:
            continue
        if join:
            out[-1] = Phrase(out[-1].tokens + tokens)
            join = False
        else:
            out.append(Phrase(tokens))
    return out


def varints(blob: bytes) -> list[int]:
    """SQLite's variable-length integers (as FTS5 writes ``docsize`` and ``averages``)."""
    out: list[int] = []
    i, n = 0, len(blob)
    while i < n:
        value = 0
        for k in range(9):
            byte = blob[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


@dataclass(frozen=True, slots=True)
class Totals:
    """The index's row count and average row length in tokens (FTS5's ``averages`` record)."""

    rows: int
    average_length: float

    @classmethod
    def from_record(cls, blob: bytes | None) -> Totals:
        values = varints(blob or b"")
        rows = values[0] if values else 0
        return cls(rows, sum(values[1:]) / rows if rows else 0.0)


def idf(rows: int, matching: float) -> float:
    """FTS5's IDF: never zero or below, so a word in most rows still counts a little."""
    value = math.log((rows - matching + 0.5) / (matching + 0.5)) if rows else 0.0
    return value if value > 0 else 1e-6


def instances(marked_rows: Mapping[int, Sequence[str | None]], query: Sequence[Phrase]) -> dict[int, list[float]]:
    """Each row's instances of each phrase, weighted by their column (FTS5's ``aFreq``), from
    the row's columns as ``highlight()`` marked them."""
    which: dict[str, list[int]] = {}  # a marked span -> the phrases it is an instance of

    def phrases_of(span: str) -> list[int]:
        if span not in which:
            words = folded(span)
            which[span] = [i for i, p in enumerate(query) if p.matches(words)] or \
                [i for i, p in enumerate(query) if p.within(words)]
        return which[span]

    out: dict[int, list[float]] = {}
    for key, columns in marked_rows.items():
        freq = [0.0] * len(query)
        for weight, marked in zip(WEIGHTS, columns):
            if len(query) == 1:  # every mark is the phrase's: no need to read them
                freq[0] += weight * (marked or "").count(MARK_OPEN)
                continue
            for span, times in Counter(_MARKED.findall(marked or "")).items():
                for i in phrases_of(span):
                    freq[i] += weight * times
        out[key] = freq
    return out


def score(freq: Sequence[float], length: int, idfs: Sequence[float], totals: Totals) -> float:
    """FTS5's BM25 of one row, negated as ``bm25()`` returns it (lower is a better match)."""
    norm = K1 * (1 - B + B * length / totals.average_length) if totals.average_length else K1
    return -sum(w * f * (K1 + 1) / (f + norm) for f, w in zip(freq, idfs) if f)


class Statistics:
    """What the index says of a query's terms, per store, until the index changes (its row count
    or total length moves): each phrase's number of matching articles (the IDF a query needs
    without a pass over the index) and the words each prefix term stands for
    (:mod:`cronaca.store.prefixes`)."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.version: tuple[int, float] | None = None
        self.counts: dict[Phrase, float] = {}
        self.words: dict[str, tuple[tuple[str, int], ...]] = {}
        self.lock = threading.Lock()  # the web's threads share a store

    def matching(self, phrase: Phrase, totals: Totals, count: Callable[[str], float]) -> float:
        return self._kept("counts", phrase, totals, lambda: count(phrase.expression()))

    def prefix_words(self, prefix: str, totals: Totals,
                     listing: Callable[[str], Sequence[tuple[str, int]]]) -> tuple[tuple[str, int], ...]:
        """The index's words that begin with ``prefix``, each with its number of articles; the
        counts are the words' exact IDF counts, so they are kept as such too."""
        words = self._kept("words", prefix, totals, lambda: tuple(listing(prefix)))
        with self.lock:
            if self.version == (totals.rows, totals.average_length):
                for word, articles in words:
                    self.counts.setdefault(Phrase((word,)), float(articles))
        return words

    def _kept(self, table: str, key: Any, totals: Totals, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key and index version; ``table`` names the attribute it goes in."""
        version = (totals.rows, totals.average_length)
        with self.lock:
            if version != self.version:
                self.version, self.counts, self.words = version, {}, {}
            known = getattr(self, table).get(key)
        if known is not None:
            return known
        value = compute()
        with self.lock:
            kept = getattr(self, table)
            if version == self.version:
                if len(kept) >= self.size:
                    kept.pop(next(iter(kept)))
                kept[key] = value
        return value


_SHARED: dict[str, Statistics] = {}
_SHARED_LOCK = threading.Lock()


def statistics_for(location: str) -> Statistics:
    """The process's :class:`Statistics` of the store file at ``location``: the web opens one
    store per thread, and each would otherwise count the same phrases again."""
    if location == ":memory:":
        return Statistics()
    with _SHARED_LOCK:
        return _SHARED.setdefault(location, Statistics())
