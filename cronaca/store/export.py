"""Exports: every record of the knowledge base as JSON Lines, CSV or Parquet.

Why streamed: a corpus may hold millions of rows, so records flow from the store to the file a
batch at a time (keyset pages, one short query each) and memory stays flat whatever the size.
There is no cap: an export holds every record that matches the filters.

Shapes:

* JSON Lines of ``articles`` (the default): one object per article with its fields *and* its
  ``mentions``, ``quotes``, ``times`` and ``events`` (:func:`cronaca.store.codec.document_to_json`),
  so one file carries everything about an article.
* any other table, and every table in CSV and Parquet: one flat row per record, the columns of the
  table (JSON-valued columns such as ``flags`` stay JSON text).
* the linker's results: ``stories``, ``story_articles`` (which article is in which story, and
  whether as a copy), ``article_links`` (duplicates and their originals), ``merged_events`` and
  ``event_reports`` (every article's report of each merged event). These are written whole; the
  filters select articles and their annotations.
* without ``table``, CSV and Parquet write one file per table into the folder ``out``.

A file is written under a temporary name and renamed when complete, so an interrupted export
never leaves a truncated file that looks finished.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import QueryError, StoreError
from . import codec
from .base import Filters
from .linkstore import EXPORTED as LINK_TABLES
from .linkstore import UNEXPORTED

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("articles", "mentions", "quotes", "times", "events", "actors", *LINK_TABLES)
_ARROW_TYPES = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string"}


def export(store: Any, fmt: str, out: str | Path, *, table: str | None = None,
           filters: Filters = Filters(), batch_size: int = 1000) -> dict[str, int]:
    """Write the store's records to ``out``; return ``{path: records written}``.

    ``out`` is a file when one table is written (JSON Lines always writes one: the articles with
    their annotations, unless ``table`` names another), a folder when CSV or Parquet write every
    table. ``"-"`` writes JSON Lines or CSV of one table to standard output.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if table is not None and table not in TABLES:
        raise QueryError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    if fmt == "jsonl" and table in (None, "articles"):
        return {str(out): _write_documents(store, out, filters, batch_size)}
    if table is not None:
        return {str(out): _write_table(store, fmt, table, out, filters, batch_size)}
    if str(out) == "-":
        raise QueryError(f"{fmt} export of every table needs a folder for --out (or choose --table)")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise QueryError(f"{folder} is a file: {fmt} export of every table writes one file per table "
                         f"into a folder (or choose --table)")
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in TABLES:
        path = folder / f"{name}.{fmt}"
        written[str(path)] = _write_table(store, fmt, name, path, filters, batch_size)
    return written


def columns(store: Any, table: str) -> list[tuple[str, str]]:
    """``(name, declared type)`` of a table's exported columns, in schema order."""
    cols = store.dialect.columns(store.conn, table)
    if not cols:
        raise StoreError(f"the knowledge base has no table {table!r}")
    hidden = UNEXPORTED.get(table, frozenset()) | {"pk"}
    return [c for c in cols if c[0] not in hidden]


def _write_documents(store: Any, out: str | Path, filters: Filters, batch_size: int) -> int:
    n = 0
    with _output(out, "w") as fh:
        for doc in store.iter_documents(filters, batch_size=max(1, batch_size // 5)):
            fh.write(codec.dumps(codec.document_to_json(doc)) + "\n")
            n += 1
    return n


def _write_table(store: Any, fmt: str, table: str, out: str | Path, filters: Filters,
                 batch_size: int) -> int:
    cols = columns(store, table)
    batches = store.iter_rows(table, filters, batch_size=batch_size)
    if fmt == "parquet":
        return _write_parquet(cols, batches, out)
    n = 0
    with _output(out, "w") as fh:
        if fmt == "csv":
            writer = csv.DictWriter(fh, fieldnames=[c for c, _ in cols], extrasaction="ignore")
            writer.writeheader()
            for rows in batches:
                writer.writerows(rows)
                n += len(rows)
        else:
            for rows in batches:
                fh.writelines(codec.dumps(row) + "\n" for row in rows)
                n += len(rows)
    return n


def _write_parquet(cols: list[tuple[str, str]], batches: Iterator[list[dict[str, Any]]],
                   out: str | Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if str(out) == "-":
        raise QueryError("Parquet cannot go to standard output: give a file with --out")
    schema = pa.schema([(name, getattr(pa, _ARROW_TYPES.get(kind, "string"))()) for name, kind in cols])
    n = 0
    with _atomic(Path(out)) as tmp, pq.ParquetWriter(str(tmp), schema) as writer:
        for rows in batches:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


@contextmanager
def _output(out: str | Path, mode: str) -> Iterator[IO[str]]:
    if str(out) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with _atomic(Path(out)) as tmp, open(tmp, mode, encoding="utf-8", newline="") as fh:
        yield fh


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it only when the block completes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("wrote %s", path)


def read_jsonl_documents(path: str | Path) -> Iterator[Any]:
    """The Documents of a JSON Lines export, back as records (the export is lossless)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield codec.document_from_json(json.loads(line))
