"""Is the knowledge base sound? The checks ``cronaca check`` runs and the crash tests rely on.

Why these: a process killed mid-write, two writers at once or a damaged file would show as one
of them — SQLite's own page and index checks, a full-text index out of step with its articles,
a derived record whose article is gone (an orphan), a derived record written twice, an article
without the raw input it came from, and the linker's bookkeeping not adding up
(:meth:`cronaca.store.linkstore.LinkTables.link_problems`). Each is a query over the file; the
whole check reads every table once, so it is a command to run after an incident, not before
every query. On PostgreSQL the server checks its own pages and keeps the search vectors by
trigger inside each write's transaction, so only the checks of cronaca's records run there.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .codec import ANNOTATIONS
from .dialect import dialect_of

#: Derived tables and the column naming their article.
_BY_ARTICLE = {**{t: "article_id" for t in ANNOTATIONS}, "raw_inputs": "article_id",
               "story_articles": "article_id", "event_reports": "article_id",
               "link_state": "article_id", "link_fingerprints": "article_id"}


def problems(conn: Any) -> list[str]:
    """What is wrong with the store, in words; empty when it is sound."""
    dialect = dialect_of(conn)
    found: list[str] = []
    if dialect.sqlite:
        found += [f"SQLite: {row[0]}" for row in conn.execute("PRAGMA integrity_check")
                  if row[0] != "ok"]
        found += _fts(conn)
    tables = dialect.tables(conn)
    for table, column in _BY_ARTICLE.items():
        if table not in tables:
            continue
        n = conn.execute(f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                         f"(SELECT 1 FROM articles a WHERE a.id = t.{column})").fetchone()[0]
        if n:
            found.append(f"{n} {table} rows whose article does not exist")
    for table in ANNOTATIONS:
        cols = ", ".join(f'"{name}"' for name, _ in dialect.columns(conn, table) if name != "id")
        n = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY {cols} "
                         "HAVING count(*) > 1) d").fetchone()[0]
        if n:
            found.append(f"{n} {table} records stored more than once")
    n = conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                     "(SELECT 1 FROM raw_inputs r WHERE r.article_id = a.id)").fetchone()[0]
    if n:
        found.append(f"{n} articles without the raw input they came from")
    if "published_days" in tables:
        found += _published_days(conn)
    if "event_reports" in tables:
        n = conn.execute("SELECT count(*) FROM event_reports r WHERE NOT EXISTS "
                         "(SELECT 1 FROM merged_events m WHERE m.id = r.event_id)").fetchone()[0]
        if n:
            found.append(f"{n} event reports whose merged event does not exist")
    return found


def _fts(conn: sqlite3.Connection) -> list[str]:
    """FTS5's own check of the search index against the articles (inside a transaction that is
    rolled back: the check is written as an INSERT)."""
    savepoint = "cronaca_fts_check"
    try:
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        finally:
            conn.execute(f"ROLLBACK TO {savepoint}")
            conn.execute(f"RELEASE {savepoint}")
    except sqlite3.DatabaseError as exc:
        return [f"the search index is out of step with the articles: {exc}"]
    return []


def _published_days(conn: Any) -> list[str]:
    """The articles per publication date (:mod:`cronaca.store.datespans`) against a recount,
    and every article's pk inside its date's bounds: searches by date trust both."""
    n = conn.execute(
        "SELECT count(*) FROM (SELECT published, count(*) AS n, min(pk) AS lo, max(pk) AS hi FROM articles"
        " WHERE published IS NOT NULL GROUP BY published) c"
        " LEFT JOIN published_days d ON d.published = c.published"
        " WHERE d.published IS NULL OR d.articles != c.n OR c.lo < d.min_pk OR c.hi > d.max_pk").fetchone()[0]
    n += conn.execute("SELECT count(*) FROM published_days d WHERE d.articles != 0 AND NOT EXISTS"
                      " (SELECT 1 FROM articles a WHERE a.published = d.published)").fetchone()[0]
    return [f"{n} publication dates whose article counts or pk bounds are out of step"] if n else []
