"""``cronaca eval``: score the pipeline against a gold file."""

from __future__ import annotations

import json
import sys

import click

from ..evaluation import evaluate


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--docs", "docs", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder holding <doc_id>.txt for every gold record.")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Write one prediction per document (gold schema, JSON Lines).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--no-link", "no_link", is_flag=True,
              help="Score each document alone (no cross-article event dating).")
def eval_command(gold: str, docs: str, out: str | None, as_json: bool, no_link: bool) -> None:
    """Run the whole pipeline on the files of DOCS named by GOLD and print the scores."""
    result = evaluate(gold, docs, out, link=not no_link)
    for doc_id in result.missing:
        click.echo(f"warning: no file for {doc_id} in {docs}", err=True)
    for failure in result.failures:
        click.echo(f"warning: {failure.origin}: {failure.reason}", err=True)
    if as_json:
        click.echo(json.dumps(result.scores.as_dict(), sort_keys=True))
    else:
        click.echo(result.scores.table())
    if result.missing or result.failures:
        sys.exit(1)


COMMANDS = [eval_command]
