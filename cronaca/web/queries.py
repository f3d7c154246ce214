"""The one query layer behind the JSON API and the HTML pages.

Why one layer: what a page shows and what ``/api/...`` returns must be the same answer, so both
call these functions and only differ in how they render the result. Each function takes the
thread's read-only store (``cronaca.web.db.Database.store()``), reads with the store's own
methods where they exist (search, documents) and with read-only SQL over the store's schema
(``cronaca.store.migrations``, helpers in ``sql.py``) for the page-specific aggregates: actor co-occurrence, attention
over time, timeline buckets. Results are plain JSON-ready dicts and :class:`Listing` pages.

Lists are keyset-paginated (``cursors.py``): stable while ingest adds rows, no hidden cap, the
same cost for page 1 and page 1,000. Corpus-wide aggregates (top actors, attention) are cached
per process (``cache.py``); stories live in ``stories.py``.

The linker's tables (stories, merged events) may be absent: every story query checks for them
and returns empty results, so the pages degrade to empty sections.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ..errors import QueryError
from ..store import actorstats
from ..store.base import Filters
from ..store.dialect import dialect_of
from . import cursors
from .cache import cached, tables
from .querysyntax import check_query
from .sql import (
    MAX_LIMIT,
    Listing,
    article_where,
    fetch_rows,
    keyset_page,
    name_key,
    originals_only,
    outlet_profile,
    page_size,
    resolve_actor,
    scalar,
)
from .stories import stories, story, story_of, story_summary

__all__ = [
    "MAX_LIMIT", "Listing", "actor", "actor_attention", "actors", "article", "article_json",
    "articles", "attention", "co_actors", "events", "facets", "meta", "overview", "quotes",
    "resolve_actor", "search", "stories", "story", "story_summary", "timeline",
]

log = logging.getLogger(__name__)


# -- overview --------------------------------------------------------------------------------

def meta(store: Any) -> dict[str, Any]:
    conn = store.conn

    def compute(conn: Any) -> dict[str, Any]:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT outlet), min(published), max(published) "
            "FROM articles WHERE duplicate_of IS NULL").fetchone()
        out = {"articles": row[0], "outlets": row[1], "first_date": row[2], "last_date": row[3],
               "articles_with_duplicates": scalar(conn, "SELECT count(*) FROM articles"),
               "actors": scalar(conn, "SELECT count(*) FROM actors"),
               "quotes": scalar(conn, "SELECT count(*) FROM quotes"),
               "events": scalar(conn, "SELECT count(*) FROM events"),
               "stories": 0}
        if "stories" in tables(conn):
            out["stories"] = scalar(conn, "SELECT count(*) FROM stories")
        return out

    return cached(conn, ("meta",), compute)


def _actor_counts(conn: Any) -> list[dict[str, Any]]:
    """Every actor with its article and mention counts, most-mentioned first (cached; the counts
    are kept as articles are written: :mod:`cronaca.store.actorstats`)."""
    def compute(conn: Any) -> list[dict[str, Any]]:
        rows = fetch_rows(conn, """
            SELECT t.actor_id AS id, coalesce(ac.name, t.actor_id) AS name, ac.kind AS kind,
                   t.articles AS articles, t.mentions AS mentions
            FROM actor_totals t LEFT JOIN actors ac ON ac.id = t.actor_id
            WHERE t.mentions > 0""")
        rows.sort(key=lambda r: (-r["articles"], -r["mentions"], r["id"]))
        return rows

    return cached(conn, ("actor_counts",), compute)


def attention(store: Any, f: Filters = Filters(), actor_ids: list[str] | None = None
              ) -> dict[str, Any]:
    """Articles per day, one series per outlet group (chart-ready: labels + series)."""
    conn = store.conn
    where, params = article_where(conn, f)
    if actor_ids:
        marks = ",".join("?" * len(actor_ids))
        sql = (f"SELECT a.published AS day, a.state_affiliated AS g, count(*) AS n FROM articles a "
               f"WHERE a.id IN (SELECT article_id FROM mentions WHERE actor_id IN ({marks})) "
               f"AND length(a.published) = 10 AND {where} GROUP BY 1, 2 ORDER BY 1")
        params = [*actor_ids, *params]
    else:
        sql = (f"SELECT a.published AS day, a.state_affiliated AS g, count(*) AS n FROM articles a "
               f"WHERE length(a.published) = 10 AND {where} GROUP BY 1, 2 ORDER BY 1")

    def compute(conn: Any) -> dict[str, Any]:
        days: dict[str, list[int]] = {}
        for day, g, n in conn.execute(sql, params):
            days.setdefault(day, [0, 0])[1 if g else 0] += n
        return _buckets(days, actor_ids[0] if actor_ids and len(actor_ids) == 1 else None)

    return cached(conn, ("attention", sql, tuple(params)), compute)


def _buckets(days: dict[str, list[int]], actor: str | None) -> dict[str, Any]:
    """Per-day counts as chart series: days when the span is short, months otherwise, with the
    empty days/months filled in so the time axis is true to scale."""
    import datetime as dt

    if not days:
        return {"labels": [], "series": [], "hrefs": [], "bucket": "day"}
    first, last = dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))
    by_day = (last - first).days <= 92
    counts: dict[str, list[int]] = {}
    if by_day:
        d = first
        while d <= last:
            counts[d.isoformat()] = [0, 0]
            d += dt.timedelta(days=1)
    else:
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            counts[f"{y:04d}-{m:02d}"] = [0, 0]
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    for day, (other, state) in days.items():
        c = counts[day if by_day else day[:7]]
        c[0] += other
        c[1] += state
    labels = list(counts)
    extra = f"&actor={actor}" if actor else ""
    hrefs = []
    for label in labels:
        if by_day:
            hrefs.append(f"/search?since={label}&until={label}&sort=date{extra}")
        else:
            y, m = int(label[:4]), int(label[5:7])
            end = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
            hrefs.append(f"/search?since={label}-01&until={end}&sort=date{extra}")
    return {"labels": labels, "bucket": "day" if by_day else "month", "hrefs": hrefs,
            "series": [{"label": "other outlets", "data": [counts[k][0] for k in labels]},
                       {"label": "state-affiliated outlets", "data": [counts[k][1] for k in labels]}]}


def overview(store: Any) -> dict[str, Any]:
    conn = store.conn
    live = originals_only(conn, "duplicate_of")
    latest = fetch_rows(conn, "SELECT id, title, outlet, published FROM articles "
                         f"WHERE {live} ORDER BY published DESC, pk DESC LIMIT 10")
    return {"meta": meta(store), "top_actors": _actor_counts(conn)[:15],
            "latest_stories": stories(store, limit=8).items, "latest_articles": latest,
            "attention": attention(store)}


# -- facets for the filter forms ---------------------------------------------------------------

def facets(store: Any) -> dict[str, Any]:
    """The choices the filter forms offer: outlets, outlet groups, event types, languages, flags."""
    conn = store.conn

    def compute(conn: Any) -> dict[str, Any]:
        from ..errors import ResourceError
        from ..resources.outlets import load_outlets

        try:
            index = load_outlets()
        except ResourceError:  # a broken user outlet file must not break the search page
            log.warning("outlet profiles unavailable", exc_info=True)
            index = None
        dialect = dialect_of(conn)

        def values(column: str) -> list[Any]:
            return [r[0] for r in conn.execute(dialect.distinct_values("articles", column))]

        outlets = []
        for o in values("outlet"):
            prof = index.for_domain(o) or index.for_name(o) if index else None
            outlets.append({"value": o, "label": f"{prof.name} ({o})" if prof and prof.name != o else o})
        return {
            "outlets": outlets,
            "outlet_groups": [("state_affiliated", "state-affiliated"), ("other", "other outlets")],
            "event_types": [r[0] for r in conn.execute(dialect.distinct_values("events", "type"))],
            "languages": values("language"),
            # the distinct arrays are few (an outlet's flags repeat on each of its articles)
            "flags": sorted({flag for array in values("flags") for flag in json.loads(array)}),
        }

    return cached(conn, ("facets",), compute)


# -- search ----------------------------------------------------------------------------------

def search(store: Any, q: str, f: Filters = Filters(), *, sort: str = "relevance",
           cursor: str | None = None, limit: int = 20) -> Listing:
    """Full-text search through the store's index; malformed syntax is a :class:`QueryError`."""
    q = check_query(q)
    if sort not in ("relevance", "date"):
        raise QueryError("sort is 'relevance' or 'date'")
    if not q:
        return _browse_articles(store, f, cursor, limit, as_hits=True)
    try:
        page = store.search(q, f, limit=page_size(limit), cursor=cursor, sort=sort)
    except QueryError:
        raise
    except (*dialect_of(store.conn).query_errors(), ValueError) as exc:
        raise QueryError(f"the search index cannot read {q!r} ({exc}). Write words, "
                         '"exact phrases", OR/NOT between terms, prefix*.') from exc
    items = [{"article_id": h.article_id, "title": h.title, "outlet": h.outlet,
              "published": h.published, "snippet": h.snippet, "score": h.score}
             for h in page.items]
    return Listing(items, page.total, page.next_cursor, page.exact)


