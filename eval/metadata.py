#!/usr/bin/env python3
"""How often a page's publication date and title are read right, on a corpus annotated for them.

    python eval/metadata.py                 # the pubdates set (60 pages, 52 outlets)
    python eval/metadata.py --set pubdates -v

``eval/gold/pubdates`` holds pages annotated for their metadata alone, before cronaca read them:
which date the page gives for itself (``published``), where (``source``: header, stamp, dateline,
body, url, none) and the exact ``evidence``; the title's first words (``title``, null where the
page shows no title line; a title matches when it starts with them, as dev2's scorer has it). It
is tuning data for the page reader, so each miss is printed; texts are fetched like the other
sets' (``eval/corpus.py lookups --set pubdates``).
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
    titles = 0
    for doc_id, g in sorted(gold.items()):
        value = predicted.get(doc_id, {}).get("published")
        source = g.get("source", "?")
        seen[source] += 1
        right[source] += value == g["published"]
        if value != g["published"] or args.verbose:
            print(f"{doc_id} published: gold {g['published']} ({source}: {g.get('evidence')!r}) read {value}")
        if "title" in g:
            title = predicted.get(doc_id, {}).get("title") or None
            good = title is None if not g["title"] else bool(title and title.startswith(g["title"]))
            titles += good
            if not good or args.verbose:
                print(f"{doc_id} title: gold {g['title']!r} read {title!r}")
    by_source = ", ".join(f"{s} {right[s]}/{n}" for s, n in seen.most_common())
    print(f"{args.set}: published {sum(right.values())}/{len(gold)} = {sum(right.values()) / len(gold):.3f} "
          f"({by_source}); title {titles}/{len(gold)} = {titles / len(gold):.3f}; {total - len(gold)} texts missing")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
