"""Opaque, stable keyset cursors.

Why keyset and not OFFSET: a page's cursor holds the sort key of the last row it showed, so the
next page starts right after it even while ``cronaca ingest`` adds rows, and deep pages cost the
same as the first one. The cursor is URL-safe base64 of a small JSON list; clients treat it as an
opaque string. A cursor from another endpoint, or a damaged one, is a :class:`QueryError` (400),
never a server error.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any

from ..errors import QueryError


def encode(kind: str, key: Sequence[Any]) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(kind: str, cursor: str | None, size: int) -> list[Any] | None:
    """The key a cursor of ``kind`` holds (``size`` values), or None when no cursor was given."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise QueryError("the cursor is damaged: use the next_cursor value of a previous page "
                         "exactly as it was returned") from exc
    if not isinstance(value, list) or len(value) != size + 1 or value[0] != kind:
        raise QueryError(f"this cursor does not belong to this list ({kind}): start again "
                         "without a cursor")
    return value[1:]
