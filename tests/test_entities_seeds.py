"""Entity F1 floors on the seed articles (and on dev2 when its texts are beside the repo).

Scored with the project's own scorers from ``../shared/gold``; the floors are what the entity
stage reached when they were set: a change that lowers them must say so here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path

import pytest

from cronaca.evaluation.predict import entities
from cronaca.ingest.clean import clean
from cronaca.nlp.entities import annotate
from cronaca.types import Document, RawDocument

pytestmark = pytest.mark.shared

SEED_FLOOR = {"entities": 0.98, "entities_typed": 0.98}
DEV2_FLOOR = {"entities": 0.97, "entities_typed": 0.97}


def _scorer(gold_dir: Path):
    spec = importlib.util.spec_from_file_location("gold_score", gold_dir / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _f1(S, golds, texts) -> dict[str, float]:
    totals = {"entities": [0, 0, 0], "entities_typed": [0, 0, 0]}
    for g in golds:
        text = texts[g["doc_id"]]
        raw = RawDocument(g["doc_id"], text, "text", hashlib.sha256(text.encode()).hexdigest())
        doc = annotate(Document(clean(raw, language="it")))
        p = {"doc_id": g["doc_id"], "entities": entities(doc)}
        for key, typed in (("entities", False), ("entities_typed", True)):
            tp, ng, np_ = S.score_entities(g, p, typed=typed)
            totals[key][0] += tp
            totals[key][1] += ng
            totals[key][2] += np_
    out = {}
    for key, (tp, ng, np_) in totals.items():
        prec, rec = tp / max(np_, 1), tp / max(ng, 1)
        out[key] = 2 * prec * rec / max(prec + rec, 1e-9)
    return out


def test_seed_entity_f1_floor(shared_dir):
    gold_dir = shared_dir / "gold"
    S = _scorer(gold_dir)
    golds = [json.loads(line) for line in open(gold_dir / "seeds.jsonl", encoding="utf-8")]
    texts = {g["doc_id"]: (shared_dir / "seeds" / f"{g['doc_id']}.txt").read_text(encoding="utf-8")
             for g in golds}
    got = _f1(S, golds, texts)
    for key, floor in SEED_FLOOR.items():
        assert got[key] >= floor, f"{key} F1 {got[key]:.3f} fell below the floor {floor}"


def test_dev2_entity_f1_floor(shared_dir):
    gold_dir = shared_dir / "gold"
    devtexts = Path(os.environ.get("CRONACA_DEVTEXTS", shared_dir.parent / "devtexts"))
    text_dir = next((d for d in (devtexts / "dev2", shared_dir.parent / "dev2") if d.is_dir()), devtexts / "dev2")
    golds = [json.loads(line) for line in open(gold_dir / "dev2" / "gold.jsonl", encoding="utf-8")]
    if not all((text_dir / f"{g['doc_id']}.txt").is_file() for g in golds):
        pytest.skip(f"dev2 texts are not saved in {text_dir} (see ../shared/gold/dev2/README.md)")
    S = _scorer(gold_dir)
    texts = {g["doc_id"]: (text_dir / f"{g['doc_id']}.txt").read_text(encoding="utf-8") for g in golds}
    got = _f1(S, golds, texts)
    for key, floor in DEV2_FLOOR.items():
        assert got[key] >= floor, f"{key} F1 {got[key]:.3f} fell below the floor {floor}"
