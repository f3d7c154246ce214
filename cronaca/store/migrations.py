"""The schema, as an ordered list of registered migrations (SQLite's; PostgreSQL's is derived).

Why migrations and not one ``CREATE TABLE`` script: a knowledge base outlives the code that made it.
Each migration has a stable name and runs once; the ``migrations`` table records which ran and when
(the approach of ``sqlite_utils.migrations``), so opening an old file with newer code brings it up to
date and opening it again does nothing. Never edit a migration that has shipped: append a new one. Each migration is written once, in
SQLite's SQL; :mod:`cronaca.store.pgschema` translates it for PostgreSQL (types, collation,
indexes) unless the migration carries its own ``postgres`` script, and runs it there.

The schema, for the engineers who query it directly (web pages, linker):

``articles``
    one row per distinct article (content id ``id``; integer ``pk`` for FTS). Small columns
    first and ``text`` last, so filters never read through a long body. Every
    :class:`~cronaca.types.Article` field; ``published_evidence``, ``flags``, ``removed``,
    ``sentences``, ``metadata``, ``stages`` are JSON text. ``state_affiliated`` (0/1) mirrors the
    ``state_affiliated_outlet`` flag for cheap filtering. ``duplicate_of`` (article id of the
    original) and ``story_id`` are written by the linker. ``added_at`` is an ISO UTC timestamp.
``articles_fts``
    FTS5 over ``title`` and ``text`` (external content = ``articles``, rowid = ``articles.pk``),
    tokenizer ``unicode61 remove_diacritics 2`` with ``'`` and ``’`` as separators: "l'Ucraina"
    is the tokens ``l`` + ``ucraina``, and "perche" finds "perché". Kept in sync by triggers.
``raw_inputs``
    provenance: one row per (raw bytes hash, origin); ``article_id`` is the article it yielded.
    The same article read from two files keeps both rows, each with the ``outlet``, ``url`` and
    ``published`` that file gave (migration 0003): a text two outlets published word for word
    is one article, and every outlet that carried it is still known.
``actors``
    canonical actors: ``id``, ``name``, ``kind`` (PER/ORG/GPE/LOC/EVENT/MISC), ``variants``,
    ``roles``, ``external_ids`` (JSON), ``country``, ``parent`` (actor ids), ``in_kb`` (1 when the
    record came from the knowledge base through ``add_actors``, 0 when only seen in mentions).
``actor_names``
    every name an actor goes by (canonical name, variants, mention names) with ``key``, the
    casefolded, accent-free form: how ``quotes(speaker="lavrov")`` finds Sergey Lavrov.
``mentions``, ``quotes``, ``times``, ``events``
    the annotations of :mod:`cronaca.types`, one column per field, plus an integer ``id`` (insertion
    order = the document's order) and ``article_id``. Booleans are 0/1.
``actor_totals``, ``actor_days``
    each actor's counts (mentions, articles, quotations, events) and its articles per publication
    day, kept as articles are written (migration 0005, :mod:`cronaca.store.actorstats`).
``quotes_about``
    (actor, date, quotation) for every mention of an actor inside a quotation it did not speak
    (migration 0006), so that "quotations about X" is an index range.
``actor_rows``
    (actor, role, date, row) for every quotation an actor speaks and every event it is the source
    or the target of (migration 0008): the actor page's latest lists are index ranges.
``published_days``
    articles per publication date and the ``pk`` range holding them, kept by triggers on
    ``articles`` (migration 0007, :mod:`cronaca.store.datespans`): searches bounded by dates.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ..errors import StoreError
from . import actorstats, datespans, pgschema
from .dialect import POSTGRESQL, dialect_of

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    name: str  # stable, never renamed: it is the key in the ``migrations`` table
    sql: str  # a script run by ``executescript`` inside the migration's transaction
    # the PostgreSQL script when it is not ``sql`` translated (``cronaca.store.pgschema``)
    postgres: str | None = None


_ARTICLES = r"""
CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    raw_hash TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    published_precision TEXT,
    language TEXT NOT NULL DEFAULT 'it',
    state_affiliated INTEGER NOT NULL DEFAULT 0,
    duplicate_of TEXT,
    story_id TEXT,
    added_at TEXT NOT NULL,
    flags TEXT NOT NULL DEFAULT '[]',
    published_evidence TEXT NOT NULL DEFAULT '[]',
    stages TEXT NOT NULL DEFAULT '[]',
    metadata TEXT NOT NULL DEFAULT '{}',
    removed TEXT NOT NULL DEFAULT '[]',
    sentences TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet, published);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
"""

#: SQLite's full-text index (PostgreSQL builds its own: ``cronaca.store.pgschema``).
_FTS5 = r"""
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content='articles', content_rowid='pk',
    tokenize="unicode61 remove_diacritics 2 separators '''’'"
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
"""

_TABLES = r"""
CREATE TABLE raw_inputs (
    raw_hash TEXT NOT NULL,
    origin TEXT NOT NULL,
    article_id TEXT NOT NULL,
    format TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    PRIMARY KEY (raw_hash, origin)
);
CREATE INDEX raw_inputs_article ON raw_inputs(article_id);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    variants TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    country TEXT,
    parent TEXT,
    external_ids TEXT NOT NULL DEFAULT '{}',
    in_kb INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_kind ON actors(kind);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);

