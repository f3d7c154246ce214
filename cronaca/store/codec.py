"""Records <-> rows and JSON, losslessly.

Why one module: the SQLite store, the exports and the web API all turn the same records into flat
rows or JSON objects; doing it in one place keeps them identical and keeps the round trip
``Document -> rows -> Document`` exact (a test checks it). ``Article.metadata`` must be JSON-serialisable (readers fill it from JSON
Lines fields, WARC and HTML headers); a value JSON cannot hold is stored as its ``str()``. Column names are the dataclass field
names, so the schema in :mod:`cronaca.store.migrations` reads like :mod:`cronaca.types`.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, fields
from functools import lru_cache
from typing import Any

from ..types import (
    Actor,
    Article,
    DateEvidence,
    Document,
    Event,
    Mention,
    Quote,
    Removal,
    Role,
    Span,
    TimeRef,
)

#: Annotation tables and the record each row holds, in the order a Document lists them.
ANNOTATIONS: dict[str, type] = {"mentions": Mention, "quotes": Quote, "times": TimeRef, "events": Event}

_BOOLS = {name for cls in ANNOTATIONS.values() for f in fields(cls) if f.type in ("bool", bool)
          for name in (f"{cls.__name__}.{f.name}",)}

#: Article fields stored as JSON text.
ARTICLE_JSON = ("published_evidence", "flags", "removed", "sentences", "metadata")
ARTICLE_COLUMNS = tuple(f.name for f in fields(Article))
STATE_FLAG = "state_affiliated_outlet"


def dumps(value: Any) -> str:
    """Compact JSON that keeps non-ASCII text readable in the database and exports."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def columns(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# -- articles --------------------------------------------------------------------------------

def article_to_json(article: Article) -> dict[str, Any]:
    """An Article as a JSON-ready dict (spans as ``[start, end]`` pairs)."""
    out = {name: getattr(article, name) for name in ARTICLE_COLUMNS}
    out["published_evidence"] = [asdict(e) for e in article.published_evidence]
    out["flags"] = list(article.flags)
    out["removed"] = [asdict(r) for r in article.removed]
    out["sentences"] = [[s.start, s.end] for s in article.sentences]
    out["metadata"] = dict(article.metadata)
    return out


def article_from_json(data: Mapping[str, Any]) -> Article:
    values = {name: data.get(name) for name in ARTICLE_COLUMNS if name in data}
    values["published_evidence"] = tuple(DateEvidence(**e) for e in data.get("published_evidence") or ())
    values["flags"] = tuple(data.get("flags") or ())
    values["removed"] = tuple(Removal(**r) for r in data.get("removed") or ())
    values["sentences"] = tuple(Span(int(s[0]), int(s[1])) for s in data.get("sentences") or ())
    values["metadata"] = dict(data.get("metadata") or {})
    if values.get("language") is None:
        values.pop("language", None)
    return Article(**values)


def article_row(article: Article, stages: tuple[str, ...] = ()) -> dict[str, Any]:
    """The ``articles`` row (without ``pk``, ``duplicate_of``, ``story_id``, ``added_at``)."""
    row = article_to_json(article)
    for name in ARTICLE_JSON:
        row[name] = dumps(row[name])
    row["state_affiliated"] = int(STATE_FLAG in article.flags)
    row["stages"] = dumps(list(stages))
    return row


def article_from_row(row: Mapping[str, Any]) -> Article:
    data = {name: row[name] for name in ARTICLE_COLUMNS}
    for name in ARTICLE_JSON:
        data[name] = json.loads(data[name]) if data[name] else None
    return article_from_json(data)


# -- annotations -----------------------------------------------------------------------------

def annotation_row(record: Any, article_id: str) -> dict[str, Any]:
    """One mention/quote/time/event as a row of its table (booleans as 0/1)."""
    row = {"article_id": article_id}
    for f in fields(record):
        value = getattr(record, f.name)
        row[f.name] = int(value) if isinstance(value, bool) else value
    return row


def annotation_from_row(cls: type, row: Mapping[str, Any]) -> Any:
    return cls(**{name: bool(row[name]) if flag else row[name] for name, flag in _row_fields(cls)})


@lru_cache(maxsize=None)
def _row_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """(field name, stored as 0/1) of an annotation class: worked out once per class, not once
    per row (every linked article reads its annotations back)."""
    return tuple((f.name, f"{cls.__name__}.{f.name}" in _BOOLS) for f in fields(cls))


def annotation_to_json(record: Any) -> dict[str, Any]:
    return asdict(record)


# -- documents -------------------------------------------------------------------------------

def document_to_json(doc: Document) -> dict[str, Any]:
    """A Document as one JSON object: the article's fields plus its annotations (JSONL export)."""
    out = article_to_json(doc.article)
    for table in ANNOTATIONS:
        out[table] = [annotation_to_json(r) for r in getattr(doc, table)]
    out["stages"] = list(doc.stages)
    return out


def document_from_json(data: Mapping[str, Any]) -> Document:
    article = article_from_json(data)
    annotations = {table: tuple(cls(**r) for r in data.get(table) or ())
                   for table, cls in ANNOTATIONS.items()}
    return Document(article, stages=tuple(data.get("stages") or ()), **annotations)


# -- actors ----------------------------------------------------------------------------------

def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id, "name": actor.name, "kind": actor.kind,
        "variants": dumps(list(actor.variants)), "roles": dumps([asdict(r) for r in actor.roles]),
        "country": actor.country, "parent": actor.parent, "external_ids": dumps(actor.external_ids),
    }


def actor_from_row(row: Mapping[str, Any]) -> Actor:
    return Actor(
        id=row["id"], name=row["name"], kind=row["kind"],
        variants=tuple(json.loads(row["variants"] or "[]")),
        roles=tuple(Role(**r) for r in json.loads(row["roles"] or "[]")),
        country=row["country"], parent=row["parent"],
        external_ids=dict(json.loads(row["external_ids"] or "{}")),
    )


def actor_to_json(actor: Actor) -> dict[str, Any]:
    out = asdict(actor)
    out["variants"] = list(actor.variants)
    out["roles"] = [asdict(r) for r in actor.roles]
    return out


def name_key(name: str) -> str:
    """How names are compared: casefolded, accents off, spaces collapsed ("Zelenskij" ≠ "Zelensky",
    but "SERGÉJ  lavrov" = "sergej lavrov")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("’", "'").split())
