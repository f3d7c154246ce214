"""The bundled demo corpus: Italian news articles the team wrote, with the noise of real crawls.

:func:`run_demo` is what ``make demo`` runs: ingest the corpus into a knowledge base, link it
(duplicates, stories, merged events) and return the figures the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ingest.run import IngestReport, ingest
from ..link.incremental import LinkSummary, link
from ..store.base import open_store

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class DemoSummary:
    ingest: IngestReport
    link: LinkSummary
    meta: dict[str, Any] = field(default_factory=dict)
    top_actors: list[dict[str, Any]] = field(default_factory=list)


def run_demo(db: str | Path, corpus: Path = CORPUS) -> DemoSummary:
    """Ingest and link the demo corpus into ``db``; safe to run again (nothing is duplicated)."""
    store = open_store(str(db))
    try:
        report = ingest([str(corpus)], store, exclude=[str(db)])
        linked = link(store)
        top = store.actors(limit=8).items
        return DemoSummary(report, linked, store.meta(), top)
    finally:
        store.close()
