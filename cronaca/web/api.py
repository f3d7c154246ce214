"""The JSON API under ``/api``: everything the pages show, as data.

Every list endpoint is keyset-paginated (``limit`` up to 500 per page, ``cursor`` = the previous
page's ``next_cursor``; no cap on how far one may page) and can be downloaded whole with
``?format=csv`` or ``?format=jsonl`` (streamed, bounded memory). Errors are JSON objects
``{"error": ..., "message": ...}``: 400 for a query or parameter the server cannot understand,
404 for an unknown id; never a 500 for bad input.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from ..eventtypes import check_event_type
from ..store.base import Filters
from . import queries
from .formats import download
from .querysyntax import check_query

router = APIRouter(prefix="/api", tags=["api"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Format = Literal["json", "csv", "jsonl"]


def filter_params(
    since: Annotated[str | None, Query(pattern=DATE, description="From this date (YYYY[-MM[-DD]]), inclusive.")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="Up to this date, inclusive.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet domain or name as stored.")] = None,
    outlet_group: Annotated[Literal["state_affiliated", "other"] | None, Query(description="state_affiliated or other.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id, name or variant (articles mentioning it).")] = None,
    event_type: Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. CONSULT.")] = None,
    language: Annotated[str | None, Query(max_length=10)] = None,
    flag: Annotated[str | None, Query(max_length=60, description="Quality flag, e.g. machine_translated.")] = None,
    include_duplicates: Annotated[bool, Query(description="Count copies of other articles too.")] = False,
) -> Filters:
    return Filters(since=since or None, until=until or None, outlet=outlet or None,
                   outlet_group=outlet_group or None, actor=actor or None,
                   event_type=check_event_type(event_type), language=language or None, flag=flag or None,
                   include_duplicates=include_duplicates)


FiltersDep = Annotated[Filters, Depends(filter_params)]
Cursor = Annotated[str | None, Query(max_length=2000, description="next_cursor of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="Rows per page.")]
Fmt = Annotated[Format, Query(description="json (one page), csv or jsonl (the whole result set, streamed).")]


def _store(request: Request) -> Any:
    return request.app.state.db.store()


def _listing(request: Request, fetch, fmt: str, name: str, cursor: str | None) -> Any:
    """One page as JSON, or the whole result set from ``cursor`` on as a streamed download."""
    if fmt == "json":
        return fetch(cursor).to_json()
    return download(fetch, fmt, name, cursor)


@router.get("/meta", summary="Corpus size, date span and counts")
def api_meta(request: Request) -> dict[str, Any]:
    return queries.meta(_store(request))


@router.get("/overview", summary="What the home page shows: counts, top actors, latest stories, attention")
def api_overview(request: Request) -> dict[str, Any]:
    return queries.overview(_store(request))


@router.get("/search", summary="Full-text search over titles and texts, with filters",
            description='Syntax: words (all must match), "exact phrase", OR / AND / NOT, prefix*, ( ). '
                        "Malformed syntax gives 400 with a message saying what to fix.")
def api_search(request: Request, f: FiltersDep,
               q: Annotated[str, Query(max_length=500, description="The search.")] = "",
               sort: Literal["relevance", "date"] = "relevance",
               cursor: Cursor = None, limit: Limit = 20, format: Fmt = "json") -> Any:
    check_query(q)  # syntax errors -> 400 before a download starts streaming

    def fetch(c):
        return queries.search(request.app.state.db.store(), q, f, sort=sort, cursor=c, limit=limit)
    return _listing(request, fetch, format, "search", cursor)


@router.get("/articles", summary="Articles matching the filters, newest first")
def api_articles(request: Request, f: FiltersDep, cursor: Cursor = None, limit: Limit = 50,
                 format: Fmt = "json") -> Any:
    def fetch(c):
        return queries.articles(request.app.state.db.store(), f, cursor=c, limit=limit)
    return _listing(request, fetch, format, "articles", cursor)


@router.get("/articles/{article_id}", summary="One article with its annotations, provenance and links")
def api_article(request: Request, article_id: str) -> dict[str, Any]:
    view = queries.article(_store(request), article_id)
    if view is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return queries.article_json(view)


@router.get("/actors", summary="Actors by how many articles mention them")
def api_actors(request: Request,
               q: Annotated[str | None, Query(max_length=200, description="Name or variant contains.")] = None,
               kind: Annotated[Literal["PER", "ORG", "GPE", "LOC", "EVENT", "MISC"] | None, Query()] = None,
               cursor: Cursor = None, limit: Limit = 50, format: Fmt = "json") -> Any:
    def fetch(c):
        return queries.actors(request.app.state.db.store(), q=q, kind=kind, cursor=c, limit=limit)
    return _listing(request, fetch, format, "actors", cursor)


@router.get("/actors/{actor_id}", summary="An actor: names, roles, quotes by and about, events, co-occurring actors, attention")
def api_actor(request: Request, actor_id: str) -> dict[str, Any]:
    view = queries.actor(_store(request), actor_id)
    if view is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    view.pop("surface_texts", None)
    return view


@router.get("/quotes", summary="Quotations, newest first",
            description="speaker: said by this actor (id, name or variant); about: quotations naming the actor.")
def api_quotes(request: Request, f: FiltersDep,
               speaker: Annotated[str | None, Query(max_length=200)] = None,
               about: Annotated[str | None, Query(max_length=200)] = None,
               cursor: Cursor = None, limit: Limit = 50, format: Fmt = "json") -> Any:
    def fetch(c):
        return queries.quotes(request.app.state.db.store(), speaker=speaker, about=about, f=f,
                              cursor=c, limit=limit)
    return _listing(request, fetch, format, "quotes", cursor)


@router.get("/events", summary="PLOVER events, latest first")
def api_events(request: Request, f: FiltersDep,
               type: Annotated[str | None, Query(max_length=40, description="PLOVER type.")] = None,
               actor: Annotated[str | None, Query(max_length=200, description="Source or target actor.")] = None,
               role: Literal["source", "target", "any"] = "any",
               cursor: Cursor = None, limit: Limit = 50, format: Fmt = "json") -> Any:
    event_type = check_event_type(type)

    def fetch(c):
        return queries.events(request.app.state.db.store(), type=event_type, actor=actor, role=role,
                              f=f, cursor=c, limit=limit)
    return _listing(request, fetch, format, "events", cursor)


@router.get("/timeline", summary="Events per day and type, stories over time, and a page of events")
def api_timeline(request: Request, f: FiltersDep, cursor: Cursor = None, limit: Limit = 50) -> dict[str, Any]:
    t = queries.timeline(_store(request), f, cursor=cursor, limit=limit)
    return {"chart": t["chart"], "events": t["events"].to_json()}


@router.get("/attention", summary="Articles per day by outlet group (optionally for one actor)")
def api_attention(request: Request, f: FiltersDep) -> dict[str, Any]:
    store = _store(request)
    if f.actor:
        ids = queries.resolve_actor(store.conn, f.actor)
        return queries.attention(store, Filters(**{**_asdict(f), "actor": None}), actor_ids=ids or ["\x00"])
    return queries.attention(store, f)


@router.get("/stories", summary="Stories (groups of articles about one happening), latest first")
def api_stories(request: Request, f: FiltersDep, cursor: Cursor = None, limit: Limit = 50,
                format: Fmt = "json") -> Any:
    def fetch(c):
        return queries.stories(request.app.state.db.store(), f=f, cursor=c, limit=limit)
    return _listing(request, fetch, format, "stories", cursor)


@router.get("/stories/{story_id}", summary="A story: articles by outlet, merged events, outlet comparison")
def api_story(request: Request, story_id: str) -> dict[str, Any]:
    view = queries.story(_store(request), story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return view


@router.get("/stories/{story_id}/comparison", summary="Outlet comparison for a story, side by side")
def api_comparison(request: Request, story_id: str) -> Any:
    view = queries.story(_store(request), story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return JSONResponse({"story": view["story"], "outlets": view["comparison"]})


def _asdict(f: Filters) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(f)
