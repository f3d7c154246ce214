"""Shared fixtures. Tests that read the seed articles in ../shared skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CRONACA_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"{SHARED} is absent: seed-based tests need ../shared beside the repo")
    return SHARED


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kb.db"


@pytest.fixture(scope="session")
def demo_reference(tmp_path_factory):
    """The demo corpus ingested and linked by uninterrupted runs, one process at a time, with
    small batches and chunks (``crash_runner.py``): what the crash and concurrency tests compare
    with. Holds snapshots, the unlinked store to start links from, and how many batches and
    chunks each run committed."""
    import shutil

    from crash_runner import BATCH, CHUNK, finish
    from snapshots import CONTENT_TABLES, LINK_TABLES, link_decisions, snapshot

    from cronaca.demo import CORPUS

    work = tmp_path_factory.mktemp("reference")
    db = work / "kb.db"
    ingested = finish("ingest", str(db), str(BATCH), "1", str(CORPUS))
    shutil.copy(db, work / "unlinked.db")
    linked = finish("link", str(db), str(CHUNK))
    return {"ingested": snapshot(work / "unlinked.db", CONTENT_TABLES),
            "content": snapshot(db, CONTENT_TABLES), "links": snapshot(db, LINK_TABLES),
            "content_without_stories": snapshot(db, CONTENT_TABLES,
                                                {"articles": frozenset({"story_id"})}),
            "decisions": link_decisions(db), "unlinked": work / "unlinked.db",
            "ingest_steps": ingested.count("step "), "link_steps": linked.count("step ")}
