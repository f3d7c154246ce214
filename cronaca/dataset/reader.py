"""A dataset's documents back, partition by partition, in the order they were read.

Why a merge of sorted streams: every table of a partition is sorted by ``seq`` (the writer
appends in reading order), so the articles and each annotation table are read row group by row
group side by side, and a document is assembled as soon as its rows have passed: memory holds a
row group per table, never a whole partition or the dataset. Partitions are read in the order
of their names (``part-RUN-NNNNNN``: runs in the order they ran, inputs in the order listed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import fsspec
import pyarrow.parquet as pq

from ..errors import CronacaError
from ..types import Document, Failure
from . import schema


class DatasetError(CronacaError):
    """A folder that is not a cronaca dataset, or one of a version this cronaca cannot read."""


@dataclass(frozen=True, slots=True)
class Partition:
    name: str  # "RUN-NNNNNN"
    files: dict[str, str]  # table -> path of its file


class Dataset:
    """An existing dataset at ``root`` (a local path or an fsspec URL)."""

    def __init__(self, root: str, storage_options: dict[str, Any] | None = None) -> None:
        self.fs, self.root = fsspec.core.url_to_fs(root, **(storage_options or {}))
        manifest = f"{self.root}/{schema.MANIFEST}"
        if not self.fs.exists(manifest):
            raise DatasetError(f"{root} is not a cronaca dataset (no {schema.MANIFEST}); write one "
                               "with cronaca ingest --engine dask --dataset DIR")
        with self.fs.open(manifest, "r") as fh:
            try:
                info = json.load(fh)
            except ValueError as exc:
                raise DatasetError(f"{manifest} is not JSON: {exc}") from None
        if info.get("format") != schema.FORMAT or info.get("version") != schema.VERSION:
            raise DatasetError(f"{root} is a dataset of format {info.get('format')!r} version "
                               f"{info.get('version')!r}; this cronaca reads {schema.FORMAT!r} "
                               f"version {schema.VERSION}")

    def partitions(self) -> list[Partition]:
        """Every partition whose articles file exists, in name order."""
        names = sorted(p.rsplit("/", 1)[-1][len("part-"):-len(".parquet")]
                       for p in self.fs.glob(f"{self.root}/articles/part-*.parquet"))
        return [self.partition(n) for n in names]

    def partition(self, name: str) -> Partition:
        """The partition called ``name`` (its files need not all exist: a task that wrote no
        annotations of a kind has none)."""
        return Partition(name, {t: f"{self.root}/{t}/part-{name}.parquet" for t in schema.TABLES})

    def failures(self, part: Partition) -> list[Failure]:
        return [schema.failure_from_row(r) for r in self._rows(part, "failures")]

    def documents(self, part: Partition) -> Iterator[Document]:
        """The partition's documents in reading order (annotations joined by ``seq``)."""
        streams = {t: _Grouped(self._rows(part, t)) for t in schema.ANNOTATION_TABLES}
        for article in self._rows(part, "articles"):
            seq = article["seq"]
            annotations = {t: s.take(seq) for t, s in streams.items()}
            yield schema.document_from_rows(article, annotations)

    def _rows(self, part: Partition, table: str) -> Iterator[dict[str, Any]]:
        path = part.files[table]
        if not self.fs.exists(path):
            return
        with self.fs.open(path, "rb") as fh:
            for batch in pq.ParquetFile(fh).iter_batches(batch_size=2000):
                yield from batch.to_pylist()


class _Grouped:
    """The rows of one table, taken ``seq`` by ``seq`` (rows are sorted by ``seq``)."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        self._rows = rows
        self._next: dict[str, Any] | None = next(rows, None)

    def take(self, seq: int) -> list[dict[str, Any]]:
        out = []
        while self._next is not None and self._next["seq"] <= seq:
            if self._next["seq"] == seq:
                out.append(self._next)
            self._next = next(self._rows, None)
        return out
