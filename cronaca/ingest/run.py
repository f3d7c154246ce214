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
   stages) — in this process, or in a process pool when ``jobs > 1`` (the function is pure and
   picklable). At most ``2 * jobs`` batches are in flight, so memory stays bounded. Workers die
   with the process that started them (:mod:`.workers`): a killed ingest leaves nothing behind.
4. Each batch is written with one :meth:`Store.add_documents` call: one transaction, so a batch
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

import logging
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable, Iterator, Sequence

from ..errors import StoreUnavailable
from ..pipeline import BatchResult, Options, process_batch
from ..store.base import Store
from ..types import Document, Failure, RawDocument
from .formats import DEFAULT_MAX_BYTES, read_paths
from .workers import Workers

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 100
STORE_STAGE = "cronaca.store"


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """Counts so far, sent to the ``progress`` callback after every batch."""

    read: int
    stored: int
    duplicates: int
    already_seen: int
    skipped: int


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest did.

    ``read``: raw documents the readers produced; ``stored``: new articles written;
    ``duplicates``: articles whose content was already in the store (same content id);
    ``already_seen``: raw inputs skipped because an earlier run ingested the same bytes;
    ``skipped``: every input that could not be read or processed, with its reason;
    ``elapsed``: wall-clock seconds.
    """

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    already_seen: int = 0
    skipped: list[Failure] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        """True when nothing was skipped (the CLI's exit status 0)."""
        return not self.skipped


@dataclass(slots=True)
class _Tally:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    already_seen: int = 0
    skipped: list[Failure] = field(default_factory=list)

    def progress(self) -> IngestProgress:
        return IngestProgress(self.read, self.stored, self.duplicates, self.already_seen,
                              len(self.skipped))


ProgressFn = Callable[[IngestProgress], None]


def ingest(paths: Iterable[str], store: Store, options: Options = Options(), *,
           batch_size: int = DEFAULT_BATCH_SIZE, jobs: int = 1,
           max_bytes: int = DEFAULT_MAX_BYTES, progress: ProgressFn | None = None,
           stdin: BinaryIO | None = None, exclude: Iterable[str] = ()) -> IngestReport:
    """Read, clean, annotate and store every article in ``paths``; see the module docstring.

    ``stdin`` replaces standard input for the path ``-`` (tests, embedding); ``exclude`` names
    files never to read, such as the knowledge base when it sits in the ingested folder.
    """
    started = time.perf_counter()
    tally = _Tally()
    items = read_paths(paths, max_bytes=max_bytes, stdin=stdin, exclude=exclude)
    batches = _batches(items, batch_size, tally)
    if jobs > 1:
        _run_pool(batches, store, options, jobs, tally, progress)
    else:
        for batch in batches:
            fresh = _fresh(batch, store, tally, set())
            _write(process_batch(fresh, options) if fresh else BatchResult(), store, tally)
            if progress:
                progress(tally.progress())
    report = IngestReport(tally.read, tally.stored, tally.duplicates, tally.already_seen,
                          tally.skipped, time.perf_counter() - started)
    log.info("ingest: read %d, stored %d, duplicates %d, already seen %d, skipped %d in %.1fs",
             report.read, report.stored, report.duplicates, report.already_seen,
             len(report.skipped), report.elapsed)
    return report


def _batches(items: Iterator[RawDocument | Failure], size: int, tally: _Tally
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


def _fresh(batch: Sequence[RawDocument], store: Store, tally: _Tally, in_flight: set[str]
           ) -> list[RawDocument]:
    """The documents of a batch whose raw bytes neither the store nor this run has seen."""
    seen = store.seen_raw([raw.raw_hash for raw in batch]) | in_flight
    fresh: list[RawDocument] = []
    for raw in batch:
        if raw.raw_hash in seen:
            tally.already_seen += 1
        else:
            seen.add(raw.raw_hash)  # the same bytes twice in one batch are read once
            fresh.append(raw)
    return fresh


def _write(result: BatchResult, store: Store, tally: _Tally) -> None:
    for failure in result.failures:
        log.info("skipped %s: %s", failure.origin, failure.reason)
    tally.skipped.extend(result.failures)
    if not result.documents:
        return
    try:
        added = store.add_documents(result.documents)
    except StoreUnavailable:
        raise
    except Exception:  # noqa: BLE001 - find the document at fault: write them one at a time
        log.debug("batch refused by the store; writing its documents one by one", exc_info=True)
        for doc in result.documents:
            _write_one(doc, store, tally)
        return
    tally.stored += added.stored
    tally.duplicates += added.duplicates


def _write_one(doc: Document, store: Store, tally: _Tally) -> None:
    try:
        added = store.add_documents([doc])
    except StoreUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - this document only
        failure = Failure(doc.article.origin, f"cannot be stored: {type(exc).__name__}: {exc}"[:300],
                          STORE_STAGE)
        log.info("skipped %s: %s", failure.origin, failure.reason)
        tally.skipped.append(failure)
        return
    tally.stored += added.stored
    tally.duplicates += added.duplicates


def _run_pool(batches: Iterator[list[RawDocument]], store: Store, options: Options, jobs: int,
              tally: _Tally, progress: ProgressFn | None) -> None:
    """Process batches in a pool, writing results in reading order from this process only.

    A batch lost with a dead worker is processed again one document at a time
    (:class:`~cronaca.ingest.workers.Workers`): only the document a worker dies on is skipped.
    """
    workers = Workers(jobs)
    pending: deque[tuple[Future[BatchResult], ProcessPoolExecutor, list[RawDocument]]] = deque()
    in_flight: set[str] = set()

    def drain_one() -> None:
        future, pool, fresh = pending.popleft()
        try:
            result = future.result()
        except BrokenProcessPool:
            workers.renew(pool)
            result = workers.one_by_one(process_batch, fresh, options, BatchResult,
                                        lambda raw: raw.origin)
        _write(result, store, tally)
        in_flight.difference_update(raw.raw_hash for raw in fresh)
        if progress:
            progress(tally.progress())

    try:
        for batch in batches:
            fresh = _fresh(batch, store, tally, in_flight)
            if not fresh:
                if progress:
                    progress(tally.progress())
                continue
            in_flight.update(raw.raw_hash for raw in fresh)
            future = workers.submit(process_batch, fresh, options)
            pending.append((future, workers.pool, fresh))
            while len(pending) >= 2 * jobs:
                drain_one()
        while pending:
            drain_one()
    except BaseException:
        workers.shutdown(wait=False)
        raise
    workers.shutdown()
