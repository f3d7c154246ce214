"""``cronaca load DATASET``: a Parquet dataset of extracted records into the knowledge base.

A thin shell over :func:`cronaca.dataset.load.load` and, unless ``--no-link``, the incremental
linker: what the Dask engine extracted (or ``bench/article_generator.py --dataset`` generated) becomes a
store like the local engine's. Exit statuses as for ``cronaca ingest``.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import click

from ..errors import CronacaError
from ..link.follower import Follower
from .common import db_option, shown
from .ingest import Fatal, finish, open_or_fail, progress_bar


@click.command("load")
@click.argument("dataset", metavar="DATASET")
@db_option
@click.option("--no-link", is_flag=True, help="Do not link after loading (run `cronaca link` later).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def load_command(dataset: str, db: str, no_link: bool, quiet: bool) -> None:
    """Bring the records of DATASET (a folder or an fsspec URL such as s3://bucket/kb) into
    the knowledge base, then link them.

    Incremental: inputs already stored are skipped, so loading a dataset again, or after a
    later run added partitions to it, stores only what is new.
    """
    from ..dataset.load import load

    store = open_or_fail(db)
    bar, progress = progress_bar(quiet)
    follower: AbstractContextManager[Any] = nullcontext() if no_link else Follower(db)
    try:
        with follower:  # links beside the load
            report = load(dataset, store, progress=progress)
    except CronacaError as exc:
        store.close()
        raise Fatal(str(exc)) from exc
    finally:
        bar.close()
    finish(report, store, db=shown(db), link=not no_link, quiet=quiet,
           linked=getattr(follower, "summary", None))
    sys.exit(0 if report.ok else 1)


COMMANDS = [load_command]
