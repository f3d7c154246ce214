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

import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import threading
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


def kill_at(proc: subprocess.Popen, steps: int, delay: float) -> tuple[bool, list[int]]:
    """SIGKILL the process (only it) ``delay`` seconds after its ``steps``-th committed batch
    or chunk (0: after it started); (was it still running then, its children)."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen, kids = -1, set()  # "start" is line 0
    while seen < steps:
        line = lines.get(timeout=300)
        if line is None:
            break
        if line.startswith(("start", "step ")):
            seen += 1
    deadline = time.monotonic() + delay
    while proc.poll() is None and time.monotonic() < deadline:
        kids.update(children(proc.pid))
        time.sleep(0.02)
    running = proc.poll() is None
    if running:
        kids.update(children(proc.pid))
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    return running, sorted(kids)


def _ingest_point(rng: random.Random, steps: int, jobs: int, trial: int) -> tuple[int, float]:
    """Where to kill an ingest: after a committed batch (a resumed run passes the batches already
    stored quickly, but still one by one), a moment into the next one's reading, cleaning or
    writing. With workers, batches are written
    in a burst once the first results come back, so every other kill lands while the workers
    still start and clean, and the others between the writes of the burst."""
    if jobs == 1:  # a batch of the demo corpus takes a few tenths of a second to extract
        return rng.randrange(max(1, steps)), rng.uniform(0, 0.3)
    if trial % 2 == 0:
        return 0, rng.uniform(0.5, 2.5)
    return rng.randrange(1, max(2, steps)), 0.0


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
    expected_ids = _article_ids(reference["unlinked"])
    db = tmp_path / "kb.db"
    kills = tries = 0
    while kills < INGEST_TRIALS[jobs] and tries < 4 * INGEST_TRIALS[jobs]:
        for f in tmp_path.glob("kb.db*"):
            f.unlink()
        for _ in range(ROUND):  # kills until the round's ingest is let finish
            steps, delay = _ingest_point(rng, reference["ingest_steps"], jobs, tries)
            running, kids = kill_at(start(*ingest_args(db, jobs)), steps, delay)
            tries += 1
            kills += running  # a kill that came after the run ended is not a kill
            time.sleep(0.3)
            assert not [k for k in kids if alive(k)], "workers outlived their killed parent"
            if db.exists():
                assert_sound(db)
                assert _article_ids(db) <= expected_ids
        finish(*ingest_args(db, jobs))
        assert snapshot(db, CONTENT_TABLES) == reference["ingested"]
    assert kills >= INGEST_TRIALS[jobs]


def test_sigkill_during_link_leaves_results_identical_to_an_uninterrupted_run(demo_reference, tmp_path):
    reference = demo_reference
    rng = random.Random(20)
    db = tmp_path / "kb.db"
    kills = tries = 0
    while kills < LINK_TRIALS and tries < 3 * LINK_TRIALS:
        for f in tmp_path.glob("kb.db*"):
            f.unlink()
        shutil.copy(reference["unlinked"], db)
        for _ in range(ROUND):  # kills until the round's link is let finish
            left = _chunks_left(db)
            if not left:
                break
            # after some committed chunk of what is left, a moment into the next chunk
            running, _ = kill_at(start("link", str(db), str(CHUNK)), rng.randrange(left),
                                 rng.uniform(0, 0.4))
            tries += 1
            kills += running  # a kill that came after the run ended is not a kill
            assert_sound(db)
        finish("link", str(db), str(CHUNK))
        assert snapshot(db, LINK_TABLES) == reference["links"]
        assert snapshot(db, CONTENT_TABLES) == reference["content"]
    assert kills >= LINK_TRIALS


def _chunks_left(db: Path) -> int:
    """Chunks a link run would still commit: the articles not linked yet, CHUNK at a time."""
    conn = sqlite3.connect(db)
    try:
        left = conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                            "(SELECT 1 FROM link_state l WHERE l.article_id = a.id)").fetchone()[0]
    finally:
        conn.close()
    return -(-left // CHUNK)
