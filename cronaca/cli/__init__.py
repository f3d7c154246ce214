"""The ``cronaca`` command line: every command is a thin shell over a library function.

Commands live in small modules grouped by what they do; each module exposes ``COMMANDS``, a list
of click commands, and this group mounts them all. The CLI is the only place that prints, draws
progress bars and chooses exit codes.
"""

from __future__ import annotations

import importlib
import logging

import click

_COMMAND_MODULES = ("ingest", "browse", "evaluate", "demo", "stories", "serve")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
@click.version_option(package_name="cronaca")
def main(verbose: int) -> None:
    """cronaca: scraped news articles -> a source-attributed knowledge base."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


for _name in _COMMAND_MODULES:
    for _command in importlib.import_module(f"{__name__}.{_name}").COMMANDS:
        main.add_command(_command)
