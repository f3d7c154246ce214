"""Read access to the knowledge base for the web application.

Why one store per worker thread: FastAPI runs plain ``def`` endpoints in a thread pool, and an
``sqlite3`` connection belongs to the thread that opened it (a psycopg one serves one query at a
time). Each worker thread opens the store once (migrations run then, as for any reader) and keeps
it, so a request costs no connection set-up; the connection is then made read-only (SQLite's
``query_only``, PostgreSQL's ``default_transaction_read_only``) so that nothing the web does can
write. SQLite's WAL mode, and PostgreSQL's snapshots, let these readers run while
``cronaca ingest`` writes to the same store: each query sees the last committed state.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..store.base import is_server_url, open_store
from ..store.dialect import dialect_of

log = logging.getLogger(__name__)


class Database:
    """Hands each thread its own read-only store over one SQLite file or PostgreSQL database."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Any] = []

    def store(self) -> Any:
        """This thread's store (opened on first use)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path, read_only=True)
            conn = store.conn
            if dialect_of(conn).sqlite:
                conn.execute("PRAGMA query_only = ON")
                # Temporary automatic indexes are built per query over whole tables: on a large
                # store that costs more than the query; the schema's indexes serve the web's reads.
                conn.execute("PRAGMA automatic_index = OFF")
                conn.execute("PRAGMA busy_timeout = 5000")
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    @property
    def conn(self) -> Any:
        return self.store().conn

    def check(self) -> None:
        """Open the store once up front, so a bad path fails at start-up with a clear message."""
        if not is_server_url(self.path) and not Path(self.path).parent.exists():
            raise StoreError(f"{self.path}: its folder does not exist")
        self.store()

    def close(self) -> None:
        """Close every thread's store (each connection may be closed from any thread)."""
        with self._lock:
            stores, self._opened = self._opened, []
        for store in stores:
            try:
                store.conn.close()
            except Exception:  # a connection already gone is closed enough
                log.debug("store of another thread left to close itself", exc_info=True)
