"""Linking beside a running ingest, in a process of its own.

Why: linking is sequential (each decision reads the ones before it) and costs about as much per
article as extraction, so linking after the ingest would leave every core but one idle for as
long again. A follower process links each whole chunk as soon as the ingest has committed it,
while the workers go on extracting, then links what is left when the ingest ends
(:func:`cronaca.link.incremental.link` with ``until``): the chunks are those a run after the
ingest would take, so the decisions are the same. The follower opens its own connection (SQLite
in WAL mode or PostgreSQL: the ingest's writer and the linker take turns on the write lock) and,
like the ingest's workers, dies with the process that started it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from types import TracebackType
from typing import Any

from .incremental import LinkSummary, link

log = logging.getLogger(__name__)


def _follow(db: str, done: Any, parent: int, answer: Any) -> None:
    from ..ingest.workers import bind_to_parent
    from ..store.base import open_store

    bind_to_parent(parent)
    try:
        with open_store(db) as store:
            answer.put(link(store, until=done.is_set))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which links instead
        answer.put(f"{type(exc).__name__}: {exc}")


class Follower:
    """``with Follower(db) as f: ingest(...)``; then ``f.summary`` (None when it failed: the
    caller links what is left itself, as linking resumes where it stopped)."""

    def __init__(self, db: str) -> None:
        context = multiprocessing.get_context("spawn")  # nothing of the parent's connections
        self._done = context.Event()
        self._answer = context.Queue()
        self._process = context.Process(target=_follow, args=(db, self._done, os.getpid(), self._answer),
                                        name="cronaca-link", daemon=True)
        self.summary: LinkSummary | None = None

    def __enter__(self) -> Follower:
        self._process.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is not None:  # the ingest failed or was interrupted: stop linking now
            self._process.terminate()
            self._process.join()
            return
        self._done.set()
        while self._process.is_alive() or not self._answer.empty():
            try:
                got = self._answer.get(timeout=1)
            except Exception:  # noqa: BLE001 - queue.Empty: still linking, or died
                continue
            if isinstance(got, LinkSummary):
                self.summary = got
            else:
                log.warning("linking beside the ingest failed (%s): linking after it", got)
            break
        self._process.join()
