"""``cronaca load DATASET``: a dataset's records into a store, incrementally.

Why through the ingest writer: the store must hold the same records whichever engine extracted
them. The documents are handed to :mod:`cronaca.ingest.writer` in the order the run read them
(partition by partition, ``seq`` by ``seq``), in batches, exactly as the local engine hands its
own: raw inputs the store has already seen are counted as ``already_seen`` and not written again
(so loading a dataset twice, or a dataset that grew by a second run, adds only what is new), a
copy of a stored text adds its provenance, and a batch lands whole or not at all. The failures
the run recorded are reported as the local engine reports them.

Memory holds one batch and one row group per table (:class:`~cronaca.dataset.reader.Dataset`).
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from typing import Any

from ..ingest.sources import READ_STAGE
from ..ingest.writer import IngestProgress, IngestReport, Tally, write
from ..pipeline import BatchResult
from ..store.base import Store
from ..types import Document
from .reader import Dataset

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500


def load(root: str, store: Store, *, batch_size: int = DEFAULT_BATCH_SIZE,
         progress: Callable[[IngestProgress], None] | None = None,
         storage_options: dict[str, Any] | None = None) -> IngestReport:
    """Bring every record of the dataset at ``root`` into ``store``; what was done, in numbers."""
    started = time.perf_counter()
    dataset = Dataset(root, storage_options)
    tally = Tally()
    for part in dataset.partitions():
        for failure in dataset.failures(part):
            tally.read += failure.stage != READ_STAGE  # read, then refused by a stage
            tally.skipped.append(failure)
        docs = dataset.documents(part)
        while batch := list(itertools.islice(docs, batch_size)):
            tally.read += len(batch)
            write(BatchResult(_fresh(batch, store, tally), []), store, tally)
            if progress:
                progress(tally.progress())
    report = IngestReport(tally.read, tally.stored, tally.duplicates, tally.already_seen,
                          tally.skipped, time.perf_counter() - started)
    log.info("load: read %d, stored %d, duplicates %d, already seen %d, skipped %d in %.1fs",
             report.read, report.stored, report.duplicates, report.already_seen,
             len(report.skipped), report.elapsed)
    return report


def _fresh(batch: list[Document], store: Store, tally: Tally) -> list[Document]:
    """The documents whose raw input the store has not seen (nor this batch, earlier)."""
    seen = store.seen_raw([d.article.raw_hash for d in batch])
    out = []
    for doc in batch:
        if doc.article.raw_hash in seen:
            tally.already_seen += 1
        else:
            seen.add(doc.article.raw_hash)
            out.append(doc)
    return out
