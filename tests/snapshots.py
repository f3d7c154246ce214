"""What a knowledge base holds, as plain sorted rows: two stores built the same way compare equal.

Row ids, insertion keys and timestamps are left out (they record when and in which order rows
were written, not what was decided), so a store built by an interrupted and resumed run, or by
two processes at once, can be compared with one built by a single uninterrupted run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

#: Columns that say when or in which order a row was written.
_VOLATILE = {"pk", "added_at", "ingested_at", "linked_at", "updated_at"}
#: Tables whose integer ``id`` is an insertion key, not content.
_ROW_IDS = {"mentions", "quotes", "times", "events"}

CONTENT_TABLES = ("articles", "raw_inputs", "mentions", "quotes", "times", "events", "actors",
                  "actor_names")
LINK_TABLES = ("link_state", "link_counters", "link_df", "link_fingerprints", "link_bands",
               "article_links", "stories", "story_keys", "story_articles", "merged_events",
               "event_reports", "actor_aliases")


def rows(conn: sqlite3.Connection, table: str, ignore: frozenset[str] = frozenset()
         ) -> list[tuple[Any, ...]]:
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
            if r[1] not in _VOLATILE | ignore and not (table in _ROW_IDS and r[1] == "id")]
    select = ", ".join(f'"{c}"' for c in cols)
    # NULLs first in any column: two rows equal up to a column where one is NULL still sort
    return sorted((tuple(r) for r in conn.execute(f"SELECT {select} FROM {table}")),
                  key=lambda row: tuple((v is not None, v) if v is not None else (False, 0) for v in row))


def snapshot(db: str | Path, tables: tuple[str, ...] = CONTENT_TABLES + LINK_TABLES,
             ignore: dict[str, frozenset[str]] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Sorted rows per table; ``ignore`` names columns left out (per table)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: rows(conn, t, (ignore or {}).get(t, frozenset())) for t in tables}
    finally:
        conn.close()


def link_decisions(db: str | Path) -> dict[str, Any]:
    """What a user sees of linking: story memberships (as groups) and which article copies which."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        groups: dict[str, set[str]] = {}
        for article, story in conn.execute("SELECT article_id, story_id FROM story_articles"):
            groups.setdefault(story, set()).add(article)
        copies = dict(conn.execute("SELECT id, duplicate_of FROM articles "
                                   "WHERE duplicate_of IS NOT NULL").fetchall())
        return {"stories": sorted(sorted(g) for g in groups.values()), "copies": copies}
    finally:
        conn.close()
