"""Grammatical aspect of an event word from the auxiliary before it.

"sono ammassati" / "ora è minacciato" describe a present state (an ongoing build-up, dated to the
reference month); "hanno ammassato" / "sono stati ammassati" report a completed act (dated to its
day). Both the event stage and the dating stage need the distinction, so it lives here once.
"""

from __future__ import annotations

import re

_PERFECT = re.compile(r"\b(?:ha|hanno|aveva|avevano|stat[oaie]|fu|furono)\s+(?:\w+\s+){0,2}$", re.I)
_STATIVE = re.compile(r"\b(?:è|sono|sta|stanno|resta|restano|rimane|rimangono|ora)\s+(?:\w+\s+)?$",
                      re.I)


def aspect(text: str, pos: int) -> str | None:
    """``"past"``, ``"present"`` or None (no auxiliary tells) for the word starting at ``pos``."""
    before = text[max(0, pos - 30):pos]
    if _PERFECT.search(before):
        return "past"
    if _STATIVE.search(before):
        return "present"
    return None
