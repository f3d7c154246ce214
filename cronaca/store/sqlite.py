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
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import QueryError, StoreError, StoreUnavailable
from . import bounded, fts, integrity, prefixes, ranking
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
            # the index's words with their article counts, per connection (a read-only one too)
            self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_words"
                              " USING fts5vocab(main, 'articles_fts', 'row')")
            self._statistics = ranking.statistics_for(self.path)
            self._syntax = _syntax_checker(self.conn)
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

    def _scored_after(self, match: str) -> bool:
        """Whether ``bm25()`` would pass over so many matches that the window is better scored
        from its own rows once found (:mod:`cronaca.store.ranking`)."""
        query = ranking.phrases(match)
        return bool(query) and self._pass_cost(query, self._totals()) >= ranking.PASS_LIMIT

    def _pass_cost(self, query: Sequence[ranking.Phrase], totals: ranking.Totals) -> float:
        """The articles ``bm25()``'s pass reads: each phrase's words' matches (a phrase's common
        word, "di" in "garanzie di sicurezza", makes it read nearly every article)."""
        words = [ranking.Phrase((w,)) for p in query if len(p.tokens) > 1 and not p.prefix for w in p.tokens]
        single = [p for p in query if len(p.tokens) == 1 or p.prefix]
        return sum(self._matching([*single, *words], totals))

    def _totals(self) -> ranking.Totals:
        record = self.conn.execute("SELECT block FROM articles_fts_data WHERE id = 1").fetchone()
        return ranking.Totals.from_record(record[0] if record else None)

    def _matching(self, query: Sequence[ranking.Phrase], totals: ranking.Totals) -> list[float]:
        """How many articles match each phrase (estimated past :data:`ranking.COUNT_CAP`, kept
        until the index changes)."""
        def count(expr: str) -> float:
            return bounded.index_matches(self, expr, ranking.COUNT_CAP)
        return [self._statistics.matching(p, totals, count) for p in query]

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

    def _in_walk_order(self, newest: bool = True) -> str:
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
        """BM25 of the rows ``pks`` names: for a frequent query (:meth:`_scored_after`), read
        off the rows and the index's kept statistics (:mod:`cronaca.store.ranking`), with no
        pass over every match; for a rarer one, FTS5's ``bm25()``."""
        if not pks:
            return {}
        if not self._scored_after(match):
            return self._bm25(match, pks)
        query, totals = ranking.phrases(match), self._totals()
        idfs = [ranking.idf(totals.rows, n) for n in self._matching(query, totals)]
        marks = ",".join("?" * len(pks))
        lengths = {r[0]: sum(ranking.varints(r[1])) for r in self.conn.execute(
            f"SELECT id, sz FROM articles_fts_docsize WHERE id IN ({marks})", tuple(pks))}
        marked = self._per_row(match, pks, [
            f"highlight(articles_fts, {col}, '{ranking.MARK_OPEN}', '{ranking.MARK_CLOSE}')" for col in (0, 1)])
        return {pk: ranking.score(freq, lengths.get(pk, 0), idfs, totals)
                for pk, freq in ranking.instances(marked, query).items()}

    def _bm25(self, match: str, pks: Sequence[int]) -> dict[int, float]:
        """FTS5's own ``bm25()`` of the rows ``pks`` names (a pass over every match of the query)."""
        # one cursor over the pks' range: bm25 gathers its corpus statistics once per cursor, and
        # ``rowid IN (…)`` opens one cursor per value (seconds for a phrase on a large index)
        return {pk: cols[0] for pk, cols in self._per_row(match, pks, ["bm25(articles_fts, 5.0, 1.0)"]).items()}

    def _snippets(self, match: str, pks: Sequence[int]) -> dict[int, str]:
        snippet = (f"snippet(articles_fts, -1, '{fts.MARK_OPEN}', '{fts.MARK_CLOSE}',"
                   f" '{fts.ELLIPSIS}', 24)")
        return {pk: cols[0] for pk, cols in self._per_row(match, pks, [snippet]).items()}

    def _per_row(self, match: str, pks: Sequence[int], columns: Sequence[str]) -> dict[int, tuple[Any, ...]]:
        """``columns`` (auxiliary functions of the match: snippets, highlights) of the rows
        ``pks`` names."""
        if not pks:
            return {}
        # ``rowid IN (…)`` opens one cursor per value, each looking the query up in the index
        # again (a prefix expanded anew: 80 ms for a page on a million articles; a frequent word:
        # 10-30 ms for a window of 200): one cursor per run of near pks, the functions only for
        # the wanted rows (CASE evaluates them for those alone)
        out: dict[int, tuple[Any, ...]] = {}
        for run in bounded.runs(pks):
            marks = ",".join("?" * len(run))
            out.update((r[0], tuple(r[2:])) for r in self.conn.execute(
                f"SELECT rowid, rowid IN ({marks}), {', '.join(f'CASE WHEN rowid IN ({marks}) THEN {c} END' for c in columns)}"
                " FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid <= ?",
                (*run, *(run * len(columns)), match, min(run), max(run))) if r[1])
        return out

    def _index_match(self, match: str) -> str:
        if "*" not in match:
            return match
        totals = self._totals()
        return prefixes.expand(match, lambda prefix: self._prefix_words(prefix, totals))

    def _prefix_words(self, prefix: str, totals: ranking.Totals) -> list[str] | None:
        """The words of the index that begin with ``prefix``; None past :data:`prefixes.MAX_WORDS`."""
        def listing(prefix: str) -> list[tuple[str, int]]:
            # fts5vocab seeks to the range's first term and stops at the limit; each term's count
            # reads its list of matches, so the listing costs what one merge of them costs
            return [(r[0], r[1]) for r in self.conn.execute(
                "SELECT term, doc FROM temp.articles_fts_words WHERE term >= ? AND term < ? LIMIT ?",
                (prefix, prefix + "\U0010ffff", prefixes.MAX_WORDS + 1))]
        words = self._statistics.prefix_words(prefix, totals, listing)
        return [w for w, _ in words] if len(words) <= prefixes.MAX_WORDS else None

    def _match(self, query: str) -> str:
        """The FTS5 expression for a user's query: as typed when FTS5 accepts it, else plain words."""
        prepared = fts.prepare(query)
        if not prepared:
            raise QueryError(f"the search is empty: {fts.HELP}")
        fts.plain_terms(query)  # a query without a single word is an error whatever its syntax
        for candidate in (prepared, None):
            expr = candidate if candidate is not None else fts.plain_terms(query)
            try:
                self._syntax.parse(expr)
                return expr
            except sqlite3.OperationalError as exc:
                log.debug("query %r rejected by FTS5 (%s); retrying as plain words", expr, exc)
        raise QueryError(f"the search {query!r} cannot be understood: {fts.HELP}")


class _SyntaxChecker:
    """An empty copy of a store's full-text index, in memory, that FTS5 parses queries against.

    Why: FTS5 reports a query's syntax errors only when it runs it, and running it on the store
    expands a prefix term into every word it begins before the first match comes back (4 ms on
    a million articles, for every search). The copy has the same columns and tokenizer (its
    definition is the store's own), so it accepts and rejects exactly what the store would."""

    def __init__(self, definition: str) -> None:
        self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        self.conn.execute(definition)
        self.lock = threading.Lock()  # the web's threads share it

    def parse(self, expr: str) -> None:
        """Nothing when FTS5 accepts ``expr``; its ``OperationalError`` when not."""
        with self.lock:
            self.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1",
                              (expr,)).fetchall()


_CHECKERS: dict[str, _SyntaxChecker] = {}
_CHECKERS_LOCK = threading.Lock()


def _syntax_checker(conn: sqlite3.Connection) -> _SyntaxChecker:
    """The process's checker for the full-text index ``conn`` holds (one per definition)."""
    definition = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    with _CHECKERS_LOCK:
        checker = _CHECKERS.get(definition)
        if checker is None:
            checker = _CHECKERS[definition] = _SyntaxChecker(definition)
    return checker


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
