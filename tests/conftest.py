"""Shared fixtures. Tests that read the seed articles in ../shared skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CRONACA_SHARED", REPO.parent / "shared"))


def pytest_configure(config: pytest.Config) -> None:
    """Built resources (:mod:`cronaca.resources.built`) go to a folder of this run, shared by
    the processes the tests start, and never to the user's cache."""
    import tempfile

    from cronaca.resources.built import ENV_CACHE

    if ENV_CACHE not in os.environ:
        config._cronaca_built = tempfile.mkdtemp(prefix="cronaca-built-")  # type: ignore[attr-defined]
        os.environ[ENV_CACHE] = config._cronaca_built  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    from cronaca.resources.built import ENV_CACHE

    folder = getattr(config, "_cronaca_built", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(ENV_CACHE, None)


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


# -- PostgreSQL ------------------------------------------------------------------------------
# The store's tests run on both backends: ``store_url`` is an SQLite path, then the URL of an
# empty database on a throwaway PostgreSQL server started once per session (tests/pg_server.py).
# Without PostgreSQL installed the PostgreSQL half says why and skips.


@pytest.fixture(scope="session")
def pg_server():
    import pg_server as server

    try:
        running = server.start()
    except server.Unavailable as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    yield running
    running.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """The URL of a new, empty PostgreSQL database."""
    return pg_server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, db_path) -> str:
    """Where a store lives: an SQLite file, then an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(db_path)
    return request.getfixturevalue("pg_url")
