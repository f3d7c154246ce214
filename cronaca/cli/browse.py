"""``cronaca search | show | export | stats | check | actors | quotes | events``: reading the
knowledge base.

Each command is a thin shell over one store method (:class:`cronaca.store.sqlstore.SQLStore`) or
:func:`cronaca.store.export.export`: it parses options into :class:`~cronaca.store.base.Filters`,
calls the library, and draws the answer — a readable table for people, or with ``--json`` one JSON
object for programs (lists as ``{"total", "next_cursor", "items"}``; pass ``--cursor`` to page on).

Errors a user can fix (no knowledge base at ``--db``, an unknown id, a malformed query or date)
print one line saying what to do and exit with status 1 (2 for bad options, as click does),
never a traceback.
"""

from __future__ import annotations

import functools
import json
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import CronacaError
from ..eventtypes import check_event_type
from ..store import codec
from ..store.base import Filters, is_server_url
from ..store.export import FORMATS, TABLES, export
from .common import db_option

# -- shared plumbing ---------------------------------------------------------------------------


def _open(db: str):
    """The store at ``db``, which must exist: reading commands never create an empty one (a
    PostgreSQL database must exist too; its tables are created on first use)."""
    from ..store.base import open_store

    if not is_server_url(db) and not Path(db).is_file():
        raise click.ClickException(
            f"no knowledge base at {db}: create it with `cronaca ingest --db {db} FOLDER` "
            f"(or `cronaca demo --db {db}`), or point --db / $CRONACA_DB at an existing one")
    return open_store(db)


def _friendly(fn: Callable[..., None]) -> Callable[..., None]:
    """Turn cronaca's own errors into a one-line message and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except CronacaError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def _filters_from(copies: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options every listing shares; they arrive as one ``filters`` argument.

    ``copies``: "left out" (listings count originals; ``--include-duplicates`` adds copies) or
    "included" (exports hold every record; ``--originals-only`` leaves copies out).
    """
    copies_option = (
        click.option("--include-duplicates", "duplicates", is_flag=True,
                     help="Count copies of other articles too.")
        if copies == "left out" else
        click.option("--originals-only/--with-copies", "originals_only", default=False,
                     help="Leave out articles marked as copies of others (kept by default, "
                          "marked by duplicate_of)."))
    options = [
        click.option("--since", help="Only articles published on or after this date (YYYY[-MM[-DD]])."),
        click.option("--until", help="Only articles published on or before this date."),
        click.option("--outlet", help="Only this outlet (as stored, e.g. ansa.it)."),
        click.option("--outlet-group", type=click.Choice(["state_affiliated", "other"]),
                     help="Only state-affiliated outlets, or only the others."),
        click.option("--actor", help="Only articles mentioning this actor (id, name or surname)."),
        click.option("--event-type", help="Only articles with an event of this PLOVER type."),
        click.option("--language", help="Only articles in this language (ISO code, e.g. it)."),
        click.option("--flag", help="Only articles with this quality flag, e.g. machine_translated."),
        copies_option,
    ]

    def decorate(fn: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kw: Any) -> None:
            with_copies = kw.pop("duplicates") if "duplicates" in kw else not kw.pop("originals_only")
            try:  # impossible dates and unknown event types: one line, exit status 1
                kw["filters"] = Filters(
                    since=kw.pop("since"), until=kw.pop("until"), outlet=kw.pop("outlet"),
                    outlet_group=kw.pop("outlet_group"), actor=kw.pop("actor"),
                    event_type=check_event_type(kw.pop("event_type")), language=kw.pop("language"),
                    flag=kw.pop("flag"), include_duplicates=with_copies)
            except CronacaError as exc:
                raise click.ClickException(str(exc)) from exc
            fn(*args, **kw)

        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper

    return decorate


_filter_options = _filters_from("left out")


_limit_option = click.option("--limit", type=click.IntRange(1, 100000), default=20, show_default=True,
                             help="How many to show.")