def _browse_articles(store: Any, f: Filters, cursor: str | None, limit: int,
                     as_hits: bool = False) -> Listing:
    """Articles matching the filters, newest first (a search without words)."""
    conn = store.conn
    where, params = article_where(conn, f)
    total = scalar(conn, f"SELECT count(*) FROM articles a WHERE {where}", params)
    key = cursors.decode("articles", cursor, 2)
    page_where, page_params = where, list(params)
    if key:
        page_where += " AND (coalesce(a.published, ''), a.pk) < (?, ?)"
        page_params += key
    n = page_size(limit)
    rows = fetch_rows(conn, f"""
        SELECT a.pk, a.id, a.title, a.outlet, a.published, a.language, a.flags, a.url,
               a.duplicate_of, a.story_id, substr(a.text, 1, 240) AS lead
        FROM articles a WHERE {page_where}
        ORDER BY coalesce(a.published, '') DESC, a.pk DESC LIMIT ?""", [*page_params, n + 1])
    nxt = None
    if len(rows) > n:
        rows = rows[:n]
        nxt = cursors.encode("articles", [rows[-1]["published"] or "", rows[-1]["pk"]])
    items = []
    for r in rows:
        if as_hits:
            from markupsafe import escape

            items.append({"article_id": r["id"], "title": r["title"], "outlet": r["outlet"],
                          "published": r["published"], "snippet": str(escape(r["lead"])) + "…",
                          "score": 0.0})
        else:
            r.pop("pk")
            r["flags"] = json.loads(r["flags"])
            items.append(r)
    return Listing(items, total, nxt)


