"""The linker's tables and the methods that read and write them (mixed into ``SQLiteStore``).

Why these tables: linking must be incremental. Everything a later article will be compared
with is persisted and indexed, so ``cronaca link`` reads only new articles and performs point
look-ups, whatever the size of the corpus:

``link_state``          one row per linked article (its ingest sequence and scores); the
                        watermark in ``link_counters`` finds new articles without a scan.
``link_counters``       named integers: linked-article count (for idf), the ``articles.pk``
                        watermark.
``link_df``             document frequency of each feature (words, actors, places, event keys).
``link_fingerprints``   MinHash signature, exact key, translation print (anchors, language)
                        and original of every article.
``link_bands``          LSH bucket key -> article: candidate copies and translations in one
                        index probe.
``article_links``       article -> article links (``duplicate``), with the score.
``stories``             id, title, span, size, centroid (JSON) of each story.
``story_keys``          feature -> story, with the story's last date: candidate stories.
``story_articles``      which articles a story holds (copies included, flagged).
``merged_events``       one row per happening; ``event_reports`` each article's account of it.
``actor_aliases``       names of actors seen across the corpus, under blocking keys.

``articles.duplicate_of`` and ``articles.story_id`` (the store's table) are set as well, so the
store's filters (``include_duplicates``) and the web pages see the links.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..link.events import DateFilter, EventReport, MergedEvent
from ..link.index import StoredFingerprint
from ..link.stories import CANDIDATES, KEY_POSTINGS, Centroid, StoryState
from ..link.translations import TranslationPrint
from ..types import Story
from .codec import name_key
from .dialect import SQLITE, Dialect
from .pgschema import translate

_SCHEMA = r"""
CREATE TABLE link_state (
    article_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    story_id TEXT,
    story_score REAL,
    duplicate_of TEXT,
    duplicate_score REAL,
    linked_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE link_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE link_df (key TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE link_fingerprints (
    article_id TEXT PRIMARY KEY,
    exact_key TEXT NOT NULL,
    signature BLOB NOT NULL,
    size INTEGER NOT NULL,
    published TEXT,
    seq INTEGER NOT NULL,
    original_id TEXT,
    score REAL
);
CREATE INDEX link_fingerprints_exact ON link_fingerprints(exact_key);
CREATE INDEX link_fingerprints_original ON link_fingerprints(original_id);

CREATE TABLE link_bands (
    key INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;

CREATE TABLE article_links (
    kind TEXT NOT NULL,
    article_id TEXT NOT NULL,
    other_id TEXT NOT NULL,
    score REAL NOT NULL DEFAULT 1.0,
    PRIMARY KEY (kind, article_id, other_id)
) WITHOUT ROWID;
CREATE INDEX article_links_other ON article_links(kind, other_id);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_date TEXT,
    last_date TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    centroid TEXT NOT NULL DEFAULT '{}',
    actors TEXT NOT NULL DEFAULT '{}',
    event_types TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_first ON stories(first_date);
CREATE INDEX stories_last ON stories(last_date);

CREATE TABLE story_keys (
    key TEXT NOT NULL,
    story_id TEXT NOT NULL,
    last_date TEXT,
    PRIMARY KEY (key, story_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_story ON story_keys(story_id);
CREATE INDEX story_keys_recent ON story_keys(key, last_date);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    score REAL NOT NULL DEFAULT 1.0,
    duplicate INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX story_articles_story ON story_articles(story_id);

CREATE TABLE merged_events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    actor_a TEXT NOT NULL,
    actor_b TEXT NOT NULL,
    date TEXT,
    precision TEXT,
    place_id TEXT,
    place TEXT,
    source TEXT,
    target TEXT,
    story_id TEXT,
    reports INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX merged_events_key ON merged_events(type, actor_a, actor_b);
CREATE INDEX merged_events_story ON merged_events(story_id);
CREATE INDEX merged_events_date ON merged_events(date);
CREATE INDEX merged_events_a ON merged_events(actor_a, date);
CREATE INDEX merged_events_b ON merged_events(actor_b, date);

CREATE TABLE event_reports (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    outlet TEXT,
    evidence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    date TEXT,
    place_id TEXT,
    source_id TEXT,
    target_id TEXT,
    published TEXT,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX event_reports_event ON event_reports(event_id);

CREATE TABLE actor_aliases (
    block TEXT NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (block, name, label)
) WITHOUT ROWID;
CREATE INDEX actor_aliases_actor ON actor_aliases(actor_id);
"""

#: The linker's migrations, run after the store's (never edit a shipped one: append).
LINK_MIGRATIONS: list[tuple[str, str]] = [
    ("1001_link_tables", _SCHEMA),
    # the translation print (``cronaca.link.translations``) beside the copy fingerprint
    ("1002_translation_prints", """
ALTER TABLE link_fingerprints ADD COLUMN anchors BLOB;
ALTER TABLE link_fingerprints ADD COLUMN anchor_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE link_fingerprints ADD COLUMN body_length INTEGER NOT NULL DEFAULT 0;
ALTER TABLE link_fingerprints ADD COLUMN language TEXT;
"""),
    # a report's candidates (``merged_candidates``) are tested on their dates in the index: the
    # key alone made every known event of a frequent pair a table look-up (4.5x on a million)
    ("1003_merged_events_when", """
DROP INDEX IF EXISTS merged_events_key;
CREATE INDEX merged_events_when ON merged_events(type, actor_a, actor_b, date, story_id);
"""),
]

#: Where PostgreSQL's form of a linker migration is not the translated SQLite one: merged events
#: get the ``rowid`` SQLite gives every table (insertion order, for ``merged_candidates``).
LINK_POSTGRES = {
    "1001_link_tables": translate(_SCHEMA)
    + "ALTER TABLE merged_events ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;\n",
}

#: Columns and keys of the tables the linker replaces rows in (``Dialect.replace``).
_REPLACED = {
    "link_state": (("article_id", "seq", "story_id", "story_score", "duplicate_of", "duplicate_score",
                    "linked_at"), ("article_id",)),
    "link_fingerprints": (("article_id", "exact_key", "signature", "size", "published", "seq",
                           "original_id", "anchors", "anchor_size", "body_length", "language"),
                          ("article_id",)),
    "article_links": (("kind", "article_id", "other_id", "score"), ("kind", "article_id", "other_id")),
    "stories": (("id", "title", "first_date", "last_date", "size", "centroid", "actors", "event_types",
                 "updated_at"), ("id",)),
    "story_articles": (("article_id", "story_id", "score", "duplicate"), ("article_id",)),
    "merged_events": (("id", "type", "actor_a", "actor_b", "date", "precision", "place_id", "place",
                       "source", "target", "story_id", "reports", "outlets"), ("id",)),
    "event_reports": (("article_id", "idx", "event_id", "outlet", "evidence", "start", "end", "date",
                       "place_id", "source_id", "target_id", "published"), ("article_id", "idx")),
}

#: Decoded story centroids kept (``_Centroids``): more than the stories open around any date
#: in a dense store, about 40 KB each.
CENTROID_CACHE = 1024
_MERGED_LIMIT = 400  # most recent merged events considered per (type, actor pair)
_CHUNK = 500


#: A merged event's row as ``put_merged`` writes it: its counts from its stored reports.
_MERGED_VALUES = ("?",) * 11 + ("(SELECT count(*) FROM event_reports WHERE event_id = ?)",
                                "(SELECT count(DISTINCT outlet) FROM event_reports WHERE event_id = ?)")

_STORY_COLUMNS = "id, title, first_date, last_date, size, centroid, actors, event_types"


class _LazyCounts(Mapping[str, int]):
    """A story's actor or event-type counts, decoded from JSON on first use.

    Why: every candidate story needs its centroid to be scored, but only the one an article
    joins needs its counts (``extend``); decoding them for all candidates is work that grows
    with the stories open around a date in a dense store.
    """

    __slots__ = ("_raw", "_data")

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self._data: dict[str, int] | None = None

    def _get(self) -> dict[str, int]:
        if self._data is None:
            self._data = json.loads(self._raw)
        return self._data

    def __getitem__(self, key: str) -> int:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return repr(self._get())


def _story_state(r: Sequence[Any]) -> StoryState:
    return StoryState(r[0], r[1], r[2], r[3], r[4], _CENTROIDS.get(r[0], r[5]),
                      _LazyCounts(r[6]), _LazyCounts(r[7]))  # type: ignore[arg-type]


class _Centroids:
    """Decoded story centroids, one per story id, the least recently used dropped first.

    Why: the stories open around a date are candidates of every article in that time, and
    decoding each one's JSON for every article was the largest cost of linking. An entry is
    used only while the stored text is the one it was decoded from, so a story that changed
    (here or in another process) is decoded afresh and no entry can go stale; one entry per
    story and a bound on their number keep memory flat. A centroid is shared between callers:
    nobody mutates one (``stories.extend`` builds a new one). Locked: the web app reads stories
    from several threads.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, tuple[str, Centroid]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, story_id: str, raw: str) -> Centroid:
        with self.lock:
            hit = self.entries.get(story_id)
            if hit is not None and hit[0] == raw:
                self.entries.move_to_end(story_id)
                return hit[1]
        centroid = Centroid(json.loads(raw))
        with self.lock:
            self.entries[story_id] = (raw, centroid)
            self.entries.move_to_end(story_id)
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return centroid


_CENTROIDS = _Centroids(CENTROID_CACHE)


def _translation(r: Sequence[Any]) -> TranslationPrint | None:
    """The stored translation print (bands live in ``link_bands``); None before migration 1002."""
    return None if r[0] is None else TranslationPrint(r[0], (), r[1], r[2], r[3])


def _date_filter_sql(when: DateFilter | None) -> tuple[str, list[Any]]:
    """``when`` (:class:`~cronaca.link.events.DateFilter`) as an SQL condition on merged events
    (" AND (...)") and its parameters; the same test as ``DateFilter.admits``."""
    if when is None:
        return "", []
    if when.story_only is not None:
        return " AND story_id = ?", [when.story_only]
    arms: list[str] = []
    params: list[Any] = []
    if when.any_date:
        arms.append("date IS NOT NULL")
    if when.exact:
        arms.append(f"date IN ({','.join('?' * len(when.exact))})")
        params += when.exact
    if when.finer is not None:
        arms.append("substr(date, 1, ?) = ?")
        params += [len(when.finer) + 1, when.finer + "-"]
    if when.lo is not None and when.hi is not None:
        arms.append("date BETWEEN ? AND ?")
        params += [when.lo, when.hi]
    if when.undated:
        arms.append("(date IS NULL AND story_id IS NOT DISTINCT FROM ?)")
        params.append(when.undated_story)
    return f" AND ({' OR '.join(arms) or 'FALSE'})", params


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _canonical(counts: Mapping[str, Any]) -> str:
    """A story's counts as JSON with sorted keys: the order a dict was filled in depends on
    set iteration, which differs between processes (string hashing is seeded per process), and
    a resumed run must store exactly what an uninterrupted one does."""
    return json.dumps(counts, separators=(",", ":"), sort_keys=True)


def _carriers(outlet: str | None, inputs: Sequence[Any]) -> list[dict[str, Any]]:
    """The other outlets that published an article's text word for word (one entry each, as
    their copy gave outlet, address and date), from its raw inputs; none before migration 0003."""
    out: dict[str, dict[str, Any]] = {}
    for r in inputs:
        other = r["outlet"] if "outlet" in r.keys() else None
        if other and other != outlet and other not in out:
            out[other] = {"outlet": other, "url": r["url"], "published": r["published"]}
    return list(out.values())


#: The linker's results that exports carry beside the articles, each with the primary key its
#: rows are paged by. The rest (fingerprints, bands, keys, frequencies) is the linker's working
#: state, rebuilt by linking, and of no use outside it.
EXPORTED = {
    "stories": ("id",),
    "story_articles": ("article_id",),
    "article_links": ("kind", "article_id", "other_id"),
    "merged_events": ("id",),
    "event_reports": ("article_id", "idx"),
}
#: Columns of those tables that are working state, not results (a story's term centroid).
UNEXPORTED = {"stories": frozenset({"centroid"})}


class LinkTables:
    """The :class:`~cronaca.link.index.LinkIndex` protocol and the story queries, over ``self.conn``."""

    conn: Any
    dialect: Dialect = SQLITE

    def _replace(self, table: str) -> str:
        """``INSERT OR REPLACE`` of one row of a linker table, in this store's dialect."""
        return self.dialect.replace(table, *_REPLACED[table])

    # -- exports -----------------------------------------------------------------------------
    def iter_link_rows(self, table: str, *, batch_size: int = 1000) -> Iterator[list[dict[str, Any]]]:
        """Batches of one linker table's rows (:data:`EXPORTED`), keyset-paged on its primary
        key so that each batch is one short query whatever the size of the corpus."""
        key = EXPORTED[table]
        hidden = UNEXPORTED.get(table, frozenset())
        cols = [c for c, _ in self.dialect.columns(self.conn, table) if c not in hidden]
        select = ", ".join(f'"{c}"' for c in cols)
        order = ", ".join(f'"{c}"' for c in key)
        after = f"({order}) > ({', '.join('?' * len(key))})"
        last: tuple | None = None
        while True:
            where = "" if last is None else f" WHERE {after}"
            rows = self.conn.execute(f"SELECT {select} FROM {table}{where} ORDER BY {order} LIMIT ?",
                                     (*(last or ()), batch_size)).fetchall()
            if not rows:
                return
            batch = [dict(zip(cols, r)) for r in rows]
            yield batch
            last = tuple(batch[-1][c] for c in key)

    # -- link state ------------------------------------------------------------------------
    def counter(self, name: str) -> int:
        row = self.conn.execute("SELECT value FROM link_counters WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def set_counter(self, name: str, value: int) -> None:
        self.conn.execute("INSERT INTO link_counters(name, value) VALUES (?, ?) "
                          "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, value))

    def unlinked_articles(self, limit: int = 1000) -> list[tuple[int, str]]:
        """(pk, id) of articles stored after the watermark and not linked yet, oldest first."""
        mark = self.counter("articles_pk")
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT a.pk, a.id FROM articles a WHERE a.pk > ? AND NOT EXISTS "
            "(SELECT 1 FROM link_state l WHERE l.article_id = a.id) ORDER BY a.pk LIMIT ?",
            (mark, limit))]

    def record_link(self, article_id: str, seq: int, story_id: str | None, story_score: float,
                    duplicate_of: str | None, duplicate_score: float) -> None:
        self.conn.execute(
            self._replace("link_state"),
            (article_id, seq, story_id, story_score, duplicate_of, duplicate_score, _now()))
        # articles.duplicate_of and story_id are kept by the index methods (a later article of
        # the same batch may have taken over as original): not overwritten here

    # -- soundness -----------------------------------------------------------------------------
    def link_problems(self) -> list[str]:
        """What is wrong with the link records, in words (empty when they are sound).

        Every check is a count over an index or a small table, cheap enough to run before each
        ``cronaca link``. What they catch is what an article linked twice leaves behind: copies
        of themselves, copies of copies, and bookkeeping that no longer adds up.
        """
        def one(sql: str) -> int:
            return self.conn.execute(sql).fetchone()[0]

        problems = []
        selves = max(one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL "
                         "AND duplicate_of = id"),
                     one("SELECT count(*) FROM article_links WHERE kind = 'duplicate' "
                         "AND article_id = other_id"))
        if selves:
            problems.append(f"{selves} articles marked as copies of themselves")
        chains = one("SELECT count(*) FROM articles a JOIN articles o ON o.id = a.duplicate_of "
                     "WHERE a.duplicate_of IS NOT NULL AND o.duplicate_of IS NOT NULL")
        if chains:
            problems.append(f"{chains} articles marked as copies of a copy")
        linked, states = self.counter("linked"), one("SELECT count(*) FROM link_state")
        members = one("SELECT count(*) FROM story_articles")
        if not linked == states == members:
            problems.append(f"link counts disagree ({linked} counted, {states} linked, "
                            f"{members} in stories)")
        return problems

    def reset_links(self) -> None:
        """Forget every linking decision (inside the caller's transaction): the next run
        links the whole store again."""
        for table in ("link_state", "link_counters", "link_df", "link_fingerprints", "link_bands",
                      "article_links", "stories", "story_keys", "story_articles", "merged_events",
                      "event_reports", "actor_aliases"):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
        self.conn.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")

    # -- corpus statistics -------------------------------------------------------------------
    def doc_count(self) -> int:
        return self.counter("documents")

    def doc_freqs(self, keys: Iterable[str]) -> Mapping[str, int]:
        keys = list(keys)
        out: dict[str, int] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            out.update(map(tuple, self.conn.execute(
                f"SELECT key, df FROM link_df WHERE key IN ({marks})", chunk).fetchall()))
        return out

    def add_doc_freqs(self, keys: Iterable[str]) -> None:
        self.conn.executemany(
            "INSERT INTO link_df(key, df) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET df = link_df.df + 1",
            ((k,) for k in set(keys)))
        self.set_counter("documents", self.doc_count() + 1)

    # -- duplicates ----------------------------------------------------------------------------
    def exact_original(self, exact_key: str) -> str | None:
        row = self.conn.execute(
            "SELECT coalesce(original_id, article_id) FROM link_fingerprints WHERE exact_key = ? "
            "ORDER BY original_id IS NOT NULL, seq LIMIT 1", (exact_key,)).fetchone()
        return row[0] if row else None

    def band_candidates(self, bands: Sequence[int], limit: int) -> list[str]:
        if not bands:
            return []
        marks = ",".join("?" * len(bands))
        return [r[0] for r in self.conn.execute(
            f"SELECT article_id FROM link_bands WHERE key IN ({marks}) GROUP BY article_id "
            "ORDER BY count(*) DESC, article_id LIMIT ?", [*bands, limit])]

    def fingerprints(self, article_ids: Iterable[str]) -> list[StoredFingerprint]:
        ids = list(article_ids)
        out = []
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            out += [StoredFingerprint(r[0], r[1], r[2], r[3], r[4], r[5], _translation(r[6:]))
                    for r in self.conn.execute(
                        "SELECT article_id, signature, size, published, seq, original_id, anchors, "
                        f"anchor_size, body_length, language FROM link_fingerprints WHERE article_id IN ({marks})",
                        chunk)]
        return out

    def add_fingerprint(self, fp: StoredFingerprint, exact_key: str, bands: Sequence[int]) -> None:
        t = fp.translation
        self.conn.execute(
            self._replace("link_fingerprints"),
            (fp.article_id, exact_key, fp.signature, fp.size, fp.published, fp.order, fp.original_id,
             t.signature if t else None, t.size if t else 0, t.length if t else 0, t.language if t else None))
        if fp.original_id is None:
            self.conn.executemany("INSERT INTO link_bands(key, article_id) VALUES (?, ?) "
                                  "ON CONFLICT DO NOTHING",
                                  ((b, fp.article_id) for b in bands))
        else:
            self._link_duplicate(fp.article_id, fp.original_id, 1.0)

    def set_original(self, article_id: str, original_id: str | None, score: float) -> None:
        self.conn.execute("UPDATE link_fingerprints SET original_id = ?, score = ? WHERE article_id = ?",
                          (original_id, score, article_id))
        self.conn.execute("DELETE FROM article_links WHERE kind = 'duplicate' AND article_id = ?",
                          (article_id,))
        if original_id is not None:
            self._link_duplicate(article_id, original_id, score)

    def _link_duplicate(self, article_id: str, original_id: str, score: float) -> None:
        self.conn.execute(self._replace("article_links"), ("duplicate", article_id, original_id, score))
        self.conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (original_id, article_id))
        self.conn.execute("UPDATE story_articles SET duplicate = 1 WHERE article_id = ?", (article_id,))

    def repoint(self, old_original: str, new_original: str) -> list[str]:
        moved = [r[0] for r in self.conn.execute(
            "SELECT article_id FROM link_fingerprints WHERE original_id = ?", (old_original,))]
        for a in moved:
            self.conn.execute("UPDATE link_fingerprints SET original_id = ? WHERE article_id = ?",
                              (new_original, a))
            self.conn.execute("UPDATE article_links SET other_id = ? WHERE kind = 'duplicate' "
                              "AND article_id = ? AND other_id = ?", (new_original, a, old_original))
            self.conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (new_original, a))
        self.conn.execute("UPDATE articles SET duplicate_of = NULL WHERE id = ?", (new_original,))
        self.conn.execute("UPDATE story_articles SET duplicate = 0 WHERE article_id = ?", (new_original,))
        return moved

    def put_links(self, kind: str, pairs: Sequence[tuple[str, str, float]]) -> None:
        """Store article->article links of any kind (the Store protocol's generic writer)."""
        self.conn.executemany(self._replace("article_links"), ((kind, a, b, s) for a, b, s in pairs))
        if kind == "duplicate":
            self.conn.executemany("UPDATE articles SET duplicate_of = ? WHERE id = ?",
                                  ((b, a) for a, b, _ in pairs))

    # -- stories -------------------------------------------------------------------------------
    def story_candidates(self, keys: Sequence[str], lo: str | None, hi: str | None) -> list[StoryState]:
        """The stories sharing the most look-up keys with an article, open around its dates.

        Why bounded: in a dense corpus a distinctive word still names hundreds of stories in a
        three-week window. Each key reads at most ``KEY_POSTINGS`` postings (nearest the window
        first, or the most recent for an undated article) through the (key, last_date) index,
        the stories are ranked by how many keys they share, and ``CANDIDATES`` of them are
        decoded and scored: the work per article is capped, whatever the size of the store.
        """
        if not keys:
            return []
        window = " AND last_date >= ?" if lo is not None else ""
        order = "ASC" if lo is not None else "DESC"
        arm = (f"SELECT story_id FROM (SELECT story_id FROM story_keys WHERE key = ?{window} "
               f"ORDER BY last_date {order} LIMIT {KEY_POSTINGS}) k")
        params: list[Any] = [p for k in keys for p in ((k, lo) if lo is not None else (k,))]
        gate = ""
        if hi is not None:
            gate = " WHERE s.first_date IS NULL OR s.first_date <= ?"
            params.append(hi)
        # the winners are chosen on their ids and dates alone, then only they are read whole:
        # sorting every open story with its centroid read most of their rows for nothing
        top = (f"SELECT c.story_id, c.shared FROM (SELECT story_id, count(*) AS shared FROM "
               f"({' UNION ALL '.join([arm] * len(keys))}) arms GROUP BY story_id) c "
               f"JOIN stories s ON s.id = c.story_id{gate} ORDER BY c.shared DESC, s.id LIMIT {CANDIDATES}")
        cols = ", ".join(f"s.{c.strip()}" for c in _STORY_COLUMNS.split(","))
        return [_story_state(r) for r in self.conn.execute(
            f"SELECT {cols} FROM ({top}) t JOIN stories s ON s.id = t.story_id "
            "ORDER BY t.shared DESC, s.id", params)]

    def story_state(self, story_id: str) -> StoryState | None:
        r = self.conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?",
                              (story_id,)).fetchone()
        return None if r is None else _story_state(r)

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                                (article_id,)).fetchone()
        return row[0] if row else None

    def put_story(self, story: StoryState, keys: Sequence[str]) -> None:
        before = self.conn.execute("SELECT last_date FROM stories WHERE id = ?", (story.id,)).fetchone()
        self.conn.execute(
            self._replace("stories"),
            (story.id, story.title, story.first_date, story.last_date, story.size,
             _canonical(story.centroid), _canonical(dict(story.actors)),
             _canonical(dict(story.event_types)), _now()))
        moved = before is None or before[0] != story.last_date
        self._put_story_keys(story.id, story.last_date, keys, moved)

    def _put_story_keys(self, story_id: str, last_date: str | None, keys: Sequence[str],
                        moved: bool = True) -> None:
        """Index a story under ``keys``, each row carrying the story's last date.

        Why a diff against the rows already there: keys change little as a story grows. Drop
        the ones it lost, insert the new ones, and move the last date of the rest in one
        statement; writing every key (an upsert each, about 200 per story) touched three large
        B-trees per key and was the costliest write of linking. ``moved``: whether the story's
        last date changed. Every row of a story carries the last date it was written with (this
        method is their only writer), so when it did not, the rows kept need no update, and
        most articles join a story without extending its span.
        """
        old = {r[0] for r in self.conn.execute("SELECT key FROM story_keys WHERE story_id = ?",
                                               (story_id,))}
        keys = list(dict.fromkeys(keys))
        gone = list(old.difference(keys))
        for i in range(0, len(gone), _CHUNK):
            chunk = gone[i:i + _CHUNK]
            self.conn.execute(f"DELETE FROM story_keys WHERE story_id = ? AND key IN "
                              f"({','.join('?' * len(chunk))})", (story_id, *chunk))
        if moved and len(gone) < len(old):
            self.conn.execute("UPDATE story_keys SET last_date = ? WHERE story_id = ? "
                              "AND last_date IS DISTINCT FROM ?", (last_date, story_id, last_date))
        self.conn.executemany("INSERT INTO story_keys VALUES (?, ?, ?)",
                              ((k, story_id, last_date) for k in keys if k not in old))

    def assign_story(self, article_id: str, story_id: str, score: float) -> None:
        dup = self.conn.execute("SELECT original_id IS NOT NULL FROM link_fingerprints "
                                "WHERE article_id = ?", (article_id,)).fetchone()
        self.conn.execute(self._replace("story_articles"),
                          (article_id, story_id, score, int(bool(dup and dup[0]))))
        self.conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Store stories made elsewhere (the Store protocol's writer): rows and memberships."""
        for s in stories:
            self.put_story(StoryState(s.id, s.title, s.first_date, s.last_date, len(s.article_ids),
                                      {}, {a: 1 for a in s.actor_ids}, {t: 1 for t in s.event_types}), [])
            for a in s.article_ids:
                self.assign_story(a, s.id, 1.0)

    # -- events ----------------------------------------------------------------------------------
    def merged_candidates(self, key: tuple[str, str, str], when: DateFilter | None = None) -> list[MergedEvent]:
        """Known events of this type between these actors whose dates ``when`` admits, without
        their reports (not needed to match, and ``put_merged`` only adds the new report)."""
        sql, params = _date_filter_sql(when)
        rows = self.conn.execute(
            f"SELECT * FROM merged_events WHERE type = ? AND actor_a = ? AND actor_b = ?{sql} "
            "ORDER BY rowid DESC LIMIT ?", (*key, *params, _MERGED_LIMIT)).fetchall()
        return [self._merged(r, with_reports=False) for r in rows]

    def _merged(self, r: Any, with_reports: bool = True) -> MergedEvent:
        reports = tuple(
            EventReport(x[0], x[1], x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10], x[11])
            for x in self.conn.execute("SELECT * FROM event_reports WHERE event_id = ? "
                                       "ORDER BY published, article_id, idx", (r[0],))
        ) if with_reports else ()
        return MergedEvent(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], reports)

    def put_merged(self, event: MergedEvent) -> None:
        """Store a merged event with its reports (the new one: see ``merged_candidates``).

        The reports go first, so the event row is written once with its counts taken from them
        (an insert and then an update of the same row was one statement too many per event)."""
        self.conn.executemany(
            self._replace("event_reports"),
            ((r.article_id, r.index, event.id, r.outlet, r.evidence, r.start, r.end, r.date,
              r.place_id, r.source_id, r.target_id, r.published) for r in event.reports))
        self.conn.execute(
            self.dialect.replace("merged_events", *_REPLACED["merged_events"], values=_MERGED_VALUES),
            (event.id, event.type, event.actor_a, event.actor_b, event.date, event.precision,
             event.place_id, event.place, event.source, event.target, event.story_id, event.id, event.id))

    # -- actors ----------------------------------------------------------------------------------
    def actor_names(self, block: str) -> list[tuple[str, str, str]]:
        return list(map(tuple, self.conn.execute(
            "SELECT name, actor_id, label FROM actor_aliases WHERE block = ?", (block,)).fetchall()))

    def add_actor_name(self, actor_id: str, name: str, label: str, block: str) -> None:
        self.conn.execute("INSERT INTO actor_aliases VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                          (block, name, label, actor_id))

    # -- reading: stories, events, timeline -------------------------------------------------------
    def list_stories(self, *, since: str | None = None, until: str | None = None,
                     actor: str | None = None, limit: int | None = None,
                     min_articles: int = 1) -> list[dict[str, Any]]:
        """Stories, most recent first, with their articles (ids, origins, outlets, copies flagged)."""
        conds, params = ["s.size >= ?"], [min_articles]
        if since:
            conds.append("coalesce(s.last_date, '9999') >= ?")
            params.append(since)
        if until:
            conds.append("coalesce(s.first_date, '0000') <= ?")
            params.append(until)
        sql = (f"SELECT s.id FROM stories s WHERE {' AND '.join(conds)} "
               "ORDER BY s.last_date DESC, s.id")
        ids = [r[0] for r in self.conn.execute(sql, params)]
        out = []
        for sid in ids:
            story = self.story_detail(sid)
            if story is None:
                continue
            if actor and not any(actor.casefold() in (a["id"].casefold(), (a["name"] or "").casefold())
                                 for a in story["actors"]):
                continue
            out.append(story)
            if limit and len(out) >= limit:
                break
        return out

    def story_detail(self, story_id: str) -> dict[str, Any] | None:
        """One story: title, span, articles (with provenance) and main actors."""
        st = self.story_state(story_id)
        if st is None:
            return None
        arts = [dict(r) for r in self.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, a.url, a.origin, a.state_affiliated, a.language, "
            "sa.duplicate, a.duplicate_of, sa.score FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
            "ORDER BY coalesce(a.published, '9999'), a.pk", (story_id,))]
        language = {a["id"]: a["language"] for a in arts}
        for a in arts:
            # a copy in another language than its original is a translation of it
            a["translation"] = bool(a["duplicate"] and a["duplicate_of"] in language
                                    and language[a["duplicate_of"]] != a["language"])
            inputs = self.conn.execute(
                "SELECT * FROM raw_inputs WHERE article_id = ? ORDER BY ingested_at, origin",
                (a["id"],)).fetchall()
            a["origins"] = [r["origin"] for r in inputs] or [a["origin"]]
            a["carriers"] = _carriers(a["outlet"], inputs)
        top = sorted(st.actors.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        names = self._actor_display([a for a, _ in top])
        return {
            "id": st.id, "title": st.title, "first_date": st.first_date, "last_date": st.last_date,
            "articles": arts, "size": sum(1 for a in arts if not a["duplicate"]),
            "duplicates": sum(1 for a in arts if a["duplicate"]),
            "actors": [{"id": a, "name": names.get(a, a), "mentions": n} for a, n in top],
            "event_types": dict(sorted(st.event_types.items(), key=lambda kv: -kv[1])),
        }

    def _actor_display(self, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {r[0]: r[1] for r in self.conn.execute(
            f"SELECT id, name FROM actors WHERE id IN ({marks})", list(ids))}

    def story_events(self, story_id: str) -> list[MergedEvent]:
        """Merged events with a report in the story's articles."""
        rows = self.conn.execute(
            "SELECT m.* FROM merged_events m WHERE m.id IN (SELECT r.event_id FROM event_reports r "
            "JOIN story_articles sa ON sa.article_id = r.article_id WHERE sa.story_id = ?) "
            "ORDER BY coalesce(m.date, '9999'), m.id", (story_id,)).fetchall()
        return [self._merged(r) for r in rows]

    def merged_events(self, *, actor_ids: Sequence[str] = (), since: str | None = None,
                      until: str | None = None, event_type: str | None = None,
                      limit: int = 1000) -> list[MergedEvent]:
        """Merged events, by date, optionally about given actors, of one type, in a date range."""
        conds, params = ["1=1"], []
        if actor_ids:
            marks = ",".join("?" * len(actor_ids))
            conds.append(f"(actor_a IN ({marks}) OR actor_b IN ({marks}))")
            params += [*actor_ids, *actor_ids]
        if since:
            conds.append("date >= ?")
            params.append(since)
        if until:
            conds.append("date <= ?")
            params.append(until + "~")
        if event_type:
            conds.append("type = ?")
            params.append(event_type.upper())
        rows = self.conn.execute(
            f"SELECT * FROM merged_events WHERE {' AND '.join(conds)} "
            "ORDER BY coalesce(date, '9999'), id LIMIT ?", [*params, limit]).fetchall()
        return [self._merged(r) for r in rows]

    def actor_ids_for(self, name_or_id: str) -> list[str]:
        """Actor ids a user's word means: an id, a canonical name, or any known name."""
        ids = {name_or_id}
        ids |= {r[0] for r in self.conn.execute(
            f"SELECT id FROM actors WHERE id = ? OR {self.dialect.nocase_eq('name')}", (name_or_id, name_or_id))}
        ids |= {r[0] for r in self.conn.execute(
            "SELECT actor_id FROM actor_names WHERE key = ?", (name_key(name_or_id),))}
        ids |= {r[0] for r in self.conn.execute(
            f"SELECT actor_id FROM actor_aliases WHERE {self.dialect.nocase_eq('name')}", (name_or_id,))}
        return sorted(ids)

    def attention(self, *, since: str | None = None, until: str | None = None,
                  actor_ids: Sequence[str] = (), include_duplicates: bool = False
                  ) -> Iterator[tuple[str, int, int]]:
        """(day, state-affiliated 0/1, articles) for the timeline's attention chart."""
        conds, params = ["a.published IS NOT NULL"], []
        if not include_duplicates:
            conds.append("a.duplicate_of IS NULL")
        if since:
            conds.append("a.published >= ?")
            params.append(since)
        if until:
            conds.append("a.published <= ?")
            params.append(until + "~")
        if actor_ids:
            marks = ",".join("?" * len(actor_ids))
            conds.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id "
                         f"AND m.actor_id IN ({marks}))")
            params += list(actor_ids)
        yield from ((r[0], r[1], r[2]) for r in self.conn.execute(
            f"SELECT substr(a.published, 1, 10), a.state_affiliated, count(*) FROM articles a "
            f"WHERE {' AND '.join(conds)} GROUP BY 1, 2 ORDER BY 1, 2", params))
