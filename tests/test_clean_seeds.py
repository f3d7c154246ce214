"""The seed figures of issue 2, measured with the shared scorer's own normalisation.

Targets: published, outlet, title, url, body_first_line, body_last_line exact on every seed;
boilerplate precision and recall >= 0.95; quality-flag F1 >= 0.9.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json

import pytest

from cronaca.ingest.clean import clean
from cronaca.types import RawDocument

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def scorer(shared_dir):
    spec = importlib.util.spec_from_file_location("seed_score", shared_dir / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pairs(shared_dir):
    out = []
    for line in (shared_dir / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        path = shared_dir / "seeds" / f"{gold['doc_id']}.txt"
        text = path.read_text(encoding="utf-8")
        raw = RawDocument(origin=str(path), text=text, format="text",
                          raw_hash=hashlib.sha256(text.encode()).hexdigest())
        out.append((gold, clean(raw)))
    return out


def _prediction(article):
    lines = [line for line in article.text.split("\n") if line.strip()]
    return {
        "url": article.url, "outlet": article.outlet, "published": article.published,
        "title": article.title, "body_first_line": lines[0] if lines else None,
        "body_last_line": lines[-1] if lines else None,
    }


@pytest.mark.parametrize("field", ["published", "outlet", "title", "url", "body_first_line", "body_last_line"])
def test_metadata_exact_on_every_seed(pairs, scorer, field):
    for gold, article in pairs:
        pred = _prediction(article)
        assert scorer.meta_match(field, gold, pred), (gold["doc_id"], field, pred[field], gold[field])


def _prf(gold_sets, pred_sets):
    tp = sum(len(g & p) for g, p in zip(gold_sets, pred_sets))
    ng, np_ = sum(map(len, gold_sets)), sum(map(len, pred_sets))
    p, r = (tp / np_ if np_ else 1.0), (tp / ng if ng else 1.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def test_boilerplate_precision_and_recall(pairs, scorer):
    gold = [{scorer.norm(x) for x in g["boilerplate"]} for g, _ in pairs]
    pred = [{scorer.norm(r.text) for r in a.removed} for _, a in pairs]
    p, r, _ = _prf(gold, pred)
    assert p >= 0.95 and r >= 0.95, (p, r)


def test_quality_flags_f1(pairs):
    gold = [set(g["quality_flags"]) for g, _ in pairs]
    pred = [set(a.flags) for _, a in pairs]
    assert _prf(gold, pred)[2] >= 0.9
