"""The Store protocol: the small interface every backend implements.

SQLite (``cronaca.store.sqlite``) is the embedded default; a PostgreSQL backend will implement the
same protocol. Nothing above the store (CLI, web, linker) touches SQL; the store never imports NLP
code. Writes are idempotent upserts keyed by content ids, so re-running an ingest is safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Protocol, Sequence, runtime_checkable

from ..types import Document, Story


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


@runtime_checkable
class Store(Protocol):
    def close(self) -> None: ...

    # -- writing -----------------------------------------------------------------------------
    def seen_raw(self, raw_hashes: Iterable[str]) -> set[str]:
        """Which of these raw-input hashes were already ingested (restartable ingest)."""

    def add_documents(self, docs: Sequence[Document]) -> AddResult:
        """Upsert articles with their annotations and provenance, in one transaction."""

    def put_stories(self, stories: Sequence[Story]) -> None: ...

    def put_links(self, kind: str, pairs: Sequence[tuple[str, str, float]]) -> None:
        """Store article->article links, e.g. ``("duplicate", copy_id, original_id, score)``."""

    # -- reading -----------------------------------------------------------------------------
    def get_document(self, article_id: str) -> Document | None: ...

    def iter_documents(self, filters: Filters = Filters()) -> Iterator[Document]: ...

    def count_articles(self, filters: Filters = Filters()) -> int: ...

    def search(self, query: str, filters: Filters = Filters(), *, limit: int = 20,
               cursor: str | None = None, sort: str = "relevance") -> Page: ...

    def meta(self) -> dict[str, Any]:
        """Schema version, counts and date span: what ``cronaca stats`` and the home page show."""


@dataclass
class StoreConfig:
    url: str = "cronaca.db"  # a path (SQLite) or postgresql://…
    options: dict[str, Any] = field(default_factory=dict)


def open_store(url: str = "cronaca.db") -> Store:
    """Open a store by URL: a plain path or ``sqlite:///path`` is SQLite (created if missing)."""
    if url.startswith(("postgresql://", "postgres://")):
        from ..errors import StoreError

        raise StoreError("PostgreSQL support is planned; use a SQLite path for now")
    from .sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///")
    return SQLiteStore(path)
