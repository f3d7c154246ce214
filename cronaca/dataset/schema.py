"""The dataset's tables and columns, versioned: records <-> Arrow rows.

Why derived from the records and pinned by a version: the columns are the store's (the same
names and meanings as :mod:`cronaca.store.migrations` and the exports), made from the dataclasses
of :mod:`cronaca.types` through :mod:`cronaca.store.codec`, so a new field cannot be forgotten
here. But a reader in another tool (DuckDB, Spark, pandas) relies on the layout: any change of
columns changes :func:`fingerprint`, and a test fails until :data:`VERSION` is raised with it.

Every table has ``part`` (the partition, one input file) and ``seq`` (the document's position
in its partition, in reading order): ``(part, seq)`` joins the annotations to their article
row, and ordering by it replays the run. Nested values of an article (``flags``, ``sentences``,
``metadata``…) are JSON text, as in the store; booleans are booleans.
"""

from __future__ import annotations

import hashlib
import json
import typing
from dataclasses import fields
from typing import Any

import pyarrow as pa

from ..store import codec
from ..types import Article, Document, Failure

#: Raised whenever the columns change (a test pins :func:`fingerprint` for each version).
VERSION = 1
FORMAT = "cronaca-dataset"
MANIFEST = "_cronaca_dataset.json"

#: The tables, in the order a document lists them.
ANNOTATION_TABLES = tuple(codec.ANNOTATIONS)
TABLES = ("articles", *ANNOTATION_TABLES, "actors", "failures")

_KEY = [pa.field("part", pa.string(), nullable=False), pa.field("seq", pa.int32(), nullable=False)]


def _arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a dataclass field, from its (string) annotation."""
    text = str(annotation)
    if text.startswith("bool"):
        return pa.bool_()
    if text.startswith("int"):
        return pa.int64()
    if text.startswith("float"):
        return pa.float64()
    return pa.string()


def _record_fields(cls: type) -> list[pa.Field]:
    return [pa.field(f.name, _arrow_type(f.type)) for f in fields(cls)]


def _article_fields() -> list[pa.Field]:
    out = []
    for f in fields(Article):
        kind = pa.string() if f.name in codec.ARTICLE_JSON else _arrow_type(f.type)
        out.append(pa.field(f.name, kind))
    return out + [pa.field("state_affiliated", pa.int64()), pa.field("stages", pa.string())]


SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(_KEY + _article_fields()),
    **{table: pa.schema(_KEY + [pa.field("article_id", pa.string())] + _record_fields(cls))
       for table, cls in codec.ANNOTATIONS.items()},
    "actors": pa.schema([pa.field("part", pa.string(), nullable=False), pa.field("id", pa.string()),
                         pa.field("name", pa.string()), pa.field("kind", pa.string())]),
    "failures": pa.schema([pa.field("part", pa.string(), nullable=False),
                           pa.field("origin", pa.string()), pa.field("reason", pa.string()),
                           pa.field("stage", pa.string())]),
}


def fingerprint() -> str:
    """A short hash of every table's columns and types: what :data:`VERSION` pins."""
    layout = {t: [(f.name, str(f.type)) for f in s] for t, s in SCHEMAS.items()}
    return hashlib.sha256(json.dumps(layout, sort_keys=True).encode()).hexdigest()[:16]


def manifest() -> dict[str, Any]:
    """What ``_cronaca_dataset.json`` says: the format, its version, the tables and columns."""
    return {"format": FORMAT, "version": VERSION, "fingerprint": fingerprint(),
            "tables": {t: [f.name for f in s] for t, s in SCHEMAS.items()}}


# -- records -> rows ---------------------------------------------------------------------------

def document_rows(doc: Document, part: str, seq: int) -> dict[str, list[dict[str, Any]]]:
    """One document as rows of each table (its article row and its annotations)."""
    rows: dict[str, list[dict[str, Any]]] = {"articles": [{"part": part, "seq": seq,
                                                           **codec.article_row(doc.article, doc.stages)}]}
    for table in ANNOTATION_TABLES:
        rows[table] = [{"part": part, "seq": seq, **_annotation_row(r, doc.article.id)}
                       for r in getattr(doc, table)]
    return rows


def _annotation_row(record: Any, article_id: str) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": article_id}
    for f in fields(record):
        row[f.name] = getattr(record, f.name)
    return row


def actor_rows(docs: typing.Iterable[Document], part: str) -> list[dict[str, Any]]:
    """The actors the documents mention, once each (the first name and label seen)."""
    seen: dict[str, dict[str, Any]] = {}
    for doc in docs:
        for m in doc.mentions:
            seen.setdefault(m.actor_id, {"part": part, "id": m.actor_id,
                                         "name": m.actor_name or m.text, "kind": m.label})
    return list(seen.values())


def failure_row(failure: Failure, part: str) -> dict[str, Any]:
    return {"part": part, "origin": failure.origin, "reason": failure.reason, "stage": failure.stage}


# -- rows -> records ---------------------------------------------------------------------------

def document_from_rows(article: dict[str, Any], annotations: dict[str, list[dict[str, Any]]]) -> Document:
    """The document an article row and its annotation rows were made from (exactly)."""
    art = codec.article_from_row(article)
    stages = tuple(json.loads(article["stages"] or "[]"))
    ann = {table: tuple(codec.annotation_from_row(codec.ANNOTATIONS[table], r)
                        for r in annotations.get(table, ()))
           for table in ANNOTATION_TABLES}
    return Document(art, stages=stages, **ann)


def failure_from_row(row: dict[str, Any]) -> Failure:
    return Failure(row["origin"], row["reason"], row["stage"] or "")