CREATE TABLE actor_names (
    actor_id TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (key, actor_id)
) WITHOUT ROWID;
CREATE INDEX actor_names_actor ON actor_names(actor_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    role TEXT,
    stage TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_actor ON mentions(actor_id, article_id);
CREATE INDEX mentions_label ON mentions(label);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker_id TEXT,
    speaker TEXT,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_start INTEGER,
    speaker_end INTEGER,
    stage TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_speaker_name ON quotes(speaker COLLATE NOCASE);

CREATE TABLE times (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    precision TEXT,
    relative INTEGER NOT NULL DEFAULT 0,
    end_value TEXT,
    stage TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX times_article ON times(article_id);
CREATE INDEX times_value ON times(value);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    type TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    source_id TEXT,
    source TEXT,
    target_id TEXT,
    target TEXT,
    date TEXT,
    date_precision TEXT,
    place_id TEXT,
    place TEXT,
    cue TEXT,
    mode TEXT,
    negated INTEGER NOT NULL DEFAULT 0,
    hypothetical INTEGER NOT NULL DEFAULT 0,
    stage TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source ON events(source_id);
CREATE INDEX events_target ON events(target_id);
"""

#: The store's own migrations, in order. The linker's (``linkstore.LINK_MIGRATIONS``) run after.
MIGRATIONS: list[Migration] = [
    Migration("0001_core", _ARTICLES + _FTS5 + _TABLES,
              postgres=pgschema.translate(_ARTICLES) + pgschema.FULL_TEXT + pgschema.translate(_TABLES)),
    # search filtered by event type probes (article_id, type) for each matching article
    Migration("0002_events_article_type", "CREATE INDEX events_article_type ON events(article_id, type);"),
    # who carried each copy of a text: a byte-identical copy is one article with two raw inputs
    Migration("0003_raw_inputs_carrier", """
ALTER TABLE raw_inputs ADD COLUMN outlet TEXT;
ALTER TABLE raw_inputs ADD COLUMN url TEXT;
ALTER TABLE raw_inputs ADD COLUMN published TEXT;
"""),
    # where an event's date came from (a time expression, the publication date, a known event)
    Migration("0004_events_date_source", "ALTER TABLE events ADD COLUMN date_source TEXT;"),
    # per-actor counts kept as articles are written (actor pages read them instead of counting)
    Migration("0005_actor_counts", actorstats.SCHEMA + actorstats.BACKFILL + actorstats.SQLITE_TRIGGER,
              postgres=pgschema.translate(actorstats.SCHEMA) + actorstats.BACKFILL
              + actorstats.POSTGRES_TRIGGER),
    # the quotations that name each actor, by date (actor pages and ``quotes(about=…)``)
    Migration("0006_quotes_about", actorstats.ABOUT_SCHEMA + actorstats.ABOUT_BACKFILL),
    # articles and pk bounds per publication date (searches bounded by dates)
    Migration("0007_published_days", datespans.SQLITE_MIGRATION, postgres=datespans.POSTGRES_MIGRATION),
    # each actor's quotations and events by date (the actor page's latest lists)
    Migration("0008_actor_rows", actorstats.ROWS_SCHEMA + actorstats.ROWS_BACKFILL),
    # the search page's filter choices, read one index seek per distinct value
    # (``Dialect.distinct_values``) instead of a pass over every article
    Migration("0009_facet_indexes", """
CREATE INDEX articles_language ON articles(language);
CREATE INDEX articles_flags ON articles(flags);
"""),
    # PostgreSQL: each article's tsvector kept in its row (pgschema.SEARCH_INLINE); SQLite's
    # FTS5 index has nothing of the kind
    Migration("0010_search_inline", "SELECT 1;", postgres=pgschema.SEARCH_INLINE),
]

#: Migrations that ran under another name on a development branch (the PostgreSQL store's
#: branch named the events migration 0003): a database that ran the old name has the new one.
RENAMED = {"0003_events_date_source": "0004_events_date_source"}

_LEDGER = """
CREATE TABLE IF NOT EXISTS migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already run on this database, in the order they ran."""
    if dialect_of(conn) is POSTGRESQL:
        return pgschema.applied(conn)
    conn.execute(_LEDGER)
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> list[str]:
    """Run the migrations this database has not seen yet; return their names.

    Each migration runs in its own transaction with its ledger row, so a crash leaves the file at
    the last complete migration. ``BEGIN IMMEDIATE`` takes the write lock first: two processes
    opening a fresh file at once do not both create the tables.
    """
    names = [m.name for m in migrations]
    if len(set(names)) != len(names):
        raise StoreError(f"duplicate migration names in {names}")
    if dialect_of(conn) is POSTGRESQL:
        return pgschema.migrate(conn, migrations)
    done = set(applied(conn))
    done |= {RENAMED[name] for name in done if name in RENAMED}
    pending = [m for m in migrations if m.name not in done]
    ran: list[str] = []
    for migration in pending:
        try:
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (migration.name,)).fetchone():
                conn.execute("COMMIT")  # another process ran it while we waited for the lock
                continue
            for statement in _statements(migration.sql):
                conn.execute(statement)
            conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)",
                         (migration.name, datetime.now(UTC).isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {migration.name} failed: {exc}") from exc
        log.info("applied migration %s", migration.name)
        ran.append(migration.name)
    return ran


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (``executescript`` would commit on its own)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
