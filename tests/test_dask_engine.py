"""The Dask engine on a real ``dask.distributed.LocalCluster`` of several worker processes: its
records, once loaded and linked, are identical to the local engine's on the same input; the
dataset it writes is read by DuckDB and pyarrow, and loading it again adds nothing."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pyarrow.dataset as pads
import pytest
from snapshots import CONTENT_TABLES, LINK_TABLES, snapshot

from cronaca.dataset import schema
from cronaca.dataset.load import load
from cronaca.dataset.reader import Dataset, DatasetError
from cronaca.ingest.run import ingest
from cronaca.link.incremental import link
from cronaca.store.sqlite import SQLiteStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import article_generator  # noqa: E402

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """A small crawl in every format: JSON Lines (gzipped) in files of 8, text, HTML, WARC,
    with copies among them and a few inputs that cannot be read."""
    root = tmp_path_factory.mktemp("crawl")
    # seed 7: its 24 articles hold three word-for-word copies by other outlets
    article_generator.write_corpus(24, "jsonl", root / "jsonl", seed=7, gz=True, per_file=8)
    article_generator.write_corpus(6, "text", root / "text", seed=4)
    article_generator.write_corpus(4, "html", root / "html", seed=5)
    article_generator.write_corpus(5, "warc", root / "warc", seed=6, gz=True, per_file=5)
    (root / "bad").mkdir()
    (root / "bad" / "broken.jsonl").write_text('{"title": "senza testo"}\nnot json\n')
    (root / "bad" / "cut.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n' * 50)[:60])
    return root


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as lc, distributed.Client(lc) as client:
        yield client


def _local(inputs: Path, db: Path):
    with SQLiteStore(db) as store:
        report = ingest([str(inputs)], store, jobs=1, batch_size=7)
        link(store)
    return report


def test_dask_records_are_the_local_engines(inputs, cluster, tmp_path):
    from cronaca.engines.dask import extract

    local = _local(inputs, tmp_path / "local.db")
    extracted = extract([str(inputs)], str(tmp_path / "ds"), cluster, batch_size=5)
    assert len([p for p in extracted.parts if p.origin]) == len(list(inputs.rglob("*.*")))
    with SQLiteStore(tmp_path / "dask.db") as store:
        loaded = load(str(tmp_path / "ds"), store, batch_size=7)
        link(store)
    assert (loaded.read, loaded.stored, loaded.duplicates, loaded.already_seen) == \
        (local.read, local.stored, local.duplicates, local.already_seen)
    assert sorted(map(repr, loaded.skipped)) == sorted(map(repr, local.skipped))
    assert local.stored > 30 and local.duplicates > 0 and local.skipped
    assert snapshot(tmp_path / "dask.db", CONTENT_TABLES + LINK_TABLES) == \
        snapshot(tmp_path / "local.db", CONTENT_TABLES + LINK_TABLES)


def test_dataset_is_read_by_other_tools_and_loads_once(inputs, cluster, tmp_path):
    from cronaca.engines.dask import extract

    root = tmp_path / "ds"
    report = extract([str(inputs / "jsonl")], str(root), cluster)
    duckdb = pytest.importorskip("duckdb")
    n, outlets = duckdb.connect().execute(f"SELECT count(*), count(DISTINCT outlet) FROM "
                                          f"read_parquet('{root}/articles/*.parquet')").fetchone()
    assert n == report.documents == 24 and outlets > 1
    mentions = pads.dataset(root / "mentions", format="parquet").to_table()
    assert mentions.num_rows > 24 and mentions.schema.equals(schema.SCHEMAS["mentions"])
    with SQLiteStore(tmp_path / "kb.db") as store:
        first = load(str(root), store)
        again = load(str(root), store)
    assert first.stored > 0 and again.stored == 0 and again.already_seen == first.read


def test_partitions_come_in_reading_order_as_they_finish(inputs, cluster, tmp_path):
    from cronaca.engines.dask import extract_in_order

    names = [p.part for p in extract_in_order([str(inputs)], str(tmp_path / "ds"), cluster, batch_size=5)]
    numbers = [int(n.rsplit("-", 1)[1]) for n in names]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))) and len(names) > 5
    assert [p.name for p in Dataset(str(tmp_path / "ds")).partitions()] == names == sorted(names)


def test_cli_dask_ingest_stores_and_links_what_the_local_engine_does(inputs, tmp_path):
    """``cronaca ingest --engine dask`` loads each partition as the reading order allows, while
    other tasks still run: the store ends up the one the local engine builds, linked."""
    from click.testing import CliRunner

    from cronaca.cli import main

    _local(inputs, tmp_path / "local.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "-q", "--engine", "dask", "--jobs", "2",
                                  "--dataset", str(tmp_path / "ds"), "--db", str(tmp_path / "dask.db"),
                                  str(inputs)])
    assert result.exit_code in (0, 1), result.output  # 1: the broken inputs are reported
    assert "broken.jsonl" in result.output
    assert snapshot(tmp_path / "dask.db", CONTENT_TABLES + LINK_TABLES) == \
        snapshot(tmp_path / "local.db", CONTENT_TABLES + LINK_TABLES)
    again = runner.invoke(main, ["ingest", "-q", "--engine", "dask", "--jobs", "2",
                                 "--dataset", str(tmp_path / "ds"), "--db", str(tmp_path / "dask.db"),
                                 str(inputs)])
    assert again.exit_code in (0, 1), again.output
    assert snapshot(tmp_path / "dask.db", CONTENT_TABLES + LINK_TABLES) == \
        snapshot(tmp_path / "local.db", CONTENT_TABLES + LINK_TABLES)


def test_schema_is_pinned_by_its_version():
    # Changing a column changes the fingerprint: raise schema.VERSION and pin the new one here.
    assert (schema.VERSION, schema.fingerprint()) == (1, FINGERPRINT_V1)


def test_a_folder_that_is_not_a_dataset_is_refused(tmp_path):
    with pytest.raises(DatasetError, match="not a cronaca dataset"):
        Dataset(str(tmp_path))


FINGERPRINT_V1 = "c4750316ab21b0ad"
