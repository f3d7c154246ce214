"""A PostgreSQL connection that reads like an ``sqlite3`` one.

Why: the store's SQL, the linker's tables and the web's read queries are written once, with
``?`` (and ``:name``) parameters and rows read by index or by name. This adapter gives psycopg 3
that face: it rewrites the parameters to psycopg's (``%s``, ``%(name)s``), returns rows that
behave like :class:`sqlite3.Row` (``r[0]``, ``r["id"]``, ``dict(r)``), and loads the sums
PostgreSQL types as ``numeric`` back as the integers SQLite gives. It runs in autocommit mode:
every read sees the last committed state (as SQLite's WAL readers do) and writes group their
statements in :meth:`PGConnection.transaction`.

``redact(url)`` is how a URL is named in messages: the password never reaches a log or a screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError
from .dialect import POSTGRESQL

PREFIXES = ("postgresql://", "postgres://")

_TOKEN = re.compile(r"""('(?:[^']|'')*')|("(?:[^"]|"")*")|(::)|(\?)|(?<![:\w]):([A-Za-z_]\w*)|(%)""")


def is_postgres_url(url: str) -> bool:
    return str(url).startswith(PREFIXES)


def redact(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """SQLite-style parameters (``?``, ``:name``) as psycopg's; a literal ``%`` doubled."""
    def sub(m: re.Match[str]) -> str:
        if m.group(1) or m.group(2) or m.group(3):
            return m.group(0).replace("%", "%%") if m.group(1) else m.group(0)
        if m.group(4):
            return "%s"
        if m.group(5):
            return f"%({m.group(5)})s"
        return "%%"

    return _TOKEN.sub(sub, sql)


@lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)

    class Row(tuple):
        """A result row by position or by column name, like :class:`sqlite3.Row`."""

        __slots__ = ()

        def __getitem__(self, key: Any) -> Any:
            if isinstance(key, str):
                return tuple.__getitem__(self, index[key])
            return tuple.__getitem__(self, key)

        def keys(self) -> list[str]:
            return list(names)

    return Row


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    cls = _row_class(tuple(c.name for c in cursor.description))
    return cls


def _params(params: Any) -> Any:
    if params is None:
        return None
    if isinstance(params, Mapping):
        return params
    return tuple(params)


class PGConnection:
    """One autocommit psycopg connection with the ``sqlite3`` calls the store uses."""

    dialect = POSTGRESQL

    def __init__(self, url: str, *, connect_timeout: int = 10, application: str = "cronaca") -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL needs the psycopg package: pip install 'psycopg[binary]'") from exc
        self.url = url
        self.name = redact(url)
        try:
            self.raw = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout,
                                       application_name=application)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise StoreError(
                f"cannot connect to the PostgreSQL knowledge base {self.name}: {reason}. "
                "Check the URL (postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE), that the server "
                "is running and that the database exists (createdb DATABASE)") from exc
        except Exception as exc:  # a malformed URL is a ProgrammingError or ValueError
            raise StoreError(f"{self.name} is not a PostgreSQL URL psycopg can read ({exc}); "
                             "write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE") from exc
        self.raw.row_factory = _row_factory
        _load_numbers(self.raw)
        # psycopg prepares a statement run five times, and PostgreSQL may then plan it once for
        # any parameters: a search's plan depends on how common its words are (a rare word wants
        # the full-text index, a frequent one the newest pks), and one generic plan for both made
        # the same searches 30 times slower (36 ms planned for the words, 1 s generic)
        try:
            self.raw.execute("SET plan_cache_mode = force_custom_plan")
        except psycopg.Error:  # a server older than PostgreSQL 12 lacks the setting: it plans as it always did
            pass
        # cronaca's statements are index look-ups and small aggregates; past the planner's cost
        # threshold PostgreSQL compiles them with LLVM first, which costs more than it saves
        # (an actor page on a million articles, 8 clients: p95 650 ms with JIT, 61 ms without)
        self.raw.execute("SET jit = off")

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        return self.raw.execute(translate(sql), _params(params))

    def executemany(self, sql: str, seq: Iterable[Any]) -> Any:
        cur = self.raw.cursor()
        rows = [_params(p) for p in seq]
        if rows:
            cur.executemany(translate(sql), rows)
        return cur

    def transaction(self) -> AbstractContextManager[Any]:
        """Statements inside commit together, or roll back together on any error."""
        return self.raw.transaction()

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


def _load_numbers(conn: Any) -> None:
    """``numeric`` results (``sum()`` of integers) as ints when whole, floats otherwise."""
    from psycopg.adapt import Loader

    class NumberLoader(Loader):
        def load(self, data: Any) -> Any:
            text = bytes(data).decode("ascii")
            try:
                return int(text)
            except ValueError:
                return float(text)

    conn.adapters.register_loader("numeric", NumberLoader)
