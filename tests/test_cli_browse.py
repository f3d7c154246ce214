"""The reading commands, as a user runs them: tables for people, --json for programs, clear errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from store_docs import LAVROV, geneva, mosca

from cronaca.cli import main
from cronaca.store.base import open_store


@pytest.fixture
def db(store_url):
    """The same knowledge base in an SQLite file, then in a PostgreSQL database."""
    with open_store(store_url) as s:
        s.add_documents([geneva(), mosca()])
        s.add_actors([LAVROV])
    return store_url


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def test_search_prints_hits_and_json(db):
    result = run("search", "l'Ucraina", "--db", db)
    assert result.exit_code == 0
    assert "Lavrov e Blinken" in result.output and "1 of 1 articles" in result.output
    data = json.loads(run("search", "Cremlino", "--db", db, "--json").output)
    assert data["total"] == 1 and "<mark>Cremlino</mark>" in data["items"][0]["snippet"]


def test_search_filters_and_paging(db):
    assert json.loads(run("search", "accuse OR Ucraina", "--db", db, "--json", "--since", "2022-01-15")
                      .output)["total"] == 1
    assert json.loads(run("search", "accuse OR Ucraina", "--db", db, "--json", "--outlet",
                          "sputniknews.com").output)["total"] == 1
    first = json.loads(run("search", "accuse OR Ucraina", "--db", db, "--json", "--limit", "1").output)
    second = json.loads(run("search", "accuse OR Ucraina", "--db", db, "--json", "--limit", "1",
                            "--cursor", first["next_cursor"]).output)
    assert first["items"][0]["article_id"] != second["items"][0]["article_id"]
    assert second["next_cursor"] is None


def test_show_has_every_section(db):
    doc = geneva()
    result = run("show", doc.id[:10], "--db", db)
    assert result.exit_code == 0
    out = result.output
    for part in ("dateline", "corpus/a.txt", "removed by cleaning (2)", "Seguici sui social",
                 "entities (7)", "quotes (2)", "dates (2)", "events (2)", "Non abbiamo intenzione",
                 "ministro degli Esteri russo", "CONSULT"):
        assert part in out, part
    data = json.loads(run("show", doc.id, "--db", db, "--json").output)
    assert data["id"] == doc.id and data["provenance"][0]["origin"] == "corpus/a.txt"
    assert len(data["events"]) == 2


def test_quotes_by_surname(db):
    result = run("quotes", "--speaker", "Lavrov", "--db", db)
    assert result.exit_code == 0
    assert "Sergey Lavrov" in result.output and "Non abbiamo intenzione" in result.output
    assert "Peskov" not in result.output
    data = json.loads(run("quotes", "--speaker", "peskov", "--db", db, "--json").output)
    assert [q["speaker"] for q in data["items"]] == ["Dmitry Peskov"]


def test_events_by_type_since(db):
    result = run("events", "--type", "CONSULT", "--since", "2022-01-01", "--db", db)
    assert result.exit_code == 0 and "CONSULT" in result.output and "REJECT" not in result.output
    assert "no events found" in run("events", "--type", "CONSULT", "--since", "2023-01-01", "--db", db).output


def test_actors_by_kind(db):
    data = json.loads(run("actors", "--kind", "per", "--db", db, "--json").output)
    assert {a["name"] for a in data["items"]} == {"Sergey Lavrov", "Antony Blinken", "Dmitry Peskov"}
    assert "Sergey Lavrov" in run("actors", "--db", db).output


def test_stats(db):
    out = run("stats", "--db", db).output
    assert "articles" in out and "2022-01-12" in out
    assert json.loads(run("stats", "--db", db, "--json").output)["quotes"] == 3


def test_export_every_format(db, tmp_path):
    out = tmp_path / "kb"
    assert run("export", "--db", db, "--out", str(out)).exit_code == 0
    assert len((out / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    (tmp_path / "existing").mkdir()
    assert run("export", "--db", db, "--out", str(tmp_path / "existing")).exit_code == 0
    refused = run("export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "x.parquet"))
    assert refused.exit_code == 1 and "looks like a file name" in refused.output
    assert not (tmp_path / "x.parquet").exists()
    assert run("export", "--db", db, "--format", "csv", "--out", str(tmp_path / "csv")).exit_code == 0
    assert (tmp_path / "csv" / "events.csv").exists()
    pq = tmp_path / "quotes.parquet"
    assert run("export", "--db", db, "--format", "parquet", "--table", "quotes", "--out", str(pq)).exit_code == 0
    assert pq.stat().st_size > 0
    stdout = run("export", "--db", db, "--table", "events", "--out", "-").output
    assert len(stdout.splitlines()) == 3


@pytest.mark.parametrize("args, message", [
    (("show", "a_ffffffffffffffff"), "no article"),
    (("search", '"'), "no words"),
    (("search", "Ucraina", "--since", "ieri"), "since must be a date"),
    (("quotes", "--cursor", "garbage"), "cursor"),
    (("search", "Ucraina", "--since", "2022-02-30"), "since '2022-02-30' is not a date in the calendar"),
    (("events", "--until", "2022-13"), "until '2022-13' is not a date in the calendar"),
    (("events", "--type", "NOPE"), "unknown event type 'NOPE': choose one of AGREE"),
    (("search", "Ucraina", "--event-type", "nope"), "unknown event type 'nope'"),
])
def test_user_errors_are_one_clear_line(db, args, message):
    result = run(*args, "--db", db)
    assert result.exit_code == 1
    assert message in result.output


def test_missing_database_is_explained_not_created(tmp_path):
    missing = tmp_path / "none.db"
    for command in (["stats"], ["search", "x"], ["show", "a_1"], ["actors"], ["quotes"], ["events"],
                    ["export", "--out", str(tmp_path / "o.jsonl")]):
        result = run(*command, "--db", str(missing))
        assert result.exit_code == 1 and "no knowledge base" in result.output, command
    assert not missing.exists()
