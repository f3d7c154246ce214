"""Text features the linker compares: folded content words and word shingles.

Why our own small tokenizer: linking compares articles by their vocabulary, not by grammar, and
must run on every article of a large corpus. One compiled regex over accent-folded, lower-cased
text is fast and stable across versions; an apostrophe splits ("l'Ucraina" -> "ucraina").
Stop words come from a data file per language (``resources/lexicons/<lang>/link_stopwords.json``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_MIN_TERM = 4  # shorter words are mostly function words in Italian


def fold(text: str) -> str:
    """Lower case without accents: 'Perché' -> 'perche' (the folding every key uses).

    Why character by character: NFKD decomposes each character on its own and only reorders
    combining marks, which are then all dropped, so folding a text is folding each of its
    characters. A body is mostly ASCII: its few other characters are folded once per process
    (:func:`_fold_char`), where normalising and scanning the whole body took most of the time
    the linker spent reading an article's words.
    """
    low = text.casefold()
    if low.isascii():
        return low
    return _NON_ASCII.sub(_fold_match, low)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_match(m: re.Match[str]) -> str:
    return "".join([_fold_char(c) for c in m.group()])


@lru_cache(maxsize=None)
def _fold_char(c: str) -> str:
    """One character decomposed (NFKD) without its combining marks (bounded by the characters
    texts use)."""
    return "".join([d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d)])


def words(text: str) -> list[str]:
    """All folded word tokens, in order (numbers included: they tell copies apart)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=8)
def stopwords(language: str = "it") -> frozenset[str]:
    """The language's linker stop words; an empty set for a language without a list."""
    try:
        path = resources.files("cronaca.resources") / "lexicons" / language / "link_stopwords.json"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(fold(w) for w in data.get("words", ()))


def content_terms(text: str, language: str = "it") -> Counter[str]:
    """Counts of the words that can characterise a story: long enough, not stop words."""
    return terms_of(words(text), language)


def terms_of(toks: list[str], language: str = "it") -> Counter[str]:
    """:func:`content_terms` of words already folded and split (the body's words also make its
    fingerprint: folding and splitting a long text once is enough)."""
    stop = stopwords(language)
    return Counter(w for w in toks if len(w) >= _MIN_TERM and not w.isdigit() and w not in stop)


def shingles(text: str, size: int = 4) -> set[str]:
    """Word n-grams of the folded body: the sets whose overlap MinHash estimates."""
    return word_shingles(words(text), size)


def word_shingles(toks: list[str], size: int = 4) -> set[str]:
    """:func:`shingles` of words already folded and split."""
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i:i + size]) for i in range(len(toks) - size + 1)}