def articles(store: Any, f: Filters = Filters(), *, cursor: str | None = None,
             limit: int = 50) -> Listing:
    return _browse_articles(store, f, cursor, limit)


# -- one article -----------------------------------------------------------------------------


def article(store: Any, article_id: str) -> dict[str, Any] | None:
    """A document with everything its page links to: actors, provenance, story, duplicates."""
    doc = store.get_document(article_id)
    if doc is None:
        return None
    conn = store.conn
    art = doc.article
    actors: dict[str, dict[str, Any]] = {}
    for m in doc.mentions:
        entry = actors.setdefault(m.actor_id, {"id": m.actor_id, "name": m.actor_name,
                                               "label": m.label, "count": 0, "role": None})
        entry["count"] += 1
        entry["role"] = entry["role"] or m.role
    row = conn.execute("SELECT duplicate_of, story_id FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    duplicate_of, story_id = (row if row else (None, None))
    prof = outlet_profile(art.outlet)
    out = {
        "doc": doc,
        "article": art,
        "actors": sorted(actors.values(), key=lambda e: (-e["count"], e["name"])),
        "provenance": fetch_rows(conn, "SELECT raw_hash, origin, format, ingested_at FROM raw_inputs "
                                  "WHERE article_id = ? ORDER BY ingested_at", (article_id,)),
        "duplicate_of": None,
        "duplicates": fetch_rows(conn, "SELECT id, title, outlet, published FROM articles "
                                  "WHERE duplicate_of = ? ORDER BY published, pk", (article_id,)),
        "story": None,
        "merged": merged_of(conn, article_id),
        "outlet_name": prof.name if prof else None,
        "state_affiliated": bool(prof.state_affiliated) if prof else
        ("state_affiliated_outlet" in art.flags),
    }
    if duplicate_of:
        dup = fetch_rows(conn, "SELECT id, title, outlet, language FROM articles WHERE id = ?", (duplicate_of,))
        out["duplicate_of"] = dup[0] if dup else {"id": duplicate_of, "title": None, "language": None}
        # a copy in another language than its original is a translation of it
        out["duplicate_of"]["translation"] = bool(
            out["duplicate_of"]["language"] and art.language and out["duplicate_of"]["language"] != art.language)
    sid = story_id or story_of(conn, article_id)
    if sid:
        out["story"] = story_summary(store, sid) or {"id": sid, "title": None}
    return out


def merged_of(conn: Any, article_id: str) -> dict[int, dict[str, Any]]:
    """Event index -> the merged event its report belongs to (id, date, reports, outlets, story): how
    an event this article leaves undated ("la riunione del Consiglio") gets its day elsewhere."""
    rows = fetch_rows(conn, "SELECT r.idx, m.id, m.date, m.reports, m.outlets, m.story_id FROM event_reports r "
                            "JOIN merged_events m ON m.id = r.event_id WHERE r.article_id = ?", (article_id,))
    return {r.pop("idx"): r for r in rows}


def article_json(view: dict[str, Any]) -> dict[str, Any]:
    """The JSON form of :func:`article` (the API's answer for one article)."""
    from ..store.codec import document_to_json

    data = document_to_json(view["doc"])
    data["links"] = {k: view[k] for k in ("actors", "provenance", "duplicate_of", "duplicates",
                                          "story", "outlet_name", "state_affiliated")}
    data["links"]["merged_events"] = {str(i): m for i, m in view["merged"].items()}
    return data


# -- actors ----------------------------------------------------------------------------------

def actors(store: Any, *, q: str | None = None, kind: str | None = None,
           cursor: str | None = None, limit: int = 50) -> Listing:
    """Actors by how many articles mention them; ``q`` matches any name or variant."""
    conn = store.conn
    rows = _actor_counts(conn)
    if kind:
        rows = [r for r in rows if r["kind"] == kind.upper()]
    if q:
        key = name_key(q)
        ids = {r[0] for r in conn.execute(
            "SELECT DISTINCT actor_id FROM actor_names WHERE key LIKE ? ESCAPE '\\'",
            ("%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",))}
        rows = [r for r in rows if r["id"] in ids or key in name_key(r["name"] or "")]
    total = len(rows)
    key = cursors.decode("actors", cursor, 3)
    if key:
        k = (-key[0], -key[1], key[2])
        start = next((i for i, r in enumerate(rows)
                      if (-r["articles"], -r["mentions"], r["id"]) > k), len(rows))
    else:
        start = 0
    n = page_size(limit)
    page = rows[start:start + n]
    nxt = None
    if start + n < len(rows) and page:
        last = page[-1]
        nxt = cursors.encode("actors", [last["articles"], last["mentions"], last["id"]])
    return Listing([dict(r) for r in page], total, nxt)


SAMPLE = 1000  # articles an actor's co-occurrence is estimated from, when it has more


def actor(store: Any, actor_id: str, *, sample: int = 20) -> dict[str, Any] | None:
    """Everything the actor page shows; lists are the latest ``sample`` rows (the API pages on).

    Why the care: on a large store a head-of-state appears in most articles, so every aggregate
    over "this actor's rows" touches hundreds of thousands of them. Counts are kept at write time
    (:mod:`cronaca.store.actorstats`); the aggregates (names, roles, co-occurrence) are computed
    once and cached (:func:`cached`); the preview lists are index ranges of the rows kept for the
    actor by date (:func:`_actor_lists`).
    """
    conn = store.conn
    rows = fetch_rows(conn, "SELECT * FROM actors WHERE id = ?", (actor_id,))
    if not rows:
        return None
    a = rows[0]
    for k, default in (("variants", "[]"), ("roles", "[]"), ("external_ids", "{}")):
        a[k] = json.loads(a.get(k) or default)
    prof = cached(conn, ("actor_profile", actor_id), lambda c: _actor_profile(c, actor_id))
    counts = prof["counts"]
    lists = cached(conn, ("actor_lists", actor_id, sample),
                   lambda c: _actor_lists(c, actor_id, counts, sample))
    names = {}
    for k in ("parent", "country"):
        if a.get(k):
            names[f"{k}_name"] = scalar(conn, "SELECT name FROM actors WHERE id = ?", (a[k],))
    return {
        "actor": a,
        "counts": counts,
        "surface_forms": prof["surface_forms"],
        "surface_texts": [x["text"] for x in prof["surface_forms"]],
        "roles_seen": prof["roles_seen"],
        **lists,
        "co_actors": prof["co_actors"],
        "co_actors_sampled": prof["co_actors_sampled"],
        "sampled": prof["sampled"],
        "attention": prof["attention"],
        **names,
    }


def _actor_lists(conn: Any, actor_id: str, counts: dict[str, int], sample: int
                 ) -> dict[str, list[dict[str, Any]]]:
    """The newest quotations by and about the actor and its events as source and target, each
    an index range of the rows kept for it at write time (``actor_rows``, ``quotes_about``)."""
    q_cols = ("q.id, q.article_id, a.title, a.outlet, a.published, q.kind, q.speaker_id, "
              "q.speaker, q.cue, q.text")
    e_cols = ("e.id, e.article_id, a.title, a.outlet, a.published, e.type, e.source_id, e.source, "
              "e.target_id, e.target, e.date, e.place, e.evidence")
    live = originals_only(conn)

    def latest(cols: str, table: str, alias: str, role: str, count: str) -> list[dict[str, Any]]:
        if not counts.get(count, 1):
            return []
        return fetch_rows(conn, f"""SELECT {cols} FROM actor_rows r JOIN {table} {alias} ON {alias}.id = r.row_id
                          JOIN articles a ON a.id = r.article_id WHERE r.actor_id = ? AND r.role = ?
                          AND {live} ORDER BY r.published DESC, r.row_id DESC LIMIT ?""",
                          (actor_id, role, sample))

    about = fetch_rows(conn, f"""SELECT {q_cols} FROM quotes_about qa JOIN quotes q ON q.id = qa.quote_id
                       JOIN articles a ON a.id = qa.article_id WHERE qa.actor_id = ? AND {live}
                       ORDER BY qa.published DESC, qa.quote_id DESC LIMIT ?""", (actor_id, sample))
    return {"quotes_by": latest(q_cols, "quotes", "q", "quote", "quotes_by"), "quotes_about": about,
            "events_source": latest(e_cols, "events", "e", "source", "events_source"),
            "events_target": latest(e_cols, "events", "e", "target", "events_target")}


def _actor_profile(conn: Any, actor_id: str) -> dict[str, Any]:
    """The actor's aggregates: counts, names used, roles over time, attention, co-occurrence.

    Counts and attention are exact. Names, roles and co-occurring actors are counted over the
    actor's articles when it has at most :data:`SAMPLE` of them, otherwise over a uniform random
    sample of that many (article ids are content hashes, so the first ids in index order are a
    random sample) and scaled up; the page says when figures are estimates. Every name the actor
    goes by is listed in full from ``actor_names``, sampled or not.
    """
    counts = actorstats.totals(conn, actor_id)
    sampled = counts["articles"] > SAMPLE
    scale = counts["articles"] / SAMPLE if sampled else 1.0
    sample_sql = ("SELECT DISTINCT article_id FROM mentions WHERE actor_id = ? "
                  "ORDER BY article_id LIMIT ?")
    surface = fetch_rows(conn, f"""
        SELECT text, count(*) AS count FROM mentions
        WHERE actor_id = ? AND article_id IN ({sample_sql})
        GROUP BY text ORDER BY count DESC, text LIMIT 50""", (actor_id, actor_id, SAMPLE))
    seen = {r["text"] for r in surface}
    for (name,) in conn.execute("SELECT name FROM actor_names WHERE actor_id = ? ORDER BY name",
                                (actor_id,)):
        if name not in seen:
            surface.append({"text": name, "count": None})
            seen.add(name)
    for r in surface:
        if r["count"] is not None:
            r["count"] = round(r["count"] * scale)
    roles_seen = fetch_rows(conn, f"""
        SELECT m.role AS role, min(a.published) AS first, max(a.published) AS last,
               count(DISTINCT m.article_id) AS count
        FROM mentions m JOIN articles a ON a.id = m.article_id
        WHERE m.actor_id = ? AND m.article_id IN ({sample_sql})
          AND m.role IS NOT NULL AND m.role != ''
        GROUP BY m.role ORDER BY first, count DESC LIMIT 50""", (actor_id, actor_id, SAMPLE))
    for r in roles_seen:
        r["count"] = round(r["count"] * scale)
    days: dict[str, list[int]] = {}
    for day, g, n in conn.execute(
            "SELECT day, state_affiliated, articles - copies FROM actor_days "
            "WHERE actor_id = ? AND length(day) = 10 AND articles > copies", (actor_id,)):
        days.setdefault(day, [0, 0])[1 if g else 0] += n
    co = fetch_rows(conn, f"""
        SELECT m2.actor_id AS id, count(DISTINCT m2.article_id) AS articles
        FROM ({sample_sql}) s JOIN mentions m2 ON m2.article_id = s.article_id
        WHERE m2.actor_id != ? GROUP BY m2.actor_id ORDER BY articles DESC, id LIMIT 15""",
               (actor_id, SAMPLE, actor_id))
    for r in co:
        info = conn.execute("SELECT name, kind FROM actors WHERE id = ?", (r["id"],)).fetchone()
        r["name"], r["kind"] = (info[0], info[1]) if info else (r["id"], None)
        r["articles"] = round(r["articles"] * scale)
    return {"counts": counts, "surface_forms": surface, "roles_seen": roles_seen,
            "attention": _buckets(days, actor_id), "co_actors": co, "co_actors_sampled": sampled,
            "sampled": sampled}


def co_actors(store: Any, actor_id: str, limit: int = 15) -> list[dict[str, Any]]:
    """The actors that share the most articles with ``actor_id`` (estimated on large stores)."""
    conn = store.conn
    return cached(conn, ("actor_profile", actor_id),
                  lambda c: _actor_profile(c, actor_id))["co_actors"][:limit]


def actor_attention(store: Any, actor_id: str) -> dict[str, Any]:
    """Articles per day (or month) mentioning the actor, by outlet group."""
    conn = store.conn
    return cached(conn, ("actor_profile", actor_id),
                  lambda c: _actor_profile(c, actor_id))["attention"]


# -- quotes and events -----------------------------------------------------------------------

def quotes(store: Any, *, speaker: str | None = None, about: str | None = None,
           f: Filters = Filters(), cursor: str | None = None, limit: int = 50) -> Listing:
    """Quotations, newest article first. ``speaker``: said by; ``about``: naming the actor."""
    conn = store.conn
    where, params = article_where(conn, f)
    cond, cparams = [where], list(params)
    if speaker:
        ids = resolve_actor(conn, speaker)
        if ids:
            cond.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
            cparams.extend(ids)
        else:
            cond.append("lower(q.speaker) LIKE lower(?)")
            cparams.append(f"%{speaker}%")
    if about:
        ids = resolve_actor(conn, about) or ["\x00"]
        marks = ",".join("?" * len(ids))
        cond.append(f"""q.id IN (SELECT quote_id FROM quotes_about WHERE actor_id IN ({marks}))
                        AND coalesce(q.speaker_id, '') NOT IN ({marks})""")
        cparams.extend(ids + ids)
    return keyset_page(conn, "quotes", f"""
        SELECT q.id, q.article_id, a.title, a.outlet, a.published, q.kind, q.speaker_id, q.speaker,
               q.cue, q.text, q.start, q."end", q.confidence
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE {' AND '.join(cond)}""", cparams, "coalesce(a.published, '')", "q.id",
                   None, cursor, limit)


def events(store: Any, *, type: str | None = None, actor: str | None = None,
           role: str | None = None, f: Filters = Filters(), cursor: str | None = None,
           limit: int = 50, dated: bool = False, since: str | None = None,
           until: str | None = None) -> Listing:
    """Events, latest first. ``actor`` with ``role`` source/target (or either).

    ``dated``: only events with a date, ordered by it (the timeline's list; read through the
    date index, so a page costs the same on any store size). Otherwise every event, ordered by
    its date or, when it has none, its article's publication date.
    """
    conn = store.conn
    where, params = article_where(conn, f)
    cond, cparams = [where], list(params)
    if dated:
        cond.append("e.date IS NOT NULL")
    if since:  # on the event's own date (a 2008 event reported in 2022 is in 2008)
        cond.append("e.date >= ?")
        cparams.append(since)
    if until:
        cond.append("e.date <= ?")
        cparams.append(until + "\uffff")
    if type:
        cond.append("e.type = ?")
        cparams.append(type.upper())
    if f.since:
        cond.append("(e.date IS NULL OR e.date >= ?)")
        cparams.append(f.since[: 10])
    if actor:
        ids = resolve_actor(conn, actor) or ["\x00"]
        marks = ",".join("?" * len(ids))
        if role not in (None, "", "source", "target", "any"):
            raise QueryError("role is 'source', 'target' or 'any'")
        sides = {"source": ["e.source_id"], "target": ["e.target_id"]}.get(
            role or "", ["e.source_id", "e.target_id"])
        cond.append("(" + " OR ".join(f"{s} IN ({marks})" for s in sides) + ")")
        for _ in sides:
            cparams.extend(ids)
    return keyset_page(conn, "events", f"""
        SELECT e.id, e.article_id, a.title, a.outlet, a.published, a.state_affiliated, e.type,
               e.source_id, e.source, e.target_id, e.target, e.date, e.date_precision,
               e.place_id, e.place, e.cue, e.mode, e.evidence, e.start, e."end", e.confidence
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE {' AND '.join(cond)}""", cparams,
                   "e.date" if dated else "coalesce(e.date, a.published, '')", "e.id",
                   "events_dated" if dated else "events", cursor, limit)


# -- timeline --------------------------------------------------------------------------------

def timeline(store: Any, f: Filters = Filters(), *, type: str | None = None,
             cursor: str | None = None, limit: int = 50) -> dict[str, Any]:
    """Events bucketed by (day, type) for the chart, the stories in the period, and a page of
    the events themselves. Each chart point links to the evidence behind it."""
    conn = store.conn
    etype = type or f.event_type
    where, params = article_where(conn, Filters(
        since=None, until=None, outlet=f.outlet, outlet_group=f.outlet_group, actor=None,
        event_type=None, language=f.language, flag=f.flag, include_duplicates=f.include_duplicates))
    cond, cparams = [where, "length(e.date) >= 7"], list(params)
    if etype:
        cond.append("e.type = ?")
        cparams.append(etype.upper())
    if f.since:
        cond.append("e.date >= ?")
        cparams.append(f.since)
    if f.until:
        cond.append("e.date <= ?")
        cparams.append(f.until + "\uffff")
    if f.actor:
        ids = resolve_actor(conn, f.actor) or ["\x00"]
        marks = ",".join("?" * len(ids))
        cond.append(f"(e.source_id IN ({marks}) OR e.target_id IN ({marks}))")
        cparams.extend(ids + ids)
    from urllib.parse import urlencode

    def drill(typ: str, date: str) -> str:
        q = {"event_type": typ, "since": date, "until": date, "actor": f.actor,
             "outlet_group": f.outlet_group, "outlet": f.outlet}
        return "/timeline?" + urlencode({k: v for k, v in q.items() if v})

    points = []
    merged = _has_merged(conn) if not (f.outlet or f.outlet_group or f.language
                                       or f.flag) else None
    if merged is not None:
        merged = cached(conn, ("merged_points", f, etype), lambda c: _merged_points(c, f, etype))
        for date, typ, n, reports, story_id, one in merged:
            href = (f"/articles/{one}" if n == 1 and one else
                    f"/stories/{story_id}" if n == 1 and story_id else drill(typ, date))
            points.append({"date": date, "type": typ, "count": reports or n, "events": n,
                           "href": href})
    else:
        sql = f"""SELECT e.date AS date, e.type AS type, count(*) AS n, min(e.article_id) AS one
                  FROM events e JOIN articles a ON a.id = e.article_id
                  WHERE {' AND '.join(cond)} GROUP BY e.date, e.type ORDER BY e.date"""
        rows = cached(conn, ("event_points", sql, tuple(cparams)),
                      lambda c: [tuple(r) for r in c.execute(sql, cparams)])
        for date, typ, n, one in rows:
            href = f"/articles/{one}" if n == 1 else drill(typ, date)
            points.append({"date": date, "type": typ, "count": n, "events": n, "href": href})
    types = sorted({p["type"] for p in points})
    story_rows = stories(store, f=f, limit=50).items
    chart = {"types": types, "points": points, "merged": merged is not None,
             "stories": [{"id": s["id"], "title": s["title"] or s["id"], "first": s["first_date"],
                          "last": s["last_date"] or s["first_date"], "articles": s["articles"],
                          "href": f"/stories/{s['id']}"}
                         for s in story_rows if s.get("first_date")]}
    listing = events(store, type=etype, actor=f.actor, f=Filters(
        outlet=f.outlet, outlet_group=f.outlet_group, language=f.language, flag=f.flag,
        include_duplicates=f.include_duplicates), since=f.since, until=f.until,
        cursor=cursor, limit=limit, dated=True)
    return {"chart": chart, "events": listing}


def _has_merged(conn: Any) -> bool | None:
    """True when the linker has merged events (None otherwise: the raw events are shown)."""
    if "merged_events" in tables(conn) and scalar(conn, "SELECT 1 FROM merged_events LIMIT 1"):
        return True
    return None


def _merged_points(conn: Any, f: Filters, etype: str | None) -> list[tuple]:
    """(date, type, events, reports, story, article) per day and type from the linker's merged
    events: one point per happening, however many articles report it."""
    cond, params = ["length(m.date) >= 7"], []
    if etype:
        cond.append("m.type = ?")
        params.append(etype.upper())
    if f.since:
        cond.append("m.date >= ?")
        params.append(f.since)
    if f.until:
        cond.append("m.date <= ?")
        params.append(f.until + "\uffff")
    if f.actor:
        ids = resolve_actor(conn, f.actor) or ["\x00"]
        marks = ",".join("?" * len(ids))
        cond.append(f"(m.actor_a IN ({marks}) OR m.actor_b IN ({marks}))")
        params += ids + ids
    rows = conn.execute(f"""
        SELECT m.date, m.type, count(*), sum(m.reports), max(m.story_id), max(m.id)
        FROM merged_events m WHERE {' AND '.join(cond)}
        GROUP BY m.date, m.type ORDER BY m.date""", params).fetchall()
    out = []
    for date, typ, n, reports, story_id, event_id in rows:
        one = scalar(conn, "SELECT article_id FROM event_reports WHERE event_id = ? LIMIT 1",
                      (event_id,)) if n == 1 else None
        out.append((date, typ, n, reports, story_id, one))
    return out
