"""``cronaca serve``: the web UI and JSON API over a knowledge base, on this machine by default."""

from __future__ import annotations

from pathlib import Path

import click

from ..store.base import is_server_url
from .common import db_option, missing_file, shown


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on. The default keeps the app on this machine; "
                   "0.0.0.0 exposes it to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each reads the store on its own).")
@click.option("--threads", default=None, type=click.IntRange(1, 256),
              help="Requests each process answers at once, each with its own store connection "
                   "[default: 8, or $CRONACA_WEB_THREADS].")
def serve(db: str, host: str, port: int, workers: int, threads: int | None) -> None:
    """Browse and query the knowledge base in a web browser (pages, JSON API, /docs)."""
    import uvicorn

    if missing_file(db):
        raise click.ClickException(
            f"{db} does not exist: create it first with `cronaca ingest --db {db} FOLDER` "
            f"or `cronaca demo --db {db}`")
    click.echo(f"cronaca: serving {shown(db)} on http://{host}:{port}/  (API docs: /docs; Ctrl+C stops)")
    import os

    if threads:
        os.environ["CRONACA_WEB_THREADS"] = str(threads)
    if workers > 1:
        os.environ["CRONACA_DB"] = db if is_server_url(db) else str(Path(db).resolve())
        uvicorn.run("cronaca.web.app:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")
        return
    from ..web.app import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


COMMANDS = [serve]
