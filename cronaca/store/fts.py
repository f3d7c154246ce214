"""Full-text queries: what the user typed -> an FTS5 MATCH expression or a PostgreSQL tsquery,
and safe snippets.

Why a module of its own: FTS5 has a query language (phrases, AND/OR/NOT, prefix*, NEAR) that
analysts use, but it answers the slightest slip — an unclosed quote, a bare ``AND``, a lone ``*``,
an apostrophe — with a bare "fts5: syntax error". We keep the language for those who use it and
never let a slip become a crash: a query FTS5 rejects is re-read as plain words (every word must
match); a query with no words at all is a :class:`~cronaca.errors.QueryError` that says what to type.

Elision: "l'Ucraina", "dell’Europa" are one word to the user but two tokens to the index
(apostrophes are separators). In a query, a short elided prefix before an apostrophe is dropped,
so "l'Ucraina" finds every "Ucraina" (also "dell'Ucraina" and a bare "Ucraina"), as a user expects.

PostgreSQL (:func:`tsquery`): the same language, written in ``to_tsquery``'s words — terms and
phrases (``<->`` between their words) joined by ``&``, ``OR`` as ``|``, ``NOT`` as ``& !``,
``prefix*`` as ``prefix:*``, parentheses kept. A query that does not parse (an operator without
a term, unbalanced parentheses) is read as plain words, as FTS5's rejects are.

Snippets: FTS5's ``snippet()`` inserts markers into raw article text, which is untrusted. We ask
for control-character markers, HTML-escape the whole snippet, then turn the markers into
``<mark>``/``</mark>``: the only tags in a snippet are ours.
"""

from __future__ import annotations

import html
import re

from ..errors import QueryError

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
ELLIPSIS = "…"

_ELISION = re.compile(r"(?<![\w])(\w{1,6})['’](?=\w)", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TS_TOKEN = re.compile(r'"[^"]*"|\(|\)|\w+\*?', re.UNICODE)
_TS_OPERATORS = {"AND": "&", "OR": "|", "NOT": "& !"}

HELP = ('write words (all must match), "an exact phrase", OR / NOT between terms, '
        "and prefix* for word beginnings")


def prepare(query: str) -> str:
    """The query as FTS5 should first try it: control characters out, elided prefixes dropped."""
    query = _CONTROL.sub(" ", query or "").strip()
    return _ELISION.sub("", query)


def plain_terms(query: str) -> str:
    """A query FTS5 always accepts: every word of ``query`` as a quoted term (all must match)."""
    words = _WORD.findall(prepare(query))
    if not words:
        raise QueryError(f"the search {query!r} has no words to look for: {HELP}")
    return " ".join(f'"{w}"' for w in words)


def snippet_html(raw: str | None) -> str:
    """Escape a snippet made with :data:`MARK_OPEN`/:data:`MARK_CLOSE` and mark its matches."""
    escaped = html.escape(raw or "", quote=True)
    return escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def tsquery(query: str) -> str:
    """The query as ``to_tsquery`` input (see the module's docstring); QueryError without words."""
    plain = " & ".join(_WORD.findall(prepare(query)))
    if not plain:
        raise QueryError(f"the search {query!r} has no words to look for: {HELP}")
    out: list[str] = []
    depth = 0
    after_term = False  # the last item closes a term: a term next to it is ANDed
    for token in _TS_TOKEN.findall(prepare(query)):
        if token in _TS_OPERATORS:
            if not after_term:
                return plain
            out.append(_TS_OPERATORS[token])
            after_term = False
            continue
        if token == ")":
            if not after_term or depth == 0:
                return plain
            depth -= 1
            out.append(")")
            continue
        if token.startswith('"'):
            words = _WORD.findall(token)
            if not words:
                continue
            term = "(" + " <-> ".join(words) + ")"
        elif token == "(":
            term = "("
        else:
            term = token[:-1] + ":*" if token.endswith("*") else token
        if after_term:
            out.append("&")
        out.append(term)
        depth += term == "("
        after_term = term != "("
    if depth or not after_term:
        return plain
    return " ".join(out)
