"""A server process answers a bounded number of requests at once, each thread with one store
connection: however many clients call, a PostgreSQL server sees at most that many connections
from it (AnyIO's default pool of 40 threads exhausted a server's connections with two processes)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient
from web_corpus import build_store

from cronaca.store.pgconn import PGConnection
from cronaca.web.app import DEFAULT_THREADS, create_app


def _tokens() -> float:
    return anyio.to_thread.current_default_thread_limiter().total_tokens


@pytest.fixture(scope="module")
def sqlite_kb(tmp_path_factory):
    work = tmp_path_factory.mktemp("web_threads")
    build_store(work / "kb.db", work)
    return str(work / "kb.db")


def test_the_pool_is_bounded_by_default_by_argument_and_by_environment(sqlite_kb, monkeypatch):
    with TestClient(create_app(sqlite_kb)) as client:
        assert client.portal.call(_tokens) == DEFAULT_THREADS
    with TestClient(create_app(sqlite_kb, threads=3)) as client:
        assert client.portal.call(_tokens) == 3
    monkeypatch.setenv("CRONACA_WEB_THREADS", "5")
    with TestClient(create_app(sqlite_kb)) as client:
        assert client.portal.call(_tokens) == 5
        assert client.get("/api/meta").status_code == 200


def test_a_pool_of_zero_is_refused(sqlite_kb):
    with pytest.raises(ValueError, match="at least 1"):
        create_app(sqlite_kb, threads=0)


def test_postgresql_sees_at_most_one_connection_per_thread(pg_server, tmp_path):
    url = pg_server.new_database("web_threads")
    build_store(url, tmp_path)
    urls = ["/api/meta", "/api/articles?limit=5", "/api/search?q=Lavrov", "/search?q=Mosca",
            "/api/actors?limit=5", "/"] * 8
    with TestClient(create_app(url, threads=3)) as client:
        with ThreadPoolExecutor(16) as pool:
            codes = list(pool.map(lambda u: client.get(u).status_code, urls))
        assert set(codes) == {200}
        probe = PGConnection(url, application="test-probe")
        try:
            opened = probe.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name = 'cronaca'").fetchone()[0]
        finally:
            probe.close()
    assert 1 <= opened <= 3
