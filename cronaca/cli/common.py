"""Options and helpers shared by the CLI command modules."""

from __future__ import annotations

import click

from ..store.base import is_server_url
from ..store.pgconn import redact

DEFAULT_DB = "cronaca.db"

db_option = click.option(
    "--db", "db", default=DEFAULT_DB, show_default=True, envvar="CRONACA_DB",
    type=click.Path(dir_okay=False),
    help="The knowledge base: an SQLite file (created if missing) or a PostgreSQL database "
         "as postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.",
)


def shown(db: str) -> str:
    """``--db`` as messages show it: a PostgreSQL URL without its password."""
    return redact(db) if is_server_url(db) else db


def missing_file(db: str) -> bool:
    """Whether ``--db`` names an SQLite file that does not exist (a server URL never does)."""
    from pathlib import Path

    return not is_server_url(db) and not Path(db).exists()
