#!/usr/bin/env python3
"""Extraction speed: articles per second per core for cleaning and each NLP stage, plus peak memory.

    python bench/nlp_bench.py [--rounds 20] [--seeds]
    python bench/nlp_bench.py --texts ../devtexts/dev3     # one cold pass over distinct articles

The articles are the team's own (the demo corpus and the eval gold documents), seed-sized news
texts; ``--seeds`` adds ``../shared/seeds`` when present. Resources are loaded once before timing
(a run pays that once per process); the figures are single-process, single-core throughput.

Best-of-rounds timing repeats the same articles, so the per-line memos of cleaning (a crawl's
furniture repeats line for line) are warm after the first round. ``--texts DIR`` measures what a
crawl of new articles costs instead: every ``*.txt`` in DIR cleaned and annotated once, after one
warm-up article, timed as a whole.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cronaca.ids import raw_hash  # noqa: E402
from cronaca.ingest.clean import clean  # noqa: E402
from cronaca.pipeline import DEFAULT_STAGES, REGISTRY, annotate, check_stages  # noqa: E402
from cronaca.types import Document, RawDocument  # noqa: E402


def corpus(with_seeds: bool) -> list[RawDocument]:
    paths = sorted((REPO / "cronaca/demo/corpus").glob("*.txt"))
    paths += sorted((REPO / "eval/gold/docs").glob("*.txt"))
    if with_seeds and (REPO.parent / "shared/seeds").is_dir():
        paths += sorted((REPO.parent / "shared/seeds").glob("*.txt"))
    raws = []
    for p in paths:
        data = p.read_bytes()
        raws.append(RawDocument(str(p), data.decode("utf-8"), "text", raw_hash(data)))
    return raws


def rate(fn, items, rounds: int) -> float:
    """Best-of-rounds throughput (items/s): the least disturbed measurement on a shared machine."""
    timings = []
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            fn(item)
        timings.append(time.process_time() - start)
    return len(items) / max(min(timings), 1e-9)


def cold_pass(folder: Path) -> None:
    """Clean and annotate every article of ``folder`` once: throughput on articles never seen."""
    raws = []
    for p in sorted(folder.glob("*.txt")):
        data = p.read_bytes()
        raws.append(RawDocument(str(p), data.decode("utf-8"), "text", raw_hash(data)))
    if len(raws) < 2:
        raise SystemExit(f"{folder}: needs at least two *.txt articles")
    specs = check_stages(DEFAULT_STAGES)
    annotate(Document(clean(raws[0])), specs)  # resources loaded, outside the timing
    rest = raws[1:]
    size = statistics.mean(len(r.text) for r in rest)
    start = time.process_time()
    for raw in rest:
        annotate(Document(clean(raw)), specs)
    seconds = time.process_time() - start
    seed_size = 3000
    print(f"{folder}: {len(rest)} articles, mean size {size:.0f} chars, each cleaned and annotated once: "
          f"{len(rest) / seconds:.0f} articles/s, {len(rest) / seconds * size / seed_size:.0f} articles/s "
          f"at seed size ({seed_size} chars), {sum(len(r.text) for r in rest) / seconds / 1000:.0f} K chars/s "
          f"(1 core, CPU time)")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seeds", action="store_true")
    parser.add_argument("--texts", type=Path, help="one cold pass over the *.txt articles of this folder")
    args = parser.parse_args()
    if args.texts:
        cold_pass(args.texts)
        return
    raws = corpus(args.seeds)
    size = statistics.mean(len(r.text) for r in raws)
    t0 = time.perf_counter()
    articles = [clean(r) for r in raws]
    docs = [annotate(Document(a), check_stages(DEFAULT_STAGES)) for a in articles]  # warm caches
    print(f"articles: {len(raws)}, mean size {size:.0f} chars; resource loading + first pass "
          f"{time.perf_counter() - t0:.2f} s")
    print(f"{'stage':<32} {'articles/s (1 core, CPU time)':>30}")
    print(f"{'clean':<32} {rate(clean, raws, args.rounds):>30.0f}")
    docs = [Document(a) for a in articles]
    for name in DEFAULT_STAGES:
        spec = REGISTRY[name]
        print(f"{name:<32} {rate(lambda d: annotate(d, [spec]), docs, args.rounds):>30.0f}")
        docs = [annotate(d, [spec]) for d in docs]
    specs = check_stages(DEFAULT_STAGES)
    full = rate(lambda r: annotate(Document(clean(r)), specs), raws, args.rounds)
    extraction = rate(lambda d: annotate(Document(d.article), specs), docs, args.rounds)
    print(f"{'all NLP stages (extraction)':<32} {extraction:>30.0f}")
    print(f"{'clean + all NLP stages':<32} {full:>30.0f}")
    seed_size = 3000  # the seeds average about 3 KB: throughput scaled to that size
    print(f"at seed size ({seed_size} chars): extraction {extraction * size / seed_size:.0f} articles/s, "
          f"clean + extraction {full * size / seed_size:.0f} articles/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
