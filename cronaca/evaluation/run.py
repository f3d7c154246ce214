"""``cronaca eval``: run the whole pipeline on the documents a gold file names, write predictions
in the gold schema, and score them.

``doc_id`` is the file name without ``.txt``. The documents are linked as ``cronaca link`` would
link them (``link=False`` scores each document alone). Gold whose quotes carry only a ``start`` prefix (the
dev2 set) is scored with the prefix rules automatically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from ..ingest.formats import read_source
from ..ingest.sources import Source
from ..pipeline import Options, process_batch
from ..types import Document, Failure, RawDocument
from .predict import prediction
from .scoring import Scores, score


@dataclass
class EvalResult:
    scores: Scores
    predictions: dict[str, dict[str, Any]]
    missing: list[str] = field(default_factory=list)  # gold doc_ids with no file in DIR
    failures: list[Failure] = field(default_factory=list)


def load_gold(path: str | Path) -> dict[str, dict[str, Any]]:
    gold: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                gold[str(record["doc_id"])] = record
    return gold


def is_prefix_gold(gold: dict[str, dict[str, Any]]) -> bool:
    quotes = [q for g in gold.values() for q in g.get("quotes", [])]
    return bool(quotes) and all("text" not in q and "start" in q for q in quotes)


def provenance(record: dict[str, Any]) -> dict[str, Any]:
    """What a crawler knew about a page, as container metadata (like a JSON Lines ``url``).

    Records in the fetched-page schema (dev2: ``url`` plus the ``sha256``/``query`` that located
    the copy) name the address the text was fetched from; any crawl knows that address, so it is
    passed to the reader. In the seed schema ``url`` is an *annotation* (the URL stated in the
    text) and is never read.
    """
    if record.get("url") and ("sha256" in record or "query" in record):
        return {"url": record["url"]}
    return {}


def _read(path: Path, metadata: dict[str, Any]) -> RawDocument | Failure:
    """Read a document as ``cronaca ingest`` would (same decoding and format detection)."""
    source = Source(str(path), path, path.stat().st_size)
    for item in read_source(source):
        if isinstance(item, RawDocument):
            return replace(item, metadata={**item.metadata, **metadata})
        return item
    return Failure(str(path), "no document in file")


def linked(docs: list[Document]) -> list[Document]:
    """The documents as the knowledge base holds them after linking: an event that one article
    leaves undated takes the day of the merged event that other reports date."""
    from ..link import dated_documents, link_documents

    _, index = link_documents(docs)
    merged = [m for events in index.merged.values() for m in events.values()]
    return dated_documents(docs, merged)


def evaluate(gold_path: str | Path | Mapping[str, dict[str, Any]],
             docs_dir: str | Path | Mapping[str, Path], out_path: str | Path | None = None,
             options: Options = Options(), *, link: bool = True) -> EvalResult:
    """Score the pipeline on the gold records (a gold file, or records by doc_id) whose texts are
    ``<doc_id>.txt`` in ``docs_dir`` (or the paths a mapping gives, for corpora kept in several
    folders)."""
    gold = dict(gold_path) if isinstance(gold_path, Mapping) else load_gold(gold_path)
    raws, ids, missing, unread = [], [], [], []
    for doc_id in gold:
        path = Path(docs_dir[doc_id]) if isinstance(docs_dir, Mapping) and doc_id in docs_dir \
            else Path(str(docs_dir)) / f"{doc_id}.txt"
        if not path.is_file():
            missing.append(doc_id)
            continue
        item = _read(path, provenance(gold[doc_id]))
        if isinstance(item, Failure):
            unread.append(item)
        else:
            raws.append(item)
            ids.append(doc_id)
    by_origin = dict(zip((r.origin for r in raws), ids))
    batch = process_batch(raws, options)
    docs = linked(batch.documents) if link and batch.documents else batch.documents
    predictions = {by_origin[d.article.origin]: prediction(d, by_origin[d.article.origin])
                   for d in docs}
    if out_path is not None:
        with open(out_path, "w", encoding="utf-8") as fh:
            for doc_id in ids:
                if doc_id in predictions:
                    fh.write(json.dumps(predictions[doc_id], ensure_ascii=False) + "\n")
    scores = score(gold, predictions, prefix=is_prefix_gold(gold))
    return EvalResult(scores, predictions, missing, unread + batch.failures)
