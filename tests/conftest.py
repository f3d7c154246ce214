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
