"""Checks a search the user typed before it reaches the full-text index.

Why: SQLite FTS5 answers malformed syntax (an unclosed quote, a dangling ``AND``, a stray
parenthesis) with a bare "fts5: syntax error". An analyst deserves to be told what is wrong and
how to write it, so the common mistakes are caught here, with a message that names them. Anything
this check lets through that the index still rejects is turned into a :class:`QueryError` by the
query layer; the web never answers a search with a server error.

Supported syntax (shown on the search page): words (all must match), ``"exact phrase"``,
``OR`` / ``AND`` / ``NOT`` between terms, ``prefix*``, and parentheses for grouping.
"""

from __future__ import annotations

import re

from ..errors import QueryError

MAX_QUERY_CHARS = 500

_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+|"')
_OPERATORS = {"AND", "OR", "NOT"}
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

SYNTAX_HELP = ('Write words (all must match), "an exact phrase", OR / AND / NOT between terms, '
               "prefix* for word beginnings, and ( ) to group.")


def check_query(q: str) -> str:
    """Return the query stripped, or raise :class:`QueryError` saying what to fix."""
    q = (q or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"the search is {len(q)} characters long; keep it under "
                         f"{MAX_QUERY_CHARS}")
    if _BAD_CHARS.search(q):
        raise QueryError("the search contains control characters; type it again as plain text")
    if q.count('"') % 2:
        raise QueryError('a quotation mark is not closed: write phrases as "exact words"')
    depth = 0
    prev = None
    tokens = _TOKEN.findall(q)
    for tok in tokens:
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("a closing parenthesis ) has no opening one")
            if prev == "(":
                raise QueryError("empty parentheses (): put terms inside them or remove them")
            if prev in _OPERATORS:
                raise QueryError(f"{prev} needs a term after it, before the )")
        elif tok in _OPERATORS:
            if prev is None or prev == "(" or prev in _OPERATORS:
                raise QueryError(f"{tok} must stand between two terms, e.g. Lavrov {tok} Blinken")
        elif tok.startswith('"') and len(tok) >= 2 and not tok.strip('"').strip():
            raise QueryError('an empty phrase "" matches nothing: put words between the quotes')
        elif tok.strip("*") == "" or tok.startswith("*"):
            raise QueryError("* goes at the end of a word (negoz*), not on its own or first")
        prev = tok
    if depth > 0:
        raise QueryError("a parenthesis ( is not closed")
    if prev in _OPERATORS:
        raise QueryError(f"the search ends with {prev}: add a term after it")
    return q
