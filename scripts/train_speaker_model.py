#!/usr/bin/env python3
"""Train the quote speaker ranker (``cronaca/resources/models/speakers.it.json``).

    python scripts/train_speaker_model.py            train on seeds + dev2 + the tuning half, write the model
    python scripts/train_speaker_model.py --dry-run  print the cross-validated figures only

Training data: every statement the quote rules find (:func:`cronaca.nlp.quotes.speaker_choices`)
in the seeds, dev2 and the **tuning** half of the generalisation corpus whose words match a gold
quotation; its candidate speakers (:mod:`cronaca.nlp.quotes.ranker`) are labelled 1 when they
name that quotation's gold speaker. The check half is never read.

The fit is the event model's (``scripts/logistic.py``: L2 logistic regression, full-batch Adam,
deterministic) and so are the folds (a hash of the document). The regularisation and the margin
by which a candidate must outscore the rules' choice are chosen by 5-fold cross-validation over
documents, maximising the held-out share of statements given their gold speaker, averaged over
the two domains (crisis: seeds + dev2; general: the tuning half) as the event script does. The
model is shipped ``enabled`` only when that held-out share beats the rules' own on average and is
no lower in either domain; otherwise the file records the figures and the rules decide alone.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval"))
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import gate  # noqa: E402
import logistic  # noqa: E402
from logistic import STEPS, fit, fold_of, out_of_fold, to_model, write_model  # noqa: E402

from cronaca.evaluation.run import _read, provenance  # noqa: E402
from cronaca.evaluation.scoring import PREFIX_F1_THRESHOLD, QUOTE_F1_THRESHOLD, _tokens, resolver, token_f1  # noqa: E402
from cronaca.nlp.linear import LinearModel, model_file  # noqa: E402
from cronaca.nlp.quotes import speaker_choices  # noqa: E402
from cronaca.pipeline import DEFAULT_STAGES, Options, process_batch  # noqa: E402

TRAIN_SETS = ("seeds", "dev2", "general-tuning")
DOMAINS = {"crisis": ("seeds", "dev2"), "general": ("general-tuning",)}
MIN_COUNT = 3
L2_GRID = (3.0, 10.0, 30.0)
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def load_docs(with_documents: bool = False) -> list[tuple]:
    """(set:doc id, gold, groups) per training document, each group the candidates of one statement
    that matches a gold quotation, with their labels (and the Document, before its quotes, with
    ``with_documents``)."""
    sets = gate.gold_sets()
    missing = [s for s in TRAIN_SETS if s not in sets]
    if missing:
        sys.exit(f"training sets not available here: {missing} (fetch the texts, see eval/corpus.py)")
    stages = tuple(s for s in DEFAULT_STAGES if not s.startswith(("cronaca.quotes", "cronaca.events")))
    out = []
    for name in TRAIN_SETS:
        gold, docs = sets[name]
        raws = []
        for doc_id in gold:
            path = docs[doc_id] if isinstance(docs, dict) else Path(docs) / f"{doc_id}.txt"
            raws.append((doc_id, _read(Path(path), provenance(gold[doc_id]))))
        batch = process_batch([r for _, r in raws], Options(stages=stages))
        by_origin = {d.article.origin: d for d in batch.documents}
        for doc_id, raw in raws:
            doc = by_origin.get(raw.origin)
            if doc is None:
                continue
            groups = labelled(gold[doc_id], doc)
            out.append((f"{name}:{doc_id}", gold[doc_id], groups) + ((doc,) if with_documents else ()))
    return out


def _matches(g: dict, text: str) -> bool:
    if g.get("start"):  # prefix gold (dev2, the halves): the first words of the quotation
        gt = _tokens(g["start"])
        return bool(gt) and token_f1(" ".join(gt), " ".join(_tokens(text)[:len(gt) + 2])) >= PREFIX_F1_THRESHOLD
    return token_f1(g.get("text"), text) >= QUOTE_F1_THRESHOLD


def labelled(gold: dict, doc) -> list[list[tuple[tuple[str, ...], float, bool]]]:
    """Per statement matching a gold quotation: (features, label, rules' choice) per candidate."""
    res = resolver(gold)
    text = doc.article.text
    out = []
    for f, cands in speaker_choices(doc):
        words = text[f.start:f.end]
        speakers = {res(g.get("speaker")) for g in gold.get("quotes", []) if _matches(g, words)}
        if speakers:
            out.append([(c.features, 1.0 if res(c.speaker.name) in speakers else 0.0, c.chosen) for c in cands])
    return out


def feature_index(docs) -> dict[str, int]:
    counts: Counter[str] = Counter(x for d in docs for grp in d[2] for c in grp for x in c[0])
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}


