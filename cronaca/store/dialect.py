"""What differs between SQLite and PostgreSQL SQL, in one place.

Why: the store, the linker's tables and the web's read queries are written once, in the SQL both
databases accept (``ON CONFLICT``, ``IS DISTINCT FROM``, row values, ``?`` parameters that the
PostgreSQL connection rewrites). The few things each says its own way — case-insensitive
equality, a JSON array membership test, index hints, catalog look-ups, "insert or replace" —
come from a :class:`Dialect`, chosen by the connection a query runs on (:func:`dialect_of`).
SQLite keeps its hints (``INDEXED BY``, unary ``+``) and PostgreSQL drops them: its planner
reads statistics instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str  # "sqlite" | "postgresql"

    @property
    def sqlite(self) -> bool:
        return self.name == "sqlite"

    def nocase_eq(self, expr: str) -> str:
        """``expr`` equals one parameter, ignoring case (SQLite's NOCASE indexes serve it)."""
        return f"{expr} = ? COLLATE NOCASE" if self.sqlite else f"lower({expr}) = lower(?)"

    def json_has(self, column: str) -> str:
        """The JSON array in ``column`` holds one parameter (a string)."""
        if self.sqlite:
            return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value = ?)"
        return f"({column})::jsonb @> jsonb_build_array(?::text)"

    def distinct_values(self, table: str, column: str) -> str:
        """Every distinct non-null value of ``table.column``, in order, read as a loose index
        scan: one seek of the column's index per value, however many rows hold each.

        Why not ``SELECT DISTINCT``: PostgreSQL reads the whole index for it, and SQLite too when
        the column is inside an expression (a JSON array's elements), so the search page's
        filter choices cost seconds on a million articles (the same SQL serves both).
        """
        return (f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM {table} UNION ALL "
                f"SELECT (SELECT min({column}) FROM {table} WHERE {column} > v.x) FROM v "
                "WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL")

    def unindexed(self, expr: str) -> str:
        """``expr`` with a hint that no index should drive the query on it (SQLite only)."""
        return f"+{expr}" if self.sqlite else expr

    def indexed_by(self, index: str) -> str:
        return f" INDEXED BY {index}" if self.sqlite else ""

    def replace(self, table: str, columns: Sequence[str], key: Sequence[str],
                values: Sequence[str] = ()) -> str:
        """Insert a row, replacing the one with the same ``key`` (SQLite's ``INSERT OR REPLACE``).
        ``values``: an SQL expression per column instead of a parameter each."""
        return _replace_sql(self.name, table, tuple(columns), tuple(key), tuple(values))

    def query_errors(self) -> tuple[type[Exception], ...]:
        """What the database raises for a query it cannot read (a malformed full-text search)."""
        if self.sqlite:
            return (sqlite3.OperationalError,)
        from psycopg import errors

        return (errors.SyntaxError,)

    def tables(self, conn: Any) -> frozenset[str]:
        if self.sqlite:
            sql = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
        else:
            sql = ("SELECT table_name FROM information_schema.tables "
                   "WHERE table_schema = current_schema()")
        return frozenset(r[0] for r in conn.execute(sql))

    def columns(self, conn: Any, table: str) -> list[tuple[str, str]]:
        """``(name, SQLite-style type: INTEGER/REAL/TEXT/BLOB)`` of a table's columns, in order."""
        if self.sqlite:
            return [(r[1], (r[2] or "TEXT").upper()) for r in conn.execute(f"PRAGMA table_info({table})")]
        rows = conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,)).fetchall()
        return [(r[0], _PG_TYPES.get(r[1], "TEXT")) for r in rows if r[0] not in HIDDEN]


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql")

#: PostgreSQL tables with a ``rowid`` column standing in for SQLite's (insertion order).
RENUMBERED = frozenset({"merged_events"})
#: PostgreSQL-only columns that no export or listing shows.
HIDDEN = frozenset({"rowid"})

_PG_TYPES = {"bigint": "INTEGER", "integer": "INTEGER", "double precision": "REAL", "bytea": "BLOB"}


def dialect_of(conn: Any) -> Dialect:
    """The dialect of a connection: an ``sqlite3`` one, or one that names its own."""
    if isinstance(conn, sqlite3.Connection):
        return SQLITE
    return getattr(conn, "dialect", SQLITE)


@lru_cache(maxsize=256)
def _replace_sql(dialect: str, table: str, columns: tuple[str, ...], key: tuple[str, ...],
                 values: tuple[str, ...] = ()) -> str:
    cols = ", ".join(_quote(c) for c in columns)
    marks = ", ".join(values or "?" * len(columns))
    if dialect == "sqlite":
        return f"INSERT OR REPLACE INTO {table}({cols}) VALUES ({marks})"
    sets = [f"{_quote(c)} = excluded.{_quote(c)}" for c in columns if c not in key]
    if table in RENUMBERED:  # a replaced row is the newest, as with SQLite's new rowid
        sets.append("rowid = DEFAULT")
    return (f"INSERT INTO {table}({cols}) VALUES ({marks}) ON CONFLICT "
            f"({', '.join(_quote(c) for c in key)}) DO UPDATE SET {', '.join(sets)}")


def _quote(column: str) -> str:
    return f'"{column}"'
