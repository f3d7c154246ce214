"""Stories for the web: lists, one story with its articles by outlet, merged events and the
outlet comparison.

The linker's own query layer (``cronaca.link.queries`` and the ``LinkTables`` methods of the
store) answers when its tables are there, so a story page shows what ``cronaca story`` and
``cronaca compare`` print. Before linking (or with an older store) the tables are absent and
every function degrades to empty results, so the pages show empty sections, never an error.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ..store.base import Filters
from .cache import columns_of, tables
from .sql import Listing, fetch_rows, keyset_page, name_key, outlet_profile, scalar

log = logging.getLogger(__name__)


# -- stories ---------------------------------------------------------------------------------

def story_of(conn: Any, article_id: str) -> str | None:
    if "story_articles" not in tables(conn):
        return None
    return scalar(conn, "SELECT story_id FROM story_articles WHERE article_id = ? LIMIT 1",
                   (article_id,))


def stories(store: Any, *, f: Filters = Filters(), cursor: str | None = None,
            limit: int = 50) -> Listing:
    """Stories, latest first. Empty when the linker has not run (its tables are absent)."""
    conn = store.conn
    if "stories" not in tables(conn):
        return Listing([], 0, None)
    cols = columns_of(conn, "stories")
    first = "first_date" if "first_date" in cols else "NULL"
    last = "last_date" if "last_date" in cols else first
    title = "title" if "title" in cols else "id"
    cond, params = ["1=1"], []
    if f.since:
        cond.append(f"coalesce({last}, {first}) >= ?")
        params.append(f.since)
    if f.until:
        cond.append(f"{first} <= ?")
        params.append(f.until + "\uffff")
    members = _members_sql(conn)
    size = ("s.size" if "size" in cols else
            f"(SELECT count(*) FROM ({members}) sa WHERE sa.story_id = s.id)")
    rows_sql = f"""SELECT s.id AS id, {title} AS title, {first} AS first_date, {last} AS last_date,
                  {size} AS articles,
                  (SELECT count(DISTINCT o) FROM (
                     SELECT a.outlet AS o FROM ({members}) sa
                       JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id
                     UNION SELECT r.outlet FROM ({members}) sa
                       JOIN raw_inputs r ON r.article_id = sa.article_id WHERE sa.story_id = s.id
                   ) carried) AS outlets
                  FROM stories s WHERE {' AND '.join(cond)}"""
    return keyset_page(conn, "stories", rows_sql, params, "coalesce(last_date, first_date, '')",
                   "id", None, cursor, limit)


def _members_sql(conn: Any) -> str:
    if "story_articles" in tables(conn):
        return "SELECT story_id, article_id FROM story_articles"
    return "SELECT story_id, id AS article_id FROM articles WHERE story_id IS NOT NULL"


def story_summary(store: Any, story_id: str) -> dict[str, Any] | None:
    conn = store.conn
    if "stories" not in tables(conn):
        return None
    listing = fetch_rows(conn, f"SELECT * FROM ({_stories_base(conn)}) story WHERE id = ?", (story_id,))
    return listing[0] if listing else None


def _stories_base(conn: Any) -> str:
    cols = columns_of(conn, "stories")
    first = "first_date" if "first_date" in cols else "NULL"
    last = "last_date" if "last_date" in cols else first
    title = "title" if "title" in cols else "id"
    members = _members_sql(conn)
    return (f"SELECT s.id AS id, {title} AS title, {first} AS first_date, {last} AS last_date, "
            f"(SELECT count(*) FROM ({members}) sa WHERE sa.story_id = s.id) AS articles "
            f"FROM stories s")


def story(store: Any, story_id: str) -> dict[str, Any] | None:
    """A story: its articles grouped by outlet, merged events and the outlet comparison.

    The linker's own query layer (``cronaca.link.queries``) answers when it is installed, so the
    page shows what ``cronaca story`` and ``cronaca compare`` print; otherwise the story is read
    from the tables and the events are grouped here.
    """
    conn = store.conn
    if "stories" not in tables(conn):
        return None
    detail = store.story_detail(story_id) if hasattr(store, "story_detail") else None
    if detail is not None:
        summary = {"id": detail["id"], "title": detail["title"],
                   "first_date": detail["first_date"], "last_date": detail["last_date"],
                   "articles": detail["size"], "duplicates": detail["duplicates"]}
        arts = detail["articles"]
        top = [{"id": a["id"], "name": a["name"], "n": a["mentions"]} for a in detail["actors"][:8]]
        events = _linked_events(store, story_id)
        comp = _linked_comparison(store, story_id)
    else:
        summary = story_summary(store, story_id)
        if summary is None:
            return None
        arts = fetch_rows(conn, f"""
            SELECT a.id, a.title, a.outlet, a.published, a.state_affiliated, a.duplicate_of
            FROM ({_members_sql(conn)}) sa JOIN articles a ON a.id = sa.article_id
            WHERE sa.story_id = ? ORDER BY a.outlet, a.published, a.pk""", (story_id,))
        ids = [a["id"] for a in arts]
        top = fetch_rows(conn, f"""
            SELECT m.actor_id AS id, max(m.actor_name) AS name, count(DISTINCT m.article_id) AS n
            FROM mentions m WHERE m.article_id IN ({','.join('?' * len(ids))})
            GROUP BY m.actor_id ORDER BY n DESC, id LIMIT 8""", ids) if ids else []
        events = merged_events(store, story_id, ids)
        comp = comparison(store, story_id, arts)
    by_outlet: dict[str, dict[str, Any]] = {}
    # an article under its own outlet, then under every outlet that ran the same text word for
    # word (one article in the store, several publishers: each must show)
    placed = [(a, a.get("outlet"), a) for a in arts] + [
        (a, c["outlet"], {**a, "published": c.get("published") or a.get("published"),
                          "same_text_as": a.get("outlet")})
        for a in arts for c in a.get("carriers", ())]
    for a, outlet, shown in placed:
        key = outlet or "unknown outlet"
        if key not in by_outlet:
            prof = outlet_profile(outlet)
            own = outlet == a.get("outlet")
            by_outlet[key] = {"outlet": outlet, "name": prof.name if prof else key,
                              "state_affiliated": bool(prof.state_affiliated if prof
                                                       else own and a.get("state_affiliated")),
                              "articles": []}
        by_outlet[key]["articles"].append(shown)
    return {"story": summary, "articles": arts, "by_outlet": list(by_outlet.values()),
            "actors": top, "events": events, "comparison": comp}


def _linked_events(store: Any, story_id: str) -> list[dict[str, Any]]:
    """The linker's merged events of a story, each with every report supporting it."""
    from dataclasses import asdict

    conn = store.conn
    out = []
    for m in store.story_events(story_id):
        d = {k: v for k, v in asdict(m).items() if k != "reports"}
        reports = [asdict(r) for r in m.reports]
        src = next((r["source_id"] for r in reports if r.get("source_id")), None)
        tgt = next((r["target_id"] for r in reports if r.get("target_id")), None)
        d["source_id"], d["target_id"] = src, tgt
        for side, aid in (("source", src), ("target", tgt)):
            if aid and not d.get(side):
                d[side] = scalar(conn, "SELECT name FROM actors WHERE id = ?", (aid,)) or aid
        d["reports"] = reports
        out.append(d)
    return out


