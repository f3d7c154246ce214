"""The Store protocol: the small interface every backend implements.

SQLite (``cronaca.store.sqlite``) is the embedded default; PostgreSQL (``cronaca.store.postgres``)
implements the same protocol for a shared server. ``open_store(url)`` chooses by the URL. Nothing above the store (CLI, web, linker) touches SQL; the store never imports NLP
code. Writes are idempotent upserts keyed by content ids, so re-running an ingest is safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..types import Actor, Document
from .dates import check_date


@dataclass(frozen=True, slots=True)
class AddResult:
    stored: int = 0  # new articles written
    duplicates: int = 0  # articles already in the store (same content id)


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters shared by search, the timeline, exports, the API and the web pages."""

    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    outlet: str | None = None
    outlet_group: str | None = None  # "state_affiliated" | "other"
    actor: str | None = None  # actor id or name
    event_type: str | None = None
    language: str | None = None
    flag: str | None = None
    include_duplicates: bool = False

    def __post_init__(self) -> None:
        """Impossible dates are refused here, wherever the filters come from (CLI, API, code)."""
        check_date(self.since, "since")
        check_date(self.until, "until")


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str  # with the match wrapped in <mark>…</mark> (the text itself is HTML-escaped)
    score: float


@dataclass(frozen=True, slots=True)
class Page:
    """One page of results with a stable cursor for the next one (None at the end)."""

    items: list[Any]
    total: int
    next_cursor: str | None = None
    #: False when ``total`` is an estimate (a search matching more than it counts exactly)
    exact: bool = True


@runtime_checkable
class Store(Protocol):
    """What every backend offers. The linker's tables and methods (stories, links, merged
    events) come on top, from ``cronaca.store.linkstore.LinkTables``."""

    def close(self) -> None: ...

    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction: what is written inside lands together or not at all."""

    # -- writing -----------------------------------------------------------------------------
    def seen_raw(self, raw_hashes: Iterable[str]) -> set[str]:
        """Which of these raw-input hashes were already ingested (restartable ingest)."""

    def add_documents(self, docs: Sequence[Document]) -> AddResult:
        """Upsert articles with their annotations and provenance, in one transaction."""

    def add_actors(self, actors: Iterable[Actor]) -> int:
        """Write the knowledge base's full actor records."""

    # -- reading -----------------------------------------------------------------------------
    def get_document(self, article_id: str) -> Document | None: ...

    def get_documents(self, article_ids: Sequence[str]) -> list[Document]:
        """The stored documents of ``article_ids``, in that order (unknown ids left out)."""

    def iter_documents(self, filters: Filters = Filters()) -> Iterator[Document]: ...

    def iter_rows(self, table: str, filters: Filters = Filters()) -> Iterator[list[dict[str, Any]]]:
        """Batches of flat rows of one table (articles, mentions, quotes, times, events, actors,
        and the linker's stories, story_articles, article_links, merged_events, event_reports)."""

    def count_articles(self, filters: Filters = Filters()) -> int: ...

    def provenance(self, article_id: str) -> list[dict[str, Any]]: ...

    def search(self, query: str, filters: Filters = Filters(), *, limit: int = 20,
               cursor: str | None = None, sort: str = "relevance") -> Page: ...

    def actors(self, filters: Filters = Filters(), *, kind: str | None = None, limit: int = 50,
               cursor: str | None = None) -> Page: ...

    def actor(self, name_or_id: str) -> dict[str, Any] | None: ...

    def quotes(self, speaker: str | None = None, filters: Filters = Filters(), *,
               kind: str | None = None, limit: int = 50, cursor: str | None = None) -> Page: ...

    def events(self, type: str | None = None, since: str | None = None, until: str | None = None,
               *, actor: str | None = None, filters: Filters = Filters(),
               include_negated: bool = False, limit: int = 50, cursor: str | None = None) -> Page: ...

    def meta(self) -> dict[str, Any]:
        """Schema version, counts and date span: what ``cronaca stats`` and the home page show."""


@dataclass
class StoreConfig:
    url: str = "cronaca.db"  # a path (SQLite) or postgresql://…
    options: dict[str, Any] = field(default_factory=dict)


def open_store(url: str = "cronaca.db", *, read_only: bool = False) -> Store:
    """Open a store by URL: ``postgresql://…`` (or ``postgres://…``) is a PostgreSQL database
    (it must exist; its tables are created), a plain path or ``sqlite:///path`` is SQLite (created
    if missing). ``read_only`` keeps a PostgreSQL session from writing (the web app's)."""
    from .pgconn import is_postgres_url

    if is_postgres_url(url):
        from .postgres import PostgresStore

        return PostgresStore(url, read_only=read_only)
    from .sqlite import SQLiteStore

    path = str(url).removeprefix("sqlite:///")
    return SQLiteStore(path)


def is_server_url(url: str) -> bool:
    """Whether ``url`` names a database server (not a file): nothing to check on the disk."""
    from .pgconn import is_postgres_url

    return is_postgres_url(str(url))
