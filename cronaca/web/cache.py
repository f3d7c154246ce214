"""Per-process caches: the store's tables, and corpus-wide aggregates.

Why: an aggregate over a large store (every actor's article count, attention over time, the size
of a result set) costs hundreds of milliseconds; the pages need it on every visit. Answers are
kept per process and keyed by the store's state (:func:`_fingerprint`: the database files'
stamps, or PostgreSQL's write-ahead log position). When ``cronaca ingest`` or ``cronaca link`` changes the store, the old answer keeps
being served for up to :data:`_CACHE_TTL` seconds while one background thread recomputes it on
its own read-only connection (stale-while-revalidate), so pages stay fast while ingest writes.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

from ..store.dialect import dialect_of
from ..store.pgconn import PGConnection, is_postgres_url

log = logging.getLogger(__name__)


_TABLES_LOCK = threading.Lock()
_TABLES: dict[str, tuple[float, frozenset[str]]] = {}


def tables(conn: Any) -> frozenset[str]:
    """Names of the tables in this database (cached briefly: the linker may add its tables)."""
    path = db_file(conn)
    now = time.monotonic()
    with _TABLES_LOCK:
        hit = _TABLES.get(path)
        if hit and now - hit[0] < 10:
            return hit[1]
    names = dialect_of(conn).tables(conn)
    with _TABLES_LOCK:
        _TABLES[path] = (now, names)
    return names


def columns_of(conn: Any, table: str) -> frozenset[str]:
    return frozenset(name for name, _ in dialect_of(conn).columns(conn, table))


def db_file(conn: Any) -> str:
    """Where the store lives: its file, or its PostgreSQL URL ("" for an in-memory database)."""
    if isinstance(conn, PGConnection):
        return conn.url
    row = conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row else ""


# -- corpus-wide cache -----------------------------------------------------------------------

_CACHE_LOCK = threading.Lock()
_CACHE: dict[tuple, tuple[tuple, float, Any]] = {}
_CACHE_TTL = 30.0  # seconds an aggregate may lag behind a store that is being written


_KEY_LOCKS: dict[tuple, threading.Lock] = {}


def _key_lock(key: tuple) -> threading.Lock:
    with _CACHE_LOCK:
        if len(_KEY_LOCKS) > 4096:
            _KEY_LOCKS.clear()
        return _KEY_LOCKS.setdefault(key, threading.Lock())


def _fingerprint(conn: Any) -> tuple:
    """Changes whenever anything commits to the store: ingest, linking, any other writer.

    In WAL mode every commit appends to ``<db>-wal`` and a checkpoint rewrites ``<db>``, so
    the size and modification time of the two files (two ``stat`` calls, no query) move on
    every write. On PostgreSQL every commit moves the server's write-ahead log position (so does
    a write to another database of the server: the answer is then recomputed for nothing, at
    most once per :data:`_CACHE_TTL`). A store without files (``:memory:``) falls back to the
    largest row ids.
    """
    if isinstance(conn, PGConnection):
        return (conn.execute("SELECT pg_current_wal_lsn()::text").fetchone()[0],)
    path = db_file(conn)
    if path:
        stamp: list[int] = []
        for name in (path, path + "-wal"):
            try:
                st = os.stat(name)
                stamp += [st.st_mtime_ns, st.st_size]
            except OSError:
                stamp += [0, 0]
        return tuple(stamp)
    return tuple(conn.execute(
        "SELECT (SELECT max(pk) FROM articles), (SELECT max(id) FROM mentions), "
        "(SELECT max(id) FROM events), (SELECT max(rowid) FROM actors)").fetchone())


def cached(conn: Any, key: tuple, compute: Callable[[Any], Any]) -> Any:
    """``compute(conn)`` once per store content (per process), refreshed when the store changes.

    Stale-while-revalidate: when the store has changed (ingest is writing) and the cached answer
    is older than :data:`_CACHE_TTL`, the old answer is served at once and one background thread
    recomputes it on its own read-only connection. Only the very first computation of a key
    makes a request wait, and concurrent requests for it wait for that one computation.
    """
    fp = (db_file(conn), *_fingerprint(conn))
    now = time.monotonic()
    full_key = (fp[0], *key)
    with _CACHE_LOCK:
        hit = _CACHE.get(full_key)
    if hit is not None:
        if hit[0] != fp and now - hit[1] >= _CACHE_TTL:
            _refresh_later(fp[0], full_key, compute)
        return hit[2]
    with _key_lock(full_key):  # one computation per key at a time; the others wait for it
        with _CACHE_LOCK:
            hit = _CACHE.get(full_key)
        if hit is not None:
            return hit[2]
        value = compute(conn)
        _store_cached(full_key, fp, value)
    return value


def _store_cached(full_key: tuple, fp: tuple, value: Any) -> None:
    with _CACHE_LOCK:
        if len(_CACHE) > 2048:
            _CACHE.clear()
        _CACHE[full_key] = (fp, time.monotonic(), value)


def _refresh_later(path: str, full_key: tuple, compute: Callable[[Any], Any]) -> None:
    lock = _key_lock(full_key)
    if not lock.acquire(blocking=False):
        return  # a refresh is already running

    def run() -> None:
        try:
            ro = _reader(path)
            try:
                fp = (path, *_fingerprint(ro))
                _store_cached(full_key, fp, compute(ro))
            finally:
                ro.close()
        except Exception:  # keep serving the old answer; the next request tries again
            log.warning("background refresh of %s failed", full_key[1:2], exc_info=True)
        finally:
            lock.release()

    threading.Thread(target=run, name="cronaca-web-refresh", daemon=True).start()


def _reader(path: str) -> Any:
    """A read-only connection of its own to the store at ``path`` (a file or a PostgreSQL URL)."""
    if is_postgres_url(path):
        conn = PGConnection(path, application="cronaca-web-refresh")
        conn.execute("SET default_transaction_read_only = on")
        return conn
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    conn.execute("PRAGMA automatic_index = OFF")
    return conn
