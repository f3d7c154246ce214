"""Language identification of articles and of single lines.

langid restricted to the languages a European politics corpus actually mixes (it/en/es/fr/de/ru):
a closed set removes the absurd answers an open model gives on short strings. It is only asked
about lines of at least :data:`MIN_WORDS` words, because on 2–3-word UI strings ("More Stories",
"Chats") every detector guesses; those are handled by the furniture lists instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache, wraps
from itertools import accumulate, islice
from typing import Callable, TypeVar

T = TypeVar("T")

LANGUAGES = ("it", "en", "es", "fr", "de", "ru")
MIN_WORDS = 4
#: Probability above which a line is believed to be in another language than the article.
FOREIGN_CONFIDENCE = 0.99

_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _identifier():
    """langid restricted to :data:`LANGUAGES`. Its model ships as a compressed pickle that takes
    1.3 s to open; the restricted arrays are kept on disk instead (:mod:`cronaca.resources.built`)."""
    import hashlib

    import numpy as np
    from langid.langid import LanguageIdentifier, model

    from ..resources.built import built
    from .ngrams import ngram_counts, ngram_table

    class Identifier(LanguageIdentifier):  # type: ignore[misc]
        """langid with a faster featuriser (the same counts, so the same answers)."""

        def __init__(self, *arrays, ngrams=None, **kwargs) -> None:
            super().__init__(*arrays, **kwargs)
            self._ngrams = ngrams
            if ngrams is None:  # the walk's productions, as arrays for two bincounts
                pairs = [(state, index) for state, indices in self.tk_output.items() for index in indices]
                self._out_state = np.array([s for s, _ in pairs], dtype=np.intp)
                self._out_index = np.array([i for _, i in pairs], dtype=np.intp)
                self._states = len(self.tk_nextmove) >> 8

        def instance2fv(self, text):
            """The feature counts of ``text``, as langid's own method counts them: it walks the
            automaton byte by byte and then adds each visited state's productions one by one in
            Python (a fifth of cleaning's time). With the model's n-gram table
            (:mod:`.ngrams`: checked to count what the automaton counts) the text's n-grams are
            looked up at once; without it the walk stays, the adding is two bincounts."""
            data = text.encode("utf8") if isinstance(text, str) else text
            if self._ngrams is not None:
                return ngram_counts(data, self._ngrams, self.nb_numfeats)
            nextmove = self.tk_nextmove
            state = 0
            visited = []
            visit = visited.append
            for byte in data:
                state = nextmove[(state << 8) + byte]
                visit(state)
            counts = np.bincount(np.array(visited, dtype=np.intp), minlength=self._states)
            fv = np.bincount(self._out_index, weights=counts[self._out_state], minlength=self.nb_numfeats)
            return fv.astype(np.uint32)

    digest = hashlib.sha256(model).hexdigest()
    arrays = built("langid", [digest, *LANGUAGES], _restricted)
    ngrams = built("langid_ngrams", [digest, *LANGUAGES], lambda: ngram_table(arrays[4], arrays[5]))
    return Identifier(*arrays, ngrams=ngrams, norm_probs=True)


def _restricted() -> tuple:
    """The arrays of langid's model for :data:`LANGUAGES` only, as its constructor takes them."""
    from langid.langid import LanguageIdentifier, model

    ident = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return (ident.nb_ptc, ident.nb_pc, ident.nb_numfeats, ident.nb_classes, ident.tk_nextmove,
            ident.tk_output)


#: Texts of at most this many characters (lines, langid samples) are memoised: the same lines
#: recur across a corpus and within a page. Longer ones (whole bodies, a giant line) are computed
#: each time, so that the caches stay small whatever the input.
MEMO_CHARS = 2000
#: Entries each memo keeps (the least recently used go first).
MEMO_SIZE = 4096


def memoised(fn: Callable[[str], T]) -> Callable[[str], T]:
    """``fn`` of one string, memoised for strings of at most :data:`MEMO_CHARS` characters.

    Only for pure functions of the string (and of read-only resources): a cached answer is
    the one ``fn`` would give again.
    """
    cached = lru_cache(maxsize=MEMO_SIZE)(fn)

    @wraps(fn)
    def call(text: str) -> T:
        return cached(text) if len(text) <= MEMO_CHARS else fn(text)

    call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return call


@memoised
def word_count(text: str) -> int:
    """Words of two letters or more."""
    return len(_WORD.findall(text))


@memoised
def identify(text: str) -> tuple[str, float]:
    """``(language, probability)`` of ``text`` among :data:`LANGUAGES` (memoised: langid is the
    slowest step of cleaning, and agency boilerplate and stock sentences recur)."""
    lang, prob = _identifier().classify(text)
    return lang, float(prob)


#: Characters of an article given to langid.
SAMPLE_CHARS = 1500
#: Whitespace-separated tokens of at most this length are words; longer ones (a run of one
#: letter, base64, a URL) would outweigh the words around them.
_SAMPLE_TOKEN = re.compile(r"(?<!\S)\S{1,40}(?!\S)")


def detect_article_language(text: str, default: str = "it") -> str:
    """The language of a body; ``default`` when there is too little text to tell."""
    sample = _sample(text)
    if next(islice(_WORD.finditer(sample), MIN_WORDS - 1, None), None) is None:
        return default  # fewer than MIN_WORDS words (found without counting a whole sample's)
    return identify(sample)[0]


def _sample(text: str) -> str:
    """The first :data:`SAMPLE_CHARS` characters of ``text`` made of word-length tokens, in
    order, joined by single spaces."""
    if len(text) <= SAMPLE_CHARS and not _LONG_TOKEN.search(text):
        return text
    # The words of a prefix that ends before a space are the text's first words: the prefix
    # grows (doubling) until its words fill the sample, so the rest of a long text is never
    # tokenised, and a text of one endless token is scanned once.
    end = 2 * SAMPLE_CHARS
    while True:
        space = _SPACE.search(text, end)
        stop = space.start() if space is not None else len(text)
        words = _SAMPLE_TOKEN.findall(text, 0, stop)
        # each word counts with the space after it: the first word at which the sizes reach
        # SAMPLE_CHARS ends the sample (found by bisection)
        filled = bisect_left(list(accumulate(len(w) + 1 for w in words)), SAMPLE_CHARS)
        if filled < len(words):
            return " ".join(words[:filled + 1])
        if space is None:
            return " ".join(words)
        end = 2 * stop


_LONG_TOKEN = re.compile(r"\S{41}")
_SPACE = re.compile(r"\s")


#: Characters of a line given to langid: enough to tell a language, bounded cost on huge lines.
MAX_CHARS = 600
_TOKEN = re.compile(r"[^\W\d_]+")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


def is_foreign_line(line: str, language: str, markers: frozenset[str] = frozenset()) -> bool:
    """True when a line of >= MIN_WORDS words is confidently in another language than ``language``.

    ``markers`` are words frequent in ``language`` and rare elsewhere ("di", "che", "della" for
    Italian): a line dense with them is in the language, and langid is not asked (it is the
    slowest step of cleaning).
    """
    outside = _QUOTED.sub(" ", line)
    if word_count(outside) >= 3:
        # A foreign quotation inside an Italian sentence is body: judge the words around it.
        line = outside
    words = _TOKEN.findall(line[:MAX_CHARS].lower())
    if sum(1 for w in words if len(w) >= 2) < MIN_WORDS:
        return False
    if markers:
        hits = sum(1 for w in words if w in markers)
        if hits >= 3 and hits * 8 >= len(words):
            return False
    lang, prob = identify(line[:MAX_CHARS])
    return lang != language and prob >= FOREIGN_CONFIDENCE
