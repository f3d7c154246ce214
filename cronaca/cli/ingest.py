"""``cronaca ingest``: a thin shell over :func:`cronaca.ingest.run.ingest` (or the Dask engine,
:mod:`cronaca.engines.dask`, and :func:`cronaca.dataset.load.load`), then the linker.

The command draws the progress bar (on stderr, so stdout stays a clean summary), prints the
summary with every skipped input and its reason, and turns the outcome into an exit status that
scripts can test: 0 when everything was read, 1 when something was skipped, 2 when the job could
not run at all (bad arguments, a knowledge base that cannot be opened or written), 3 for an
internal error (a bug: see :mod:`cronaca.cli`), 130 when interrupted.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import sys
from contextlib import nullcontext
from typing import Any, Callable

import click
from tqdm import tqdm

from ..errors import CronacaError
from ..ingest.formats import DEFAULT_MAX_BYTES
from ..ingest.run import IngestProgress, IngestReport, default_jobs, ingest
from ..link.follower import Follower
from ..link.incremental import LinkSummary
from ..link.incremental import link as link_articles
from ..store.base import open_store
from .common import db_option, shown

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*$", re.I)
#: The knowledge base and SQLite's companion files: never read as input, even inside PATH.
_DB_FILES = ("", "-wal", "-shm", "-journal")
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


class ByteSize(click.ParamType):
    """A size such as ``10MB``, ``512k``, ``1.5G`` or ``2000000`` (K, M, G are powers of 1024)."""

    name = "SIZE"

    def convert(self, value, param, ctx):  # type: ignore[override]
        if isinstance(value, int):
            return value
        match = _SIZE.match(str(value))
        if not match:
            self.fail(f"{value!r} is not a size; write e.g. 10MB, 512k or 2000000", param, ctx)
        number = float(match.group(1)) * _UNITS[match.group(2).lower()]
        if number < 1:
            self.fail("the size must be at least one byte", param, ctx)
        return int(number)


class Fatal(click.ClickException):
    exit_code = 2



def open_or_fail(db: str) -> Any:
    """The knowledge base, or exit status 2 with why it cannot be opened."""
    try:
        return open_store(db)
    except CronacaError as exc:
        raise Fatal(f"cannot open the knowledge base {shown(db)}: {exc}") from exc


def progress_bar(quiet: bool) -> tuple[Any, Callable[[IngestProgress], None]]:
    """The progress bar on stderr and the callback that moves it."""
    bar = tqdm(unit=" docs", disable=quiet, file=sys.stderr, dynamic_ncols=True, leave=False)

    def progress(p: IngestProgress) -> None:
        bar.update(p.read - bar.n)
        bar.set_postfix(stored=p.stored, dup=p.duplicates, skipped=p.skipped, refresh=False)

    return bar, progress


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default="one per core",
              help="Worker processes for cleaning and NLP (0 = one per CPU core); with "
                   "--engine dask and no --scheduler, the workers of the local cluster.")
@click.option("--max-bytes", type=ByteSize(), default=DEFAULT_MAX_BYTES, show_default="10MB",
              help="Largest single article (a text/HTML file, a JSON line, a WARC record); "
                   "larger ones are skipped as too large. Never more than 16MB, whatever is "
                   "given: memory stays bounded.")
@click.option("--no-link", is_flag=True,
              help="Do not link after ingesting (run `cronaca link` later, e.g. after several ingests).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: this machine's cores, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the Dask scheduler (tcp://host:8786); without it a local "
                   "cluster of --jobs workers is started.")
@click.option("--dataset", metavar="DIR",
              help="With --engine dask: keep the extracted records as a Parquet dataset here (a "
                   "folder or an fsspec URL such as s3://bucket/kb); by default a temporary one.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary; skipped inputs are still listed on stderr.")
def ingest_command(paths: tuple[str, ...], db: str, jobs: int, max_bytes: int, no_link: bool,
                   engine: str, scheduler: str | None, dataset: str | None, quiet: bool) -> None:
    """Read articles from PATH... and store them in the knowledge base, then link them.

    PATH is a file, a folder (read recursively, hidden files skipped), a glob such as
    'scraped/**/*.html' (quoted, so cronaca expands it), a .gz file, or - for standard input;
    with --engine dask also an fsspec URL (s3://bucket/crawl/, https://host/dump.jsonl.gz).
    Formats are detected by content and extension: plain text as scrapers save it (optional
    ' date YYYY-MM URL' header, title, body), HTML pages, JSON Lines / NDJSON (or a .json object
    or array), and WARC files such as Common Crawl's news archive.

    Every core is used by default, in bounded memory: files are streamed record by record and
    at most two batches per worker are in flight. Ingest is restartable: inputs already stored
    (same raw bytes) are skipped, so re-running an interrupted ingest stores every article
    once. The same article from two sources is stored once and counted as a duplicate. The new
    articles are then linked (copies, stories, merged events) unless --no-link.

    \b
    Exit status:
      0  everything was read and stored (or was already there)
      1  something was skipped; the summary names each file and the reason
      2  the ingest could not run (bad arguments, the knowledge base cannot be opened
         or written)
      3  internal error: a bug in cronaca (the traceback is printed; please report it)
      130  interrupted (Ctrl-C); finished batches are kept, re-run to continue
    """
    if engine == "local" and (scheduler or dataset):
        raise click.UsageError("--scheduler and --dataset go with --engine dask")
    if logging.getLogger().getEffectiveLevel() >= logging.WARNING:
        # trafilatura warns about every page it cannot extract; the summary already says so
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
    store = open_or_fail(db)
    bar, progress = progress_bar(quiet)
    exclude = [db + suffix for suffix in _DB_FILES]
    jobs = jobs or default_jobs()
    follower = None if no_link else Follower(db)  # links beside the workers (one core: after them)
    try:
        if engine == "dask":
            with follower or nullcontext():
                report = _ingest_dask(paths, store, jobs, scheduler, dataset, max_bytes, exclude, progress)
        else:
            report = ingest(paths, store, jobs=jobs, max_bytes=max_bytes, progress=progress,
                            exclude=exclude, beside=follower)
    except CronacaError as exc:
        store.close()
        raise Fatal(str(exc)) from exc
    except KeyboardInterrupt:
        store.close()
        click.echo("\ninterrupted: every finished batch is stored; run the same command again "
                   "to continue where it stopped", err=True)
        sys.exit(130)
    finally:
        bar.close()
    finish(report, store, db=shown(db), link=not no_link, quiet=quiet,
           linked=getattr(follower, "summary", None))
    sys.exit(0 if report.ok else 1)


def _ingest_dask(paths: tuple[str, ...], store: Any, jobs: int, scheduler: str | None,
                 dataset: str | None, max_bytes: int, exclude: list[str],
                 progress: Callable[[IngestProgress], None]) -> IngestReport:
    """Extract on a Dask cluster into a dataset, loading each partition as soon as the reading
    order allows (:func:`~cronaca.engines.dask.extract_in_order`): the local engine's records,
    with storing and linking beside the extraction rather than after it."""
    import shutil
    import tempfile

    from ..dataset.load import Loader
    from ..engines.dask import connect, extract_in_order

    scratch = None if dataset else tempfile.mkdtemp(prefix="cronaca-dataset-")
    root = dataset or str(scratch)
    try:
        with connect(scheduler, jobs) as client:
            loader: Loader | None = None
            for part in extract_in_order(paths, root, client, max_bytes=max_bytes, exclude=exclude):
                if loader is None:  # the manifest exists now
                    loader = Loader(root, store, progress=progress)
                    for earlier in loader.dataset.partitions():  # a former run's, not loaded yet
                        if earlier.name < part.part:
                            loader.load_partition(earlier)
                loader.load(part.part)
        return (loader or Loader(root, store, progress=progress)).report()
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def finish(report: IngestReport, store: Any, *, db: str, link: bool, quiet: bool,
           linked: LinkSummary | None = None) -> None:
    """Print the summary, link what was stored and is not linked yet (``linked``: what a
    :class:`~cronaca.link.follower.Follower` linked beside the ingest) unless told not to,
    close the store."""
    try:
        _summary(report, db, quiet)
        store.settle(report.stored)
        if link:
            try:
                summary = link_articles(store)
            except CronacaError as exc:
                raise Fatal(f"stored, but linking failed: {exc} (run `cronaca link` again)") from exc
            if linked is not None:
                summary = LinkSummary(*(a + b for a, b in zip(dataclasses.astuple(linked)[:4],
                                                               dataclasses.astuple(summary)[:4])),
                                      repaired=linked.repaired + summary.repaired)
            if not quiet:
                click.echo(f"linked {summary.linked} articles: {summary.duplicates} copies, "
                           f"{summary.new_stories} new stories, {summary.extended_stories} added "
                           "to stories")
    finally:
        store.close()


def counts(report: IngestReport) -> str:
    """The ingest's numbers in the words every command uses for them."""
    return (f"read {report.read}, stored {report.stored}, duplicates {report.duplicates}, "
            f"already seen {report.already_seen}, skipped {len(report.skipped)}")


def _summary(report: IngestReport, db: str, quiet: bool) -> None:
    if not quiet:
        rate = report.read / report.elapsed if report.elapsed > 0 else 0.0
        click.echo(f"{counts(report)} in {report.elapsed:.1f}s ({rate:.0f} docs/s) -> {db}")
    if report.skipped:
        click.echo(f"skipped {len(report.skipped)}:", err=quiet)
        for failure in report.skipped:
            click.echo(f"  {failure.origin}: {failure.reason}", err=quiet)


COMMANDS = [ingest_command]
