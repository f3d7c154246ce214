"""Broken and hostile inputs, as an analyst's crawler leaves them (issue 10: the bad-input suite).

One generated folder (``hostile.py``) holds more than thirty kinds of bad input among good
records. ``cronaca ingest`` runs over it as a user runs it (a subprocess, the real command line):
each bad input must be named with its reason and no traceback, every good record stored exactly
once, the run must exit 1 (inputs skipped), and running it again must change nothing. The same
folder with ``-j 2`` must store the same articles.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import Fixture, build

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and sockets are POSIX")


def ingest(db: Path, fixture: Fixture, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from cronaca.cli import main; main()", "ingest", "--db", str(db),
         *args, str(fixture.folder), *fixture.extra_args],
        capture_output=True, text=True, timeout=600)


def rows(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM articles")]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    fixture = build(root)
    db = root / "kb.db"
    first = ingest(db, fixture)
    return fixture, db, first


def test_there_are_at_least_thirty_kinds(run):
    fixture, _, _ = run
    assert len({c.kind for c in fixture.cases}) >= 30


def test_the_run_finishes_with_status_1_and_no_traceback(run):
    _, _, first = run
    assert first.returncode == 1, first.stdout + first.stderr
    assert "Traceback" not in first.stdout + first.stderr
    assert "internal error" not in first.stdout + first.stderr


def test_every_bad_input_is_named_with_its_reason(run):
    fixture, _, first = run
    reported = _reported(first.stdout)
    problems = []
    for case in fixture.skipped:
        reason = reported.get(case.origin)
        if reason is None or case.reason not in reason:
            problems.append(f"{case.kind}: {case.origin} -> {reason!r}, expected {case.reason!r}")
    assert not problems, "\n".join(problems)


def test_nothing_is_skipped_that_should_be_stored(run):
    fixture, _, first = run
    expected = {c.origin for c in fixture.skipped}
    assert set(_reported(first.stdout)) == expected


def test_every_good_record_is_stored_exactly_once(run):
    fixture, db, _ = run
    titles = [r["title"] for r in rows(db)]
    missing = [t for t in fixture.good if titles.count(t) != 1]
    assert not missing


def test_hostile_but_readable_inputs_are_stored_cleaned(run):
    fixture, db, _ = run
    by_title = {r["title"]: r for r in rows(db)}
    problems = [f"{c.kind}: {c.title!r}" for c in fixture.stored
                if c.title not in by_title or not c.check(by_title[c.title])]
    assert not problems, "\n".join(problems)
    assert len(by_title) == len(fixture.good) + len(fixture.stored)


def test_running_it_again_changes_nothing(run):
    fixture, db, first = run
    before = rows(db)
    again = ingest(db, fixture, "-q")
    assert again.returncode == 1
    assert "Traceback" not in again.stdout + again.stderr
    assert rows(db) == before
    assert set(_reported(again.stderr)) == set(_reported(first.stdout))


def test_two_workers_store_the_same_articles(run, tmp_path):
    fixture, db, first = run
    parallel = ingest(tmp_path / "kb2.db", fixture, "-j", "2")
    assert parallel.returncode == 1 and "Traceback" not in parallel.stdout + parallel.stderr
    assert sorted(r["id"] for r in rows(tmp_path / "kb2.db")) == sorted(r["id"] for r in rows(db))
    assert _reported(parallel.stdout) == _reported(first.stdout)


def _reported(output: str) -> dict[str, str]:
    """``origin -> reason`` of the "skipped N:" list (on stdout, or on stderr with -q)."""
    marker = "skipped "
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(marker) and line.endswith(":")),
                 None)
    assert start is not None, output[-2000:]
    out = {}
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        origin, _, reason = line[2:].partition(": ")  # origins hold no ": ", reasons may
        out[origin] = reason
    return out
