"""A small, fast tokenizer shared by the actor index and the entity finder.

Why our own: the actor index and the text must be cut the same way, or "Stati Uniti d'America"
in a data file would never meet "Stati Uniti d’America" in an article. Tokens are words
(letters and digits) or single punctuation marks; every token keeps its character span.

Two repairs for scraped Italian news: typographic apostrophes are keyed as ``'`` (so ``dell’Onu``
and ``dell'Onu`` look the same), and words glued by a lost sentence break ("RussiaI media",
"UcrainaIl ministro") are split where a lower-case letter meets an upper-case one that starts a
new word. Offsets still point into the original text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
# lower-case letter followed by an upper-case letter: a glued boundary ("RussiaI", "sicurezzaAlla")
_GLUE = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-",
                              "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str  # casefolded, apostrophes and dashes unified


#: The same folding as character pairs: ``str.translate`` with a dict looks up every character,
#: while ``str.replace`` scans in C; on a whole article the pairs are ~40x faster (no replacement
#: is itself a key, so the order of the pairs does not matter).
_FOLD_PAIRS = tuple((chr(k), v) for k, v in _APOSTROPHES.items())


def _fold(text: str) -> str:
    for a, b in _FOLD_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


def keyof(text: str) -> str:
    """The lookup key of a token's text."""
    return _fold(text).casefold()


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into tokens with spans; glued words are split (see module docstring)."""
    folded = keyof(text)
    same = len(folded) == len(text)  # casefold kept offsets (no "ß" -> "ss"): slice the keys
    out: list[Token] = []
    append = out.append
    new = tuple.__new__
    for m in _TOKEN.finditer(text):
        tok = m.group()
        start, end = m.span()
        # a glued boundary needs a capital after the first letter: most words are skipped at once
        if len(tok) > 2 and not tok[1:].islower() and not tok.isupper() and _GLUE.search(tok, 1):
            prev = 0
            for cut in _GLUE.finditer(tok, 1):
                c = cut.start()
                piece = tok[prev:c]
                append(Token(start + prev, start + c, piece, keyof(piece)))
                prev = c
            piece = tok[prev:]
            append(Token(start + prev, end, piece, keyof(piece)))
        else:
            append(new(Token, (start, end, tok, folded[start:end] if same else keyof(tok))))
    return out


def keys(text: str) -> tuple[str, ...]:
    """The token keys of a name, as the index stores it."""
    return tuple(t.key for t in tokenize(text))
