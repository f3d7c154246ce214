"""SIGKILL at random points of ingest and link, then a re-run (issue 10: crash safety in CI).

After every kill the store must be sound (:meth:`SQLiteStore.check`: SQLite's checks, the
search index, no orphaned or doubled derived record, link bookkeeping that adds up) and hold
every article at most once; after the re-run it must hold exactly what an uninterrupted run
stores, link results included. Killing ``ingest -j 2`` kills only the parent, as cron's timeout
or the OOM killer would: its workers must die with it.

The corpus is the bundled demo (36 inputs, copies, a JSON Lines dump, an HTML page); runs use
small batches and chunks so that a run commits many times and a kill can land between any two
commits. Kill times are drawn from a fixed seed, so a failure can be replayed.
"""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from crash_runner import BATCH, CHUNK, finish, start
from snapshots import CONTENT_TABLES, LINK_TABLES, snapshot

from cronaca.demo import CORPUS
from cronaca.store.sqlite import SQLiteStore

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/status").exists(),
                                 reason="finds a killed parent's workers through /proc (Linux)")]

INGEST_TRIALS = {1: 16, 2: 4}  # jobs -> kills
LINK_TRIALS = 12
ROUND = 4  # kills before a run is let finish and compared


def ingest_args(db: Path, jobs: int) -> list[str]:
    return ["ingest", str(db), str(BATCH), str(jobs), str(CORPUS)]


def children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped (a dead worker of a killed parent becomes one
    until init reaps it)."""
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def kill_at(proc: subprocess.Popen, seconds: float) -> tuple[bool, list[int]]:
    """SIGKILL the process (only it) after ``seconds``; (was it still running, its children)."""
    deadline = time.monotonic() + seconds
    kids: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        kids.update(children(proc.pid))
        time.sleep(0.05)
    running = proc.poll() is None
    if running:
        kids.update(children(proc.pid))
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    return running, sorted(kids)


def assert_sound(db: Path) -> None:
    with SQLiteStore(db) as store:
        assert store.check() == []


def _article_ids(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM articles")}
    finally:
        conn.close()


@pytest.mark.parametrize("jobs", sorted(INGEST_TRIALS))
def test_sigkill_during_ingest_loses_and_doubles_nothing(demo_reference, tmp_path, jobs):
    reference = demo_reference
    rng = random.Random(10 + jobs)
    expected_ids = {row[1] for row in reference["ingested"]["articles"]}
    span = reference["ingest_seconds"] * (2.5 if jobs > 1 else 1.0)  # workers load resources too
    kills = landed = 0
    db = tmp_path / "kb.db"
    while kills < INGEST_TRIALS[jobs]:
        if kills % ROUND == 0:
            for f in tmp_path.glob("kb.db*"):
                f.unlink()
        running, kids = kill_at(start(*ingest_args(db, jobs)), rng.uniform(0.3, span))
        kills += 1
        landed += running
        time.sleep(0.3)
        assert not [k for k in kids if alive(k)], "workers outlived their killed parent"
        if db.exists():
            assert_sound(db)
            assert _article_ids(db) <= expected_ids
        if kills % ROUND == 0:
            finish(*ingest_args(db, jobs))
            assert snapshot(db, CONTENT_TABLES) == reference["ingested"]
    assert landed >= INGEST_TRIALS[jobs] // 2, "most kills must land while ingest runs"


def test_sigkill_during_link_leaves_results_identical_to_an_uninterrupted_run(demo_reference, tmp_path):
    reference = demo_reference
    rng = random.Random(20)
    db = tmp_path / "kb.db"
    kills = landed = 0
    while kills < LINK_TRIALS:
        if kills % ROUND == 0:
            for f in tmp_path.glob("kb.db*"):
                f.unlink()
            shutil.copy(reference["unlinked"], db)
        running, _ = kill_at(start("link", str(db), str(CHUNK)),
                             rng.uniform(0.2, reference["link_seconds"]))
        kills += 1
        landed += running
        assert_sound(db)
        if kills % ROUND == 0:
            finish("link", str(db), str(CHUNK))
            assert snapshot(db, LINK_TABLES) == reference["links"]
            assert snapshot(db, CONTENT_TABLES) == reference["content"]
    assert landed >= LINK_TRIALS // 2, "most kills must land while link runs"
