"""Opaque page cursors for the store's listings.

Why opaque and bound: a cursor is an offset into one listing (a query, its filters and its sort),
encoded as URL-safe text. It carries a short hash of what it belongs to, so a cursor pasted into a
different search is refused with a clear :class:`~cronaca.errors.QueryError` instead of silently
skipping rows; a damaged cursor is refused the same way, never a crash.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from ..errors import QueryError


def _binding(kind: str, parts: tuple[Any, ...]) -> str:
    return hashlib.blake2b(repr((kind, *parts)).encode("utf-8"), digest_size=6).hexdigest()


def encode_cursor(kind: str, offset: int, *parts: Any) -> str:
    raw = json.dumps([kind, offset, _binding(kind, parts)], separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, kind: str, *parts: Any) -> int:
    """The offset a cursor holds (0 without a cursor); QueryError when it is not for this listing."""
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        name, offset, binding = value
        ok = name == kind and isinstance(offset, int) and offset >= 0
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        ok = False
    if not ok:
        raise QueryError("the cursor is damaged: pass the next_cursor of the previous page unchanged")
    if binding != _binding(kind, parts):
        raise QueryError("this cursor belongs to another query, filter or sort: start again without it")
    return offset
