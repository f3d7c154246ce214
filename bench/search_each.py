#!/usr/bin/env python3
"""Every search of the web benchmark, timed directly on a store (no HTTP, one client).

Why beside ``web_bench.py``: under concurrent clients a slow query hides in the percentiles;
here each (query, filter or sort) pair of ``web_bench.SEARCHES`` x ``web_bench.FILTERS`` is run
twice through ``Store.search`` and its best time printed, slowest first, with the median of all,
beside its first time (what a store keeps between searches, such as a prefix's words, is not
kept yet on the first: :mod:`cronaca.store.prefixes`).

    python bench/search_each.py out/scale_1000000_v2.db [--top 25]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from web_bench import FILTERS, SEARCHES  # noqa: E402

from cronaca.store.base import Filters, open_store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    store = open_store(args.db)
    rows = []
    for query, flt in itertools.product(SEARCHES, dict.fromkeys(FILTERS)):
        params = dict(parse_qsl(flt.lstrip("&")))
        sort = params.pop("sort", "relevance")
        filters = Filters(**params)
        times = []
        for _ in range(2):
            started = time.perf_counter()
            page = store.search(query, filters, limit=20, sort=sort)
            times.append(time.perf_counter() - started)
        rows.append((min(times) * 1000, times[0] * 1000, query, flt, page.total))
    store.close()
    rows.sort(reverse=True)
    print(f"{len(rows)} searches: median {statistics.median(r[0] for r in rows):.1f} ms"
          f" (first runs: {statistics.median(r[1] for r in rows):.1f} ms)")
    for ms, first, query, flt, total in rows[:args.top]:
        print(f"{ms:8.1f} ms (first {first:6.1f})  {query!r:30} {flt or '(no filter)':45} about {total:,}")


if __name__ == "__main__":
    main()
