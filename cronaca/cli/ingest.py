"""``cronaca ingest``: a thin shell over :func:`cronaca.ingest.run.ingest`.

The command draws the progress bar (on stderr, so stdout stays a clean summary), prints the
summary with every skipped input and its reason, and turns the outcome into an exit status that
scripts can test: 0 when everything was read, 1 when something was skipped, 2 when the job could
not run at all (bad arguments, a knowledge base that cannot be opened or written), 3 for an
internal error (a bug: see :mod:`cronaca.cli`), 130 when interrupted.
"""

from __future__ import annotations

import logging
import os
import re
import sys

import click
from tqdm import tqdm

from ..errors import CronacaError
from ..ingest.formats import DEFAULT_MAX_BYTES
from ..ingest.run import IngestProgress, IngestReport, ingest
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


class _Fatal(click.ClickException):
    exit_code = 2


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes for cleaning and NLP (0 = one per CPU core).")
@click.option("--max-bytes", type=ByteSize(), default=DEFAULT_MAX_BYTES, show_default="10MB",
              help="Largest single article (a text/HTML file, a JSON line, a WARC record); "
                   "larger ones are skipped as too large. Never more than 16MB, whatever is "
                   "given: memory stays bounded.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary; skipped inputs are still listed on stderr.")
def ingest_command(paths: tuple[str, ...], db: str, jobs: int, max_bytes: int,
                   quiet: bool) -> None:
    """Read articles from PATH... and store them in the knowledge base.

    PATH is a file, a folder (read recursively, hidden files skipped), a glob such as
    'scraped/**/*.html' (quoted, so cronaca expands it), a .gz file, or - for standard input.
    Formats are detected by content and extension: plain text as scrapers save it (optional
    ' date YYYY-MM URL' header, title, body), HTML pages, JSON Lines / NDJSON (or a .json object
    or array), and WARC files such as Common Crawl's news archive.

    Ingest is restartable: inputs already stored (same raw bytes) are skipped, so re-running an
    interrupted ingest stores every article once. The same article from two sources is stored
    once and counted as a duplicate.

    \b
    Exit status:
      0  everything was read and stored (or was already there)
      1  something was skipped; the summary names each file and the reason
      2  the ingest could not run (bad arguments, the knowledge base cannot be opened
         or written)
      3  internal error: a bug in cronaca (the traceback is printed; please report it)
      130  interrupted (Ctrl-C); finished batches are kept, re-run to continue
    """
    jobs = jobs or os.cpu_count() or 1
    if logging.getLogger().getEffectiveLevel() >= logging.WARNING:
        # trafilatura warns about every page it cannot extract; the summary already says so
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        store = open_store(db)
    except CronacaError as exc:
        raise _Fatal(f"cannot open the knowledge base {shown(db)}: {exc}") from exc
    bar = tqdm(unit=" docs", disable=quiet, file=sys.stderr, dynamic_ncols=True, leave=False)

    def progress(p: IngestProgress) -> None:
        bar.update(p.read - bar.n)
        bar.set_postfix(stored=p.stored, dup=p.duplicates, skipped=p.skipped, refresh=False)

    try:
        report = ingest(paths, store, jobs=jobs, max_bytes=max_bytes, progress=progress,
                        exclude=[db + suffix for suffix in _DB_FILES])
    except CronacaError as exc:
        raise _Fatal(str(exc)) from exc
    except KeyboardInterrupt:
        click.echo("\ninterrupted: every finished batch is stored; run the same command again "
                   "to continue where it stopped", err=True)
        sys.exit(130)
    finally:
        bar.close()
        store.close()
    _summary(report, shown(db), quiet)
    sys.exit(0 if report.ok else 1)


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
