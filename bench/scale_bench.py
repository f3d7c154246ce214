#!/usr/bin/env python3
"""Issue 11's figures: throughput per core and speed-up, 100,000 and 1,000,000 articles end to
end with peak memory, the Dask engine against the local one, search and actor pages under load.

Every figure is measured by running cronaca's own commands (``cronaca ingest``, ``load``,
``link``, ``serve``) as a user would, in a child process whose whole process tree (workers
included) is sampled for resident memory; corpora come from ``bench/article_generator.py`` (seeded).

    python bench/scale_bench.py throughput --articles 2000   # articles/s per core, 1 -> 2 workers, Dask
    python bench/scale_bench.py stream --articles 100000     # a 100 MB JSONL and WARC file: reader memory
    python bench/scale_bench.py e2e --articles 100000        # ingest + link, timed, peak memory
    python bench/scale_bench.py million --articles 1000000   # load a generated dataset, link, web p95
    python bench/scale_bench.py million --store postgresql --link-minutes -1   # the same on PostgreSQL
    python bench/scale_bench.py web --db out/scale_1000000_v2.db     # search and actor pages, 8 clients

Corpora and stores are kept under ``out/`` and reused by later runs of the same size (delete
them to start again). The machine is whatever runs this: the figures in the README say which.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench"), str(REPO / "tests")]
OUT = REPO / "out"
ACTOR_PAGES = 40  # actors whose pages the web benchmark asks for
CRONACA = [sys.executable, "-c", "from cronaca.cli import main; main()"]


class Measured:
    """A command run to its end: seconds, peak resident memory of its process tree, output."""

    def __init__(self, args: list[str], label: str, timeout: float | None = None) -> None:
        self.label = label
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.peak = 0
        done = threading.Event()
        sampler = threading.Thread(target=self._sample, args=(proc.pid, done), daemon=True)
        sampler.start()
        try:
            self.output, _ = proc.communicate(timeout=timeout)
            self.timed_out = False
        except subprocess.TimeoutExpired:
            proc.terminate()
            self.output, _ = proc.communicate()
            self.timed_out = True
        done.set()
        sampler.join()
        self.seconds = time.perf_counter() - started
        self.returncode = proc.returncode

    def _sample(self, pid: int, done: threading.Event) -> None:
        try:
            root = psutil.Process(pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in procs if p.is_running())
                self.peak = max(self.peak, rss)
            except psutil.Error:
                pass
            done.wait(0.2)

    def line(self, n: int | None = None) -> str:
        rate = f", {n / self.seconds:,.0f} articles/s" if n else ""
        flag = " (stopped at the time limit)" if self.timed_out else ""
        return f"{self.label}: {self.seconds:,.1f} s{rate}, peak RSS {self.peak / 2**20:,.0f} MiB{flag}"


def _corpus(n: int, fmt: str = "jsonl", gz: bool = True) -> Path:
    import article_generator
    import web_bench

    path = OUT / f"corpus_{fmt}_{n}_v{web_bench.CORPUS_VERSION}"
    if not path.exists():
        t = time.perf_counter()
        article_generator.write_corpus(n, fmt, path, gz=gz, per_file=1000 if n >= 10_000 else 100)
        print(f"generated {n:,} articles as {fmt}{' gz' if gz else ''} in {time.perf_counter() - t:.0f} s -> {path}")
    return path


def _fresh_db(name: str) -> Path:
    db = OUT / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def _check(run: Measured) -> None:
    if run.returncode not in (0, 1) and not run.timed_out:
        print(run.output[-3000:])
        raise SystemExit(f"{run.label} failed with status {run.returncode}")


def throughput(args: argparse.Namespace) -> None:
    """End to end (read, clean, extract, store, link) on seed-sized articles: 1 and 2 workers,
    and the Dask engine on a LocalCluster of 2 workers."""
    src = _corpus(args.articles)
    results = {}
    for jobs in (1, 2):
        db = _fresh_db(f"scale_tp_{jobs}.db")
        run = Measured([*CRONACA, "ingest", "-q", "--jobs", str(jobs), "--db", str(db), str(src)],
                       f"local engine, {jobs} worker{'s' if jobs > 1 else ''}")
        _check(run)
        results[jobs] = run
        print(run.line(args.articles), f"= {args.articles / run.seconds / jobs:,.0f} articles/s per core")
    print(f"speed-up 1 -> 2 workers: {results[1].seconds / results[2].seconds:.2f}x")
    db = _fresh_db("scale_tp_dask.db")
    run = Measured([*CRONACA, "ingest", "-q", "--engine", "dask", "--jobs", "2", "--db", str(db), str(src)],
                   "Dask engine, LocalCluster of 2 workers")
    _check(run)
    print(run.line(args.articles))
    print(f"Dask throughput / local throughput (2 workers): {results[2].seconds / run.seconds:.2f}")
    from snapshots import snapshot

    print("Dask and local records identical (every table, linked):",
          snapshot(OUT / "scale_tp_2.db") == snapshot(db))


def stream(args: argparse.Namespace) -> None:
    """One big JSON Lines file and one big WARC file read record by record: peak memory of the
    readers alone, then of ``cronaca ingest`` over the JSON Lines file (every core)."""
    import article_generator
    import web_bench

    made = {}
    for fmt in ("jsonl", "warc"):
        path = OUT / f"big_{args.articles}_v{web_bench.CORPUS_VERSION}.{fmt}"
        if not path.exists():
            article_generator.write_corpus(args.articles, fmt, OUT / f"big_{fmt}_tmp", per_file=args.articles)
            (OUT / f"big_{fmt}_tmp" / f"part-00000.{fmt}").rename(path)
            (OUT / f"big_{fmt}_tmp").rmdir()
        made[fmt] = path
        code = ("from cronaca.ingest.formats import read_paths; import sys; "
                "print(sum(1 for d in read_paths(sys.argv[1:]) if hasattr(d, 'raw_hash')))")
        run = Measured([sys.executable, "-c", code, str(path)], f"read {fmt} ({path.stat().st_size / 1e6:,.0f} MB)")
        _check(run)
        print(run.line(int(run.output.split()[-1])))
    if args.ingest:
        db = _fresh_db("scale_stream.db")
        run = Measured([*CRONACA, "ingest", "-q", "--no-link", "--db", str(db), str(made["jsonl"])],
                       f"cronaca ingest of the {made['jsonl'].stat().st_size / 1e6:,.0f} MB JSON Lines file")
        _check(run)
        print(run.line(args.articles))


def e2e(args: argparse.Namespace) -> None:
    """``cronaca ingest`` on a generated crawl, as a user runs it: every core, linking beside
    the workers; timed, with the peak memory of the whole process tree."""
    import sqlite3

    src = _corpus(args.articles)
    db = _fresh_db(f"scale_e2e_{args.articles}.db")
    limit = args.minutes * 60 if args.minutes else None
    run = Measured([*CRONACA, "ingest", "-q", "--db", str(db), str(src)],
                   "cronaca ingest (read, clean, extract, store, link)", timeout=limit)
    _check(run)
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    linked = conn.execute("SELECT count(*) FROM articles WHERE story_id IS NOT NULL").fetchone()[0]
    conn.close()
    print(run.line(), f"; {stored:,} articles stored, {linked:,} linked, "
          f"{stored / run.seconds:,.1f} stored/s; store {db.stat().st_size / 1e9:.2f} GB")


def million(args: argparse.Namespace) -> None:
    """A store of ``--articles`` built with ``cronaca load`` from a generated dataset, then linked;
    then searches on it (``--search-seconds``) and the web pages (``--clients``).

    ``--store postgresql`` builds it on a local server started for the run (``tests/pg_server.py``,
    its data kept in ``out/pg_million_<N>_v<CORPUS_VERSION>/`` for the next run, durability off as for any
    throwaway benchmark server) instead of the SQLite file ``out/scale_<N>_v<CORPUS_VERSION>.db``.
    """
    import web_bench

    dataset = OUT / f"ds_{args.articles}_v{web_bench.CORPUS_VERSION}"
    if not (dataset / "_cronaca_dataset.json").exists():
        run = Measured([sys.executable, str(REPO / "bench" / "article_generator.py"), "--articles", str(args.articles),
                        "--dataset", str(dataset)], "generate dataset")
        _check(run)
        print(run.line(args.articles))
    server = None
    if args.store == "postgresql":
        import pg_server
        from search_bench import PG_SETTINGS

        server = pg_server.start(PG_SETTINGS, keep=OUT / f"pg_million_{args.articles}_v{web_bench.CORPUS_VERSION}")
        db = server.url("million")
        fresh = not _pg_has(server, "million")
        server.new_database(name="million")
    else:
        db = str(OUT / f"scale_{args.articles}_v{web_bench.CORPUS_VERSION}.db")
        fresh = not Path(db).exists()
    try:
        if fresh:
            load = Measured([*CRONACA, "load", "-q", "--no-link", "--db", db, str(dataset)], "cronaca load")
            _check(load)
            size = f"; store {Path(db).stat().st_size / 1e9:.2f} GB" if server is None else ""
            print(load.line(args.articles) + size)
        if args.link_minutes >= 0:
            limit = args.link_minutes * 60 if args.link_minutes else None
            link = Measured([*CRONACA, "link", "-q", "--db", db], "cronaca link", timeout=limit)
            _check(link)
            print(link.line(), link.output.strip().splitlines()[-1] if link.output.strip() else "")
        if args.search_seconds:
            from search_bench import report, run_clients

            run_clients(db, args.clients, 5)  # warm the caches
            times, errors = run_clients(db, args.clients, args.search_seconds)
            report(args.store, times, errors, args.search_seconds)
        if args.clients and args.web_seconds:
            web(argparse.Namespace(db=db, clients=args.clients, seconds=args.web_seconds, workers=2,
                                   actor_share=0.4))
    finally:
        if server is not None:
            server.stop()


def _pg_has(server: object, name: str) -> bool:
    """Whether the kept server already holds the database ``name`` (a run before built it)."""
    import psycopg

    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:  # type: ignore[attr-defined]
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def web(args: argparse.Namespace) -> None:
    """Search and actor pages of ``cronaca serve`` under ``--clients`` concurrent clients."""
    import statistics

    import web_bench

    from cronaca.store.base import open_store

    store = open_store(args.db)
    ranked = [r[0] for r in store.conn.execute(
        "SELECT actor_id FROM actor_totals WHERE articles > 0 ORDER BY mentions DESC, actor_id")]
    store.close()
    # actors across the whole frequency range: the most named, the rarest and every rank between
    step = max(1, len(ranked) // ACTOR_PAGES)
    actor_ids = ranked[::step][:ACTOR_PAGES] or ["per:lavrov"]
    port = web_bench.free_port()
    server = web_bench.serve(args.db, port, args.workers, "cronaca.web.app:app_from_env")
    try:
        base = f"http://127.0.0.1:{port}"
        web_bench.load(base, args.clients, 5, actor_ids, args.actor_share)  # warm the caches
        got = web_bench.load(base, args.clients, args.seconds, actor_ids, args.actor_share)
    finally:
        server.terminate()
        server.wait()
    got["search (all)"] = [t for k, v in got.items() if k.startswith("search") for t in v]
    for kind, times in sorted(got.items()):
        ms = [t * 1000 for t in times]
        if ms:
            print(f"web {kind:<20} {len(ms):>6} requests, {args.clients} clients, {args.workers} server "
                  f"processes: p50 {statistics.median(ms):6.1f} ms"
                  f"  p95 {web_bench.pct(ms, 95):6.1f} ms  max {max(ms):7.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("throughput")
    p.add_argument("--articles", type=int, default=2000)
    p = sub.add_parser("stream")
    p.add_argument("--articles", type=int, default=100_000)
    p.add_argument("--ingest", action="store_true", help="also ingest the JSON Lines file (long)")
    p = sub.add_parser("e2e")
    p.add_argument("--articles", type=int, default=100_000)
    p.add_argument("--minutes", type=float, default=0, help="stop after this long (0: no limit)")
    p = sub.add_parser("million")
    p.add_argument("--articles", type=int, default=1_000_000)
    p.add_argument("--link-minutes", type=float, default=0, help="stop linking after this long (0: no limit; -1: do not link)")
    p.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--search-seconds", type=float, default=30,
                   help="searches through the store by --clients threads (0: none)")
    p.add_argument("--web-seconds", type=float, default=30, help="web pages under load (0: none)")
    p = sub.add_parser("web")
    p.add_argument("--db", required=True)
    p.add_argument("--workers", type=int, default=2, help="server processes (cronaca serve --workers)")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--actor-share", type=float, default=0.4,
                   help="share of requests that are actor pages (0: searches only)")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    {"throughput": throughput, "stream": stream, "e2e": e2e, "million": million, "web": web}[args.what](args)


if __name__ == "__main__":
    main()
