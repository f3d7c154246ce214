"""The one writer of an ingest: raw inputs already seen are skipped, batches are written whole,
and what was done is counted.

Why a module of its own: every engine ends the same way. The local engine (:mod:`.run`) and
``cronaca load`` of a Parquet dataset written by the Dask engine (:mod:`cronaca.dataset.load`)
both hand annotated documents, in reading order, to these functions, so the store holds the
same records whichever engine extracted them: the same raw bytes stored once, a batch the store
refuses written one document at a time so that only the one at fault is skipped, and only a
store that cannot be written at all (:class:`~cronaca.errors.StoreUnavailable`) stops the job.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence, TypeVar

from ..errors import StoreUnavailable
from ..pipeline import BatchResult
from ..store.base import Store
from ..types import Document, Failure, RawDocument

log = logging.getLogger(__name__)

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
class Tally:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    already_seen: int = 0
    skipped: list[Failure] = field(default_factory=list)

    def progress(self) -> IngestProgress:
        return IngestProgress(self.read, self.stored, self.duplicates, self.already_seen,
                              len(self.skipped))

    def report(self, command: str, started: float) -> IngestReport:
        """The run's report (``started`` from ``time.perf_counter()``), also logged: every engine
        and ``load`` summarise alike."""
        report = IngestReport(self.read, self.stored, self.duplicates, self.already_seen,
                              self.skipped, time.perf_counter() - started)
        log.info("%s: read %d, stored %d, duplicates %d, already seen %d, skipped %d in %.1fs",
                 command, report.read, report.stored, report.duplicates, report.already_seen,
                 len(report.skipped), report.elapsed)
        return report


Item = TypeVar("Item")


def raw_hash_of(raw: RawDocument) -> str:
    return raw.raw_hash


def fresh(batch: Sequence[Item], store: Store, tally: Tally, in_flight: set[str],
          raw_hash: Callable[[Item], str]) -> list[Item]:
    """The items of a batch (raw inputs, or documents with ``raw_hash``) whose raw bytes neither
    the store nor this run has seen."""
    seen = store.seen_raw([raw_hash(item) for item in batch]) | in_flight
    out: list[Item] = []
    for item in batch:
        key = raw_hash(item)
        if key in seen:
            tally.already_seen += 1
        else:
            seen.add(key)  # the same bytes twice in one batch are read once
            out.append(item)
    return out


def write(result: BatchResult, store: Store, tally: Tally) -> None:
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
            write_one(doc, store, tally)
        return
    tally.stored += added.stored
    tally.duplicates += added.duplicates


def write_one(doc: Document, store: Store, tally: Tally) -> None:
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
