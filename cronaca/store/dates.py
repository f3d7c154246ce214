"""Dates users type into filters (``--since``, ``?until=``): checked, then widened to whole days.

Why strict: filters compare ISO strings, so an impossible date is not an error to SQLite —
``2022-02-30`` or ``2022-13-01`` would silently select something other than what was meant.
A date is accepted as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and must exist in the calendar.
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import QueryError

_SHAPE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None, name: str) -> str | None:
    """``value`` stripped, or None when empty; :class:`QueryError` when it is not a real date."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    if not _SHAPE.match(value):
        raise QueryError(f"{name} must be a date like 2022-01-31, 2022-01 or 2022, not {value!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError as exc:
        raise QueryError(f"{name} {value!r} is not a date in the calendar ({exc}); "
                         "write it as YYYY-MM-DD, YYYY-MM or YYYY") from None
    return value


def day_bound(value: str, name: str) -> str:
    """A checked ``since``/``until`` value as a full-day bound: 2022 -> 2022-01-01 (since) or
    2022-12-31 (until); the month's "-31" is a bound for string comparison, not a date."""
    checked = check_date(value, name)
    if checked is None:
        raise QueryError(f"{name} is empty: give a date like 2022-01-31")
    if len(checked) == 10:
        return checked
    if name == "since":
        return checked + ("-01" if len(checked) == 7 else "-01-01")
    return checked + ("-31" if len(checked) == 7 else "-12-31")