def build(docs, index: dict[str, int]):
    """Sparse design (row starts, column indices), labels, per-row document and group number, and
    whether the row is the rules' choice."""
    rows, cols, y, owner, group, chosen = [0], [], [], [], [], []
    g = 0
    for d, (_, _gold, groups, *_rest) in enumerate(docs):
        for grp in groups:
            for feats, label, rule in grp:
                cols.extend(index[x] for x in feats if x in index)
                rows.append(len(cols))
                y.append(label)
                owner.append(d)
                group.append(g)
                chosen.append(rule)
            g += 1
    return (np.array(rows), np.array(cols, dtype=np.int64), np.array(y), np.array(owner), np.array(group),
            np.array(chosen, bool))


def decisions(y, group, chosen, probs, margin: float) -> dict[int, tuple[bool, bool]]:
    """Per statement: (rules right, ranker right) with this margin."""
    out: dict[int, tuple[bool, bool]] = {}
    for g in np.unique(group):
        idx = np.flatnonzero(group == g)
        rule = idx[chosen[idx]][0] if chosen[idx].any() else None
        best = idx[np.argmax(probs[idx])]
        pick = rule
        if rule is None or not chosen[best] and probs[best] - probs[rule] > margin:
            pick = best
        out[int(g)] = (rule is not None and y[rule] == 1.0, y[pick] == 1.0)
    return out


def accuracy(dec: dict[int, tuple[bool, bool]], groups: set[int]) -> tuple[float, float]:
    """Share of these statements given their gold speaker: by the rules, with the ranker."""
    n = max(1, len(groups))
    return sum(dec[g][0] for g in groups) / n, sum(dec[g][1] for g in groups) / n


def domain_groups(docs, owner, group) -> list[set[int]]:
    out = []
    for sets in DOMAINS.values():
        ds = {d for d, (name, *_rest) in enumerate(docs) if name.split(":", 1)[0] in sets}
        out.append({int(g) for g, d in zip(group, owner) if d in ds})
    return out


def fold_models(docs, l2: float, margin: float) -> dict[int, LinearModel]:
    """One model per fold, trained without that fold's documents (eval/gate.py scores the tuning
    half's quotes with these: cross-fitted, never by a model that saw the article)."""
    index = feature_index(docs)
    rows, cols, y, owner, _group, _chosen = build(docs, index)
    folds = np.array([fold_of(docs[int(d)][0]) for d in owner])
    return logistic.fold_models(rows, cols, y, index, l2, margin, folds)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    docs = load_docs()
    index = feature_index(docs)
    rows, cols, y, owner, group, chosen = build(docs, index)
    domains = domain_groups(docs, owner, group)
    n_groups = len(np.unique(group))
    print(f"{len(docs)} documents, {n_groups} statements, {len(y)} candidates, {len(index)} features")
    folds = np.array([fold_of(docs[int(d)][0]) for d in owner])
    best = (-1.0, L2_GRID[0], MARGINS[-1], False)
    for l2 in L2_GRID:
        oof = out_of_fold(rows, cols, y, len(index), l2, folds)
        for margin in MARGINS:
            dec = decisions(y, group, chosen, oof, margin)
            per = [accuracy(dec, gs) for gs in domains]
            gain = float(np.mean([m - r for r, m in per]))
            beats = gain > 0 and all(m >= r for r, m in per)
            print(f"  l2={l2} margin={margin}: held-out speaker accuracy rules -> ranker "
                  + ", ".join(f"{name} {r:.3f} -> {m:.3f}" for name, (r, m) in zip(DOMAINS, per)))
            if gain > best[0]:
                best = (gain, l2, margin, beats)
    gain, l2, margin, beats = best
    print(f"chosen: l2={l2} margin={margin}: domain-averaged held-out gain {gain:+.4f}; "
          f"{'enabled' if beats else 'disabled (it does not beat the rules on held-out articles)'}")
    meta = {"trained_on": list(TRAIN_SETS), "documents": len(docs), "statements": n_groups,
            "candidates": int(len(y)), "l2": l2, "steps": STEPS, "min_count": MIN_COUNT,
            "cv_domain_gain": round(gain, 4), "enabled": beats}
    model = to_model(*fit(rows, cols, y, len(index), l2), index, margin, meta)
    if args.dry_run:
        return 0
    write_model(Path(str(model_file("speakers", "it"))), model)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
