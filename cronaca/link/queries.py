"""The Python API behind ``cronaca stories``, ``story``, ``timeline`` and ``compare``.

Each function takes an open store (``cronaca.store.open_store``) and returns plain data (dicts
and dataclasses) that the CLI prints, the web app renders and exports write: one query layer.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..errors import QueryError
from ..eventtypes import check_event_type
from ..store.dates import check_date
from .compare import Comparison, compare
from .timeline import attention, entries


def stories(store: Any, *, since: str | None = None, until: str | None = None,
            actor: str | None = None, limit: int | None = None, min_articles: int = 1) -> list[dict]:
    """Stories, most recent first: id, title, span, articles (ids, origins, outlets), actors."""
    since, until = check_date(since, "since"), check_date(until, "until")
    rows = store.list_stories(since=since, until=until, actor=actor, limit=limit,
                              min_articles=min_articles)
    return [_summary(s) for s in rows]


def _summary(s: dict) -> dict:
    return {
        "id": s["id"], "title": s["title"], "first_date": s["first_date"], "last_date": s["last_date"],
        "articles": len(s["articles"]) - s["duplicates"], "duplicates": s["duplicates"],
        "article_ids": [a["id"] for a in s["articles"]],
        "files": [o for a in s["articles"] for o in a["origins"]],
        "outlets": sorted({o for a in s["articles"]
                           for o in (a["outlet"], *(c["outlet"] for c in a.get("carriers", ())))
                           if o}),
        "actors": [a["name"] for a in s["actors"][:6]],
        "event_types": s["event_types"],
    }


def resolve_story(store: Any, story_id: str) -> str:
    """A story id from a full id or an unambiguous prefix (as ``git`` does with commits)."""
    rows = [r[0] for r in store.conn.execute(
        "SELECT id FROM stories WHERE id >= ? AND id < ? LIMIT 2", (story_id, story_id + "\uffff"))]
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise QueryError(f"no story {story_id!r}; `cronaca stories` lists them")
    raise QueryError(f"{story_id!r} names several stories; give more characters")


def story(store: Any, story_id: str) -> dict:
    """One story with its articles and its merged events (each with its reports)."""
    sid = resolve_story(store, story_id)
    detail = store.story_detail(sid)
    detail["events"] = [
        {**{k: v for k, v in asdict(m).items() if k != "reports"},
         "reports": [asdict(r) for r in m.reports]}
        for m in store.story_events(sid)
    ]
    return detail


def timeline(store: Any, *, actor: str | None = None, since: str | None = None,
             until: str | None = None, event_type: str | None = None,
             outlet_group: str | None = None, limit: int = 1000) -> dict:
    """Merged events over time (filtered), the stories in the range, and attention per day."""
    if outlet_group not in (None, "state_affiliated", "other"):
        raise QueryError(f"outlet group must be state_affiliated or other, not {outlet_group!r}")
    since, until = check_date(since, "since"), check_date(until, "until")
    event_type = check_event_type(event_type)
    ids = store.actor_ids_for(actor) if actor else []
    events = store.merged_events(actor_ids=ids, since=since, until=until, event_type=event_type,
                                 limit=limit)
    return {
        "events": [asdict(e) for e in entries(events, outlet_group)],
        "stories": [_summary(s) for s in store.list_stories(since=since, until=until, actor=actor)],
        "attention": attention(store.attention(since=since, until=until, actor_ids=ids)),
    }


def compare_story(store: Any, story_id: str, *, include_duplicates: bool = False) -> Comparison:
    """Side-by-side outlet comparison of one story."""
    sid = resolve_story(store, story_id)
    detail = store.story_detail(sid)
    docs = [d for d in (store.get_document(a["id"]) for a in detail["articles"]) if d is not None]
    dups = [a["id"] for a in detail["articles"] if a["duplicate"]]
    carriers = {a["id"]: [c["outlet"] for c in a.get("carriers", ())] for a in detail["articles"]}
    return compare(sid, docs, store.story_events(sid), dups, include_duplicates, carriers)
