#!/usr/bin/env python3
"""The evaluation gate: per-category floors that a change may not lower silently.

    python eval/gate.py            score every available gold set and compare with the floors
    python eval/gate.py --update   raise floors to the current scores (never lowers them)
    python eval/gate.py --update --allow-lower   also lower floors, printing every one it lowers

Gold sets: the team's own articles (``eval/gold``, always), the seeds (``../shared/gold``, when
present) and dev2 (when ``CRONACA_DEV2_DIR`` names a folder holding its texts). Each floor is
stored with the sha256 of its gold file, so a floor is never compared with a different corpus.
A score may sit up to ``MARGIN`` below its floor (the noise of small sets) before the gate fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "eval" / "baseline.json"
MARGIN = 0.02
GATED = ("entities", "quotes", "events", "events_no_date", "boilerplate", "quality_flags",
         "published", "outlet", "title", "url", "body_first_line", "body_last_line")


def gold_sets() -> dict[str, tuple[Path, Path]]:
    sets = {"team": (REPO / "eval/gold/team.jsonl", REPO / "eval/gold/docs")}
    shared = Path(os.environ.get("CRONACA_SHARED", REPO.parent / "shared"))
    if (shared / "gold/seeds.jsonl").is_file() and (shared / "seeds").is_dir():
        sets["seeds"] = (shared / "gold/seeds.jsonl", shared / "seeds")
    dev2 = os.environ.get("CRONACA_DEV2_DIR")
    if dev2 and (shared / "gold/dev2/gold.jsonl").is_file() and Path(dev2).is_dir():
        sets["dev2"] = (shared / "gold/dev2/gold.jsonl", Path(dev2))
    return sets


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def current_scores(name: str, gold: Path, docs: Path) -> dict[str, float]:
    from cronaca.evaluation import evaluate

    result = evaluate(gold, docs)
    flat = dict(result.scores.meta)
    flat.update({k: c.f1 for k, c in result.scores.categories.items()})
    gold_has = {k for k in flat if k in GATED}
    if name == "dev2":  # dev2 annotates no boilerplate and no flags
        gold_has -= {"boilerplate", "quality_flags"}
    return {k: round(flat[k], 4) for k in sorted(gold_has)}


def load_baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {}


def check(baseline: dict, name: str, gold: Path, scores: dict[str, float]) -> list[str]:
    entry = baseline.get(name)
    if not entry:
        return [f"{name}: no floors recorded; run eval/gate.py --update"]
    if entry.get("gold_sha256") != sha256(gold):
        return [f"{name}: gold file changed since the floors were set; run eval/gate.py --update"]
    return [f"{name}: {k} = {scores.get(k, 0.0):.4f} fell below its floor {floor:.4f}"
            for k, floor in entry["floors"].items() if scores.get(k, 0.0) < floor - MARGIN]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--allow-lower", action="store_true")
    args = parser.parse_args(argv)
    baseline = load_baseline()
    problems = []
    for name, (gold, docs) in gold_sets().items():
        scores = current_scores(name, gold, docs)
        print(name, json.dumps(scores))
        if args.update:
            old = baseline.get(name, {})
            same_corpus = old.get("gold_sha256") == sha256(gold)
            floors = dict(old.get("floors", {})) if same_corpus else {}
            for k, v in scores.items():
                if k in floors and v < floors[k] and not args.allow_lower:
                    continue  # never lower silently
                if k in floors and v < floors[k]:
                    print(f"  lowering {name}.{k}: {floors[k]} -> {v}")
                floors[k] = v
            baseline[name] = {"gold_sha256": sha256(gold), "floors": floors}
        else:
            problems += check(baseline, name, gold, scores)
    if args.update:
        BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for p in problems:
        print("FAIL", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
