"""Options and helpers shared by the CLI command modules."""

from __future__ import annotations

import click

DEFAULT_DB = "cronaca.db"

db_option = click.option(
    "--db", "db", default=DEFAULT_DB, show_default=True, envvar="CRONACA_DB",
    type=click.Path(dir_okay=False), help="The knowledge base (an SQLite file, created if missing).",
)