def _linked_comparison(store: Any, story_id: str) -> list[dict[str, Any]]:
    """The linker's outlet comparison, shaped for the side-by-side columns."""
    try:
        from ..link.queries import compare_story

        comp = compare_story(store, story_id)
    except Exception:  # the comparison is an extra: the rest of the story page must still show
        log.warning("outlet comparison of %s failed", story_id, exc_info=True)
        return []
    if len(comp.outlets) < 2:
        return []
    ids = {a for e in comp.events.values() for a in e.get("actors", []) if a}
    names = dict(store.conn.execute(
        f"SELECT id, name FROM actors WHERE id IN ({','.join('?' * len(ids))})", list(ids))
    ) if ids else {}
    cols = []
    for v in comp.outlets:
        prof = outlet_profile(v.outlet)
        labels = []
        for eid in v.events:
            e = comp.events.get(eid, {})
            actors = " – ".join(names.get(a, a) for a in e.get("actors", []) if a)
            labels.append({"label": f"{e.get('type', '?')}: {actors}"
                                    + (f" ({e['date']})" if e.get("date") else ""), "count": None})
        cols.append({
            "outlet": v.outlet, "name": prof.name if prof else v.outlet,
            "state_affiliated": v.side == "state_affiliated", "side": v.side,
            "articles": list(v.articles), "copies": list(v.copies),
            "quoted": [{"name": k, "count": n} for k, n in v.quoted.items()],
            "events": labels,
            "wording": [{"term": k, "count": n} for k, n in v.wording.items()],
            "only_here": [{"text": q["text"], "speaker": q.get("speaker"),
                           "article_id": q.get("article_id")} for q in v.exclusive_quotes][:10],
        })
    return cols


