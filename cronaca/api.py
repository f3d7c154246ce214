"""The documented Python API: what every CLI command calls, gathered in one place.

    from cronaca import api
    store = api.open_store("cronaca.db")
    report = api.ingest(["corpus/"], store)      # -> IngestReport
    api.link(store)                               # duplicates, stories, merged events
    page = store.search("Ginevra")                # -> Page of SearchHit
    doc = store.get_document(page.items[0].article_id)
    for s in api.stories(store, since="2022-01-01"):   # what `cronaca stories --json` prints
        print(s["id"], s["title"], s["files"])
    api.story(store, s["id"]); api.compare(store, s["id"]); api.timeline(store, actor="Russia")
    store.check()                                 # what `cronaca check` reports: [] when sound

``link_documents`` links documents in memory, without a store (one-off folders, notebooks).

On a Dask cluster, extraction writes a Parquet dataset that ``load`` brings into a store::

    from dask.distributed import Client
    api.extract(["s3://crawl/2024-05/"], "s3://team/kb-dataset", Client("tcp://scheduler:8786"))
    api.load("s3://team/kb-dataset", store); api.link(store)   # the local engine's records

The pure pipeline (:func:`process_batch`) needs no store: it maps raw documents to annotated
documents and runs unchanged in a loop, a process pool or ``dask.bag.map_partitions``.
"""

from __future__ import annotations

from .dataset.load import load
from .demo import run_demo
from .engines.dask import extract
from .evaluation import evaluate
from .ingest.clean import clean
from .ingest.formats import read_paths
from .ingest.run import IngestReport, ingest
from .link.incremental import link
from .link.linker import link_documents
from .link.queries import compare_story as compare
from .link.queries import stories, story, timeline
from .pipeline import BatchResult, Options, process_batch
from .store.base import Filters, Store, open_store
from .store.export import export

__all__ = [
    "BatchResult",
    "Filters",
    "IngestReport",
    "Options",
    "Store",
    "clean",
    "compare",
    "evaluate",
    "export",
    "extract",
    "ingest",
    "link",
    "link_documents",
    "load",
    "open_store",
    "process_batch",
    "read_paths",
    "run_demo",
    "stories",
    "story",
    "timeline",
]
