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
from ..ingest.writer import IngestProgress, IngestReport, Tally, fresh, write
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
            write(BatchResult(fresh(batch, store, tally, set(), _raw_hash), []), store, tally)
            if progress:
                progress(tally.progress())
    return tally.report("load", started)


def _raw_hash(doc: Document) -> str:
    return doc.article.raw_hash
