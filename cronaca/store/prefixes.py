"""A query's prefix terms (``negoz*``) spelled out as the index's words they begin.

Why: FTS5 answers a prefix term by merging the lists of matches of every word it begins into one
list, whole, before it hands back the first match, and it does so again in every statement that
names the term. A search page runs three (its window of newest matches, the marks that score
them, the snippets), so ``negoz*`` cost 105 ms on a million articles where ``negoziato`` cost 6:
the tail of the search benchmark. An OR of the words themselves is read lazily, newest first,
and stops with the window, like any word.

The words come from the index itself (FTS5's ``fts5vocab`` table: the terms between the prefix
and its end, with the number of articles holding each), once per prefix, and are kept until the
index changes (:class:`cronaca.store.ranking.Statistics`), so the answer is the same as the prefix
term's: nothing is missed or added. Their article counts are exact, so they also serve as the
words' IDF counts.

Ranking: the prefix ranks as the sum of its words' BM25 scores (as Lucene's "scoring boolean"
rewrite of a prefix query does), where FTS5 scored it as one phrase. An article holding the
rarer word ranks higher, as it would for those words typed with OR.

Left to FTS5: a prefix of fewer than :data:`MIN_LETTERS` letters, or one beginning more than
:data:`MAX_WORDS` words (spelling them out would cost what the merge costs), and a prefix inside
``NEAR(…)``, joined to a phrase (``+``), or anchored at a column's start (``^``), where the
query language takes a phrase and not an OR of words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .ranking import OPERATORS, QUERY_TOKEN, fold

MIN_LETTERS = 3
MAX_WORDS = 64
_SYNTAX = frozenset("()+:^{},*")


def prefix_terms(match: str) -> list[tuple[int, int, str]]:
    """Each prefix term of the FTS5 expression ``match`` that stands as a phrase of its own:
    where it starts and ends in ``match``, and the prefix as the index folds it."""
    tokens = list(QUERY_TOKEN.finditer(match))
    out: list[tuple[int, int, str]] = []
    depth = near = 0  # parentheses open; the depth of the NEAR group we are in (0: none)
    for i, token in enumerate(tokens):
        text = token.group()
        if text == "(":
            depth += 1
            if i and tokens[i - 1].group() == "NEAR" and not near:
                near = depth
        elif text == ")":
            near = 0 if depth == near else near
            depth -= 1
        elif text == "*" and i and not near:
            word = tokens[i - 1]
            before = tokens[i - 2].group() if i >= 2 else ""
            after = tokens[i + 1].group() if i + 1 < len(tokens) else ""
            if word.group() in _SYNTAX or word.group() in OPERATORS or "+" in (before, after) or before == "^":
                continue
            spelled = word.group()
            if spelled.startswith('"'):
                spelled = spelled[1:-1].replace('""', '"')
            folded = fold(spelled)
            if len(folded) == 1:
                out.append((word.start(), token.end(), folded[0]))
    return out


def expand(match: str, words_of: Callable[[str], Sequence[str] | None]) -> str:
    """``match`` with each prefix term (:func:`prefix_terms`) replaced by an OR of the words
    ``words_of(prefix)`` gives; a prefix it gives no words for (none, or too many) stays."""
    out: list[str] = []
    last = 0
    for start, end, prefix in prefix_terms(match):
        words = words_of(prefix) if len(prefix) >= MIN_LETTERS else None
        if not words:
            continue
        quoted = [f'"{w}"' for w in words]
        out += [match[last:start], quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"]
        last = end
    return "".join(out) + match[last:]