_cursor_option = click.option("--cursor", help="Continue a listing (the next_cursor of a --json answer).")
_json_option = click.option("--json", "as_json", is_flag=True, help="One JSON object, for programs.")


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=str))


def _echo_page(page: Any, as_json: bool, to_json: Callable[[Any], Any], header: Sequence[str],
               row: Callable[[Any], Sequence[Any]], noun: str) -> None:
    if as_json:
        out = {"total": page.total, "next_cursor": page.next_cursor,
               "items": [to_json(i) for i in page.items]}
        if not getattr(page, "exact", True):
            out["total_exact"] = False  # an estimate: the search matched very many articles
        _echo_json(out)
        return
    if not page.items:
        click.echo(f"no {noun} found")
        return
    click.echo(_table(header, [row(i) for i in page.items]))
    more = f"; more with --cursor {page.next_cursor}" if page.next_cursor else ""
    click.echo(f"\n{len(page.items)} of {page.total} {noun}{more}")


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Aligned columns that fit the terminal: the last column is cut to the width left."""
    rows = [["" if v is None else " ".join(str(v).split()) for v in r] for r in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    room = shutil.get_terminal_size((120, 24)).columns - sum(w + 2 for w in widths[:-1])
    widths[-1] = max(20, min(widths[-1], room))
    lines = []
    for r in [list(header), ["-" * w for w in widths], *rows]:
        cells = [_cut(v, w).ljust(w) for v, w in zip(r, widths)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _cut(value: str, width: int) -> str:
    return value if len(value) <= width else value[: max(0, width - 1)] + "…"


# -- commands ----------------------------------------------------------------------------------


@click.command()
@click.argument("query")
@db_option
@_filter_options
@click.option("--sort", type=click.Choice(["relevance", "date", "date_asc"]), default="relevance",
              show_default=True)
@_limit_option
@_cursor_option
@_json_option
@_friendly
def search(query: str, db: str, filters: Filters, sort: str, limit: int, cursor: str | None,
           as_json: bool) -> None:
    """Full-text search of titles and bodies.

    Words must all match; accents and apostrophes do not matter ("perche" finds "perché",
    "Ucraina" finds "l'Ucraina"). Also: "exact phrase", OR, NOT, prefix*.
    """
    with _open(db) as store:
        page = store.search(query, filters, limit=limit, cursor=cursor, sort=sort)
    if as_json:
        _echo_page(page, True, _hit_json, (), lambda h: (), "articles")
        return
    if not page.items:
        click.echo("no articles found")
        return
    for hit in page.items:
        click.echo(click.style(f"{hit.article_id}  {hit.published or '????-??-??'}  {hit.outlet or '-'}",
                               fg="cyan"))
        click.echo(f"  {hit.title or '(untitled)'}")
        snippet = hit.snippet.replace("<mark>", "\x1b[1m").replace("</mark>", "\x1b[0m")
        click.echo(f"  {_unescape(snippet)}\n", color=None)
    more = f"; more with --cursor {page.next_cursor}" if page.next_cursor else ""
    about = "" if getattr(page, "exact", True) else "about "
    click.echo(f"{len(page.items)} of {about}{page.total} articles{more}")


@click.command()
@click.argument("article_id", metavar="ID")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The whole document as one JSON object.")
@_friendly
def show(article_id: str, db: str, as_json: bool) -> None:
    """One article: clean text, metadata with date evidence, flags, provenance, what cleaning
    removed, then its entities, quotes, dates and events. ID may be a unique prefix."""
    with _open(db) as store:
        full = store.resolve_id(article_id)
        doc = store.get_document(full) if full else None
        if doc is None:
            raise click.ClickException(f"no article {article_id!r} in {db}: find ids with `cronaca search`")
        provenance = store.provenance(doc.id)
        links = store.article_links(doc.id)
    if as_json:
        _echo_json({**codec.document_to_json(doc), "provenance": provenance, **links})
        return
    click.echo(render_document(doc, provenance, links))


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--out", required=True, type=click.Path(),
              help="A folder, created if missing, for one file per table (every format); with "
                   "--table, the file to write (- for standard output).")
@click.option("--table", type=click.Choice(TABLES),
              help="Only this table, into the file --out. In JSON Lines, articles carry their "
                   "annotations.")
@_filters_from("included")
@_friendly
def export_command(db: str, fmt: str, out: str, table: str | None, filters: Filters) -> None:
    """Write every record (no cap) as JSON Lines, CSV or Parquet.

    \b
    --out kb/                     a folder: kb/articles.jsonl, kb/stories.jsonl, ... (any format)
    --table quotes --out q.csv    one table, one file
    Copies of other articles are included, marked by duplicate_of (--originals-only: left out).
    """
    with _open(db) as store:
        written = export(store, fmt, out, table=table, filters=filters)
    if out != "-":
        for path, n in written.items():
            click.echo(f"{n:>8}  {path}", err=True)


@click.command()
@db_option
@_json_option
@_friendly
def stats(db: str, as_json: bool) -> None:
    """What the knowledge base holds: counts, date span, schema version."""
    with _open(db) as store:
        meta = store.meta()
    if as_json:
        _echo_json(meta)
        return
    width = max(len(k) for k in meta)
    for key, value in meta.items():
        value = ", ".join(value) if isinstance(value, list) else value
        click.echo(f"{key.replace('_', ' '):<{width}}  {'-' if value is None else value}")


@click.command()
@db_option
@_friendly
def check(db: str) -> None:
    """Check that the knowledge base is sound (after a crash, a full disk, a copy): SQLite's
    own checks, the search index, derived records without their article or stored twice, and
    the linker's bookkeeping. Exit status 0 when sound, 1 with each problem listed.

    Damaged link records are mended by the next `cronaca link`; other problems need the store
    rebuilt from its inputs (`cronaca ingest` into a new file)."""
    with _open(db) as store:
        found = store.check()
    if not found:
        click.echo(f"{db}: sound")
        return
    for problem in found:
        click.echo(f"{db}: {problem}")
    raise SystemExit(1)


@click.command()
@db_option
@click.option("--kind", type=click.Choice(["PER", "ORG", "GPE", "LOC", "EVENT", "MISC"],
                                          case_sensitive=False), help="Only this kind of actor.")
@_filter_options
@_limit_option
@_cursor_option
@_json_option
@_friendly
def actors(db: str, kind: str | None, filters: Filters, limit: int, cursor: str | None,
           as_json: bool) -> None:
    """Actors by how often the articles mention them."""
    with _open(db) as store:
        page = store.actors(filters, kind=kind, limit=limit, cursor=cursor)
    _echo_page(page, as_json, lambda a: a, ("mentions", "articles", "kind", "id", "name"),
               lambda a: (a["mention_count"], a["article_count"], a["kind"], a["id"], a["name"]), "actors")


@click.command()
@db_option
@click.option("--speaker", help="Actor id, name, variant or surname, any case (e.g. Lavrov).")
@click.option("--kind", type=click.Choice(["direct", "indirect"]), help="Only direct or indirect.")
@_filter_options
@_limit_option
@_cursor_option
@_json_option
@_friendly
def quotes(db: str, speaker: str | None, kind: str | None, filters: Filters, limit: int,
           cursor: str | None, as_json: bool) -> None:
    """Who said what: quotations, newest first."""
    with _open(db) as store:
        page = store.quotes(speaker, filters, kind=kind, limit=limit, cursor=cursor)
    _echo_page(page, as_json, lambda q: q, ("date", "speaker", "kind", "article", "quote"),
               lambda q: (q["published"], q["speaker"] or "?", q["kind"], q["article_id"], q["text"]),
               "quotes")


@click.command()
@db_option
@click.option("--type", "type_", help="PLOVER type, e.g. CONSULT.")
@click.option("--include-negated", is_flag=True, help="Also negated and hypothetical events.")
@_filter_options
@_limit_option
@_cursor_option
@_json_option
@_friendly
def events(db: str, type_: str | None, include_negated: bool, filters: Filters, limit: int, cursor: str | None,
           as_json: bool) -> None:
    """Political events (PLOVER), latest first.

    Here --since/--until bound the event's own date (its article's date when it has none)."""
    with _open(db) as store:
        page = store.events(check_event_type(type_), filters=filters,
                            include_negated=include_negated, limit=limit, cursor=cursor)
    _echo_page(page, as_json, lambda e: e, ("date", "type", "source", "target", "article", "evidence"),
               lambda e: (e["date"] or e["published"], e["type"], e["source"], e["target"], e["article_id"],
                          e["evidence"]), "events")


COMMANDS = [search, show, export_command, stats, check, actors, quotes, events]


# -- rendering ---------------------------------------------------------------------------------


def _hit_json(hit: Any) -> dict[str, Any]:
    return {"article_id": hit.article_id, "title": hit.title, "outlet": hit.outlet,
            "published": hit.published, "snippet": hit.snippet, "score": hit.score}


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def render_document(doc: Any, provenance: Sequence[dict[str, Any]], links: dict[str, Any]) -> str:
    """``cronaca show`` for people: metadata, text, then one section per kind of annotation."""
    a = doc.article
    out = [click.style(a.title or "(untitled)", bold=True), ""]
    meta = [("id", a.id), ("url", a.url), ("outlet", a.outlet),
            ("published", f"{a.published} ({a.published_precision})" if a.published else "unknown"),
            *[("  evidence", f"{e.source}: {e.text!r} -> {e.value}") for e in a.published_evidence],
            ("language", a.language), ("flags", ", ".join(a.flags) or "none"),
            ("duplicate of", links.get("duplicate_of")), ("story", links.get("story_id")),
            ("stages", ", ".join(doc.stages) or None)]
    out.append(_table(("field", "value"), [m for m in meta if m[1]]))
    out += ["", _heading("provenance", len(provenance))]
    out += [f"  {p['origin']}  ({p['format']}, raw {p['raw_hash'][:12]}, {p['ingested_at']})"
            for p in provenance]
    out += ["", _heading("text"), a.text, "", _heading("removed by cleaning", len(a.removed))]
    out += [f"  [{r.reason}]{'' if r.line is None else f' line {r.line}'}: {r.text}" for r in a.removed]
    sections = [
        ("entities", doc.mentions, ("span", "label", "text", "actor", "role"),
         lambda m: (f"{m.start}-{m.end}", m.label, m.text, f"{m.actor_name} ({m.actor_id})", m.role)),
        ("quotes", doc.quotes, ("span", "kind", "speaker", "cue", "text"),
         lambda q: (f"{q.start}-{q.end}", q.kind, q.speaker or "?", q.cue, q.text)),
        ("dates", doc.times, ("span", "text", "value", "precision"),
         lambda t: (f"{t.start}-{t.end}", t.text, (t.value or "?") + (f"..{t.end_value}" if t.end_value else ""),
                    t.precision)),
        ("events", doc.events, ("type", "source", "target", "date", "place", "evidence"),
         lambda e: (e.type + (" (negated)" if e.negated else "") + (" (hypothetical)" if e.hypothetical else ""),
                    e.source, e.target, e.date, e.place, e.evidence)),
    ]
    for name, records, header, row in sections:
        out += ["", _heading(name, len(records))]
        if records:
            out.append(_table(header, [row(r) for r in records]))
    return "\n".join(out)


def _heading(name: str, n: int | None = None) -> str:
    return click.style(f"── {name}" + (f" ({n})" if n is not None else ""), bold=True)
