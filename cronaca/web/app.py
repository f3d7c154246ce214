"""The ASGI application: HTML pages and a JSON API over one query layer.

``create_app(db_path)`` builds a FastAPI app that only reads the knowledge base, so it can run
beside ``cronaca ingest`` on the same file. Pages (``pages.py``) and the API (``api.py``) call the
same functions in ``queries.py``; what a page shows, the API returns as JSON, CSV or JSON Lines.

Security, because article text, titles and URLs come from scraped pages and are untrusted:
Jinja2 autoescape is on for every template, only http(s) URLs become links, the article body is
escaped segment by segment (``highlight.py``), and every response carries a strict
Content-Security-Policy that allows scripts and styles from this origin only (no inline script),
so even a rendering bug cannot run injected code. Nothing is loaded from a CDN: the charting
library is vendored under ``static/vendor`` and the API docs page is rendered locally.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import CronacaError, QueryError
from .db import Database

log = logging.getLogger(__name__)

HERE = Path(__file__).parent

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"


#: Requests a server process answers at once (its thread pool; each thread keeps one store
#: connection). AnyIO's default of 40 threads per process opened up to 40 PostgreSQL connections
#: per process: two processes and the cache's refresh exhausted a server's 50, and a handful of
#: processes its default 100; on a few cores more threads only queue for the GIL.
DEFAULT_THREADS = 8


def create_app(db_path: str | Path, threads: int | None = None) -> FastAPI:
    """The web application over the knowledge base at ``db_path`` (read-only), answering at most
    ``threads`` requests at once per process (``$CRONACA_WEB_THREADS``, else
    :data:`DEFAULT_THREADS`)."""
    import os

    import anyio.to_thread

    from . import api, pages  # imported here so `cronaca --help` stays light

    db = Database(db_path)
    limit = threads if threads is not None else int(os.environ.get("CRONACA_WEB_THREADS") or DEFAULT_THREADS)
    if limit < 1:
        raise ValueError(f"threads must be at least 1, not {limit}")

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        anyio.to_thread.current_default_thread_limiter().total_tokens = limit
        yield
        db.close()

    app = FastAPI(
        title="cronaca",
        summary="Source-attributed knowledge base of news about international politics.",
        version="1",
        docs_url=None,  # FastAPI's docs page loads Swagger from a CDN; /docs is rendered locally
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db = db

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "public, max-age=3600")
        return response

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError):
        if _wants_html(request):
            return pages.error_page(request, 400, "This search cannot be understood", str(exc))
        return JSONResponse({"error": "bad_query", "message": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors())
        if _wants_html(request):
            return pages.error_page(request, 400, "Some parameters are not valid", problems)
        return JSONResponse({"error": "bad_parameters", "message": problems}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _wants_html(request):
            title = "Not found" if exc.status_code == 404 else "Request failed"
            return pages.error_page(request, exc.status_code, title, str(exc.detail))
        return JSONResponse({"error": "not_found" if exc.status_code == 404 else "http_error",
                             "message": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(CronacaError)
    async def cronaca_error(request: Request, exc: CronacaError):
        log.warning("request %s failed: %s", request.url.path, exc)
        if _wants_html(request):
            return pages.error_page(request, 503, "The knowledge base cannot answer", str(exc))
        return JSONResponse({"error": "store", "message": str(exc)}, status_code=503)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception):
        # A bug must not show a bare traceback page; it is logged with its traceback.
        log.error("request %s failed", request.url.path, exc_info=exc)
        if _wants_html(request):
            return pages.error_page(request, 500, "Something went wrong",
                                    "This page could not be built; the error has been logged.")
        return JSONResponse({"error": "internal", "message": "the server failed; see its log"},
                            status_code=500)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(HeadAsGet)
    return app


class HeadAsGet:
    """Answer ``HEAD`` as ``GET`` without the body (HTTP requires HEAD wherever GET works;
    FastAPI's routes accept only the methods they declare, so monitors got 405)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def app_from_env() -> FastAPI:
    """Factory for multi-process serving (``uvicorn --factory``): the store path is $CRONACA_DB."""
    import os

    return create_app(os.environ.get("CRONACA_DB", "cronaca.db"))
