"""Full-text search whose work per query is bounded, whatever the size of the store.

Why: ranking and counting every match makes a search for a frequent word cost time in
proportion to the store — a word in 40 % of a million articles is 400,000 scores, 400,000
look-ups for the filters and a sort, seconds per query. Search engines bound that work and say
so (Elasticsearch's rescore window and ``track_total_hits``, datasette's time limit); so does
this module, on SQLite and PostgreSQL alike:

- **relevance** ranks the newest :data:`RANK_WINDOW` matches that pass the filters (every
  match when there are fewer: the order is then exact); pages go as deep as the window.
- **the total** is exact when the matches fit in the window. Past it, it is estimated from two
  cheap counts on the full-text index alone (no look-up per match): how many articles match
  (counted up to :data:`INDEX_COUNT_CAP`, extrapolated past it from how densely the newest
  matches fall), times the share of the window's span that passed the filters.
  ``Page.exact`` is False then, and the web and the CLI say "about".
- **date orders** walk the date index newest (or oldest) first and check each article against
  the full-text index until the page is full, when matches are frequent enough for that to take
  few checks (:data:`MAX_PROBES`); otherwise, matches being few, they are all sorted. Articles
  without a date come last, as before.

The backend gives the SQL that differs (:class:`Backend`); the cursor is an offset bound to the
query and sort, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

RANK_WINDOW = 200
INDEX_COUNT_CAP = 10_000
MAX_PROBES = 5000
COLUMNS = "a.pk, a.id, a.title, a.outlet, a.published"


class Backend(Protocol):
    conn: Any

    def _search_from(self, where: str) -> tuple[str, str, str]: ...
    def _probe(self) -> str: ...
    def _index_count(self, newer_than: int | None) -> str: ...
    def _indexed_by_date(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Result:
    rows: list[Any]
    total: int
    exact: bool
    more: bool


def run(store: Backend, match: str, where_sql: str, where_params: Sequence[Any], sort: str,
        limit: int, offset: int) -> Result:
    """One page of a search: its rows (``pk, id, title, outlet, published, score``), the total
    and whether it is exact, and whether there is a next page."""
    base, score, key = store._search_from(where_sql)
    params = (match, *where_params)
    window = store.conn.execute(
        f"SELECT {COLUMNS}, {score} AS score {base} ORDER BY {key} DESC LIMIT ?",
        (*params, RANK_WINDOW)).fetchall()
    if len(window) < RANK_WINDOW:  # every match is here: exact, and sorted in memory
        total, exact = len(window), True
    else:
        total, exact = _estimate(store, match, window), False
    if sort == "relevance":
        ranked = sorted(window, key=lambda r: (r["score"], r["pk"]))
        return Result(ranked[offset:offset + limit], total, exact, offset + limit < len(window))
    newest = sort == "date"
    if exact:
        ordered = _date_order(window, newest)
        return Result(ordered[offset:offset + limit], total, exact, offset + limit < len(window))
    if (offset + limit + 1) * _article_count(store) / max(1, total) > MAX_PROBES:
        rows = store.conn.execute(f"SELECT {COLUMNS}, {score} AS score {base} ORDER BY "
                                  f"{_order(newest)} LIMIT ? OFFSET ?",
                                  (*params, limit + 1, offset)).fetchall()
    else:
        rows = _walk(store, match, where_sql, where_params, newest, limit + 1, offset)
    return Result(rows[:limit], total, exact, len(rows) > limit)


def _walk(store: Backend, match: str, where_sql: str, where_params: Sequence[Any], newest: bool,
          n: int, offset: int) -> list[Any]:
    """Dated matches along the date index, then the undated ones (by ``pk``)."""
    way = "DESC" if newest else ""
    probe = store._probe()
    table = f"articles a{store._indexed_by_date()}"
    dated = store.conn.execute(
        f"SELECT {COLUMNS}, 0.0 AS score FROM {table} WHERE a.published IS NOT NULL AND {where_sql}"
        f" AND {probe} ORDER BY a.published {way}, a.pk {way} LIMIT ? OFFSET ?",
        (*where_params, match, n, offset)).fetchall()
    if len(dated) == n:
        return dated
    before = offset + len(dated) if dated else store.conn.execute(  # how many dated matches
        f"SELECT count(*) FROM articles a WHERE a.published IS NOT NULL AND {where_sql} AND {probe}",
        (*where_params, match)).fetchone()[0]
    undated = store.conn.execute(
        f"SELECT {COLUMNS}, 0.0 AS score FROM articles a WHERE a.published IS NULL AND {where_sql}"
        f" AND {probe} ORDER BY a.pk {way} LIMIT ? OFFSET ?",
        (*where_params, match, n - len(dated), max(0, offset - before))).fetchall()
    return dated + undated


def _estimate(store: Backend, match: str, window: list[Any]) -> int:
    """How many articles match and pass the filters, from counts on the index alone."""
    matching, lowest = store.conn.execute(store._index_count(None), (match, INDEX_COUNT_CAP)).fetchone()
    first, last = _pk_span(store)
    if matching >= INDEX_COUNT_CAP:  # extrapolate from the density of the newest matches
        matching = matching * (last - first + 1) / max(1, last - lowest + 1)
    low = min(r["pk"] for r in window)
    in_span = store.conn.execute(store._index_count(low), (match, low, INDEX_COUNT_CAP)).fetchone()[0]
    estimate = max(len(window), round(matching * len(window) / max(1, in_span)))
    return int(float(f"{estimate:.2g}"))


def _pk_span(store: Backend) -> tuple[int, int]:
    """The lowest and highest ``pk``: two index look-ups (SQLite reads the whole table for
    ``min()`` and ``max()`` asked in one query)."""
    first = store.conn.execute("SELECT min(pk) FROM articles").fetchone()[0]
    last = store.conn.execute("SELECT max(pk) FROM articles").fetchone()[0]
    return (first or 0), (last or 0)


def _article_count(store: Backend) -> int:
    first, last = _pk_span(store)
    return last - first + 1 if last else 0


def _order(newest: bool) -> str:
    way = "DESC" if newest else ""
    return f"a.published IS NULL, a.published {way}, a.pk {way}"


def _date_order(rows: list[Any], newest: bool) -> list[Any]:
    """Rows by date then ``pk`` (both newest or both oldest first), undated ones last."""
    rows = sorted(rows, key=lambda r: r["pk"], reverse=newest)
    rows = sorted(rows, key=lambda r: r["published"] or "", reverse=newest)  # stable: ties keep pk order
    return [r for r in rows if r["published"] is not None] + [r for r in rows if r["published"] is None]
