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
from .reader import Dataset, Partition

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500


def load(root: str, store: Store, *, batch_size: int = DEFAULT_BATCH_SIZE,
         progress: Callable[[IngestProgress], None] | None = None,
         storage_options: dict[str, Any] | None = None) -> IngestReport:
    """Bring every record of the dataset at ``root`` into ``store``; what was done, in numbers."""
    loader = Loader(root, store, batch_size=batch_size, progress=progress, storage_options=storage_options)
    for part in loader.dataset.partitions():
        loader.load_partition(part)
    return loader.report()


class Loader:
    """Loads a dataset's partitions one at a time, keeping one tally for the whole run.

    Why one at a time: a distributed extraction finishes its partitions while others are still
    running, and each one that completes the run's reading order so far can be stored at once,
    so storing (and the linking that follows it) overlaps the extraction instead of waiting for
    the slowest task (:func:`cronaca.engines.dask.extract_in_order`). Loading in name order
    keeps the records the same as loading the finished dataset.
    """

    def __init__(self, root: str, store: Store, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 progress: Callable[[IngestProgress], None] | None = None,
                 storage_options: dict[str, Any] | None = None) -> None:
        self.dataset = Dataset(root, storage_options)
        self.store = store
        self.batch_size = batch_size
        self.progress = progress
        self.tally = Tally()
        self.started = time.perf_counter()

    def load(self, name: str) -> None:
        """Load the partition called ``name`` (a :class:`~cronaca.engines.dask.PartReport`'s part)."""
        self.load_partition(self.dataset.partition(name))

    def load_partition(self, part: Partition) -> None:
        tally = self.tally
        for failure in self.dataset.failures(part):
            tally.read += failure.stage != READ_STAGE  # read, then refused by a stage
            tally.skipped.append(failure)
        docs = self.dataset.documents(part)
        while batch := list(itertools.islice(docs, self.batch_size)):
            tally.read += len(batch)
            write(BatchResult(fresh(batch, self.store, tally, set(), _raw_hash), []), self.store, tally)
            if self.progress:
                self.progress(tally.progress())

    def report(self) -> IngestReport:
        return self.tally.report("load", self.started)


def _raw_hash(doc: Document) -> str:
    return doc.article.raw_hash
