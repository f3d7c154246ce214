"""SQL helpers shared by the web's query modules: rows, filters, keyset pages, outlets.

Every helper reads; the web never writes. Filters mirror the store's own (``SQLStore._where``) so
a filter means the same thing in search, lists, the timeline and exports, on SQLite and on
PostgreSQL alike (what the two say differently comes from the connection's dialect).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import QueryError
from ..store.base import Filters
from ..store.dialect import dialect_of
from . import cursors
from .cache import cached

MAX_LIMIT = 500  # per page; there is no cap on how many pages a client may read


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a list: its rows, the size of the whole result set, the next page's cursor."""

    items: list[dict[str, Any]]
    total: int | None
    next_cursor: str | None = None
    exact: bool = True  # False: ``total`` is an estimate (a search matching very many articles)

    def to_json(self) -> dict[str, Any]:
        out = {"items": self.items, "total": self.total, "next_cursor": self.next_cursor}
        if not self.exact:
            out["total_exact"] = False
        return out


def fetch_rows(conn: Any, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, tuple(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def scalar(conn: Any, sql: str, params: Iterable[Any] = ()) -> Any:
    row = conn.execute(sql, tuple(params)).fetchone()
    return row[0] if row else None


def page_size(limit: int) -> int:
    if limit < 1:
        raise QueryError("limit must be at least 1")
    return min(limit, MAX_LIMIT)


def name_key(name: str) -> str:
    """How the store compares names (``actor_names.key``): casefolded, accents off."""
    from ..store.codec import name_key as key

    return key(name)


def resolve_actor(conn: Any, actor: str) -> list[str]:
    """Actor ids an actor filter means: an id, a name or variant, or a surname (as the store)."""
    key = name_key(actor)
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [r[0] for r in conn.execute(
        "SELECT id FROM actors WHERE id = ? UNION SELECT actor_id FROM actor_names WHERE key = ? "
        "UNION SELECT actor_id FROM actor_names WHERE key LIKE ? ESCAPE '\\'",
        (actor.strip(), key, f"% {escaped}"))]


def article_where(conn: Any, f: Filters, a: str = "a") -> tuple[str, list[Any]]:
    """SQL conditions on articles (alias ``a``) for the shared :class:`Filters`."""
    dialect = dialect_of(conn)
    cond: list[str] = []
    params: list[Any] = []
    if f.since:
        # a month- or year-precise publication date overlaps the day asked for (as in the store)
        cond.append(f"({a}.published >= ? OR {a}.published = ? OR {a}.published = ?)")
        params += [f.since, f.since[:7], f.since[:4]]
    if f.until:
        cond.append(f"{a}.published <= ?")
        params.append(f.until + "\uffff")
    if f.outlet:
        cond.append(f"{a}.outlet = ?")
        params.append(f.outlet)
    if f.outlet_group:
        if f.outlet_group not in ("state_affiliated", "other"):
            raise QueryError("outlet_group is 'state_affiliated' or 'other'")
        cond.append(f"{a}.state_affiliated = ?")
        params.append(1 if f.outlet_group == "state_affiliated" else 0)
    if f.language:
        cond.append(f"{a}.language = ?")
        params.append(f.language)
    if f.flag:
        cond.append(dialect.json_has(f"{a}.flags"))
        params.append(f.flag)
    if f.event_type:
        cond.append(f"EXISTS (SELECT 1 FROM events fe WHERE fe.article_id = {a}.id AND fe.type = ?)")
        params.append(f.event_type.upper())
    if f.actor:
        ids = resolve_actor(conn, f.actor)
        if not ids:
            cond.append("1=0")
        else:
            marks = ",".join("?" * len(ids))
            cond.append(f"EXISTS (SELECT 1 FROM mentions fm WHERE fm.article_id = {a}.id "
                        f"AND fm.actor_id IN ({marks}))")
            params.extend(ids)
    if not f.include_duplicates:
        cond.append(originals_only(conn, f"{a}.duplicate_of"))
    return (" AND ".join(cond) or "1=1"), params


def originals_only(conn: Any, column: str = "a.duplicate_of") -> str:
    """The condition "not a copy of another article", hinted on SQLite not to drive a query by
    its (unselective) index."""
    return f"{dialect_of(conn).unindexed(column)} IS NULL"


def keyset_page(conn: Any, kind: str, select: str, params: list[Any], sort_expr: str,
            id_expr: str, cursor_kind: str | None, cursor: str | None, limit: int) -> Listing:
    """Page through ``select`` by (sort_expr, id) descending with an opaque cursor."""
    count_sql = f"SELECT count(*) FROM ({select}) listing"
    # the size of a result set is an aggregate: cached (and refreshed in the background)
    total = cached(conn, ("total", count_sql, tuple(params)),
                   lambda c: scalar(c, count_sql, params))
    cursor_kind = cursor_kind or kind
    key = cursors.decode(cursor_kind, cursor, 2)
    sql, p = select, list(params)
    if key:
        sql += f" AND ({sort_expr}, {id_expr}) < (?, ?)"
        p += key
    n = page_size(limit)
    rows = fetch_rows(conn, f"{sql} ORDER BY {sort_expr} DESC, {id_expr} DESC LIMIT ?", [*p, n + 1])
    nxt = None
    if len(rows) > n:
        rows = rows[:n]
        last = rows[-1]
        sort_val = _sort_value(kind, last)
        nxt = cursors.encode(cursor_kind, [sort_val, last["id"]])
    return Listing(rows, total, nxt)


def _sort_value(kind: str, row: dict[str, Any]) -> str:
    if kind == "events":
        return row.get("date") or row.get("published") or ""
    if kind == "stories":
        return row.get("last_date") or row.get("first_date") or ""
    return row.get("published") or ""


def outlet_profile(outlet: str | None) -> Any:
    """The outlet's profile (name, state affiliation), or None; a broken user profile file is
    logged by the loader's error and must not break a page."""
    if not outlet:
        return None
    from ..errors import ResourceError
    from ..resources.outlets import load_outlets

    try:
        index = load_outlets()
    except ResourceError:
        return None
    return index.for_domain(outlet) or index.for_name(outlet)
