"""Per-actor counts kept up to date as articles are written, so actor pages read them, not count them.

Why: on a 1,000,000-article store a head of state or a large country is named in half of the
articles. Counting at read time its mentions, articles, quotations and events, and its articles per
publication day, walks hundreds of thousands of index entries: 3 to 7 seconds for one actor page,
two minutes for the list of every actor. Search engines keep document frequencies as they index
for the same reason. The counts live in two small tables, written in the transaction that writes
the articles (:meth:`cronaca.store.sqlstore.SQLStore.add_documents` adds each batch's counts, and
takes away those of an article it analyses again), so they are exact whenever a reader sees the
articles:

``actor_totals``
    one row per actor: ``mentions``, ``articles`` (distinct articles that mention it),
    ``quotes_by`` (quotations it is the speaker of), ``events_source``, ``events_target``.
``actor_days``
    articles mentioning the actor per publication date (``day``: the date as stored, ``''`` when
    unknown) and outlet group (``state_affiliated``), and how many of them the linker marked as
    copies of another article (``copies``): the actor's attention over time counts originals only,
    as the corpus-wide chart does. ``copies`` follows ``articles.duplicate_of`` through a trigger,
    whichever of the linker's statements sets or clears it.

``quotes_about``
    one row per (actor, quotation) where a mention of the actor lies inside a quotation it did not
    speak, keyed by the actor and the article's date: "quotations about X", newest first, is an
    index range instead of a check of every quotation of every article that names X. Derived in
    SQL from the batch's rows (:func:`derive_about`), like the full-text index from its table.
``actor_rows``
    one row per quotation an actor speaks (``role`` ``quote``) and per event it is the source or
    the target of (``source``, ``target``), keyed by the actor, the role and the article's date:
    the actor page's latest quotations and events are an index range (they joined every one of
    an actor's rows to its article to sort them by date: 20-90 ms for an actor of a few thousand
    articles on a million). Derived like ``quotes_about``.

:func:`recount` computes both tables from the annotations; the migration fills them with it on a
store written before they existed, and the tests check the kept counts against it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..types import Document

TOTALS = ("mentions", "articles", "quotes_by", "events_source", "events_target")
DAYS = ("articles", "copies")

SCHEMA = """
CREATE TABLE actor_totals (
    actor_id TEXT PRIMARY KEY,
    mentions INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    quotes_by INTEGER NOT NULL DEFAULT 0,
    events_source INTEGER NOT NULL DEFAULT 0,
    events_target INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE actor_days (
    actor_id TEXT NOT NULL,
    day TEXT NOT NULL,
    state_affiliated INTEGER NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0,
    copies INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, day, state_affiliated)
) WITHOUT ROWID;
"""

_TOTALS_SELECT = """
SELECT actor_id, sum(mentions), sum(articles), sum(quotes_by), sum(events_source), sum(events_target)
FROM (
    SELECT actor_id, count(*) AS mentions, count(DISTINCT article_id) AS articles, 0 AS quotes_by,
           0 AS events_source, 0 AS events_target FROM mentions GROUP BY actor_id
    UNION ALL SELECT speaker_id, 0, 0, count(*), 0, 0 FROM quotes
        WHERE speaker_id IS NOT NULL GROUP BY speaker_id
    UNION ALL SELECT source_id, 0, 0, 0, count(*), 0 FROM events
        WHERE source_id IS NOT NULL GROUP BY source_id
    UNION ALL SELECT target_id, 0, 0, 0, 0, count(*) FROM events
        WHERE target_id IS NOT NULL GROUP BY target_id
) counts GROUP BY actor_id
"""

_DAYS_SELECT = """
SELECT m.actor_id, coalesce(a.published, ''), a.state_affiliated, count(*),
       sum(CASE WHEN a.duplicate_of IS NULL THEN 0 ELSE 1 END)
