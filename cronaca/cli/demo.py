"""``cronaca demo``: build a knowledge base from the bundled demo corpus and summarise it."""

from __future__ import annotations

import click

from ..demo import CORPUS, run_demo
from .common import db_option, shown
from .ingest import counts


@click.command("demo")
@db_option
def demo(db: str) -> None:
    """Ingest and link the bundled demo corpus, then print what the knowledge base holds."""
    s = run_demo(db)
    r, meta = s.ingest, s.meta
    click.echo(f"demo corpus: {CORPUS}")
    click.echo(f"ingest: {counts(r)} ({r.elapsed:.1f} s)")
    for failure in r.skipped:
        click.echo(f"  skipped {failure.origin}: {failure.reason}")
    click.echo(f"link: {s.link.linked} articles linked, {s.link.duplicates} duplicates, "
               f"{s.link.new_stories} new stories, {s.link.extended_stories} extended")
    counted = ("articles", "duplicates", "outlets", "actors", "mentions", "quotes", "times", "events",
               "stories")
    click.echo("knowledge base: " + ", ".join(f"{meta[k]} {k}" for k in counted if k in meta))
    click.echo(f"published: {meta.get('first_published')} .. {meta.get('last_published')}")
    if s.top_actors:
        click.echo("most mentioned actors: " + ", ".join(
            f"{a['name']} ({a['mention_count']} in {a['article_count']} art.)" for a in s.top_actors))
    click.echo(f"\nknowledge base written to {shown(db)}; browse it with: cronaca serve --db {shown(db)}")


COMMANDS = [demo]
