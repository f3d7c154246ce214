#!/usr/bin/env python3
"""How often the publication date is read right, on a corpus annotated for it.

    python eval/published.py                 # the pubdates set (60 pages, 52 outlets)
    python eval/published.py --set pubdates -v

``eval/gold/pubdates`` holds pages annotated for their publication date alone, before cronaca
read them: which date the page gives for itself (``published``), where (``source``: header, stamp,
dateline, body, url, none) and the exact ``evidence``. It is tuning data for the date reader, so
each miss is printed; texts are fetched like the other sets' (``eval/corpus.py lookups --set
pubdates``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "eval"), str(REPO)]
import corpus  # noqa: E402

from cronaca.evaluation.run import evaluate  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="pubdates")
    parser.add_argument("-v", "--verbose", action="store_true", help="every page, not only the misses")
    args = parser.parse_args(argv)
    gold, paths, total = corpus.gold_with_texts((args.set,))
    if not gold:
        print(f"{args.set}: no texts present ({total} records); see eval/corpus.py lookups --set {args.set}")
        return 1
    predicted = evaluate(gold, paths, link=False).predictions
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for doc_id, g in sorted(gold.items()):
        value = predicted.get(doc_id, {}).get("published")
        source = g.get("source", "?")
        seen[source] += 1
        right[source] += value == g["published"]
        if value != g["published"] or args.verbose:
            print(f"{doc_id} gold {g['published']} ({source}: {g.get('evidence')!r}) read {value}")
    by_source = ", ".join(f"{s} {right[s]}/{n}" for s, n in seen.most_common())
    print(f"{args.set}: {sum(right.values())}/{len(gold)} = {sum(right.values()) / len(gold):.3f} ({by_source}; "
          f"{total - len(gold)} texts missing)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