FROM (SELECT DISTINCT actor_id, article_id FROM mentions) m JOIN articles a ON a.id = m.article_id
GROUP BY m.actor_id, coalesce(a.published, ''), a.state_affiliated
"""

ABOUT_SCHEMA = """
CREATE TABLE quotes_about (
    actor_id TEXT NOT NULL,
    published TEXT NOT NULL,
    quote_id INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (actor_id, published, quote_id)
) WITHOUT ROWID;
CREATE INDEX quotes_about_article ON quotes_about(article_id);
"""

_ABOUT_SELECT = """
SELECT DISTINCT m.actor_id, coalesce(a.published, ''), q.id, q.article_id
FROM quotes q JOIN articles a ON a.id = q.article_id
JOIN mentions m ON m.article_id = q.article_id AND m.start >= q.start AND m."end" <= q."end"
WHERE m.actor_id != coalesce(q.speaker_id, '')
"""

ABOUT_BACKFILL = f"INSERT INTO quotes_about(actor_id, published, quote_id, article_id) {_ABOUT_SELECT};"

ROWS_SCHEMA = """
CREATE TABLE actor_rows (
    actor_id TEXT NOT NULL,
    role TEXT NOT NULL,
    published TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (actor_id, role, published, row_id)
) WITHOUT ROWID;
CREATE INDEX actor_rows_article ON actor_rows(article_id);
"""

#: (table, actor column, role) of the rows ``actor_rows`` indexes
_ROLES = (("quotes", "speaker_id", "quote"), ("events", "source_id", "source"), ("events", "target_id", "target"))


def _rows_select(where: str = "") -> str:
    return " UNION ALL ".join(
        f"SELECT t.{column}, '{role}', coalesce(a.published, ''), t.id, t.article_id FROM {table} t"
        f" JOIN articles a ON a.id = t.article_id WHERE t.{column} IS NOT NULL{where}"
        for table, column, role in _ROLES)


ROWS_BACKFILL = f"INSERT INTO actor_rows(actor_id, role, published, row_id, article_id) {_rows_select()};"

BACKFILL = f"""
INSERT INTO actor_totals(actor_id, {", ".join(TOTALS)}) {_TOTALS_SELECT};
INSERT INTO actor_days(actor_id, day, state_affiliated, {", ".join(DAYS)}) {_DAYS_SELECT};
"""

# An article that becomes a copy (or stops being one) moves between originals and copies in the
# rows of every actor it mentions.
SQLITE_TRIGGER = """
CREATE TRIGGER actor_days_copies AFTER UPDATE OF duplicate_of ON articles
WHEN (old.duplicate_of IS NULL) != (new.duplicate_of IS NULL) BEGIN
    UPDATE actor_days SET copies = copies + (CASE WHEN new.duplicate_of IS NULL THEN -1 ELSE 1 END)
    WHERE day = coalesce(new.published, '') AND state_affiliated = new.state_affiliated
      AND actor_id IN (SELECT actor_id FROM mentions WHERE article_id = new.id);
