#!/usr/bin/env python3
"""How long linking 10,000 new articles takes on stores of growing size.

    python bench/link_bench.py                       # stores of 10k, 100k, 1M linked articles
    python bench/link_bench.py --sizes 10000 100000 --new 5000

For each size, a fresh SQLite store is filled with synthetic link records (fingerprints, LSH
bands, stories, story keys, document frequencies, merged events) by direct inserts, spread over
three years; then ``--new`` synthetic articles dated after them are linked with the real
:class:`~cronaca.link.linker.Linker`, and the time is printed. Time that follows the new
articles and not the store is what the issue asks for: every step is an indexed look-up.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cronaca.link.duplicates import BANDS, NUM_PERM  # noqa: E402
from cronaca.link.linker import Linker  # noqa: E402
from cronaca.store.sqlite import SQLiteStore  # noqa: E402
from cronaca.types import Article, Document, Event, Mention  # noqa: E402

_SYL = ["ko", "ra", "vin", "mel", "sto", "bar", "ten", "lu", "dor", "mi", "sal", "gre", "pan", "vel",
        "tor", "ni", "zan", "fer", "gol", "ri"]
_GIVEN = ["Anna", "Marco", "Ivan", "Olga", "Pietro", "Sara", "Boris", "Elena", "Luca", "Nadia"]
_rng = random.Random(7)
NAMES = sorted({f"{_rng.choice(_GIVEN)} {''.join(_rng.choice(_SYL) for _ in range(4)).capitalize()}"
                for _ in range(5000)})
_LETTERS = "abcdefghilmnoprstuvz"
#: pseudo-words of letters only (the linker's tokenizer splits digits off a word)
VOCAB = sorted({"".join(_rng.choice(_LETTERS) for _ in range(_rng.randint(5, 10))) for _ in range(20500)})[:20000]
_rng.shuffle(VOCAB)
ACTORS = ["per:" + n.lower().replace(" ", "-") for n in NAMES]
NAME_OF = dict(zip(ACTORS, NAMES))
START = date(2021, 1, 1)
DAYS = 3 * 365


def zipf_words(rng: random.Random, n: int) -> list[str]:
    return [VOCAB[min(int(rng.paretovariate(1.1)) - 1, len(VOCAB) - 1)] if rng.random() < 0.5
            else rng.choice(VOCAB) for _ in range(n)]


def fill(store: SQLiteStore, size: int, rng: random.Random) -> None:
    """Synthetic link records for ``size`` articles (stories of ~5 articles)."""
    conn = store.conn
    conn.execute("BEGIN")
    n_stories = max(1, size // 5)
    batch = []
    for s in range(n_stories):
        d = (START + timedelta(days=int(s / n_stories * DAYS))).isoformat()
        batch.append((f"s_{s:012x}", f"storia {s}", d, d, 5, "{}", "{}", "{}", d))
        if len(batch) == 10000:
            conn.executemany("INSERT INTO stories VALUES (?,?,?,?,?,?,?,?,?)", batch)
            batch = []
    conn.executemany("INSERT INTO stories VALUES (?,?,?,?,?,?,?,?,?)", batch)
    keys = []
    for s in range(n_stories):
        d = (START + timedelta(days=int(s / n_stories * DAYS))).isoformat()
        for k in set(["t:" + w for w in zipf_words(rng, 16)] + ["a:" + rng.choice(ACTORS) for _ in range(4)]):
            keys.append((k, f"s_{s:012x}", d))
        if len(keys) >= 50000:
            conn.executemany("INSERT OR IGNORE INTO story_keys VALUES (?,?,?)", keys)
            keys = []
    conn.executemany("INSERT OR IGNORE INTO story_keys VALUES (?,?,?)", keys)
    fps, bands, members = [], [], []
    for i in range(size):
        aid = f"a_{i:016x}"
        d = (START + timedelta(days=int(i / size * DAYS))).isoformat()
        fps.append((aid, f"k{i}", rng.randbytes(NUM_PERM * 4), 200, d, i, None, None))
        bands += [(rng.getrandbits(63), aid) for _ in range(BANDS)]
        members.append((aid, f"s_{min(i // 5, n_stories - 1):012x}", 1.0, 0))
        if len(fps) == 20000:
            _flush(conn, fps, bands, members)
            fps, bands, members = [], [], []
    _flush(conn, fps, bands, members)
    conn.executemany("INSERT INTO link_df VALUES (?, ?)",
                     ((w, max(1, int(size / (r + 2) ** 0.9))) for r, w in enumerate(["t:" + v for v in VOCAB])))
    store.set_counter("documents", size)
    store.set_counter("linked", size)
    conn.execute("COMMIT")


def _flush(conn, fps, bands, members) -> None:
    conn.executemany("INSERT INTO link_fingerprints(article_id, exact_key, signature, size, published, seq, "
                     "original_id, score) VALUES (?,?,?,?,?,?,?,?)", fps)
    conn.executemany("INSERT OR IGNORE INTO link_bands VALUES (?,?)", bands)
    conn.executemany("INSERT INTO story_articles VALUES (?,?,?,?)", members)


def new_documents(n: int, rng: random.Random) -> list[Document]:
    """Articles dated in the two weeks after the store's last day, about 2,000 happenings."""
    docs = []
    last = START + timedelta(days=DAYS)
    topics = [(zipf_words(rng, 120), rng.sample(ACTORS, 3)) for _ in range(max(1, n // 5))]
    for i in range(n):
        words, actors = topics[i % len(topics)]
        body = " ".join(rng.sample(words, 90) + zipf_words(rng, 10))
        text = body + " " + " ".join(NAME_OF[a] for a in actors)
        mentions = []
        for a in actors:
            at = text.find(NAME_OF[a])
            mentions.append(Mention(at, at + len(NAME_OF[a]), NAME_OF[a], "PER", a, NAME_OF[a]))
        day = (last + timedelta(days=rng.randrange(14))).isoformat()
        events = (Event("CONSULT", 0, 10, body[:10], actors[0], None, actors[1], None, date=day),)
        art = Article(id=f"n_{i:016x}", origin=f"new{i}.txt", raw_hash="x", format="text", text=text,
                      title=" ".join(words[:8]), outlet="ansa.it", published=day)
        docs.append(Document(art, mentions=tuple(mentions), events=events))
    return docs


def run(size: int, new: int, workdir: Path, keep: bool = False,
        profile: bool = False) -> tuple[float, float, int]:
    rng = random.Random(size)
    path = workdir / f"bench-{size}.db"
    base = workdir / f"bench-{size}.filled.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    if keep and base.is_file():  # a store filled by an earlier run: the same records (seeded)
        shutil.copyfile(base, path)
        store = SQLiteStore(path)
    else:
        store = SQLiteStore(path)
        fill(store, size, rng)
        if keep:
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copyfile(path, base)
    filled = time.perf_counter() - t0
    docs = new_documents(new, random.Random(-size))  # its own seed: the same with a kept store
    linker = Linker(store)
    prof = cProfile.Profile() if profile else None
    t1 = time.perf_counter()
    if prof:
        prof.enable()
    store.conn.execute("BEGIN")
    for i in range(0, len(docs), 500):
        linker.add(docs[i:i + 500], first_order=size + i)
    store.conn.execute("COMMIT")
    linking = time.perf_counter() - t1
    if prof:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    stories = store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return filled, linking, stories


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--new", type=int, default=10_000)
    ap.add_argument("--dir", default=None, help="where to build the stores (default: a temp dir)")
    ap.add_argument("--profile", action="store_true", help="print where linking spends its time")
    ap.add_argument("--keep", action="store_true",
                    help="keep each filled store in --dir and reuse it on the next run (fill once)")
    args = ap.parse_args()
    workdir = Path(args.dir or tempfile.mkdtemp(prefix="cronaca-link-bench-"))
    print(f"linking {args.new} new articles into stores of growing size (cpu: {os.cpu_count()})")
    print(f"{'store':>10}  {'fill s':>8}  {'link s':>8}  {'new art/s':>9}  {'stories':>9}  {'peak MB':>8}")
    for size in args.sizes:
        filled, linking, stories = run(size, args.new, workdir, args.keep, args.profile)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # so far, this process
        print(f"{size:>10,}  {filled:8.1f}  {linking:8.1f}  {args.new / linking:9.0f}  {stories:>9,}  {peak:8.0f}",
              flush=True)


if __name__ == "__main__":
    main()
