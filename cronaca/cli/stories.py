"""``cronaca link``, ``stories``, ``story``, ``timeline``, ``compare``: thin shells over
:mod:`cronaca.link.incremental` and :mod:`cronaca.link.queries`.
"""

from __future__ import annotations

import json
import sys

import click

from ..errors import CronacaError
from ..link import queries
from ..link.incremental import link as link_articles
from ..store.base import open_store
from .common import db_option


def _open(db: str):
    try:
        return open_store(db)
    except CronacaError as exc:
        raise click.ClickException(str(exc)) from exc


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


@click.command("link")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def link(db: str, quiet: bool) -> None:
    """Link the articles not linked yet: duplicates, stories, merged events.

    Safe to run while another link or an ingest runs on the same knowledge base: a second run
    waits for the first one's chunk and links only what is left. Damaged link records (left by
    older versions) are detected and the whole store is linked again.
    """
    from tqdm import tqdm  # noqa: PLC0415

    store = _open(db)
    try:
        with tqdm(unit=" docs", disable=quiet, file=sys.stderr) as bar:
            summary = link_articles(store, progress=bar.update)
    except CronacaError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if summary.repaired:
        click.echo("repaired damaged link records (" + "; ".join(summary.repaired)
                   + "): every article was linked again")
    click.echo(f"linked {summary.linked} articles: {summary.duplicates} copies, "
               f"{summary.new_stories} new stories, {summary.extended_stories} added to stories")


@click.command("stories")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The stories as one JSON array.")
@click.option("--jsonl", "as_jsonl", is_flag=True,
              help="One JSON object per story per line (JSON Lines), for streaming tools.")
@click.option("--since", help="Stories active on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", help="Stories active on or before this date.")
@click.option("--actor", help="Only stories about this actor (name or id).")
@click.option("--min-articles", type=int, default=1, show_default=True)
@click.option("--limit", type=int, default=None)
def stories(db: str, as_json: bool, as_jsonl: bool, since, until, actor, min_articles: int,
            limit) -> None:
    """List stories, most recent first."""
    if as_json and as_jsonl:
        raise click.UsageError("choose one of --json (one array) and --jsonl (one line each)")
    store = _open(db)
    try:
        rows = queries.stories(store, since=since, until=until, actor=actor, limit=limit,
                               min_articles=min_articles)
    except CronacaError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if as_json:
        click.echo(_json(rows))
        return
    for s in rows:
        if as_jsonl:
            click.echo(_json(s))
        else:
            span = s["first_date"] if s["first_date"] == s["last_date"] else f"{s['first_date']}..{s['last_date']}"
            click.echo(f"{s['id']}  {span or '-':23}  {s['articles']:3d} art. (+{s['duplicates']} copies)  "
                       f"{s['title'] or ''}")


@click.command("story")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The story as one JSON object.")
def story(story_id: str, db: str, as_json: bool) -> None:
    """Show one story: its articles and its merged events with every report."""
    store = _open(db)
    try:
        s = queries.story(store, story_id)
    except CronacaError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if as_json:
        click.echo(_json(s))
        return
    click.echo(f"{s['id']}  {s['title']}")
    click.echo(f"  {s['first_date']} .. {s['last_date']}   {s['size']} articles, {s['duplicates']} copies")
    click.echo("  actors: " + ", ".join(f"{a['name']} ({a['mentions']})" for a in s["actors"]))
    click.echo("articles:")
    for a in s["articles"]:
        kind = "translation" if a.get("translation") else "copy"
        mark = f"  {kind} of {a['duplicate_of']}" if a["duplicate"] else ""
        click.echo(f"  {a['published'] or '-':10}  {a['outlet'] or '-':22}  {a['id']}  {a['title'] or ''}{mark}")
        for c in a.get("carriers", ()):
            click.echo(f"  {c['published'] or '-':10}  {c['outlet']:22}  (the same text)  {c['url'] or ''}")
        for o in a["origins"]:
            click.echo(f"{'':14}{o}")
    click.echo("events:")
    for e in s["events"]:
        outlets = sorted({r["outlet"] or "-" for r in e["reports"]})
        click.echo(f"  {e['date'] or '-':10}  {e['type']:10}  {e['source'] or '-'} / "
                   f"{e['target'] or '-'}  {e['place'] or ''}  "
                   f"[{len(e['reports'])} reports: {', '.join(outlets)}]")


@click.command("timeline")
@db_option
@click.option("--actor", help="Events involving this actor (name or id), e.g. Russia.")
@click.option("--since", help="From this date (YYYY[-MM[-DD]]).")
@click.option("--until", help="Up to this date.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. CONSULT.")
@click.option("--outlet-group", type=click.Choice(["state_affiliated", "other"]),
              help="Only events reported by this group of outlets.")
@click.option("--json", "as_json", is_flag=True, help="The timeline as one JSON object.")
def timeline(db: str, actor, since, until, event_type, outlet_group, as_json: bool) -> None:
    """Merged events over time, with the outlets that reported each."""
    store = _open(db)
    try:
        t = queries.timeline(store, actor=actor, since=since, until=until, event_type=event_type,
                             outlet_group=outlet_group)
    except CronacaError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if as_json:
        click.echo(_json(t))
        return
    for e in t["events"]:
        sides = ", ".join(f"{k}: {v}" for k, v in sorted(e["by_side"].items()))
        click.echo(f"{e['date'] or '-':10}  {e['type']:10}  {e['source'] or '-'} / {e['target'] or '-'}"
                   f"  {e['place'] or ''}  [{e['reports']} reports; {sides}]")
    if t["attention"]:
        click.echo("attention (articles per day, state-affiliated / other):")
        for day, n in sorted(t["attention"].items()):
            click.echo(f"  {day}  {n['state_affiliated']:4d} / {n['other']:4d}")


@click.command("compare")
@click.argument("story_id")
@db_option
@click.option("--include-duplicates", is_flag=True, help="Count copies of articles too.")
@click.option("--json", "as_json", is_flag=True, help="The comparison as one JSON object.")
def compare(story_id: str, db: str, include_duplicates: bool, as_json: bool) -> None:
    """Compare outlets on one story: quoted actors, events, exclusive quotes, wording."""
    store = _open(db)
    try:
        c = queries.compare_story(store, story_id, include_duplicates=include_duplicates)
    except CronacaError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if as_json:
        click.echo(_json(c.to_dict()))
        return
    for side in ("state_affiliated", "other"):
        click.echo(f"== {side}: wording {c.wording_by_side.get(side) or {}}")
        click.echo(f"   quoted {c.quoted_by_side.get(side) or {}}")
    for v in c.outlets:
        carried = f", carried {len(v.copies)} copies" if v.copies else ""
        click.echo(f"-- {v.outlet} ({v.side}), {len(v.articles)} articles{carried}")
        click.echo(f"   quoted: {v.quoted}")
        click.echo(f"   wording: {v.wording}")
        click.echo(f"   events: {len(v.events)}")
        for q in v.exclusive_quotes:
            click.echo(f"   only this side: {q['speaker'] or '?'} ({q['kind']}): {q['text'][:100]}")


COMMANDS = [link, stories, story, timeline, compare]
