"""Server-rendered HTML pages over the same query layer as the API.

Why server-rendered: a page is complete and readable as soon as its HTML arrives (tables,
lists, highlighted text); the small ``static/app.js`` only draws charts from data already in the
page. Templates are Jinja2 with autoescape on; the only HTML built in Python is the highlighted
article body (``highlight.py``), escaped segment by segment.

The search form's state lives in the URL (``/search?q=…&since=…``), so a search can be shared.
A search the index cannot understand is shown back with a message saying what to fix (HTTP 400),
never a server error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, Undefined
from markupsafe import Markup, escape

from ..errors import QueryError
from ..eventtypes import check_event_type
from ..store.base import Filters
from . import queries
from .highlight import highlight_document, safe_href
from .querysyntax import SYNTAX_HELP

router = APIRouter(include_in_schema=False)

def _date_source(source: str) -> str:
    """Say where an event's date comes from, in words a reader checks against the text."""
    if source.startswith("known:"):
        return "known event " + source.split(":", 1)[1]
    return {"clause": "stated in the clause", "sentence": "stated in the sentence",
            "publication": "publication date", "ongoing": "publication month",
            "narrative": "the day the previous sentence tells",
            "instance": "the day the article tells for the same event"}.get(source, source)


_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=True, undefined=Undefined, trim_blocks=False)

_SNIPPET_TAG = re.compile(r"<(?!/?mark>)")


def _snippet(value: str | None) -> Markup:
    """A store snippet (escaped text + ``<mark>``): any other tag is neutralised, defensively."""
    return Markup(_SNIPPET_TAG.sub("&lt;", value or ""))


def _pathseg(value: Any) -> str:
    return quote(str(value), safe="")


_ENV.filters["safe_href"] = safe_href
_ENV.filters["snippet"] = _snippet
_ENV.filters["urlencode"] = _pathseg
_ENV.filters["date_source"] = _date_source


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_ENV.get_template(name).render(**context), status_code=status)


def error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return render("error.html", status, title=title, message=message,
                  help=SYNTAX_HELP if status == 400 and request.url.path == "/search" else None)


def _store(request: Request) -> Any:
    return request.app.state.db.store()


_FILTER_KEYS = ("since", "until", "outlet", "outlet_group", "actor", "event_type", "language",
                "flag")


def _filters(request: Request) -> Filters:
    """Filters from the query string; a malformed value is a :class:`QueryError` (400 page)."""
    p = request.query_params
    values = {k: (p.get(k) or "").strip() or None for k in _FILTER_KEYS}
    values["event_type"] = check_event_type(values["event_type"])  # dates: Filters checks them
    if values["outlet_group"] and values["outlet_group"] not in ("state_affiliated", "other"):
        raise QueryError("outlet group is 'state_affiliated' or 'other'")
    return Filters(**values, include_duplicates=p.get("include_duplicates") in ("true", "1", "on"))


def _url(path: str, request: Request, **changes: Any) -> str:
    params = {k: v for k, v in request.query_params.items() if v}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = v
    return path + ("?" + urlencode(params) if params else "")


def _limit(request: Request, default: int) -> int:
    raw = request.query_params.get("limit")
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= queries.MAX_LIMIT:
        raise QueryError(f"limit must be a number from 1 to {queries.MAX_LIMIT}")
    return int(raw)


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    return render("overview.html", o=queries.overview(_store(request)))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    store = _store(request)
    q = request.query_params.get("q", "")
    sort = request.query_params.get("sort") or "relevance"
    cursor = request.query_params.get("cursor")
    context: dict[str, Any] = {"q": q, "sort": sort, "facets": queries.facets(store),
                               "syntax_help": SYNTAX_HELP, "quick_q": q, "result": None,
                               "error": None}
    status = 200
    try:
        f = _filters(request)
        context["f"] = f
        asked = bool(q.strip()) or any(getattr(f, k) for k in _FILTER_KEYS)
        if asked:
            context["result"] = queries.search(store, q, f, sort=sort, cursor=cursor,
                                               limit=_limit(request, 20))
    except QueryError as exc:
        context["f"] = context.get("f") or Filters()
        context["error"] = f"This search cannot be understood: {exc}"
        status = 400
    res = context["result"]
    context["next_url"] = _url("/search", request, cursor=res.next_cursor) if res and res.next_cursor else None
    context["download_csv"] = _url("/api/search", request, cursor=None, format="csv")
    context["download_jsonl"] = _url("/api/search", request, cursor=None, format="jsonl")
    context["api_url"] = _url("/api/search", request)
    return render("search.html", status, **context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    view = queries.article(_store(request), article_id)
    if view is None:
        raise HTTPException(404, f"There is no article {article_id!r} in this knowledge base.")
    view["body"] = highlight_document(view["doc"])
    return render("article.html", a=view)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request) -> HTMLResponse:
    q = request.query_params.get("q") or None
    kind = request.query_params.get("kind") or None
    page = queries.actors(_store(request), q=q, kind=kind,
                          cursor=request.query_params.get("cursor"), limit=_limit(request, 50))
    nxt = _url("/actors", request, cursor=page.next_cursor) if page.next_cursor else None
    return render("actors.html", page=page, q=q or "", kind=kind, next_url=nxt)


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str) -> HTMLResponse:
    view = queries.actor(_store(request), actor_id)
    if view is None:
        raise HTTPException(404, f"There is no actor {actor_id!r} in this knowledge base.")
    return render("actor.html", v=view)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    store = _store(request)
    f = _filters(request)
    t = queries.timeline(store, f, cursor=request.query_params.get("cursor"),
                         limit=_limit(request, 50))
    ev = t["events"]
    return render("timeline.html", t=t, f=f, facets=queries.facets(store),
                  next_url=_url("/timeline", request, cursor=ev.next_cursor) if ev.next_cursor else None,
                  download_csv=_url("/api/events", request, cursor=None, format="csv",
                                    type=f.event_type, event_type=None),
                  download_jsonl=_url("/api/events", request, cursor=None, format="jsonl",
                                      type=f.event_type, event_type=None))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    page = queries.stories(_store(request), f=_filters(request),
                           cursor=request.query_params.get("cursor"), limit=_limit(request, 50))
    nxt = _url("/stories", request, cursor=page.next_cursor) if page.next_cursor else None
    return render("stories.html", page=page, next_url=nxt)


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    view = queries.story(_store(request), story_id)
    if view is None:
        raise HTTPException(404, f"There is no story {story_id!r} in this knowledge base.")
    return render("story.html", s=view)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    return render("docs.html", spec=request.app.openapi())


__all__ = ["error_page", "escape", "render", "router"]
