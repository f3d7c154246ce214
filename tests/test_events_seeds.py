"""Floors on the seed articles: the whole chain (clean -> entities -> quotes -> times -> events)
scored with the gold scorer's event key (type, {source, target}, date). A change may raise these
numbers; lowering one must be deliberate (edit the floor and say why)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from cronaca.pipeline import Options, process_batch
from cronaca.types import RawDocument

#: Measured 2026-12-06 with the rebuilt event stage (seeds: events F1 0.125, without date 0.419).
#: Lowered from 0.45 / 0.62 deliberately: the earlier cascade reached them with rules fitted to these
#: five articles and a list of known events that dated what the text never dates; on unseen
#: articles it scored 0.09 / 0.13 (eval/gate.py, general-check). The seeds' gold dates mostly come
#: from knowledge of the crisis, which the new stage does not use. Floors leave a noise margin.
FLOORS = {"events": 0.11, "events_no_date": 0.39}


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("gold_score", shared / "gold" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scored(shared_dir: Path) -> dict[str, float]:
    pytest.importorskip("cronaca.ingest.clean")
    score = _scorer(shared_dir)
    gold = [json.loads(line) for line in (shared_dir / "gold" / "seeds.jsonl").open(encoding="utf-8")]
    out = {}
    for with_date, name in ((True, "events"), (False, "events_no_date")):
        tp = n_gold = n_pred = 0
        for g in gold:
            path = shared_dir / "seeds" / f"{g['doc_id']}.txt"
            raw = RawDocument(str(path), path.read_text(encoding="utf-8"), "text", "seed")
            (doc,) = process_batch([raw], Options()).documents
            pred = {"events": [{"type": e.type, "source": e.source, "target": e.target, "date": e.date}
                               for e in doc.events]}
            t, ng, np_ = score.score_events(g, pred, with_date=with_date)
            tp, n_gold, n_pred = tp + t, n_gold + ng, n_pred + np_
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[name] = 2 * p * r / (p + r) if p + r else 0.0
    return out


@pytest.mark.slow
@pytest.mark.parametrize("category", sorted(FLOORS))
def test_seed_event_scores_stay_above_floor(scored, category):
    assert scored[category] >= FLOORS[category], f"{category} {scored[category]:.3f} < floor"
