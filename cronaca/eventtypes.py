"""The event types a user may filter on: PLOVER's, in any case, older draft names mapped.

Why checked: a type filter compares strings, so a typo (``?type=CONSLT``) would quietly return
nothing, which reads as "no such events" rather than "no such type".
"""

from __future__ import annotations

from .errors import QueryError
from .nlp.plover import EVENT_TYPES, canonical_type


def check_event_type(value: str | None) -> str | None:
    """The canonical type for ``value`` (None when empty), or :class:`QueryError` naming the
    known ones."""
    if value is None or not value.strip():
        return None
    name = canonical_type(value)
    if name not in EVENT_TYPES:
        raise QueryError(f"unknown event type {value!r}: choose one of {', '.join(EVENT_TYPES)}")
    return name
