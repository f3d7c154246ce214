"""``cronaca link``: link the articles stored since the last run, in committed chunks.

Why chunks: a chunk is linked and committed in one transaction, so an interrupted run loses at
most one chunk and the next run resumes from the watermark (the highest ``articles.pk`` linked).
Only new articles are read; every decision is a point look-up in the linker's indexed tables, so
the time a run takes follows the number of new articles, not the size of the store.

Why the work is claimed inside the write transaction: two ``cronaca link`` runs may overlap
(cron beside a user). Each chunk is chosen, read, linked and committed while holding the
store's write lock, so a second run waits for the first chunk to commit and then sees those
articles as linked; it can never link an article twice (which used to make every article with
copies a copy of itself).

Why a check before linking: a store damaged by an older version (articles that are copies of
themselves, link records that do not add up) cannot be mended article by article, since every
decision after the damage read damaged state. :func:`link` detects it and relinks the whole
store from scratch, in the same order a first run would.
"""

from __future__ import annotations

import logging
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from ..types import Document
from .actors import seed_from_kb
from .linker import Linker, LinkResult

log = logging.getLogger(__name__)

CHUNK = 500


class LinkableStore(Protocol):
    """What linking needs of a store: the index protocol plus the link bookkeeping."""

    def transaction(self) -> AbstractContextManager[object]: ...
    def unlinked_articles(self, limit: int = 1000) -> list[tuple[int, str]]: ...
    def get_documents(self, article_ids: Sequence[str]) -> list[Document]: ...
    def record_link(self, article_id: str, seq: int, story_id: str | None, story_score: float,
                    duplicate_of: str | None, duplicate_score: float) -> None: ...
    def counter(self, name: str) -> int: ...
    def set_counter(self, name: str, value: int) -> None: ...
    def link_problems(self) -> list[str]: ...
    def reset_links(self) -> None: ...


@dataclass(frozen=True, slots=True)
class LinkSummary:
    """What a run decided, in numbers; ``repaired`` lists the damage found and mended first."""

    linked: int = 0
    duplicates: int = 0
    new_stories: int = 0
    extended_stories: int = 0
    repaired: tuple[str, ...] = ()


def link(store: LinkableStore, *, chunk: int = CHUNK,
         progress: Callable[[int], None] | None = None,
         until: Callable[[], bool] | None = None, poll: float = 0.5) -> LinkSummary:
    """Link every stored article not linked yet; return what was decided, in numbers.

    Safe under any overlap of processes: see the module docstring. ``until``: follow an ingest
    that is still writing (``cronaca ingest`` links beside its workers this way). While
    ``until()`` is False only whole chunks are linked, waiting ``poll`` seconds for the next
    one; once it is True, whatever is left. The chunks are then the ones a run after the ingest
    would take (the first ``chunk`` unlinked articles in storage order), so the decisions are
    the same.
    """
    linker = Linker(store)  # type: ignore[arg-type]  # the store implements LinkIndex too
    repaired = repair(store)
    with store.transaction():
        if not store.counter("kb_seeded"):  # the knowledge base's people, so typos resolve to them
            seed_from_kb(store)  # type: ignore[arg-type]  # the store implements LinkIndex too
            store.set_counter("kb_seeded", 1)
    linked = dups = new = extended = 0
    while True:
        finished = until is None or until()  # asked before looking: no article is left behind
        with store.transaction():  # claim, link and commit one chunk under the write lock
            rows = store.unlinked_articles(chunk)
            ready = bool(rows) and (finished or len(rows) >= chunk)
            if ready:
                docs = store.get_documents([aid for _, aid in rows])  # one read per chunk
                seq0 = store.counter("linked")
                results: list[LinkResult] = linker.add(docs, first_order=seq0)
                for i, r in enumerate(results):
                    store.record_link(r.article_id, seq0 + i, r.story_id, r.story_score,
                                      r.duplicate_of, r.duplicate_score)
                store.set_counter("linked", seq0 + len(results))
                store.set_counter("articles_pk", max(pk for pk, _ in rows))
        if not ready:
            if finished:
                break
            time.sleep(poll)  # the ingest has not stored a whole chunk more yet
            continue
        linked += len(results)
        dups += sum(1 for r in results if r.duplicate_of)
        new += sum(1 for r in results if r.new_story)
        extended += sum(1 for r in results if not r.new_story and not r.duplicate_of)
        if progress:
            progress(len(results))
        log.info("linked %d articles (%d copies, %d new stories)", len(results), dups, new)
    return LinkSummary(linked, dups, new, extended, repaired)


def repair(store: LinkableStore) -> tuple[str, ...]:
    """Check the linker's records; when they are damaged, drop them all so that linking starts
    over. Returns the problems found (empty when the store is sound)."""
    with store.transaction():
        problems = tuple(store.link_problems())
        if problems:
            log.warning("the link records are damaged (%s): relinking every article",
                        "; ".join(problems))
            store.reset_links()
    return problems
