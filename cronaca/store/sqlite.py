"""The embedded SQLite knowledge base: one file, no server.

Why SQLite: an analyst's corpus (up to millions of articles) fits in one file that can be copied,
opened by the CLI, the web app and any SQL tool, and searched with FTS5. WAL mode lets one writer
(``cronaca ingest``) and many readers in other processes (``cronaca serve``) work at once: readers
see the last committed batch, never a half-written one. The reads and writes themselves are
shared with PostgreSQL (:class:`cronaca.store.sqlstore.SQLStore`); this module opens the file,
runs the transactions and the FTS5 search.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import QueryError, StoreError, StoreUnavailable
from . import bounded, fts, integrity
from .migrations import migrate
from .sqlstore import TABLES, SQLStore, all_migrations

__all__ = ["TABLES", "SQLiteStore"]

log = logging.getLogger(__name__)

MMAP_BYTES = 1 << 30
CACHE_KIB = 32 * 1024


class SQLiteStore(SQLStore):
    """The :class:`~cronaca.store.base.Store` protocol over one SQLite file.

    ``conn`` is public: the web's read queries and the linker's tables use it directly. Rows come
    back as :class:`sqlite3.Row` (by name or index).
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = self.location = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=timeout, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # Reads follow FTS hits into ``articles`` row by row: memory-mapped pages and a larger
            # page cache make that 2-3x faster on a store bigger than RAM's default cache.
            self.conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            migrate(self.conn, all_migrations())
        except (sqlite3.OperationalError, OSError) as exc:
            raise StoreError(f"cannot open the knowledge base {self.path}: {exc}") from exc
        except (sqlite3.DatabaseError, StoreError) as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a cronaca knowledge base (or is damaged): {exc}") from exc

    def transaction(self) -> _Transaction:
        """One write transaction (``BEGIN IMMEDIATE``): taken before anything is read, so work
        chosen inside it cannot be chosen by another process at the same time."""
        return _Transaction(self.conn)

    def optimize(self) -> None:
        """Merge the full-text index into one segment and refresh the planner's statistics:
        after a bulk load, every search and every probe of the index opens one segment instead
        of dozens (measured: date-ordered searches on 100,000 articles went from 0.3-0.4 s to
        under 0.1 s). Rewrites the index, so it is worth it after large writes only."""
        with self.transaction():
            self.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        self.conn.execute("PRAGMA optimize")

    def check(self) -> list[str]:
        """Everything wrong with the store, in words (:mod:`cronaca.store.integrity`: SQLite's own
        page checks, the FTS5 index, and the linker's bookkeeping); empty when it is sound."""
        return integrity.problems(self.conn) + self.link_problems()

    # -- FTS5 search -----------------------------------------------------------------------
    def _search_from(self, where: str, indexed: bool = True) -> tuple[str, str, str]:
        joined = f"FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid WHERE articles_fts MATCH ? AND {where}"
        # FTS5 returns matches in rowid order, newest first on request: no sort of all matches
        return joined, "bm25(articles_fts, 5.0, 1.0)", "articles_fts.rowid"

    def _probe(self, per_row: bool = False) -> str:  # FTS5 checks one rowid either way
        return "EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND articles_fts.rowid = a.pk)"

    def _index_count(self, newer_than: int | None) -> str:
        newer = " AND rowid >= ?" if newer_than is not None else ""
        return ("SELECT count(*), min(r) FROM (SELECT rowid AS r FROM articles_fts"
                f" WHERE articles_fts MATCH ?{newer} ORDER BY rowid DESC LIMIT ?)")

    def _indexed_by_date(self) -> str:
        return " INDEXED BY articles_published"

    def _sorted_by_index(self) -> bool:
        return True  # FTS5 walks its doclists by rowid, newest first under ORDER BY rowid DESC

    def _in_walk_order(self) -> str:
        # the walk is a co-routine that CROSS JOIN keeps as the outer loop: rows come in its
        # order, and an ORDER BY would make SQLite probe every walked article before sorting
        return ""

    def _cheap_probe(self, match: str) -> bool:
        # a prefix term makes FTS5 expand it into every word it begins, per probed article:
        # milliseconds a probe on a large index, against microseconds for words and phrases
        return "*" not in match

    def _matches_between(self) -> str:
        return "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid <= ?"

    def _scores(self, match: str, pks: Sequence[int]) -> dict[int, float]:
        if not pks:
            return {}
        # one cursor over the pks' range: bm25 gathers its corpus statistics once per cursor, and
        # ``rowid IN (…)`` opens one cursor per value (seconds for a phrase on a large index)
        wanted = set(pks)
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT rowid, bm25(articles_fts, 5.0, 1.0) FROM articles_fts WHERE articles_fts MATCH ?"
            " AND rowid >= ? AND rowid <= ?", (match, min(pks), max(pks))) if r[0] in wanted}

    def _snippets(self, match: str, pks: Sequence[int]) -> dict[int, str]:
        if not pks:
            return {}
        snippet = (f"snippet(articles_fts, -1, '{fts.MARK_OPEN}', '{fts.MARK_CLOSE}',"
                   f" '{fts.ELLIPSIS}', 24)")
        if self._cheap_probe(match):
            marks = ",".join("?" * len(pks))
            return {r[0]: r[1] for r in self.conn.execute(
                f"SELECT rowid, {snippet} FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                (match, *pks))}
        # ``rowid IN (…)`` opens one cursor per value, and each expands the prefix again (80 ms
        # for a page on a million articles): one cursor per run of near pks, a snippet only for
        # the page's rows (CASE evaluates it for those alone)
        out: dict[int, str] = {}
        for run in bounded.runs(pks):
            marks = ",".join("?" * len(run))
            out.update((r[0], r[1]) for r in self.conn.execute(
                f"SELECT rowid, CASE WHEN rowid IN ({marks}) THEN {snippet} END FROM articles_fts"
                " WHERE articles_fts MATCH ? AND rowid >= ? AND rowid <= ?",
                (*run, match, min(run), max(run))) if r[1] is not None)
        return out

    def _match(self, query: str) -> str:
        """The FTS5 expression for a user's query: as typed when FTS5 accepts it, else plain words."""
        prepared = fts.prepare(query)
        if not prepared:
            raise QueryError(f"the search is empty: {fts.HELP}")
        fts.plain_terms(query)  # a query without a single word is an error whatever its syntax
        for candidate in (prepared, None):
            expr = candidate if candidate is not None else fts.plain_terms(query)
            try:
                self.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1",
                                  (expr,)).fetchall()
                return expr
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise StoreError(f"the knowledge base is busy: {exc}") from exc
                log.debug("query %r rejected by FTS5 (%s); retrying as plain words", expr, exc)
        raise QueryError(f"the search {query!r} cannot be understood: {fts.HELP}")


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any error: a batch lands whole or not at all."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"cannot write to the knowledge base: {exc}") from exc
        return self.conn

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as error:
                self.conn.execute("ROLLBACK")
                raise StoreUnavailable(f"cannot write to the knowledge base: {error}") from error
            return
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):  # locked, read-only, full, I/O
            raise StoreUnavailable(f"cannot write to the knowledge base: {exc}") from exc
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"writing to the knowledge base failed: {exc}") from exc
