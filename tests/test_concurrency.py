"""Processes at once on one store (issue 10: concurrency in CI): two ingests, two links, and an
ingest, a link and the web server together, as cron and an analyst's browser produce them.

No run may fail, no record may be lost or doubled, and the result must be what a sequential run
stores: the same articles and annotations, and — for two links — the same link records. While
an ingest adds articles, a link run can only link what is stored so far, so the link records of
the last scenario are compared by what a user sees of them (which articles form each story,
which article copies which), not row by row.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from crash_runner import BATCH, CHUNK, start
from snapshots import CONTENT_TABLES, LINK_TABLES, link_decisions, snapshot

from cronaca.demo import CORPUS
from cronaca.store.sqlite import SQLiteStore

pytestmark = pytest.mark.slow

def wait_ok(*procs: subprocess.Popen) -> None:
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
        assert "Traceback" not in err


def ingest(db: Path, jobs: int = 1) -> subprocess.Popen:
    return start("ingest", str(db), str(BATCH), str(jobs), str(CORPUS))


def link(db: Path) -> subprocess.Popen:
    return start("link", str(db), str(CHUNK))


def sound(db: Path) -> None:
    with SQLiteStore(db) as store:
        assert store.check() == []


@pytest.fixture
def sequential(demo_reference):
    return demo_reference


@pytest.mark.parametrize("jobs", [(1, 1), (2, 1)])
def test_two_ingests_at_once_store_what_one_does(sequential, tmp_path, jobs):
    db = tmp_path / "kb.db"
    first = ingest(db, jobs[0])
    time.sleep(0.5)
    wait_ok(first, ingest(db, jobs[1]))
    sound(db)
    assert snapshot(db, CONTENT_TABLES) == sequential["ingested"]


@pytest.mark.parametrize("delay", [0.0, 0.5])
def test_two_links_at_once_link_as_one_does(sequential, tmp_path, delay):
    db = tmp_path / "kb.db"
    shutil.copy(sequential["unlinked"], db)
    first = link(db)
    time.sleep(delay)
    wait_ok(first, link(db))
    sound(db)
    assert snapshot(db, LINK_TABLES) == sequential["links"]
    assert snapshot(db, CONTENT_TABLES) == sequential["content"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PAGES = ["/", "/api/meta", "/api/search?q=Lavrov", "/search?q=Ginevra", "/api/articles?limit=5",
         "/api/stories", "/stories", "/api/events?type=CONSULT", "/api/actors", "/api/timeline",
         "/api/quotes?speaker=Lavrov"]


def test_ingest_link_and_web_at_once(sequential, tmp_path):
    db = tmp_path / "kb.db"
    SQLiteStore(db).close()  # the server reads an existing store
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from cronaca.cli import main; main()", "serve", "--db", str(db),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base)
        failures: list[str] = []
        served = [0]
        stop = threading.Event()

        def browse() -> None:
            with httpx.Client(base_url=base, timeout=30) as client:
                while not stop.is_set():
                    for url in PAGES:
                        r = client.get(url)
                        served[0] += 1
                        if r.status_code != 200:
                            failures.append(f"{url}: {r.status_code} {r.text[:200]}")

        reader = threading.Thread(target=browse, daemon=True)
        reader.start()
        writer = ingest(db)
        links = 0
        while writer.poll() is None:  # link whatever is stored, again and again, as cron would
            wait_ok(link(db))
            links += 1
        wait_ok(writer)
        wait_ok(link(db))
        stop.set()
        reader.join(60)
    finally:
        server.terminate()
        server.communicate(timeout=30)
    assert not failures, failures[:5]
    assert served[0] >= len(PAGES) and links >= 1
    sound(db)
    story_ids = {"articles": frozenset({"story_id"})}  # ids name stories: compared as groups
    assert snapshot(db, CONTENT_TABLES, story_ids) == sequential["content_without_stories"]
    assert link_decisions(db) == sequential["decisions"]


def _wait_for(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/meta", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not start")
