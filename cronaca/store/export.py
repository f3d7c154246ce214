"""Exports: every record of the knowledge base as JSON Lines, CSV or Parquet.

Why streamed: a corpus may hold millions of rows, so records flow from the store to the file a
batch at a time (keyset pages, one short query each) and memory stays flat whatever the size.
There is no cap: an export holds every record that matches the filters.

The rule for ``out``, the same in every format:

* without ``table``, ``out`` is a **folder** (created when missing) that receives one file per
  table, ``<table>.<format>``: ``articles``, the annotation tables, ``actors`` and the linker's
  results. A path that is a file, or that looks like one (``kb.parquet``), is refused: the
  export would otherwise write a folder with a file's name, or the other way round;
* with ``table``, ``out`` is that table's **file** (``-`` writes JSON Lines or CSV to standard
  output); a folder is refused.

Shapes:

* JSON Lines of ``articles``: one object per article with its fields *and* its ``mentions``,
  ``quotes``, ``times`` and ``events`` (:func:`cronaca.store.codec.document_to_json`), plus the
  linker's ``duplicate_of`` and ``story_id``, so one file carries everything about an article
  (the folder export therefore writes no separate annotation files in JSON Lines);
* any other table, and every table in CSV and Parquet: one flat row per record, the columns of the
  table (JSON-valued columns such as ``flags`` stay JSON text);
* the linker's results: ``stories``, ``story_articles`` (which article is in which story, and
  whether as a copy), ``article_links`` (duplicates and their originals), ``merged_events`` and
  ``event_reports`` (every article's report of each merged event). These are written whole; the
  filters select articles and their annotations.

Copies are records too: an export includes the articles the linker marked as copies of others,
marked by ``duplicate_of``, unless the filters leave them out (``Filters(include_duplicates=
False)``, ``cronaca export --originals-only``).

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
#: What a folder export writes in JSON Lines: the articles carry their annotations.
JSONL_TABLES = ("articles", "actors", *LINK_TABLES)
#: Every record, copies included: what an export writes when no filters are given.
EVERYTHING = Filters(include_duplicates=True)
_ARROW_TYPES = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string"}
_FILE_SUFFIXES = (".jsonl", ".json", ".ndjson", ".csv", ".parquet", ".pq", ".gz", ".txt")


def export(store: Any, fmt: str, out: str | Path, *, table: str | None = None,
           filters: Filters = EVERYTHING, batch_size: int = 1000) -> dict[str, int]:
    """Write the store's records to ``out``; return ``{path: records written}``.

    ``out`` is a folder of one file per table, or with ``table`` that table's file (the rule in
    the module docstring). ``filters`` select articles and their annotations; by default every
    record is written, copies included.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if table is not None and table not in TABLES:
        raise QueryError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    if table is not None:
        _check_file(Path(out) if str(out) != "-" else None, fmt, table)
        return {str(out): _write(store, fmt, table, out, filters, batch_size)}
    folder = _check_folder(out, fmt)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in JSONL_TABLES if fmt == "jsonl" else TABLES:
        path = folder / f"{name}.{fmt}"
        written[str(path)] = _write(store, fmt, name, path, filters, batch_size)
    return written


def _check_folder(out: str | Path, fmt: str) -> Path:
    how = "or choose one table with --table to write a single file"
    if str(out) == "-":
        raise QueryError(f"exporting every table writes a folder of files: give a folder with "
                         f"--out ({how}; - is for one table in JSON Lines or CSV)")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise QueryError(f"{folder} is a file, but exporting every table writes a folder of "
                         f"files (articles.{fmt}, stories.{fmt}, …): give a folder ({how})")
    if not folder.exists() and folder.suffix.lower() in _FILE_SUFFIXES:
        raise QueryError(f"{folder} looks like a file name, but exporting every table writes a "
                         f"folder of files (articles.{fmt}, stories.{fmt}, …): give a folder "
                         f"such as {folder.with_suffix('')}/ ({how})")
    return folder


def _check_file(path: Path | None, fmt: str, table: str) -> None:
    if path is None:
        if fmt == "parquet":
            raise QueryError("Parquet cannot go to standard output: give a file with --out")
        return
    if path.is_dir():
        raise QueryError(f"{path} is a folder, but with --table --out names the file to write "
                         f"(for example {path / f'{table}.{fmt}'})")


def _write(store: Any, fmt: str, table: str, out: str | Path, filters: Filters,
           batch_size: int) -> int:
    if fmt == "jsonl" and table == "articles":
        return _write_documents(store, out, filters, batch_size)
    return _write_table(store, fmt, table, out, filters, batch_size)


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
            record = codec.document_to_json(doc)
            record.update(store.article_links(doc.id))  # duplicate_of, story_id
            fh.write(codec.dumps(record) + "\n")
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