END;
"""

POSTGRES_TRIGGER = """
CREATE FUNCTION actor_days_copies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE actor_days SET copies = copies + (CASE WHEN NEW.duplicate_of IS NULL THEN -1 ELSE 1 END)
    WHERE day = coalesce(NEW.published, '') AND state_affiliated = NEW.state_affiliated
      AND actor_id IN (SELECT actor_id FROM mentions WHERE article_id = NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER actor_days_copies AFTER UPDATE OF duplicate_of ON articles FOR EACH ROW
    WHEN ((OLD.duplicate_of IS NULL) <> (NEW.duplicate_of IS NULL))
    EXECUTE FUNCTION actor_days_copies();
"""


@dataclass(slots=True)
class ActorTally:
    """Changes to the counts, summed over a batch (signed: an article analysed again takes its
    old counts away)."""

    totals: dict[str, list[int]] = field(default_factory=dict)
    days: dict[tuple[str, str, int], list[int]] = field(default_factory=dict)

    def add(self, day: str | None, state_affiliated: int, copy: bool, mentioned: Iterable[str],
            speakers: Iterable[str | None], sources: Iterable[str | None],
            targets: Iterable[str | None], sign: int = 1) -> None:
        """One article's share: the actor ids of its mentions (one per mention), the speakers of
        its quotations and the sources and targets of its events."""
        per_actor: dict[str, int] = {}
        for actor in mentioned:
            per_actor[actor] = per_actor.get(actor, 0) + 1
        for actor, n in per_actor.items():
            self._total(actor, 0, n * sign)
            self._total(actor, 1, sign)
            row = self.days.setdefault((actor, day or "", state_affiliated), [0, 0])
            row[0] += sign
            row[1] += sign * copy
        for column, actors in ((2, speakers), (3, sources), (4, targets)):
            for actor in actors:
                if actor:
                    self._total(actor, column, sign)

    def add_document(self, doc: Document, row: Mapping[str, Any], copy: bool = False,
                     sign: int = 1) -> None:
        """A document about to be written, with its ``articles`` row (date and outlet group)."""
        self.add(row.get("published"), int(row.get("state_affiliated") or 0), copy,
                 (m.actor_id for m in doc.mentions), (q.speaker_id for q in doc.quotes),
                 (e.source_id for e in doc.events), (e.target_id for e in doc.events), sign)

    def _total(self, actor: str, column: int, delta: int) -> None:
        self.totals.setdefault(actor, [0] * len(TOTALS))[column] += delta


def subtract_stored(conn: Any, article_ids: Sequence[str], tally: ActorTally, chunk: int = 500
                    ) -> set[str]:
    """Take away the counts of these stored articles (about to be analysed again), read from the
    rows they have now; return those the linker marked as copies (they stay copies)."""
    copies: set[str] = set()
    for i in range(0, len(article_ids), chunk):
        ids = list(article_ids[i:i + chunk])
        marks = ",".join("?" * len(ids))
        lists: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {
            a: ([], [], [], []) for a in ids}
        for article_id, actor in conn.execute(
                f"SELECT article_id, actor_id FROM mentions WHERE article_id IN ({marks})", ids):
            lists[article_id][0].append(actor)
        for article_id, speaker in conn.execute(
                f"SELECT article_id, speaker_id FROM quotes WHERE article_id IN ({marks})", ids):
            lists[article_id][1].append(speaker)
        for article_id, source, target in conn.execute(
                f"SELECT article_id, source_id, target_id FROM events WHERE article_id IN ({marks})", ids):
            lists[article_id][2].append(source)
            lists[article_id][3].append(target)
        for article_id, published, state, original in conn.execute(
                f"SELECT id, published, state_affiliated, duplicate_of FROM articles WHERE id IN ({marks})",
                ids):
            mentioned, speakers, sources, targets = lists[article_id]
            tally.add(published, int(state or 0), original is not None, mentioned, speakers,
                      sources, targets, sign=-1)
            if original is not None:
                copies.add(article_id)
    return copies


def derive_about(conn: Any, article_ids: Sequence[str], reanalysed: Sequence[str] = (),
                 chunk: int = 500) -> None:
    """Write the ``quotes_about`` and ``actor_rows`` rows of these articles from their stored
    rows, dropping first the old rows of those analysed again (``reanalysed``)."""
    for i in range(0, len(reanalysed), chunk):
        ids = list(reanalysed[i:i + chunk])
        for table in ("quotes_about", "actor_rows"):
            conn.execute(f"DELETE FROM {table} WHERE article_id IN ({','.join('?' * len(ids))})", ids)
    for i in range(0, len(article_ids), chunk):
        ids = list(article_ids[i:i + chunk])
        marks = ",".join("?" * len(ids))
        conn.execute(f"INSERT INTO quotes_about(actor_id, published, quote_id, article_id) "
                     f"{_ABOUT_SELECT} AND q.article_id IN ({marks})", ids)
        conn.execute("INSERT INTO actor_rows(actor_id, role, published, row_id, article_id) "
                     f"{_rows_select(f' AND t.article_id IN ({marks})')}", ids * len(_ROLES))


def actor_rows(conn: Any) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """``actor_rows`` as kept and as derived from the annotations (for checks and tests)."""
    kept_rows = {tuple(r) for r in conn.execute(
        "SELECT actor_id, role, published, row_id, article_id FROM actor_rows")}
    return kept_rows, {tuple(r) for r in conn.execute(_rows_select())}


def about_rows(conn: Any) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """``quotes_about`` as kept and as derived from the annotations (for checks and tests)."""
    kept_rows = {tuple(r) for r in conn.execute(
        "SELECT actor_id, published, quote_id, article_id FROM quotes_about")}
    return kept_rows, {tuple(r) for r in conn.execute(_ABOUT_SELECT)}


def totals(conn: Any, actor_id: str) -> dict[str, int]:
    """One actor's counts, by the names of :data:`TOTALS` (zeros for an actor never mentioned)."""
    row = conn.execute(f"SELECT {', '.join(TOTALS)} FROM actor_totals WHERE actor_id = ?",
                       (actor_id,)).fetchone()
    return dict(zip(TOTALS, (int(x) for x in row) if row else (0,) * len(TOTALS), strict=True))


def write(conn: Any, tally: ActorTally) -> None:
    """Add the tally to the tables (one statement per table for the whole batch)."""
    totals = [(actor, *counts) for actor, counts in tally.totals.items() if any(counts)]
    if totals:
        sets = ", ".join(f"{c} = actor_totals.{c} + excluded.{c}" for c in TOTALS)
        conn.executemany(
            f"INSERT INTO actor_totals(actor_id, {', '.join(TOTALS)}) VALUES (?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT(actor_id) DO UPDATE SET {sets}", totals)
    days = [(*key, *counts) for key, counts in tally.days.items() if any(counts)]
    if days:
        sets = ", ".join(f"{c} = actor_days.{c} + excluded.{c}" for c in DAYS)
        conn.executemany(
            f"INSERT INTO actor_days(actor_id, day, state_affiliated, {', '.join(DAYS)}) "
            f"VALUES (?, ?, ?, ?, ?) ON CONFLICT(actor_id, day, state_affiliated) DO UPDATE SET {sets}",
            days)


def recount(conn: Any) -> tuple[dict[str, tuple[int, ...]], dict[tuple[str, str, int], tuple[int, int]]]:
    """Both tables as the annotations say they should be (rows whose counts are all zero left out)."""
    totals = {r[0]: tuple(int(x) for x in r[1:]) for r in conn.execute(_TOTALS_SELECT)}
    days = {(r[0], r[1], int(r[2])): (int(r[3]), int(r[4])) for r in conn.execute(_DAYS_SELECT)}
    return totals, days


def kept(conn: Any) -> tuple[dict[str, tuple[int, ...]], dict[tuple[str, str, int], tuple[int, int]]]:
    """Both tables as stored (rows whose counts are all zero left out, as :func:`recount` does)."""
    totals = {r[0]: tuple(int(x) for x in r[1:]) for r in conn.execute(
        f"SELECT actor_id, {', '.join(TOTALS)} FROM actor_totals") if any(r[1:])}
    days = {(r[0], r[1], int(r[2])): (int(r[3]), int(r[4])) for r in conn.execute(
        f"SELECT actor_id, day, state_affiliated, {', '.join(DAYS)} FROM actor_days") if any(r[3:])}
    return totals, days
