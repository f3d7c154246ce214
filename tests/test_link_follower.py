"""``cronaca ingest`` on every core links beside its workers (a follower process) and decides
exactly what ingesting first and linking afterwards decides."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner
from snapshots import CONTENT_TABLES, LINK_TABLES, snapshot

from cronaca.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import article_generator  # noqa: E402


def test_linking_beside_the_workers_decides_as_linking_after(tmp_path):
    crawl = tmp_path / "crawl"
    article_generator.write_corpus(260, "jsonl", crawl, seed=11, per_file=90)  # three batches: workers start
    runner = CliRunner()
    beside = runner.invoke(main, ["ingest", "--jobs", "2", "--db", str(tmp_path / "a.db"), str(crawl)])
    assert beside.exit_code == 0, beside.output
    assert "stored 2" in beside.output and "linked 2" in beside.output  # every stored article
    after = runner.invoke(main, ["ingest", "--jobs", "1", "--no-link", "--db", str(tmp_path / "b.db"),
                                 str(crawl)])
    assert after.exit_code == 0 and "linked" not in after.output
    assert runner.invoke(main, ["link", "-q", "--db", str(tmp_path / "b.db")]).exit_code == 0
    assert snapshot(tmp_path / "a.db", CONTENT_TABLES + LINK_TABLES) == \
        snapshot(tmp_path / "b.db", CONTENT_TABLES + LINK_TABLES)
