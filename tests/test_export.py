"""Exports, from SQLite and PostgreSQL: every record (copies included, marked), in every format,
nothing capped, one rule for --out (a folder of tables, or a file with --table), JSON Lines round
trip."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from store_docs import geneva, mosca, plain

from cronaca.errors import QueryError
from cronaca.store.base import Filters, open_store
from cronaca.store.export import TABLES, export, read_jsonl_documents


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    s.add_documents([geneva(), mosca()])
    yield s
    s.close()


def test_jsonl_articles_carry_their_annotations_and_round_trip(store, tmp_path):
    out = tmp_path / "kb.jsonl"
    written = export(store, "jsonl", out, table="articles")
    assert written == {str(out): 2}
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_title = {r["title"]: r for r in records}
    g = by_title["Lavrov e Blinken a confronto sull'Ucraina"]
    assert len(g["mentions"]) == 7 and len(g["quotes"]) == 2 and len(g["events"]) == 2
    assert g["quotes"][0]["speaker"] == "Sergey Lavrov"
    assert g["removed"][0]["reason"] == "social" and g["flags"] == []
    assert "«Non abbiamo" in out.read_text(encoding="utf-8")  # readable, not \u-escaped
    assert list(read_jsonl_documents(out)) == [geneva(), mosca()]


def test_csv_writes_one_file_per_table(store, tmp_path):
    written = export(store, "csv", tmp_path / "csv")
    assert set(written) == {str(tmp_path / "csv" / f"{t}.csv") for t in TABLES}
    with open(tmp_path / "csv" / "quotes.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3 and {r["speaker"] for r in rows} == {"Sergey Lavrov", "Antony Blinken",
                                                               "Dmitry Peskov"}
    assert "article_id" in rows[0] and "cue_start" in rows[0]
    with open(tmp_path / "csv" / "articles.csv", encoding="utf-8", newline="") as fh:
        articles = list(csv.DictReader(fh))
    assert json.loads(articles[1]["flags"]) == ["state_affiliated_outlet", "machine_translated"]
    assert "\n" in articles[0]["text"]  # multi-line bodies survive CSV quoting


def test_parquet_one_table_keeps_types(store, tmp_path):
    out = tmp_path / "events.parquet"
    assert export(store, "parquet", out, table="events") == {str(out): 3}
    table = pq.read_table(out)
    assert table.num_rows == 3
    assert str(table.schema.field("start").type) == "int64"
    assert str(table.schema.field("confidence").type) == "double"
    assert sorted(table.column("type").to_pylist()) == ["CONSULT", "REJECT", "THREATEN"]


def test_parquet_every_table_even_empty_ones(store_url, tmp_path):
    with open_store(store_url) as s:
        s.add_documents([plain("Solo testo", "Nessuna annotazione qui.")])
        written = export(s, "parquet", tmp_path / "pq")
    assert written[str(tmp_path / "pq" / "articles.parquet")] == 1
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == 0


def test_no_cap_and_batches_stream(store_url, tmp_path):
    docs = [plain(f"Titolo {i}", f"Articolo numero {i} sul vertice.", raw=f"p{i}") for i in range(2345)]
    with open_store(store_url) as s:
        s.add_documents(docs)
        assert export(s, "jsonl", tmp_path / "a", batch_size=100)[str(tmp_path / "a" / "articles.jsonl")] == 2345
        assert export(s, "csv", tmp_path / "a.csv", table="articles", batch_size=100) == {
            str(tmp_path / "a.csv"): 2345}


def test_filters_apply_to_exports(store, tmp_path):
    out = tmp_path / "state.jsonl"
    assert export(store, "jsonl", out, table="articles",
                  filters=Filters(outlet_group="state_affiliated"))[str(out)] == 1
    out = tmp_path / "m.jsonl"
    assert export(store, "jsonl", out, table="mentions", filters=Filters(since="2022-01-20"))[str(out)] == 7


def test_bad_requests_are_explained(store, tmp_path):
    with pytest.raises(QueryError, match="format"):
        export(store, "xlsx", tmp_path / "x")
    with pytest.raises(QueryError, match="table"):
        export(store, "csv", tmp_path / "x.csv", table="secrets")
    (tmp_path / "file").write_text("x")
    with pytest.raises(QueryError, match="folder"):
        export(store, "csv", tmp_path / "file")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_one_rule_for_out_in_every_format(store, tmp_path, fmt):
    # every table: a folder, existing or not, never a file named like the folder
    for folder in (tmp_path / "new" / "kb", tmp_path / "existing"):
        if folder.name == "existing":
            folder.mkdir()
        written = export(store, fmt, folder)
        assert all(Path(p).parent == folder for p in written)
        assert (folder / f"articles.{fmt}").is_file() and (folder / f"stories.{fmt}").is_file()
    with pytest.raises(QueryError, match="looks like a file name"):
        export(store, fmt, tmp_path / f"kb.{fmt}")
    assert not (tmp_path / f"kb.{fmt}").exists()
    with pytest.raises(QueryError, match="writes a folder"):
        export(store, fmt, "-")
    # one table: a file, never a folder
    with pytest.raises(QueryError, match="is a folder"):
        export(store, fmt, tmp_path / "existing", table="quotes")
    assert export(store, fmt, tmp_path / f"q.{fmt}", table="quotes") == {str(tmp_path / f"q.{fmt}"): 3}


def test_exports_hold_copies_marked_unless_asked_not_to(store_url, tmp_path):
    from link_fixtures import vienna_copy, vienna_wire

    from cronaca.link.incremental import link

    with open_store(store_url) as s:
        s.add_documents([vienna_wire(), vienna_copy(published="2023-05-11")])
        link(s)
        export(s, "jsonl", tmp_path / "all")
        rows = [json.loads(line) for line in (tmp_path / "all" / "articles.jsonl").open()]
        assert {r["id"]: r["duplicate_of"] for r in rows} == {
            vienna_wire().id: None, vienna_copy().id: vienna_wire().id}
        assert all(r["story_id"] for r in rows)
        export(s, "csv", tmp_path / "csv")
        with open(tmp_path / "csv" / "articles.csv", encoding="utf-8", newline="") as fh:
            assert len(list(csv.DictReader(fh))) == 2
        export(s, "jsonl", tmp_path / "orig", filters=Filters())
        assert len((tmp_path / "orig" / "articles.jsonl").read_text().splitlines()) == 1


def test_failed_export_leaves_no_partial_file(store, tmp_path, monkeypatch):
    out = tmp_path / "broken.jsonl"

    def boom(*a, **k):
        yield from ()
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "iter_documents", boom)
    with pytest.raises(RuntimeError):
        export(store, "jsonl", out, table="articles")
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if "broken" in p.name]


def test_the_linkers_results_are_exported_whole_and_paged(store, tmp_path):
    from cronaca.link.incremental import link

    link(store)
    events = store.conn.execute("SELECT count(*) FROM event_reports").fetchone()[0]
    written = export(store, "parquet", tmp_path / "pq", batch_size=1)  # one row per page
    got = {name.rsplit("/", 1)[-1]: n for name, n in written.items()}
    assert got["stories.parquet"] >= 1 and got["story_articles.parquet"] == 2
    assert got["event_reports.parquet"] == events > 1  # a composite key pages without loss
    stories = pq.read_table(tmp_path / "pq" / "stories.parquet")
    assert "centroid" not in stories.column_names  # the clustering's working state stays inside
    assert {"id", "title", "first_date", "last_date", "size", "actors"} <= set(stories.column_names)
    out = tmp_path / "merged.jsonl"
    export(store, "jsonl", out, table="merged_events")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["type"] and r["reports"] >= 1 for r in rows)
