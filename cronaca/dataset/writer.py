"""One partition of a dataset, written batch by batch (bounded memory).

Why one writer per partition, and files per table: a partition is what one task produces (the
Dask engine: one input file), so tasks never write to the same file and need no coordination;
each batch becomes a row group of every table, so memory holds one batch, however large the
input file. Files go through fsspec: a dataset may live on local disk or in ``s3://``.
Every table gets a file, empty or not, so a reader finds the same tables in every partition.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from ..types import Document, Failure
from . import schema


class PartWriter:
    """Writes partition ``part`` of the dataset at ``root`` (a local path or an fsspec URL)."""

    def __init__(self, root: str, part: str, storage_options: dict[str, Any] | None = None) -> None:
        self.fs, self.root = fsspec.core.url_to_fs(root, **(storage_options or {}))
        self.part = part
        self.seq = 0
        self._files: dict[str, Any] = {}
        self._writers: dict[str, pq.ParquetWriter] = {}
        for table in schema.TABLES:
            self.fs.makedirs(f"{self.root}/{table}", exist_ok=True)
            handle = self.fs.open(f"{self.root}/{table}/part-{part}.parquet", "wb")
            self._files[table] = handle
            self._writers[table] = pq.ParquetWriter(handle, schema.SCHEMAS[table], compression="zstd")

    def write(self, docs: Sequence[Document], failures: Sequence[Failure] = ()) -> None:
        """Append a batch: its documents (numbered on from the last) and its failures."""
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in schema.TABLES}
        for doc in docs:
            for table, table_rows in schema.document_rows(doc, self.part, self.seq).items():
                rows[table].extend(table_rows)
            self.seq += 1
        rows["actors"] = schema.actor_rows(docs, self.part)
        rows["failures"] = [schema.failure_row(f, self.part) for f in failures]
        for table, table_rows in rows.items():
            if table_rows:
                self._writers[table].write_table(pa.Table.from_pylist(table_rows, schema.SCHEMAS[table]))

    def close(self) -> None:
        for table in schema.TABLES:
            self._writers[table].close()
            self._files[table].close()

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_manifest(root: str, storage_options: dict[str, Any] | None = None) -> None:
    """``_cronaca_dataset.json`` at the dataset's root (written again by every run: the same)."""
    fs, path = fsspec.core.url_to_fs(root, **(storage_options or {}))
    fs.makedirs(path, exist_ok=True)
    with fs.open(f"{path}/{schema.MANIFEST}", "w") as fh:
        json.dump(schema.manifest(), fh, indent=2)
