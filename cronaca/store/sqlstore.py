"""The store's reads and writes, once, for SQLite and PostgreSQL alike.

Why one class under two backends: what an article, a filter or a page of quotes means must not
depend on where the knowledge base lives. The SQL here is what both databases accept; where they
differ (case-insensitive equality, JSON membership, "insert or replace") it asks the store's
:class:`~cronaca.store.dialect.Dialect`. A backend adds its connection, its transactions and its
full-text search: :mod:`cronaca.store.sqlite` (the embedded default, FTS5) and
:mod:`cronaca.store.postgres` (a shared server, ``tsvector`` with the Italian stemmer).

Writes are idempotent upserts keyed by content ids (``add_documents``), one transaction per
batch, so an interrupted ingest loses at most the batch in flight and re-running it adds nothing
twice. The schema is in :mod:`cronaca.store.migrations`; records become rows through
:mod:`cronaca.store.codec`; the linker's tables and methods come from
:class:`cronaca.store.linkstore.LinkTables`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Self

from ..errors import QueryError
from ..types import Actor, Document
from . import actorstats, bounded, codec, fts
from .base import AddResult, Filters, Page, SearchHit
from .cursors import decode_cursor, encode_cursor
from .dates import day_bound
from .dialect import SQLITE, Dialect
from .linkstore import EXPORTED as LINK_EXPORTS
from .linkstore import LINK_MIGRATIONS, LINK_POSTGRES, LinkTables
from .migrations import MIGRATIONS, Migration, applied

log = logging.getLogger(__name__)

_CHUNK = 500  # parameters per IN (...) query, well under SQLite's limit
#: Article columns a later copy never changes: its first provenance, and the text the index holds.
_PROVENANCE = frozenset({"id", "origin", "raw_hash", "format", "title", "text"})
SORTS = ("relevance", "date", "date_asc")
OUTLET_GROUPS = {"state_affiliated": 1, "other": 0}


def all_migrations() -> list[Migration]:
    """The store's migrations, then the linker's: the order a database is built in."""
    return [*MIGRATIONS, *(Migration(name, sql, LINK_POSTGRES.get(name)) for name, sql in LINK_MIGRATIONS)]


@dataclass(frozen=True, slots=True)
class _Where:
    sql: str  # conditions on alias ``a`` (articles), joined with AND; "1=1" when none
    params: tuple[Any, ...]


def _span(f: Filters) -> tuple[str | None, str | None] | None:
    """The publication days the filters allow (``since``, ``until``), or None when they do not
    bound them (:func:`cronaca.store.bounded.run`)."""
    if not (f.since or f.until):
        return None
    return (day_bound(f.since, "since") if f.since else None,
            day_bound(f.until, "until") if f.until else None)


class SQLStore(LinkTables):
    """The :class:`~cronaca.store.base.Store` protocol in SQL both databases speak.

    A backend (:class:`~cronaca.store.sqlite.SQLiteStore`,
    :class:`~cronaca.store.postgres.PostgresStore`) opens ``conn``, names its ``dialect`` and
    ``location``, runs the migrations, and brings :meth:`transaction` and :meth:`search`, the two
    things each does its own way. ``conn`` is public: the web's read queries and the linker's
    tables use it directly; rows read by index or by name.
    """

    conn: Any
    dialect: Dialect = SQLITE
    location: str = ""  # a file path, or a URL without its password

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction: the statements inside land together or not at all."""
        raise NotImplementedError

    def optimize(self) -> None:
        """Tidy the search index and statistics after large writes (the backend says how)."""

    def settle(self, stored: int) -> None:
        """After a run that stored ``stored`` articles: :meth:`optimize` when they are a tenth
        of the store or more (a bulk load), not after every small ingest from cron."""
        if stored >= 1000 and stored * 10 >= self.count_articles(Filters(include_duplicates=True)):
            self.optimize()

    # -- search ----------------------------------------------------------------------------
    def search(self, query: str, filters: Filters = Filters(), *, limit: int = 20,
               cursor: str | None = None, sort: str = "relevance") -> Page:
        """Full-text search over titles and bodies, most relevant or newest first.

        ``sort``: ``relevance`` (a title match weighs more), ``date`` (newest first) or
        ``date_asc``. The cursor is opaque; it is bound to the query and the sort it came from.
        The work per search is bounded whatever the store's size (:mod:`cronaca.store.bounded`:
        the newest matches are ranked, a total past them is an estimate, ``Page.exact``). The
        backend turns the query into its index's language (:meth:`_match`), joins and probes the
        index and makes the snippets of the page's rows only (:meth:`_snippets`).
        """
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: choose one of {', '.join(SORTS)}")
        limit = _limit(limit)
        match = self._match(query)
        where = self._where(filters)
        offset = decode_cursor(cursor, "search", match, sort)
        span = _span(filters)
        indexed = self._index_match(match)  # the cursor stays bound to the query as typed
        found = bounded.run(self, indexed, where.sql, where.params, sort, limit, offset, span)
        snippets = self._snippets(indexed, [r["pk"] for r in found.rows])
        hits = [SearchHit(r["id"], r["title"], r["outlet"], r["published"],
                          fts.snippet_html(snippets.get(r["pk"])), -float(r["score"])) for r in found.rows]
        return Page(hits, found.total,
                    encode_cursor("search", offset + limit, match, sort) if found.more else None, found.exact)

    def _cheap_probe(self, match: str) -> bool:
        """Whether checking one article against the index (:meth:`_probe`) is cheap for ``match``."""
        raise NotImplementedError

    def _density_sample(self) -> str:
        """SQL for (matching, checked) over the newest articles (parameters: the index's
        expression and how many), where the index hands matches unordered."""
        raise NotImplementedError

    def _matches_between(self) -> str:
        """SQL for the pks of the matches (parameters: the index's expression, the lowest and the
        highest pk) within a range: one cursor that checks a run of walked articles at once."""
        raise NotImplementedError

    def _scores(self, match: str, pks: Sequence[int]) -> dict[int, float]:
        """The score (lower is better, as :meth:`_search_from`'s) of each article ``pks`` names."""
        raise NotImplementedError

    def _in_walk_order(self, newest: bool = True) -> str:
        """What keeps a join driven by the date walk in the walk's order (``w.published``, ``w.pk``
        newest first, or oldest first), where the database does not keep it by itself."""
        raise NotImplementedError

    def _index_first(self, match: str, density: float | None, filtered: bool,
                     articles: int) -> AbstractContextManager[None]:
        """Around the queries for a search's newest matches
        (:func:`cronaca.store.bounded._newest_matches`): what makes the planner read them off
        the full-text index where that is cheaper than walking the newest articles and checking
        each one. ``match``: the index's expression; ``density``: the share of the newest
        articles the query matches, None when under :data:`~cronaca.store.bounded.SAMPLE_HITS`
        of the sample; ``filtered``: whether the filters take parameters (an outlet, an
        actor…); ``articles``: the span of pks the store holds. Nothing by default."""
        return nullcontext()

    def _sorted_by_index(self) -> bool:
        """Whether the full-text index hands matches in ``pk`` order, so that the newest few
        cost no more than reading them (:func:`cronaca.store.bounded._newest_matches`)."""
        raise NotImplementedError

    def _match(self, query: str) -> str:
        """The index's expression for a user's query (QueryError when it has no words)."""
        raise NotImplementedError

    def _index_match(self, match: str) -> str:
        """The expression the index is asked, for :meth:`_match`'s: the same by default; SQLite
        spells a prefix term out as the words it begins (:mod:`cronaca.store.prefixes`)."""
        return match

    def _search_from(self, where: str, indexed: bool = True) -> tuple[str, str, str]:
        """``FROM … WHERE`` joining the index to ``articles a`` (first parameter: the match),
        the score expression (lower for a better match) and the article key the index returns
        matches in order of (the index's own copy of ``a.pk``: no sort of all matches).
        ``indexed`` False: the match checked row by row, for a walk of the newest pks."""
        raise NotImplementedError

    def _probe(self, per_row: bool = False) -> str:
        """A condition on ``articles a``: the article matches (its one parameter: the match).
        ``per_row``: checked on each article a walk reaches, never by joining every match."""
        raise NotImplementedError

    def _index_count(self, newer_than: int | None) -> str:
        """``count(*), min(key)`` of the index's matches, newest first, without a look-up per
        match (parameters: the match, then ``newer_than`` when given, then a cap)."""
        raise NotImplementedError

    def _indexed_by_date(self) -> str:
        """What follows ``articles a`` so that a walk in date order uses the date index."""
        return ""

    def _snippets(self, match: str, pks: Sequence[int]) -> dict[int, str]:
        """Snippets of these articles, matches between ``fts.MARK_OPEN`` and ``fts.MARK_CLOSE``."""
        raise NotImplementedError

    # -- writing ---------------------------------------------------------------------------
    def seen_raw(self, raw_hashes: Iterable[str]) -> set[str]:
        """Which of these raw-input hashes were already ingested (restartable ingest)."""
        seen: set[str] = set()
        hashes = list(dict.fromkeys(raw_hashes))
        for i in range(0, len(hashes), _CHUNK):
            chunk = hashes[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            seen.update(r[0] for r in self.conn.execute(
                f"SELECT DISTINCT raw_hash FROM raw_inputs WHERE raw_hash IN ({marks})", chunk))
        return seen

    def add_documents(self, docs: Sequence[Document]) -> AddResult:
        """Upsert articles with their annotations, actors and provenance, in one transaction.

        An article already stored (same content id) is counted as a duplicate: its provenance row
        is added with the outlet, address and date this copy gave (every outlet that carried
        the text stays known), and the article's analysis fields and annotations are taken from
        the copy that says most about where and when it appeared, then from the earliest
        published, then from the first stored: the original publisher stays the article's
        outlet, not whichever copier came last (:func:`_prefer`). Its first origin, text and
        the linker's columns stay.

        The batch is decided in memory and written table by table (one ``executemany`` each),
        with the outcome of writing the documents one after the other: a few statements per
        batch instead of dozens per article, which a database server reached over a socket needs.
        """
        now = _now()
        stored = duplicates = 0
        with self.transaction():
            known = self._stored_copies([d.id for d in docs])
            had = set(known)
            inserts: dict[str, dict[str, Any]] = {}
            updates: list[dict[str, Any]] = []
            analysed: dict[str, Document] = {}
            raw_rows = []
            for doc in docs:
                a = doc.article
                mine = _Copy(a.published, a.published_precision, a.outlet, a.url)
                new = a.id not in known
                if new or _prefer(mine, known[a.id]):
                    row = codec.article_row(a, doc.stages)
                    if new:
                        inserts[a.id] = {**row, "added_at": now}
                    elif a.id in inserts:  # a richer copy of an article of this very batch
                        inserts[a.id].update((k, v) for k, v in row.items() if k not in _PROVENANCE)
                    else:
                        updates.append(row)
                    known[a.id] = mine
                    analysed[a.id] = doc
                stored += new
                duplicates += not new
                raw_rows.append((a.raw_hash, a.origin, a.id, a.format, now, a.outlet, a.url, a.published))
            reanalysed = [i for i in analysed if i in had]
            self._count_actors(analysed, inserts, updates, reanalysed)
            self._write_articles(list(inserts.values()), updates)
            self.conn.executemany(
                "INSERT INTO raw_inputs(raw_hash, origin, article_id, format, ingested_at, outlet, url,"
                " published) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", raw_rows)
            self._replace_annotations(list(analysed.values()), reanalysed)
            actorstats.derive_about(self.conn, list(analysed), reanalysed)
            self._note_actors(analysed.values())
        return AddResult(stored=stored, duplicates=duplicates)

    def add_actors(self, actors: Iterable[Actor]) -> int:
        """Write the knowledge base's full actor records (replacing what mentions guessed)."""
        n = 0
        with self.transaction():
            for actor in actors:
                row = codec.actor_row(actor)
                self.conn.execute(
                    "INSERT INTO actors(id, name, kind, variants, roles, country, parent, external_ids, in_kb)"
                    " VALUES (:id, :name, :kind, :variants, :roles, :country, :parent, :external_ids, 1)"
                    " ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
                    " variants = excluded.variants, roles = excluded.roles, country = excluded.country,"
                    " parent = excluded.parent, external_ids = excluded.external_ids, in_kb = 1", row)
                self._add_names(actor.id, (actor.name, *actor.variants))
                n += 1
        return n

    def _count_actors(self, analysed: Mapping[str, Document], inserts: Mapping[str, Mapping[str, Any]],
                      updates: Sequence[Mapping[str, Any]], stored_ids: Sequence[str]) -> None:
        """Keep the per-actor counts (:mod:`cronaca.store.actorstats`) in step with the batch:
        run before the rows change, so an article analysed again first takes its old counts away."""
        tally = actorstats.ActorTally()
        copies = actorstats.subtract_stored(self.conn, stored_ids, tally)
        rows = {**{r["id"]: r for r in updates}, **inserts}
        for article_id, doc in analysed.items():
            tally.add_document(doc, rows[article_id], copy=article_id in copies)
        actorstats.write(self.conn, tally)

    def _stored_copies(self, ids: Sequence[str]) -> dict[str, _Copy]:
        """What the stored copy of each of these articles says about where and when it appeared."""
        out: dict[str, _Copy] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), _CHUNK):
            chunk = unique[i:i + _CHUNK]
            out.update((r[0], _Copy(r[1], r[2], r[3], r[4])) for r in self.conn.execute(
                "SELECT id, published, published_precision, outlet, url FROM articles "
                f"WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def _write_articles(self, inserts: list[dict[str, Any]], updates: list[dict[str, Any]]) -> None:
        if inserts:
            cols = list(inserts[0])
            self.conn.executemany(f"INSERT INTO articles({', '.join(cols)}) "
                                  f"VALUES ({', '.join(':' + k for k in cols)})", inserts)
        if updates:
            sets = ", ".join(f"{k} = :{k}" for k in updates[0] if k not in _PROVENANCE)
            self.conn.executemany(f"UPDATE articles SET {sets} WHERE id = :id", updates)

    def _replace_annotations(self, docs: Sequence[Document], stored_ids: Sequence[str]) -> None:
        """The documents' annotations, replacing those of the articles stored before."""
        for table in codec.ANNOTATIONS:
            for i in range(0, len(stored_ids), _CHUNK):
                chunk = stored_ids[i:i + _CHUNK]
                self.conn.execute(f"DELETE FROM {table} WHERE article_id IN ({','.join('?' * len(chunk))})",
                                  chunk)
            rows = [codec.annotation_row(r, doc.id) for doc in docs for r in getattr(doc, table)]
            if not rows:
                continue
            cols = list(rows[0])
            self.conn.executemany(
                f"INSERT INTO {table}({', '.join(_q(c) for c in cols)})"
                f" VALUES ({', '.join(':' + c for c in cols)})", rows)

    def _note_actors(self, docs: Iterable[Document]) -> None:
        """Actors seen in mentions exist in ``actors`` even when the KB never listed them; every
        name they are mentioned by (capitalised) goes to ``actor_names``."""
        actors: dict[str, tuple[str, str, str]] = {}
        names: list[tuple[str, str]] = []
        for doc in docs:
            for m in doc.mentions:
                actors.setdefault(m.actor_id, (m.actor_id, m.actor_name or m.text, m.label))
                if m.actor_name:
                    names.append((m.actor_id, m.actor_name))
                if m.text[:1].isupper():
                    names.append((m.actor_id, m.text))
        self.conn.executemany("INSERT INTO actors(id, name, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                              list(actors.values()))
        self._add_names_rows(names)

    def _add_names(self, actor_id: str, names: Iterable[str]) -> None:
        self._add_names_rows([(actor_id, n) for n in names])

    def _add_names_rows(self, pairs: Iterable[tuple[str, str]]) -> None:
        """``(actor id, name)`` pairs into ``actor_names`` (each key once per actor: the first)."""
        rows: dict[tuple[str, str], tuple[str, str, str]] = {}
        for actor_id, name in pairs:
            if name and name.strip():
                key = codec.name_key(name)
                rows.setdefault((key, actor_id), (actor_id, key, name))
        if rows:
            self.conn.executemany(
                "INSERT INTO actor_names(actor_id, key, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                list(rows.values()))

    # -- reading documents -----------------------------------------------------------------
    def get_document(self, article_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return self._documents([row])[0]

    def get_documents(self, article_ids: Sequence[str]) -> list[Document]:
        """The documents of ``article_ids`` in that order, those not stored left out.

        Why in batches: linking reads each chunk's few hundred articles; one query per table
        for the whole chunk costs a fraction of one per article and table."""
        docs: list[Document] = []
        for i in range(0, len(article_ids), _CHUNK):
            chunk = list(article_ids[i:i + _CHUNK])
            rows = {r["id"]: r for r in self.conn.execute(
                f"SELECT * FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
            docs += self._documents([rows[a] for a in chunk if a in rows])
        return docs

    def resolve_id(self, prefix: str) -> str | None:
        """The full article id for an id or a unique prefix of one (what a user copies from a table)."""
        prefix = prefix.strip()
        if not prefix:
            return None
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (prefix, prefix + "\U0010ffff")).fetchall()
        if len(rows) == 1 or (rows and rows[0][0] == prefix):
            return rows[0][0]
        if len(rows) > 1:
            raise QueryError(f"{prefix!r} is the start of several article ids: give more characters")
        return None

    def iter_documents(self, filters: Filters = Filters(), *, batch_size: int = 200) -> Iterator[Document]:
        """Every matching document, in storage order, a batch at a time (bounded memory)."""
        for rows in self.iter_article_rows(filters, batch_size=batch_size):
            yield from self._documents(rows)

    def iter_article_rows(self, filters: Filters = Filters(), *,
                          batch_size: int = 500) -> Iterator[list[Any]]:
        """Batches of raw ``articles`` rows (keyset on ``pk``: each batch is one short query)."""
        where = self._where(filters)
        last = 0
        while True:
            rows = self.conn.execute(
                f"SELECT a.* FROM articles a WHERE a.pk > ? AND {where.sql} ORDER BY a.pk LIMIT ?",
                (last, *where.params, batch_size)).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1]["pk"]

    def iter_rows(self, table: str, filters: Filters = Filters(), *,
                  batch_size: int = 1000) -> Iterator[list[dict[str, Any]]]:
        """Batches of plain rows of one table (exports): articles, actors, an annotation table, or
        one of the linker's (stories, merged events and their memberships, whole: the filters
        select articles)."""
        if table == "articles":
            for rows in self.iter_article_rows(filters, batch_size=batch_size):
                yield [{k: r[k] for k in r.keys() if k != "pk"} for r in rows]
            return
        if table == "actors":
            sql = "SELECT * FROM actors WHERE id > ? ORDER BY id LIMIT ?"
            last: Any = ""
            while rows := self.conn.execute(sql, (last, batch_size)).fetchall():
                yield [dict(r) for r in rows]
                last = rows[-1]["id"]
            return
        if table in LINK_EXPORTS:
            yield from self.iter_link_rows(table, batch_size=batch_size)
            return
        if table not in codec.ANNOTATIONS:
            raise QueryError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
        where = self._where(filters)
        last = 0
        sql = (f"SELECT t.* FROM {table} t JOIN articles a ON a.id = t.article_id"
               f" WHERE t.id > ? AND {where.sql} ORDER BY t.id LIMIT ?")
        while rows := self.conn.execute(sql, (last, *where.params, batch_size)).fetchall():
            yield [dict(r) for r in rows]
            last = rows[-1]["id"]

    def _documents(self, rows: Sequence[Any]) -> list[Document]:
        ids = [r["id"] for r in rows]
        marks = ",".join("?" * len(ids))
        found: dict[str, dict[str, list[Any]]] = {i: {t: [] for t in codec.ANNOTATIONS} for i in ids}
        for table, cls in codec.ANNOTATIONS.items():
            for r in self.conn.execute(
                    f"SELECT * FROM {table} WHERE article_id IN ({marks}) ORDER BY id", ids):
                found[r["article_id"]][table].append(codec.annotation_from_row(cls, r))
        docs = []
        for r in rows:
            ann = {t: tuple(v) for t, v in found[r["id"]].items()}
            stages = tuple(json.loads(r["stages"] or "[]"))
            docs.append(Document(codec.article_from_row(r), stages=stages, **ann))
        return docs

    def provenance(self, article_id: str) -> list[dict[str, Any]]:
        """Every raw input that yielded this article: hash, origin, format, when, and the
        outlet, address and date that input gave."""
        return [dict(r) for r in self.conn.execute(
            "SELECT raw_hash, origin, format, ingested_at, outlet, url, published FROM raw_inputs"
            " WHERE article_id = ? ORDER BY ingested_at, origin", (article_id,))]

    def carriers(self, article_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Per article, the other outlets that published the same text word for word (one
        entry per outlet: its address and date as that copy gave them), earliest first."""
        out: dict[str, list[dict[str, Any]]] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                "SELECT r.article_id, r.outlet, min(r.url) AS url, min(r.published) AS published"
                " FROM raw_inputs r JOIN articles a ON a.id = r.article_id"
                f" WHERE r.article_id IN ({marks}) AND r.outlet IS NOT NULL"
                " AND r.outlet IS DISTINCT FROM a.outlet GROUP BY r.article_id, r.outlet"
                " ORDER BY r.article_id, coalesce(min(r.published), '9999'), r.outlet", chunk)
            for r in rows:
                out.setdefault(r["article_id"], []).append(
                    {"outlet": r["outlet"], "url": r["url"], "published": r["published"]})
        return out

    def article_links(self, article_id: str) -> dict[str, Any]:
        """The linker's columns for one article: its original (if a copy) and its story."""
        row = self.conn.execute("SELECT duplicate_of, story_id FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        return dict(row) if row else {}

    def count_articles(self, filters: Filters = Filters()) -> int:
        where = self._where(filters)
        return self.conn.execute(f"SELECT count(*) FROM articles a WHERE {where.sql}",
                                 where.params).fetchone()[0]

    # -- filters ---------------------------------------------------------------------------
    def _where(self, f: Filters, *, dates: bool = True) -> _Where:
        """SQL conditions on ``articles a`` for the shared filters (every value is a parameter)."""
        conds: list[str] = []
        params: list[Any] = []
        if dates and f.since:
            since = day_bound(f.since, "since")
            # a month- or year-precise date overlaps the day asked for
            conds.append("(a.published >= ? OR a.published = ? OR a.published = ?)")
            params += [since, since[:7], since[:4]]
        if dates and f.until:
            conds.append("a.published <= ?")
            params.append(day_bound(f.until, "until"))
        if f.outlet:
            conds.append(self.dialect.nocase_eq("a.outlet"))
            params.append(f.outlet)
        if f.outlet_group:
            if f.outlet_group not in OUTLET_GROUPS:
                raise QueryError(f"unknown outlet group {f.outlet_group!r}: "
                                 f"choose one of {', '.join(OUTLET_GROUPS)}")
            conds.append("a.state_affiliated = ?")
            params.append(OUTLET_GROUPS[f.outlet_group])
        if f.actor:
            # EXISTS probes the (actor_id, article_id) index per candidate row instead of
            # materialising every article that mentions a frequent actor. The ids are resolved
            # first and given as values: PostgreSQL's planner then knows how often each is
            # mentioned; behind a subquery it took every actor for an average one, and hashed
            # the 2.5 million mentions of the most named to filter 10,000 matches (1.2 s)
            ids = self.resolve_actor(f.actor)
            conds.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id "
                         f"AND m.actor_id IN ({','.join('?' * len(ids))}))" if ids else "1=0")
            params += ids
        if f.event_type:
            conds.append("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.type = ?)")
            params.append(f.event_type.upper())
        if f.language:
            conds.append("a.language = ?")
            params.append(f.language)
        if f.flag:
            conds.append(self.dialect.json_has("a.flags"))
            params.append(f.flag)
        if not f.include_duplicates:
            conds.append("a.duplicate_of IS NULL")
        return _Where(" AND ".join(conds) or "1=1", tuple(params))

    # -- actors, quotes, events ------------------------------------------------------------
    def resolve_actor(self, name_or_id: str) -> list[str]:
        """Actor ids a user may mean by ``name_or_id``: an id, a name or variant, or a surname."""
        return [r[0] for r in self.conn.execute(_ACTOR_IDS, _actor_params(name_or_id))]

    def actors(self, filters: Filters = Filters(), *, kind: str | None = None, limit: int = 50,
               cursor: str | None = None) -> Page:
        """Actors by how much the matching articles mention them (most first), with counts."""
        limit = _limit(limit)
        offset = decode_cursor(cursor, "actors", kind or "", filters)
        where = self._where(filters)
        kind_sql, kind_params = ("AND ac.kind = ?", (kind.upper(),)) if kind else ("", ())
        base = (f"FROM mentions m JOIN articles a ON a.id = m.article_id JOIN actors ac ON ac.id = m.actor_id"
                f" WHERE {where.sql} {kind_sql}")
        params = (*where.params, *kind_params)
        rows = self.conn.execute(
            f"SELECT ac.*, count(*) AS mention_count, count(DISTINCT m.article_id) AS article_count"
            f" {base} GROUP BY ac.id ORDER BY mention_count DESC, ac.id LIMIT ? OFFSET ?",
            (*params, limit + 1, offset)).fetchall()
        total = self.conn.execute(f"SELECT count(DISTINCT ac.id) {base}", params).fetchone()[0]
        items = [_actor_item(r) for r in rows[:limit]]
        more = len(rows) > limit
        return Page(items, total, encode_cursor("actors", offset + limit, kind or "", filters) if more else None)

    def actor(self, name_or_id: str) -> dict[str, Any] | None:
        """One actor with its counts (mentions, articles, quotes, events as source and target)."""
        ids = self.resolve_actor(name_or_id)
        if not ids:
            return None
        row = self.conn.execute("SELECT * FROM actors WHERE id = ?", (ids[0],)).fetchone()
        if row is None:
            return None
        aid = row["id"]

        counts = actorstats.totals(self.conn, aid)
        item = _actor_item(row)
        item.update(
            mention_count=counts["mentions"],
            article_count=counts["articles"],
            quote_count=counts["quotes_by"],
            events_as_source=counts["events_source"],
            events_as_target=counts["events_target"],
            other_matches=ids[1:],
        )
        return item

    def quotes(self, speaker: str | None = None, filters: Filters = Filters(), *, kind: str | None = None,
               limit: int = 50, cursor: str | None = None) -> Page:
        """Quotations, newest first; ``speaker`` is an actor id, a name, a variant or a surname."""
        limit = _limit(limit)
        where = self._where(filters)
        conds, params = [where.sql], list(where.params)
        if speaker:
            conds.append(f"(q.speaker_id IN ({_ACTOR_IDS}) OR {self.dialect.nocase_eq('q.speaker')})")
            params += [*_actor_params(speaker), speaker.strip()]
        if kind:
            conds.append("q.kind = ?")
            params.append(kind)
        return self._annotation_page("quotes", "q", conds, params, limit, cursor,
                                     ("quotes", speaker or "", kind or "", filters))

    def events(self, type: str | None = None, since: str | None = None, until: str | None = None, *,
               actor: str | None = None, filters: Filters = Filters(), include_negated: bool = False,
               limit: int = 50, cursor: str | None = None) -> Page:
        """Events, latest first. Dates bound the event's own date (the article's when it has none)."""
        limit = _limit(limit)
        since, until = since or filters.since, until or filters.until
        where = self._where(filters, dates=False)
        conds, params = [where.sql], list(where.params)
        date = "coalesce(e.date, a.published)"
        if since:
            s = day_bound(since, "since")
            conds.append(f"({date} >= ? OR {date} = ? OR {date} = ?)")
            params += [s, s[:7], s[:4]]
        if until:
            conds.append(f"{date} <= ?")
            params.append(day_bound(until, "until"))
        if type:
            conds.append("e.type = ?")
            params.append(type.upper())
        if actor:
            ids = f"SELECT * FROM ({_ACTOR_IDS}) ids"
            conds.append(f"(e.source_id IN ({ids}) OR e.target_id IN ({ids}))")
            params += [*_actor_params(actor), *_actor_params(actor)]
        if not include_negated:
            conds.append("e.negated = 0 AND e.hypothetical = 0")
        return self._annotation_page("events", "e", conds, params, limit, cursor,
                                     ("events", type or "", since or "", until or "", actor or "", filters),
                                     date_expr=date)

    def _annotation_page(self, table: str, alias: str, conds: list[str], params: list[Any], limit: int,
                         cursor: str | None, key: tuple[Any, ...], date_expr: str = "a.published") -> Page:
        offset = decode_cursor(cursor, *key)
        base = f"FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id WHERE {' AND '.join(conds)}"
        rows = self.conn.execute(
            f"SELECT {alias}.*, a.title AS article_title, a.outlet AS outlet, a.published AS published,"
            f" {date_expr} AS sort_date {base}"
            f" ORDER BY {date_expr} IS NULL, {date_expr} DESC, {alias}.id LIMIT ? OFFSET ?",
            (*params, limit + 1, offset)).fetchall()
        total = self.conn.execute(f"SELECT count(*) {base}", params).fetchone()[0]
        items = []
        for r in rows[:limit]:
            item = dict(r)
            item.pop("sort_date", None)
            for flag in ("negated", "hypothetical", "relative"):
                if flag in item:
                    item[flag] = bool(item[flag])
            items.append(item)
        more = len(rows) > limit
        return Page(items, total, encode_cursor(*key[:1], offset + limit, *key[1:]) if more else None)

    # -- overview --------------------------------------------------------------------------
    def meta(self) -> dict[str, Any]:
        """Schema version, counts and date span: what ``cronaca stats`` and the home page show."""

        def count(sql: str) -> int:
            return self.conn.execute(sql).fetchone()[0]

        names = applied(self.conn)
        span = self.conn.execute(
            "SELECT min(published), max(published) FROM articles WHERE published IS NOT NULL").fetchone()
        return {
            "path": self.location,
            "schema_version": names[-1] if names else None,
            "migrations": names,
            "articles": count("SELECT count(*) FROM articles"),
            "duplicates": count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "raw_inputs": count("SELECT count(*) FROM raw_inputs"),
            "outlets": count("SELECT count(DISTINCT outlet) FROM articles"),
            "actors": count("SELECT count(*) FROM actors"),
            "mentions": count("SELECT count(*) FROM mentions"),
            "quotes": count("SELECT count(*) FROM quotes"),
            "times": count("SELECT count(*) FROM times"),
            "events": count("SELECT count(*) FROM events"),
            "stories": count("SELECT count(DISTINCT story_id) FROM articles WHERE story_id IS NOT NULL"),
            "first_published": span[0],
            "last_published": span[1],
        }


#: Tables an export or ``iter_rows`` can read.
TABLES = ("articles", *codec.ANNOTATIONS, "actors", *LINK_EXPORTS)

#: Actor ids for one user-given name: by id, by a known name or variant, or by surname.
_ACTOR_IDS = ("SELECT id FROM actors WHERE id = ?"
              " UNION SELECT actor_id FROM actor_names WHERE key = ?"
              " UNION SELECT actor_id FROM actor_names WHERE key LIKE ? ESCAPE '\\'")


def _actor_params(value: str) -> list[Any]:
    key = codec.name_key(value)
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [value.strip(), key, f"% {escaped}"]


def _actor_item(row: Any) -> dict[str, Any]:
    item = codec.actor_to_json(codec.actor_from_row(row))
    item["in_kb"] = bool(row["in_kb"])
    for key in ("mention_count", "article_count"):
        if key in row.keys():
            item[key] = row[key]
    return item


def _q(column: str) -> str:
    return f'"{column}"'


def _limit(limit: int) -> int:
    if not isinstance(limit, int) or limit < 1:
        raise QueryError(f"limit must be a positive number, not {limit!r}")
    return limit


_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


@dataclass(frozen=True, slots=True)
class _Copy:
    """What one copy of a text says about where and when it appeared."""

    published: str | None
    precision: str | None
    outlet: str | None
    url: str | None

    @property
    def knowledge(self) -> tuple[int, int, int]:
        """How much it says, compared as a tuple: date precision, then outlet, then address."""
        date_rank = _PRECISION_RANK.get(self.precision or "", 1 if self.published else 0)
        return date_rank, int(bool(self.outlet)), int(bool(self.url))


def _prefer(new: _Copy, old: _Copy) -> bool:
    """Whether a copy's analysis replaces the stored one's: it says more about where and when
    the text appeared (event dates and outlet flags depend on it), or as much and was published
    earlier (the earliest publisher is the article's outlet), or it is the stored copy analysed
    again (same outlet and address: a re-run with better stages updates the analysis)."""
    if new.knowledge != old.knowledge:
        return new.knowledge > old.knowledge
    same_copy = (new.outlet, new.url) == (old.outlet, old.url)
    earlier = bool(new.published and old.published and new.published < old.published)
    return same_copy or earlier


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
