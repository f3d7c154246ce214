"""langid's features counted from a table of n-grams (:mod:`cronaca.ingest.ngrams`) are the
counts its automaton walk gives, or the table is refused and the walk stays; the article sample is
the first words of the text however it is found."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cronaca.ingest import language
from cronaca.ingest.ngrams import ngram_counts, ngram_table


@pytest.fixture(scope="module")
def ident():
    return language._identifier()


def _walk(ident, text: str) -> np.ndarray:
    """langid's own count: the automaton walked byte by byte, each state's outputs added."""
    fv = np.zeros(ident.nb_numfeats, dtype=np.uint32)
    state = 0
    for byte in text.encode("utf8"):
        state = ident.tk_nextmove[(state << 8) + byte]
        for f in ident.tk_output.get(state, ()):
            fv[f] += 1
    return fv


def test_the_table_counts_what_the_walk_counts(ident) -> None:
    assert ident._ngrams is not None
    rnd = random.Random(7)
    texts = ["", "a", "ab", "abc", "€", "Il ministro ha incontrato il suo omologo a Roma, «senza accordo».",
             "The minister met his counterpart.", "Министр встретился с коллегой.", "Ça n'a pas été dit."]
    texts += ["".join(chr(rnd.randrange(1, 0x500)) for _ in range(rnd.randrange(60))) for _ in range(50)]
    for text in texts:
        fast = ngram_counts(text.encode("utf8"), ident._ngrams, ident.nb_numfeats)
        assert fast.dtype == np.uint32
        assert (fast == _walk(ident, text)).all(), text
        assert (ident.instance2fv(text) == fast).all()


def test_an_automaton_that_counts_something_else_gets_no_table(ident) -> None:
    output = dict(ident.tk_output)
    state = next(s for s, found in output.items() if len(found) > 1)
    output[state] = output[state][:1]  # one state forgets a feature that ends its string
    assert ngram_table(ident.tk_nextmove, output) is None


def _reference_sample(text: str) -> str:
    """The sample as a plain loop over the whole text's word-length tokens."""
    if len(text) <= language.SAMPLE_CHARS and not language._LONG_TOKEN.search(text):
        return text
    out, size = [], 0
    for m in language._SAMPLE_TOKEN.finditer(text):
        out.append(m.group())
        size += len(m.group()) + 1
        if size >= language.SAMPLE_CHARS:
            break
    return " ".join(out)


def test_the_sample_is_the_first_words_whatever_the_prefix_holds() -> None:
    rnd = random.Random(5)
    pieces = ["il", "ministro", "x" * 45, "y" * 40, "«Roma»", "\n", "2024"]
    texts = ["z" * 9000, "z" * 9000 + " a b c d", ("w" * 50 + " ") * 200 + "parola " * 500, "breve testo"]
    texts += ["".join(rnd.choice(pieces) + rnd.choice([" ", "  ", "\n", ""]) for _ in range(rnd.randrange(3000)))
              for _ in range(200)]
    for text in texts:
        assert language._sample(text) == _reference_sample(text)
