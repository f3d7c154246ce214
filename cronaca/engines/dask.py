"""The Dask engine: extraction on a ``dask.distributed`` cluster, records into a Parquet dataset.

Why Dask, and why this shape: Dask is the distributed engine Python data teams already run (a
``LocalCluster`` on a laptop, a scheduler on a cluster, Kubernetes, HPC queues). The work that
costs — reading, cleaning, extraction — is :func:`cronaca.pipeline.process_batch`, pure and
picklable, so it runs on Dask unchanged. Each input file is one task (:func:`extract_source`):
the worker opens it through fsspec (local, ``s3://``, ``http://``…), streams it record by
record, processes it in batches and writes each batch as a row group of its partition of the
dataset (:mod:`cronaca.dataset`), so a worker's memory holds one batch whatever the file's size,
and tasks share nothing. The scheduler keeps every worker busy; results travel as files, not
through the scheduler.

What stays in one process is what must be sequential to give the local engine's results:
``cronaca load`` writes the records in reading order through the same writer, and linking (an
online algorithm: each decision reads the ones before) runs incrementally on the store, chunk
by chunk, with point look-ups: neither holds the corpus in memory.

    from dask.distributed import Client
    from cronaca.engines.dask import extract
    report = extract(["s3://crawl/2024-05/"], "s3://kb/dataset", Client("tcp://scheduler:8786"))
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from ..dataset.writer import PartWriter, write_manifest
from ..ingest.formats import DEFAULT_MAX_BYTES, read_stream
from ..pipeline import Options, process_batch
from ..types import Failure, RawDocument
from .remote import RemoteSource, list_sources

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 100


@dataclass(frozen=True, slots=True)
class PartReport:
    """What one task did: its partition, documents written, failures recorded, seconds taken."""

    part: str
    origin: str
    documents: int = 0
    failures: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class ExtractReport:
    """What a distributed extraction did; the records are in ``dataset``."""

    dataset: str
    parts: list[PartReport] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def documents(self) -> int:
        return sum(p.documents for p in self.parts)

    @property
    def failures(self) -> int:
        return sum(p.failures for p in self.parts)


def extract_source(source: RemoteSource, part: str, dataset: str, options: Options,
                   batch_size: int, max_bytes: int,
                   storage_options: dict[str, Any] | None = None) -> PartReport:
    """One task: read one input file, process it batch by batch, write its partition."""
    import fsspec

    started = time.perf_counter()
    docs = fails = 0

    def open_() -> Any:
        return fsspec.open(source.url, "rb", **(storage_options or {})).open()

    with PartWriter(dataset, part, storage_options) as writer:
        batch: list[RawDocument] = []
        failures: list[Failure] = []

        def flush() -> None:
            nonlocal docs, fails
            result = process_batch(batch, options) if batch else None
            done = result.documents if result else []
            failed = failures + (result.failures if result else [])
            writer.write(done, failed)
            docs += len(done)
            fails += len(failed)
            batch.clear()
            failures.clear()

        for item in read_stream(open_, source.origin, source.name, size=source.size,
                                max_bytes=max_bytes):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                batch.append(item)
            if len(batch) >= batch_size:
                flush()
        flush()
    return PartReport(part, source.origin, docs, fails, time.perf_counter() - started)


def extract(paths: Iterable[str], dataset: str, client: Any, *, options: Options = Options(),
            batch_size: int = DEFAULT_BATCH_SIZE, max_bytes: int = DEFAULT_MAX_BYTES,
            storage_options: dict[str, Any] | None = None, exclude: Iterable[str] = (),
            progress: Callable[[PartReport], None] | None = None) -> ExtractReport:
    """Extract every input of ``paths`` on the cluster of ``client`` (a
    ``dask.distributed.Client``) into the dataset at ``dataset`` (a path or an fsspec URL the
    workers can write). Adds partitions to an existing dataset: a later ``cronaca load`` brings
    in only what is new."""
    started = time.perf_counter()
    report = ExtractReport(dataset)
    for part in extract_in_order(paths, dataset, client, options=options, batch_size=batch_size,
                                 max_bytes=max_bytes, storage_options=storage_options, exclude=exclude):
        report.parts.append(part)
        if progress:
            progress(part)
    report.elapsed = time.perf_counter() - started
    log.info("dask: %d documents, %d failures in %d partitions, %.1fs", report.documents,
             report.failures, len(report.parts), report.elapsed)
    return report


def extract_in_order(paths: Iterable[str], dataset: str, client: Any, *, options: Options = Options(),
                     batch_size: int = DEFAULT_BATCH_SIZE, max_bytes: int = DEFAULT_MAX_BYTES,
                     storage_options: dict[str, Any] | None = None,
                     exclude: Iterable[str] = ()) -> Iterator[PartReport]:
    """:func:`extract`, yielding each partition's report as soon as it and every partition
    before it (in reading order) are written.

    Why in order: the store must receive the records in the order the local engine reads them,
    so a consumer may load each partition this yields right away (``cronaca ingest --engine
    dask`` does: storing and linking then overlap the extraction, as the local engine's writer
    and linker overlap its workers). A finished task whose predecessors are still running waits
    in a small buffer; the scheduler keeps every worker busy meanwhile.
    """
    from dask.distributed import as_completed

    run = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    write_manifest(dataset, storage_options)
    sources: list[RemoteSource] = []
    unlisted: list[Failure] = []
    for item in list_sources(paths, storage_options, exclude):
        (unlisted if isinstance(item, Failure) else sources).append(item)  # type: ignore[arg-type]
    if unlisted:  # partition 0: what could not even be listed
        with PartWriter(dataset, f"{run}-{0:06d}", storage_options) as writer:
            writer.write([], unlisted)
        yield PartReport(f"{run}-{0:06d}", "", 0, len(unlisted))
    names = [f"{run}-{i:06d}" for i in range(1, len(sources) + 1)]
    task = partial(extract_source, dataset=dataset, options=options, batch_size=batch_size,
                   max_bytes=max_bytes, storage_options=storage_options)  # map's own keywords differ
    futures = client.map(task, sources, names, pure=False)
    done: dict[str, PartReport] = {}
    following = 0  # index in ``names`` of the next partition to hand over
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        part = future.result()
        done[part.part] = part
        while following < len(names) and names[following] in done:
            yield done.pop(names[following])
            following += 1


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, or of a local cluster of ``workers``
    processes (one thread each: the stages are Python, the GIL would serialise threads)."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                      dashboard_address=None) as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client
