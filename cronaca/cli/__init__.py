"""The ``cronaca`` command line: every command is a thin shell over a library function.

Commands live in small modules grouped by what they do; each module exposes ``COMMANDS``, a list
of click commands, and this group mounts them all. The CLI is the only place that prints, draws
progress bars and chooses exit codes:

====  ===================================================================================
0     done (``ingest``: everything was read and stored, or was already there)
1     ``ingest``: some inputs were skipped (each named with its reason); other commands: an
      error the user can fix (a malformed query, an unknown id, no knowledge base)
2     the command could not run: bad arguments, a knowledge base that cannot be opened or
      written (locked, read-only, full)
3     internal error: a bug in cronaca, not a problem with the input (traceback on stderr)
130   interrupted (Ctrl-C); what was committed is kept
====  ===================================================================================
"""

from __future__ import annotations

import importlib
import logging
import sys
import traceback
from typing import Any

import click

_COMMAND_MODULES = ("ingest", "load", "browse", "evaluate", "demo", "stories", "serve")

#: Exit status of an unexpected exception (1 means "some inputs were skipped" for ingest).
INTERNAL_ERROR = 3
INTERRUPTED = 130


class _Commands(click.Group):
    """The group, turning an unexpected exception into exit status 3 and Ctrl-C into 130."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort,
                BrokenPipeError):  # click ends quietly when the reader of stdout goes (| head)
            raise
        except KeyboardInterrupt:
            click.echo("\ninterrupted: what was committed is kept", err=True)
            ctx.exit(INTERRUPTED)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            traceback.print_exc(file=sys.stderr)
            click.echo(f"cronaca: internal error ({type(exc).__name__}: {exc}). This is a bug in "
                       "cronaca, not a problem with your input: please report it with the "
                       "traceback above (see SECURITY.md for security problems).", err=True)
            ctx.exit(INTERNAL_ERROR)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
@click.version_option(package_name="cronaca")
def main(verbose: int) -> None:
    """cronaca: scraped news articles -> a source-attributed knowledge base."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


for _name in _COMMAND_MODULES:
    for _command in importlib.import_module(f"{__name__}.{_name}").COMMANDS:
        main.add_command(_command)
