"""``cronaca link``: link the articles stored since the last run, in committed chunks.

Why chunks: a chunk is linked and committed in one transaction, so an interrupted run loses at
most one chunk and the next run resumes from the watermark (the highest ``articles.pk`` linked).
Only new articles are read; every decision is a point look-up in the linker's indexed tables, so
the time a run takes follows the number of new articles, not the size of the store.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Callable, Protocol

from ..types import Document
from .actors import seed_from_kb
from .linker import Linker, LinkResult

log = logging.getLogger(__name__)

CHUNK = 500


class LinkableStore(Protocol):
    """What linking needs of a store: the index protocol plus the link bookkeeping."""

    def transaction(self) -> AbstractContextManager[object]: ...
    def unlinked_articles(self, limit: int = 1000) -> list[tuple[int, str]]: ...
    def get_document(self, article_id: str) -> Document | None: ...
    def record_link(self, article_id: str, seq: int, story_id: str | None, story_score: float,
                    duplicate_of: str | None, duplicate_score: float) -> None: ...
    def counter(self, name: str) -> int: ...
    def set_counter(self, name: str, value: int) -> None: ...


@dataclass(frozen=True, slots=True)
class LinkSummary:
    linked: int = 0
    duplicates: int = 0
    new_stories: int = 0
    extended_stories: int = 0


def link(store: LinkableStore, *, chunk: int = CHUNK,
         progress: Callable[[int], None] | None = None) -> LinkSummary:
    """Link every stored article not linked yet; return what was decided, in numbers."""
    linker = Linker(store)  # type: ignore[arg-type]  (the store implements LinkIndex)
    if not store.counter("kb_seeded"):  # the knowledge base's people, so typos resolve to them
        with store.transaction():
            seed_from_kb(store)  # type: ignore[arg-type]
            store.set_counter("kb_seeded", 1)
    linked = dups = new = extended = 0
    while True:
        rows = store.unlinked_articles(chunk)
        if not rows:
            break
        docs = [d for d in (store.get_document(aid) for _, aid in rows) if d is not None]
        seq0 = store.counter("linked")
        with store.transaction():
            results: list[LinkResult] = linker.add(docs, first_order=seq0)
            for i, r in enumerate(results):
                store.record_link(r.article_id, seq0 + i, r.story_id, r.story_score,
                                  r.duplicate_of, r.duplicate_score)
            store.set_counter("linked", seq0 + len(results))
            store.set_counter("articles_pk", max(pk for pk, _ in rows))
        linked += len(results)
        dups += sum(1 for r in results if r.duplicate_of)
        new += sum(1 for r in results if r.new_story)
        extended += sum(1 for r in results if not r.new_story and not r.duplicate_of)
        if progress:
            progress(len(results))
        log.info("linked %d articles (%d copies, %d new stories)", len(results), dups, new)
    return LinkSummary(linked, dups, new, extended)
