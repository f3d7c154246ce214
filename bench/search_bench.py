"""Full-text search latency on SQLite and PostgreSQL, same corpus, concurrent clients.

Why: a team serving one corpus from PostgreSQL must get answers as fast as an analyst gets them
from the embedded SQLite file. Both stores are filled with the same generated corpus (the web
benchmark's generator: annotated Documents written through the store, no NLP, seeded), then
``--clients`` threads, each with its own connection, run ``Store.search`` for ``--seconds``:
the web benchmark's queries (words, phrases, OR/NOT, prefixes) with its filters (dates, outlet
groups, an outlet, an actor, an event type) and sorts (relevance, date). It prints p50 / p95 /
max latency and queries per second per store, and the time each store took to build.

PostgreSQL runs on a throwaway local server started for the run (tests/pg_server.py: Debian's
binaries, its data in ``out/pg_search_bench_<N>/``, kept for the next run, durability off),
unless ``--pg URL`` names a database to use (it is filled when it holds fewer articles, and
kept). The SQLite store is kept in ``out/web_bench_<N>_v<CORPUS_VERSION>.db`` (shared with ``web_bench.py``).

    python bench/search_bench.py                      # 100,000 articles, 8 clients, both stores
    python bench/search_bench.py --articles 1000000   # the issue's size (hours to build)
    python bench/search_bench.py --stores postgresql --pg postgresql://me@host/news
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench"), str(REPO / "tests")]

from web_bench import CORPUS_VERSION, FILTERS, SEARCHES, build, make_document, pct

from cronaca.store.base import Filters, open_store

SORTS = ["relevance", "relevance", "date"]
#: A server for a benchmark: memory for the index and the pages (the machine has 24 GB), and,
#: since its data is thrown away, no flushing to disk while loading.
PG_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
               "shared_buffers": "2GB", "effective_cache_size": "8GB", "work_mem": "32MB",
               "maintenance_work_mem": "512MB", "max_connections": "50",
               "max_wal_size": "4GB", "checkpoint_timeout": "30min"}


def filters_of(query_string: str) -> Filters:
    """The web benchmark's filter strings (``&outlet=ansa.it``…) as store Filters."""
    pairs = dict(p.split("=", 1) for p in query_string.split("&") if "=" in p and "sort" not in p)
    return Filters(**pairs)


def build_postgres(url: str, n: int) -> float:
    """Fill the database at ``url`` with the corpus (the same documents as the SQLite store)."""
    import datetime as dt

    store = open_store(url)
    have = store.count_articles(Filters(include_duplicates=True))
    if have >= n:
        store.close()
        print(f"reusing {store.location} ({have} articles)")
        return 0.0
    rng = random.Random(7)
    start = dt.date(2021, 1, 1)
    t0 = time.perf_counter()
    batch = []
    for i in range(n):
        day = (start + dt.timedelta(days=int(1400 * i / n))).isoformat()
        doc = make_document(i, rng, day)
        if i >= have:
            batch.append(doc)
        if len(batch) == 2000:
            store.add_documents(batch)
            batch = []
            if (i + 1) % 100_000 == 0:
                print(f"  {i + 1} articles in {time.perf_counter() - t0:.0f}s", flush=True)
    if batch:
        store.add_documents(batch)
    store.conn.execute("VACUUM ANALYZE")
    elapsed = time.perf_counter() - t0
    size = store.conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
    store.close()
    print(f"built {n} articles in PostgreSQL in {elapsed:.0f}s ({size})")
    return elapsed


def run_clients(url: str, clients: int, seconds: float) -> tuple[list[float], int]:
    """Each client its own store, random queries until the time is up: latencies, errors."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        rng = random.Random(k)
        store = open_store(url, read_only=True)
        try:
            while time.monotonic() < stop:
                query, flt, sort = rng.choice(SEARCHES), rng.choice(FILTERS), rng.choice(SORTS)
                t = time.perf_counter()
                try:
                    store.search(query, filters_of(flt), sort="date" if "sort=date" in flt else sort)
                except Exception as exc:  # noqa: BLE001 - counted and shown: a benchmark hides no failure
                    with lock:
                        errors[0] += 1
                        if errors[0] <= 3:
                            print(f"  error on {query!r} {flt}: {exc}")
                    continue
                with lock:
                    times.append(time.perf_counter() - t)
        finally:
            store.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors[0]


def report(name: str, times: list[float], errors: int, seconds: float) -> None:
    if not times:
        print(f"{name:<11} no answers ({errors} errors)")
        return
    ms = [t * 1000 for t in times]
    print(f"{name:<11} {len(ms):>6} searches  {len(ms) / seconds:6.1f}/s  p50 {statistics.median(ms):6.1f} ms  "
          f"p95 {pct(ms, 95):6.1f} ms  max {max(ms):7.1f} ms  errors {errors}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--stores", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    ap.add_argument("--pg", help="postgresql://… database to use instead of a throwaway local server")
    ap.add_argument("--warm", type=float, default=5, help="seconds of searches before measuring")
    args = ap.parse_args()
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    urls: dict[str, str] = {}
    server = None
    if "sqlite" in stores:
        db = REPO / "out" / f"web_bench_{args.articles}_v{CORPUS_VERSION}.db"
        db.parent.mkdir(exist_ok=True)
        build(db, args.articles)
        urls["sqlite"] = str(db)
    if "postgresql" in stores:
        url = args.pg
        if url is None:
            import pg_server

            server = pg_server.start(PG_SETTINGS, keep=REPO / "out" / f"pg_search_bench_{args.articles}")
            url = server.new_database(name="search_bench")
        build_postgres(url, args.articles)
        urls["postgresql"] = url
    try:
        print(f"\n{args.articles} articles, {args.clients} concurrent clients, {args.seconds:.0f}s per store")
        for name, url in urls.items():
            if args.warm:
                run_clients(url, args.clients, args.warm)
            times, errors = run_clients(url, args.clients, args.seconds)
            report(name, times, errors, args.seconds)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
