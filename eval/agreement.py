#!/usr/bin/env python3
"""Inter-annotator agreement on the generalisation corpus: a ceiling for extraction scores.

    python eval/agreement.py

Twenty articles (ten of the blind corpus, ten of dev3) were annotated a second time, by an
annotator who saw neither the first annotation nor cronaca's output
(``eval/gold/blind/agreement.jsonl``). This scores the second annotation against the first with
the project's scorer (prefix rules, as for dev2: a quote's ``start`` stands for its text). Needs
no article text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval"))
sys.path.insert(0, str(REPO))

import corpus  # noqa: E402

from cronaca.evaluation.scoring import score  # noqa: E402

SECOND = REPO / "eval/gold/blind/agreement.jsonl"


def main() -> int:
    second = {r["doc_id"]: r for r in map(json.loads, SECOND.read_text(encoding="utf-8").splitlines())}
    first = {}
    for name in corpus.GENERALISATION_SETS:
        c = corpus.sets().get(name)
        if c is not None:
            first.update({r["doc_id"]: r for r in c.records() if r["doc_id"] in second})
    missing = sorted(set(second) - set(first))
    if missing:
        print(f"first annotations not available for {missing} (../shared absent?)")
        return 1
    pred = {}
    for doc_id, r in second.items():
        quotes = [{**q, "text": q.get("start")} for q in r["quotes"]]
        pred[doc_id] = {**r, "quotes": quotes}
    s = score(first, pred, prefix=True)
    print(f"{len(first)} articles annotated twice (second annotation scored against the first)")
    print(s.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
