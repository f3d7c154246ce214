"""The ingest job: read everything the user named, clean and annotate it, store it — restartably.

``ingest(paths, store)`` is what ``cronaca ingest`` runs and what scripts call. The cascade:

1. Readers (:mod:`.formats`) stream raw documents and failures from files, folders, globs,
   gzip and standard input; nothing is held beyond the current batch, so a 100 MB dump runs in
   bounded memory.
2. Raw documents are grouped in batches of ``batch_size``. Before any work, the store is asked
   which raw hashes it has already ingested (:meth:`Store.seen_raw`); those are counted as
   ``already_seen`` and skipped. This is what makes the job restartable: an interrupted run has
   committed every batch it finished, and a re-run skips them cheaply.
3. Each remaining batch goes through :func:`cronaca.pipeline.process_batch` (cleaning + NLP
   stages) — in a process pool of one worker per core by default (``jobs``; the function is
   pure and picklable), or in this process for ``jobs=1`` or input that fits in one batch.
   Back-pressure: at most :data:`IN_FLIGHT` batches per worker are in flight and the readers are
   not asked for more until the oldest is written, so memory stays bounded however large the
   corpus or one input file. The depth lets the workers go on while the writer waits its turn
   for the store (a linker following the ingest holds the write lock for a chunk at a time). Workers die with the process that started them (:mod:`.workers`): a killed
   ingest leaves nothing behind.
4. One writer: this process alone writes (:mod:`.writer`), each batch with one
   :meth:`Store.add_documents` call: one transaction, so a batch
   is either stored whole or not at all, and its articles are committed before the next batch.
   Results are written in reading order even with a pool, so two runs store the same way.
5. Every failure — unreadable file, bad JSON line, a stage error, a document the store refuses —
   lands in ``skipped`` with its origin and reason; the job never stops for one bad input. When
   a batch cannot be written, its documents are written one at a time so that only the one at
   fault is skipped. Only a store that cannot be written at all (locked past the timeout,
   read-only, full: :class:`~cronaca.errors.StoreUnavailable`) stops the job.

The library never prints: ``progress`` (a callable) receives an :class:`IngestProgress` after
every batch, and the CLI draws the bar.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, nullcontext
from typing import BinaryIO, Callable, Iterable, Iterator

from ..pipeline import BatchResult, Options, process_batch
from ..store.base import Store
from ..types import Failure, RawDocument
from .formats import DEFAULT_MAX_BYTES, read_paths
from .workers import Workers
from .writer import STORE_STAGE, IngestProgress, IngestReport, Tally, fresh, raw_hash_of, write

__all__ = ["DEFAULT_BATCH_SIZE", "STORE_STAGE", "IngestProgress", "IngestReport", "default_jobs",
           "ingest"]

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 100
#: Batches in flight per worker (a few MB each): enough work queued for the seconds the writer
#: may wait for the store's write lock, little enough to keep memory flat.
IN_FLIGHT = 8


def default_jobs() -> int:
    """Worker processes when the caller does not say: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


ProgressFn = Callable[[IngestProgress], None]


def ingest(paths: Iterable[str], store: Store, options: Options = Options(), *,
           batch_size: int = DEFAULT_BATCH_SIZE, jobs: int = 0,
           max_bytes: int = DEFAULT_MAX_BYTES, progress: ProgressFn | None = None,
           stdin: BinaryIO | None = None, exclude: Iterable[str] = (),
           beside: AbstractContextManager[object] | None = None) -> IngestReport:
    """Read, clean, annotate and store every article in ``paths``; see the module docstring.

    ``jobs``: worker processes (0: one per core, :func:`default_jobs`). Input that fits in one
    batch is processed in this process whatever ``jobs`` says: starting workers (each loads the
    extraction's resources) would cost more than the work. ``stdin`` replaces standard input for
    the path ``-`` (tests, embedding); ``exclude`` names files never to read, such as the
    knowledge base when it sits in the ingested folder. ``beside`` is entered when the workers
    start and left when they are done: the CLI's linker (:class:`~cronaca.link.follower.Follower`)
    runs there, beside them; input small enough to need no workers needs none either.
    """
    started = time.perf_counter()
    tally = Tally()
    jobs = jobs or default_jobs()
    items = read_paths(paths, max_bytes=max_bytes, stdin=stdin, exclude=exclude)
    batches = _batches(items, batch_size, tally)
    first = list(itertools.islice(batches, 2)) if jobs > 1 else []
    batches = itertools.chain(first, batches)
    if len(first) > 1:  # more than one batch: worth starting the workers
        with beside or nullcontext():
            _run_pool(batches, store, options, jobs, tally, progress)
    else:
        for batch in batches:
            todo = fresh(batch, store, tally, set(), raw_hash_of)
            write(process_batch(todo, options) if todo else BatchResult(), store, tally)
            if progress:
                progress(tally.progress())
    return tally.report("ingest", started)


def _batches(items: Iterator[RawDocument | Failure], size: int, tally: Tally
             ) -> Iterator[list[RawDocument]]:
    """Group raw documents into batches; reader failures go straight to the tally."""
    batch: list[RawDocument] = []
    for item in items:
        if isinstance(item, Failure):
            log.info("skipped %s: %s", item.origin, item.reason)
            tally.skipped.append(item)
            continue
        tally.read += 1
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_pool(batches: Iterator[list[RawDocument]], store: Store, options: Options, jobs: int,
              tally: Tally, progress: ProgressFn | None) -> None:
    """Process batches in a pool, writing results in reading order from this process only.

    A batch lost with a dead worker is processed again one document at a time
    (:class:`~cronaca.ingest.workers.Workers`): only the document a worker dies on is skipped.
    """
    workers = Workers(jobs)
    pending: deque[tuple[Future[BatchResult], ProcessPoolExecutor, list[RawDocument]]] = deque()
    in_flight: set[str] = set()

    def drain_one() -> None:
        future, pool, todo = pending.popleft()
        try:
            result = future.result()
        except BrokenProcessPool:
            workers.renew(pool)
            result = workers.one_by_one(process_batch, todo, options, BatchResult,
                                        lambda raw: raw.origin)
        write(result, store, tally)
        in_flight.difference_update(raw.raw_hash for raw in todo)
        if progress:
            progress(tally.progress())

    try:
        for batch in batches:
            todo = fresh(batch, store, tally, in_flight, raw_hash_of)
            if not todo:
                if progress:
                    progress(tally.progress())
                continue
            in_flight.update(raw.raw_hash for raw in todo)
            future = workers.submit(process_batch, todo, options)
            pending.append((future, workers.pool, todo))
            while len(pending) >= IN_FLIGHT * jobs:
                drain_one()
        while pending:
            drain_one()
    except BaseException:
        workers.shutdown(wait=False)
        raise
    workers.shutdown()
