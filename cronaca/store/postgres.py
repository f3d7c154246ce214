"""The shared knowledge base on a PostgreSQL server, chosen by a URL: ``--db postgresql://…``.

Why PostgreSQL: a team serving one corpus to many readers, from several machines, while ingest
and linking write to it. The store's reads and writes are the same as SQLite's
(:class:`cronaca.store.sqlstore.SQLStore`); this module connects (:mod:`cronaca.store.pgconn`),
runs the migrations (:mod:`cronaca.store.pgschema`), the transactions and the full-text search
with PostgreSQL's Italian stemmer (``cronaca_italian``: accents and apostrophes handled as the
SQLite index handles them). The database must exist; cronaca creates its tables in it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ..errors import QueryError, StoreError, StoreUnavailable
from . import bounded, fts, headline, integrity
from .dialect import POSTGRESQL
from .migrations import migrate
from .pgconn import PGConnection
from .pgschema import CONFIG
from .sqlstore import SQLStore, all_migrations

__all__ = ["PostgresStore"]

log = logging.getLogger(__name__)

#: ``pg_advisory_xact_lock`` key of the store's write lock ("cronaca writes").
WRITE_LOCK = 7_141_821_306

class PostgresStore(SQLStore):
    """The :class:`~cronaca.store.base.Store` protocol over one PostgreSQL database."""

    dialect = POSTGRESQL

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.conn = PGConnection(url)
        self.location = self.conn.name
        try:
            migrate(self.conn, all_migrations())
            if read_only:
                self.conn.execute("SET default_transaction_read_only = on")
                # a reader serves one of many concurrent requests (the web): parallel workers
                # for one query take the cores the others wait for (searches on a million
                # articles, 8 clients on 2 cores: p95 298 ms with them, 262 without)
                self.conn.execute("SET max_parallel_workers_per_gather = 0")
        except BaseException:
            self.conn.close()
            raise

    @contextmanager
    def transaction(self) -> Iterator[PGConnection]:
        """One write transaction holding the store's write lock, as SQLite's ``BEGIN IMMEDIATE``
        does: work chosen inside it (the articles a link run claims) cannot be chosen by another
        process at the same time. Readers never wait for it. Nested, it is a savepoint."""
        import psycopg

        outer = not self.conn.in_transaction
        try:
            with self.conn.transaction():
                if outer:
                    self.conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
                yield self.conn
        except psycopg.OperationalError as exc:  # the server went away, a disk full, a timeout
            raise StoreUnavailable(f"cannot write to the knowledge base {self.location}: {exc}") from exc
        except psycopg.Error as exc:
            raise StoreError(f"writing to the knowledge base {self.location} failed: {exc}") from exc

    def optimize(self) -> None:
        """Refresh the planner's statistics after large writes (the GIN index needs no merge)."""
        self.conn.execute("ANALYZE")

    def check(self) -> list[str]:
        """Everything wrong with cronaca's records, in words; empty when they are sound."""
        return integrity.problems(self.conn) + self.link_problems()

    # -- tsvector search -------------------------------------------------------------------
    def _match(self, query: str) -> str:
        """The ``to_tsquery`` input for a user's query (plain words when its syntax is broken)."""
        if not fts.prepare(query):
            raise QueryError(f"the search is empty: {fts.HELP}")
        return fts.tsquery(query)

    def _search_from(self, where: str, indexed: bool = True) -> tuple[str, str, str]:
        # "IS TRUE" is no condition GIN can serve: the newest pks are walked and each row checked
        matches = "s.tsv @@ q" if indexed else "(s.tsv @@ q) IS TRUE"
        joined = (f"FROM article_search s JOIN articles a ON a.pk = s.pk,"
                  f" to_tsquery('{CONFIG}', ?) q WHERE {matches} AND {where}")
        return joined, "-ts_rank(s.tsv, q)", "s.pk"

    def _density_sample(self) -> str:
        return (f"SELECT count(*) FILTER (WHERE (tsv @@ to_tsquery('{CONFIG}', ?)) IS TRUE), count(*)"
                " FROM (SELECT tsv FROM article_search ORDER BY pk DESC LIMIT ?) t")

    def _probe(self, per_row: bool = False) -> str:
        # per row: "IS TRUE" keeps the planner from reading GIN's bitmap of every match to join
        # it with the walked articles (it underestimates frequent phrases a hundredfold)
        check = "(s.tsv @@ to_tsquery('{c}', ?)) IS TRUE" if per_row else "s.tsv @@ to_tsquery('{c}', ?)"
        return f"EXISTS (SELECT 1 FROM article_search s WHERE s.pk = a.pk AND {check.format(c=CONFIG)})"

    def _index_count(self, newer_than: int | None) -> str:
        newer = " AND pk >= ?" if newer_than is not None else ""
        return (f"SELECT count(*), min(r) FROM (SELECT pk AS r FROM article_search"
                f" WHERE tsv @@ to_tsquery('{CONFIG}', ?){newer} ORDER BY pk DESC LIMIT ?) t")

    def _sorted_by_index(self) -> bool:
        return False  # GIN returns a bitmap of matches: ranges of pk bound the work

    @contextmanager
    def _index_first(self, match: str, density: float | None, filtered: bool, articles: int) -> Iterator[None]:
        # The planner cannot cost these statements: it takes a check of a stored tsvector for
        # one cheap operator, and the words of a query for independent. So it walked the pk
        # index newest first checking each row where GIN's bitmap of a word ANDed with the pk
        # range was cheaper ("Budapest" from ansa.it: 35,000 rows checked, 73 ms, against 2,500
        # read off the bitmap, 23 ms), and built the bitmap of "Mar & Nero" (102,000 entries,
        # estimated 16,000: 94 ms) where the newest 4,000 pks held the window. Which is cheaper
        # follows from the query's density (:func:`_bitmap_cheaper`); the other kind of scan is
        # off for those statements only.
        scan = "indexscan" if _bitmap_cheaper(match, density, filtered, articles) else "bitmapscan"
        self.conn.execute(f"SET enable_{scan} = off")
        try:
            yield
        finally:
            self.conn.execute(f"RESET enable_{scan}")

    def _in_walk_order(self, newest: bool = True) -> str:
        way = "DESC" if newest else "ASC"
        return f" ORDER BY w.published {way}, w.pk {way}"  # the planner keeps no join order

    def _cheap_probe(self, match: str) -> bool:
        return True  # a probe reads one row's stored tsvector, whatever the query

    def _matches_between(self) -> str:
        return (f"SELECT pk FROM article_search WHERE tsv @@ to_tsquery('{CONFIG}', ?)"
                " AND pk >= ? AND pk <= ?")

    def _scored_after(self, match: str) -> bool:
        return False  # ts_rank reads the row alone: scoring in the query that finds it costs nothing more

    def _scores(self, match: str, pks: Sequence[int]) -> dict[int, float]:
        if not pks:
            return {}
        marks = ",".join("?" * len(pks))
        return {r[0]: r[1] for r in self.conn.execute(
            f"SELECT s.pk, -ts_rank(s.tsv, q) FROM article_search s, to_tsquery('{CONFIG}', ?) q"
            f" WHERE s.pk IN ({marks})", (match, *pks))}

    def _snippets(self, match: str, pks: Sequence[int]) -> dict[int, str]:
        # cut here (:mod:`cronaca.store.headline`): ts_headline parsed each whole text again
        if not pks:
            return {}
        marks = ",".join("?" * len(pks))
        rows = self.conn.execute(
            f"SELECT a.pk, a.text, querytree(q) FROM articles a, to_tsquery('{CONFIG}', ?) q"
            f" WHERE a.pk IN ({marks})", (match, *pks)).fetchall()
        if not rows:
            return {}
        wanted = headline.lexemes(rows[0][2])
        found = {r[0]: headline.occurrences(r[1], wanted) for r in rows}
        words = sorted({o[2] for occurrences in found.values() for o in occurrences})
        hits: set[str] = set()
        if words:
            stemmed = self.conn.execute(
                f"SELECT w, array(SELECT lexeme FROM unnest(to_tsvector('{CONFIG}', w)))"
                " FROM unnest(?::text[]) AS w", (words,))
            hits = headline.confirmed(((r[0], r[1]) for r in stemmed), wanted)
        return {r[0]: headline.snippet(r[1], [o for o in found[r[0]] if o[2] in hits]) for r in rows}


#: What a GIN bitmap entry of one word costs against a check of one walked row's stored
#: tsvector (measured on a million articles: a third of a microsecond against one to two).
BITMAP_ENTRY_COST = 0.15
#: The share of articles that filters taking a value (an outlet, an actor, an outlet group)
#: are assumed to keep, when the walk's length is guessed.
FILTERED_SHARE = 0.5


def _bitmap_cheaper(match: str, density: float | None, filtered: bool, articles: int) -> bool:
    """Whether reading a query's matches off GIN's bitmap costs less than walking the newest
    pks for :data:`~cronaca.store.bounded.RANK_WINDOW` of them (``density`` None: rarer than
    the sample tells, so the walk would be long). The bitmap reads the posting list of each
    word (at least as long as the matches); a phrase's candidates are each rechecked."""
    if density is None:
        return True
    walked = bounded.RANK_WINDOW / (density * (FILTERED_SHARE if filtered else 1.0))
    words = max(1, len(re.findall(r"[^\s&|!()<>\-]+", match)))
    entry = 1.0 if "<->" in match else BITMAP_ENTRY_COST * words
    return entry * density * articles < walked
