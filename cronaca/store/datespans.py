"""How many articles each publication date holds, and between which ``pk`` they lie.

Why: a search bounded by dates ("since 2022-01-01 until 2022-06-30") needs two things the date
index answers only by reading every entry of the span: how many articles the span holds (the
denominator of an estimated total) and which ``pk`` range holds them (so that the full-text index
is read only there: a rare word's matches stored after the span were each joined to ``articles``
to be dropped, 90-130 ms on a million articles). One row per distinct ``published`` value, kept
by triggers on ``articles``, answers both from a few hundred rows whatever the store's size.

``articles`` is exact. ``min_pk`` and ``max_pk`` only widen: an article deleted or moved to
another date leaves its old row's bounds as they were, so they always hold every article of
that date, which is all a search needs (they bound where to look; the filters still decide).
"""

from __future__ import annotations

from typing import Any

from . import pgschema

SCHEMA = """
CREATE TABLE published_days (
    published TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    min_pk INTEGER NOT NULL,
    max_pk INTEGER NOT NULL
);
"""

BACKFILL = """
INSERT INTO published_days(published, articles, min_pk, max_pk)
SELECT published, count(*), min(pk), max(pk) FROM articles WHERE published IS NOT NULL GROUP BY published;
"""

_SQLITE_ADD = """
    INSERT INTO published_days(published, articles, min_pk, max_pk)
    SELECT new.published, 1, new.pk, new.pk WHERE new.published IS NOT NULL
    ON CONFLICT(published) DO UPDATE SET articles = articles + 1,
        min_pk = min(min_pk, excluded.min_pk), max_pk = max(max_pk, excluded.max_pk);
"""
_SQLITE_TAKE = """
    UPDATE published_days SET articles = articles - 1 WHERE published = old.published;
"""

SQLITE_TRIGGERS = f"""
CREATE TRIGGER published_days_insert AFTER INSERT ON articles BEGIN{_SQLITE_ADD}END;
CREATE TRIGGER published_days_delete AFTER DELETE ON articles BEGIN{_SQLITE_TAKE}END;
CREATE TRIGGER published_days_update AFTER UPDATE OF published ON articles
WHEN old.published IS NOT new.published BEGIN{_SQLITE_TAKE}{_SQLITE_ADD}END;
"""

POSTGRES_TRIGGERS = """
CREATE FUNCTION published_days_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.published IS NOT NULL THEN
        UPDATE published_days SET articles = articles - 1 WHERE published = OLD.published;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.published IS NOT NULL THEN
        INSERT INTO published_days(published, articles, min_pk, max_pk)
        VALUES (NEW.published, 1, NEW.pk, NEW.pk)
        ON CONFLICT (published) DO UPDATE SET articles = published_days.articles + 1,
            min_pk = LEAST(published_days.min_pk, EXCLUDED.min_pk),
            max_pk = GREATEST(published_days.max_pk, EXCLUDED.max_pk);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER published_days_write AFTER INSERT OR DELETE ON articles FOR EACH ROW
    EXECUTE FUNCTION published_days_count();
CREATE TRIGGER published_days_update AFTER UPDATE OF published ON articles FOR EACH ROW
    WHEN (OLD.published IS DISTINCT FROM NEW.published)
    EXECUTE FUNCTION published_days_count();
"""

SQLITE_MIGRATION = SCHEMA + BACKFILL + SQLITE_TRIGGERS
POSTGRES_MIGRATION = pgschema.translate(SCHEMA) + BACKFILL + POSTGRES_TRIGGERS


def _where(lo: str | None, hi: str | None) -> tuple[str, list[str]]:
    conds = [c for c, v in (("published >= ?", lo), ("published <= ?", hi)) if v]
    return (" WHERE " + " AND ".join(conds) if conds else ""), [v for v in (lo, hi) if v]


def pk_range(conn: Any, lo: str | None, hi: str | None) -> tuple[int, int] | None:
    """The lowest and highest ``pk`` of the articles published from ``lo`` to ``hi`` (ISO
    strings, either open), or None when there are none."""
    where, params = _where(lo, hi)
    row = conn.execute(f"SELECT min(min_pk), max(max_pk) FROM published_days{where}"
                       f"{' AND' if where else ' WHERE'} articles > 0", params).fetchone()
    return None if row is None or row[0] is None else (int(row[0]), int(row[1]))


def count(conn: Any, lo: str | None, hi: str | None) -> int:
    """How many articles were published from ``lo`` to ``hi`` (ISO strings, either open)."""
    where, params = _where(lo, hi)
    return int(conn.execute(f"SELECT coalesce(sum(articles), 0) FROM published_days{where}",
                            params).fetchone()[0])
