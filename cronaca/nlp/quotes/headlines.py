"""Headlines and subheadings inside the body: quotations there are not statements to annotate.

The gold guide leaves out "quotation marks in titles and subheadings". Cleaned bodies still hold
them: a repeated title, a summary bullet, a subheading between paragraphs. Their form is the
newsroom's "X: «…»" (who, a colon, the quotation) on a short line of its own that ends with the
closing mark and no full stop ("Lula: «…»", "Cop21, l'accordo c'è. Hollande: «…»", "- Putin: «…»").
A paragraph of the body ends its sentence with punctuation, so it is never read as one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: At most this many words: a headline, not a paragraph.
MAX_WORDS = 25
_OPEN = "«“\"„‘'"
_CLOSE = "»”\"’'"
_COLON_QUOTE = re.compile(rf":\s*[{_OPEN}]")


def headline_lines(text: str, cue_starts: Sequence[int] = ()) -> list[tuple[int, int]]:
    """The (start, end) of every line that is a headline with a quotation after a colon; a line
    with a reporting verb before its colon ("Il ministro ha concluso: «…»") is a sentence."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        body = line.strip()
        if not body or len(body.split()) > MAX_WORDS or body[-1] not in _CLOSE:
            continue
        if body.rstrip(_CLOSE + " ")[-1:] in ".!?…;,:":
            continue  # a sentence of the body that ends inside its quotation
        colon = _COLON_QUOTE.search(line)
        if colon and len(line[:colon.start()].split()) <= 8 \
                and not any(start <= c < start + colon.start() for c in cue_starts):
            out.append((start, start + len(line)))
    return out


def in_headline(lines: list[tuple[int, int]], pos: int) -> bool:
    """Does ``pos`` fall on one of the headline ``lines``?"""
    return any(a <= pos < b for a, b in lines)