def merged_events(store: Any, story_id: str, article_ids: list[str]) -> list[dict[str, Any]]:
    """The story's events grouped by (type, source, target, date) (before the linker runs)."""
    conn = store.conn
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = fetch_rows(conn, f"""
        SELECT e.id, e.article_id, a.outlet, e.type, e.source_id, e.source, e.target_id, e.target,
               e.date, e.place, e.evidence
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.article_id IN ({marks}) ORDER BY e.date, e.type, e.id""", article_ids)
    groups: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        key = (r["type"], r["source_id"] or r["source"], r["target_id"] or r["target"],
               (r["date"] or "")[:10])
        g = groups.setdefault(key, {k: r[k] for k in ("type", "source_id", "source", "target_id",
                                                      "target", "date", "place")} | {"reports": []})
        g["place"] = g["place"] or r["place"]
        g["reports"].append({"article_id": r["article_id"], "outlet": r["outlet"],
                             "evidence": r["evidence"], "event_id": r["id"]})
    return sorted(groups.values(), key=lambda g: (g["date"] or "9999", g["type"]))


def comparison(store: Any, story_id: str, arts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Side by side per outlet (before the linker runs): who is quoted, events, wording."""
    conn = store.conn
    outlets: dict[str, list[str]] = {}
    for a in arts:
        if a["duplicate_of"]:
            continue
        outlets.setdefault(a["outlet"] or "unknown outlet", []).append(a["id"])
    if len(outlets) < 2:
        return []
    wording = _wording_terms()
    cols = []
    quote_sets: dict[str, set[str]] = {}
    for outlet, ids in outlets.items():
        marks = ",".join("?" * len(ids))
        quoted = fetch_rows(conn, f"""SELECT coalesce(speaker, 'unknown') AS name, count(*) AS count
                         FROM quotes WHERE article_id IN ({marks}) GROUP BY 1
                         ORDER BY count DESC, name""", ids)
        evs = fetch_rows(conn, f"""SELECT type || ': ' || coalesce(source, '?')
                      || coalesce(' → ' || target, '') AS label, count(*) AS count
                      FROM events WHERE article_id IN ({marks}) GROUP BY 1
                      ORDER BY count DESC, label""", ids)
        qs = fetch_rows(conn, f"SELECT speaker, text FROM quotes WHERE article_id IN ({marks})", ids)
        texts = [r[0] for r in conn.execute(
            f"SELECT lower(text) FROM articles WHERE id IN ({marks})", ids)]
        words = []
        for term in wording:
            n = sum(t.count(term.lower()) for t in texts)
            if n:
                words.append({"term": term, "count": n})
        prof = outlet_profile(outlet)
        quote_sets[outlet] = {name_key(q["text"])[:60] for q in qs}
        cols.append({"outlet": outlet, "name": prof.name if prof else outlet,
                     "state_affiliated": bool(prof.state_affiliated) if prof else False,
                     "quoted": quoted, "events": evs, "wording": words, "_quotes": qs})
    for col in cols:
        others = set().union(*(v for k, v in quote_sets.items() if k != col["outlet"]))
        col["only_here"] = [q for q in col.pop("_quotes")
                            if name_key(q["text"])[:60] not in others][:10]
    return cols


def _wording_terms() -> list[str]:
    """Characteristic wording to count per outlet (the linker's data file, when present)."""
    from importlib import resources

    try:
        path = resources.files("cronaca.resources").joinpath("lexicons/it/wording.json")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, ModuleNotFoundError):
        return []
    terms: list[str] = []
    if isinstance(data, dict):
        for v in data.values():
            if isinstance(v, list):
                terms.extend(t if isinstance(t, str) else t.get("term", "") for t in v)
    elif isinstance(data, list):
        terms.extend(t if isinstance(t, str) else t.get("term", "") for t in data)
    return [t for t in terms if t]
