"""Stable, content-based identifiers.

An article's id depends only on what it says (its normalised title and body), never on where or
when it was read, so ingesting the same article twice — from a text file, a JSON line or a WARC
record — stores it once, and re-running an interrupted ingest adds nothing twice.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata


def normalise_for_id(text: str) -> str:
    """Case, Unicode form and whitespace do not change an article's identity."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # split() cuts at the same whitespace as ``\s+`` (Py_UNICODE_ISSPACE), several times faster
    return " ".join(text.split())


def digest(*parts: str, size: int = 16) -> str:
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def article_id(title: str | None, text: str) -> str:
    """``a_`` + 16 hex digits from the normalised title and body."""
    return "a_" + digest(normalise_for_id(title or ""), normalise_for_id(text), size=8)


def raw_hash(data: bytes) -> str:
    """sha256 of the raw input bytes: provenance, and the key that makes ingest restartable."""
    return hashlib.sha256(data).hexdigest()


def slug(name: str) -> str:
    """ASCII slug for ids of actors and stories: 'Sergey Lavrov' -> 'sergey-lavrov'."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or digest(name, size=4)
