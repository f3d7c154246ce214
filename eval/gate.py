#!/usr/bin/env python3
"""The evaluation gate: per-category floors that a change may not lower silently.

    python eval/gate.py            score every available gold set and compare with the floors
    python eval/gate.py --update   raise floors to the current scores (never lowers them)
    python eval/gate.py --update --allow-lower   also lower floors, printing every one it lowers

Gold sets: the team's own articles (``eval/gold``, always), the seeds (``../shared/gold``, when
present), dev2, and the two halves of the generalisation corpus (dev3 + the blind corpus, see
``eval/corpus.py``) whenever their texts are present (``$CRONACA_DEVTEXTS``, default
``../devtexts``). Each floor is stored with the sha256 of its gold records, so a floor is never
compared with a different corpus. A score may sit up to ``MARGIN`` below its floor (the noise of
small sets) before the gate fails.

The event model is trained on the tuning half (``scripts/train_event_model.py``), so that half's
events are scored *cross-fitted*: each article by a model trained on the other folds, never by
a model that saw it; so are its quotes' speakers when the speaker ranker
(``scripts/train_speaker_model.py``) is in use. The halves measure generalisation: rules, lexicons and models are changed only from errors read
on the **tuning** half (and the seeds and dev2); the **check** half is scored, never read error by
error. The seeds and dev2 are training articles of the event model too: their plain lines are
the shipped model on its own training data (the seeds' floors are ``score.py``'s), and their
``-heldout`` lines score their events by the same fold models. The gate prints the gap tuning - check per category; a gap above ``MAX_GAP`` means a change
was fitted to what was seen, and fails the gate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval"))
import corpus  # noqa: E402

BASELINE = REPO / "eval" / "baseline.json"
MARGIN = 0.02
MAX_GAP = 0.05
GAP_CATEGORIES = ("entities", "quotes", "events", "events_no_date")
#: The halves are scored only when at least this share of their texts is present.
MIN_PRESENT = 0.9
GATED = ("entities", "quotes", "events", "events_no_date", "boilerplate", "quality_flags",
         "published", "outlet", "title", "url", "body_first_line", "body_last_line")


Gold = dict[str, dict[str, Any]]
Docs = Path | dict[str, Path]


def _records(path: Path) -> Gold:
    with open(path, encoding="utf-8") as fh:
        return {str(r["doc_id"]): r for r in map(json.loads, filter(str.strip, fh))}


def gold_sets() -> dict[str, tuple[Gold, Docs]]:
    """Every gold set scorable here: name -> (records by doc id, their texts)."""
    sets: dict[str, tuple[Gold, Docs]] = {
        "team": (_records(REPO / "eval/gold/team.jsonl"), REPO / "eval/gold/docs")}
    shared = corpus.shared_dir()
    if (shared / "gold/seeds.jsonl").is_file() and (shared / "seeds").is_dir():
        sets["seeds"] = (_records(shared / "gold/seeds.jsonl"), shared / "seeds")
    gold, paths, total = corpus.gold_with_texts(("dev2",))
    if total and len(gold) == total:
        sets["dev2"] = (gold, paths)
    for part in corpus.HALVES:
        gold, paths, total = corpus.gold_with_texts(corpus.GENERALISATION_SETS, part)
        if total and len(gold) >= MIN_PRESENT * total:
            sets[f"general-{part}"] = (gold, paths)
    return sets


def sha256(gold: Gold) -> str:
    """A fingerprint of the gold records (not of where their texts lie)."""
    blob = json.dumps([gold[k] for k in sorted(gold)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _trained_on_tuning() -> bool:
    from cronaca.nlp.events.model import load_model

    model = load_model("it")
    return model is not None and "general-tuning" in model.meta.get("trained_on", ())


def _speakers_trained_on_tuning() -> bool:
    """Is the quote speaker ranker in use (enabled) and trained on the tuning half?"""
    from cronaca.nlp.quotes.ranker import load_ranker

    model = load_ranker("it")
    return model is not None and "general-tuning" in model.meta.get("trained_on", ())


@lru_cache(maxsize=1)
def _fold_annotated() -> dict[str, tuple]:
    """Every training document annotated by fold models that never saw it, by ``set:doc_id``,
    with the name of the set it belongs to (computed once per gate run: loading the documents and
    fitting the fold models is most of the gate's time)."""
    sys.path.insert(0, str(REPO / "scripts"))
    import train_event_model as T

    from cronaca.nlp import quotes
    from cronaca.nlp.events import annotate_with
    from cronaca.nlp.events.model import load_model

    model = load_model("it")
    data = T.load_docs(with_documents=True)
    if _trained_on_tuning():
        models = T.fold_models(data, float(model.meta["l2"]), model.threshold)
    else:
        models = {k: model for k in range(T.FOLDS)}
    speakers: dict = {}
    if _speakers_trained_on_tuning():
        import train_speaker_model as S

        from cronaca.nlp.quotes.ranker import load_ranker

        ranker = load_ranker("it")
        speakers = S.fold_models(S.load_docs(), float(ranker.meta["l2"]), ranker.threshold)
    out = {}
    for name, _g, _c, doc in data:
        if speakers:
            doc = quotes.annotate(doc, model=speakers[T.fold_of(name)])
        out[name] = annotate_with(doc, models[T.fold_of(name)])
    return out


def crossfitted(gold: Gold, set_name: str = "general-tuning"):
    """Scores of a training set (the tuning half; the seeds and dev2 for :func:`held_out_events`)
    with its learnt decisions made by fold models that never saw the article: the events (the
    event model is trained on these sets) and, when the speaker ranker is in use, the quotes'
    speakers (scoring them with the shipped models would report training accuracy, not
    generalisation)."""
    from cronaca.evaluation.predict import prediction
    from cronaca.evaluation.run import is_prefix_gold, linked
    from cronaca.evaluation.scoring import score

    prefix = f"{set_name}:"
    docs, ids = [], []
    for name, doc in _fold_annotated().items():
        if name.startswith(prefix) and name[len(prefix):] in gold:
            docs.append(doc)
            ids.append(name[len(prefix):])
    by_origin = dict(zip((d.article.origin for d in docs), ids))
    preds = {by_origin[d.article.origin]: prediction(d, by_origin[d.article.origin]) for d in linked(docs)}
    return score(gold, preds, prefix=is_prefix_gold(gold))


#: Sets the event model also trains on whose events the gate scores a second time, cross-fitted:
#: their plain lines score the shipped model on its own training articles (the seeds' floors are
#: ``score.py``'s), which is training accuracy; the ``-heldout`` line is what they say about new
#: articles on the same topic.
HELD_OUT_SETS = ("seeds", "dev2")
HELD_OUT = ("events", "events_no_date")


def held_out_events(name: str, gold: Gold) -> dict[str, float]:
    """``name``'s event scores from fold models that never saw the article."""
    scores = crossfitted(gold, name)
    return {k: round(scores.categories[k].f1, 4) for k in HELD_OUT}


def _crossfit_note() -> str:
    what = [w for w, on in (("events", _trained_on_tuning()), ("quote speakers", _speakers_trained_on_tuning())) if on]
    return f", {' and '.join(what)} cross-fitted" if what else ""


def current_scores(name: str, gold: Gold, docs: Docs) -> dict[str, float]:
    from cronaca.evaluation import evaluate

    if name == "general-tuning" and (_trained_on_tuning() or _speakers_trained_on_tuning()):
        scores = crossfitted(gold)
    else:
        scores = evaluate(gold, docs).scores
    flat = dict(scores.meta)
    flat.update({k: c.f1 for k, c in scores.categories.items()})
    gold_has = {k for k in flat if k in GATED}
    if name != "team" and name != "seeds":  # prefix sets annotate no boilerplate and no flags
        gold_has -= {"boilerplate", "quality_flags", "url", "body_first_line", "body_last_line"}
    return {k: round(flat[k], 4) for k in sorted(gold_has)}


def gaps(scores: dict[str, dict[str, float]]) -> dict[str, float]:
    """Tuning minus check, per category, when both halves were scored."""
    tune, check_ = scores.get("general-tuning"), scores.get("general-check")
    if not tune or not check_:
        return {}
    return {k: round(tune.get(k, 0.0) - check_.get(k, 0.0), 4) for k in GAP_CATEGORIES}


def load_baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {}


def check(baseline: dict, name: str, gold: Gold, scores: dict[str, float]) -> list[str]:
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
    every: dict[str, dict[str, float]] = {}
    sets = gold_sets()
    if _trained_on_tuning() and all(n in sets for n in (*HELD_OUT_SETS, "general-tuning")):
        sets.update({f"{n}-heldout": sets[n] for n in HELD_OUT_SETS if n in sets})
    for name, (gold, docs) in sets.items():
        if name.endswith("-heldout"):
            scores = every[name] = held_out_events(name.removesuffix("-heldout"), gold)
        else:
            scores = every[name] = current_scores(name, gold, docs)
        how = _crossfit_note() if name == "general-tuning" else (
            ", events by fold models that never saw the article" if name.endswith("-heldout") else "")
        print(name, f"({len(gold)} docs{how})", json.dumps(scores))
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
    gap = gaps(every)
    if gap:
        print("gap tuning-check", json.dumps(gap))
        problems += [f"generalisation gap {k} = {v:+.4f} exceeds {MAX_GAP}: the change was fitted "
                     f"to what was seen; rethink it" for k, v in gap.items() if v > MAX_GAP]
    if args.update:
        BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for p in problems:
        print("FAIL", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
