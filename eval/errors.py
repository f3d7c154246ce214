#!/usr/bin/env python3
"""Read the extraction's errors on a development set, or count them by kind.

    python eval/errors.py seeds|dev2|general-tuning [--doc ID] [--only entities,quotes,events]
    python eval/errors.py general-check --summary      counts by kind only

Error by error reading is how rules, lexicons and models get changed, so it is allowed only where
the protocol allows it (``eval/corpus.py``): the seeds, dev2 and the **tuning** half of the
generalisation corpus. On the **check** half this script prints the breakdown by kind and refuses
to show a single error.

The event breakdown sorts every gold event into one bucket, first that applies:
``right`` (key found); ``wrong_date`` (type and both actors found, another date);
``one_actor`` (the type with one of the two actors); ``wrong_type`` (both actors, another type);
``type_unseen`` (no prediction of that type in the article); ``other``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval"))
sys.path.insert(0, str(REPO))
import corpus  # noqa: E402
import gate  # noqa: E402

from cronaca.evaluation import evaluate  # noqa: E402
from cronaca.evaluation.scoring import (  # noqa: E402
    EVENT_TYPE_ALIASES,
    PREFIX_F1_THRESHOLD,
    QUOTE_F1_THRESHOLD,
    _tokens,
    norm,
    resolver,
    token_f1,
)


def _etype(v: dict) -> str:
    t = norm(v.get("type")).upper()
    return EVENT_TYPE_ALIASES.get(t, t)


def event_breakdown(gold: dict, pred: dict) -> list[tuple[str, dict]]:
    """Each gold event with its bucket (see the module docstring)."""
    res = resolver(gold)
    pk = [(_etype(v), frozenset({res(v.get("source")), res(v.get("target"))}), norm(v.get("date")))
          for v in pred.get("events", [])]
    out = []
    for v in gold.get("events", []):
        t, pair, d = _etype(v), frozenset({res(v.get("source")), res(v.get("target"))}), norm(v.get("date"))
        if (t, pair, d) in pk:
            kind = "right"
        elif any(t == a and pair == b for a, b, _ in pk):
            kind = "wrong_date"
        elif any(t == a and pair & b - {""} for a, b, _ in pk):
            kind = "one_actor"
        elif any(pair == b for _, b, _ in pk):
            kind = "wrong_type"
        elif not any(t == a for a, _, _ in pk):
            kind = "type_unseen"
        else:
            kind = "other"
        out.append((kind, v))
    return out


def quote_breakdown(gold: dict, pred: dict, prefix: bool) -> list[tuple[str, dict]]:
    """Each gold quote: ``found``, ``wrong_speaker`` (its text found under another speaker) or
    ``missed`` (direct/indirect kept on the record)."""
    return [(kind, g) for kind, g, _ in _quote_hits(gold, pred, prefix)]


def _quote_hits(gold: dict, pred: dict, prefix: bool) -> list[tuple[str, dict, list[dict]]]:
    """:func:`quote_breakdown` with the predicted quotations that matched each gold one's text."""
    res = resolver(gold)
    out = []
    for g in gold.get("quotes", []):
        hits = []
        for p in pred.get("quotes", []):
            if prefix:
                gt = _tokens(g.get("start"))
                ok = bool(gt) and token_f1(" ".join(gt), " ".join(_tokens(p.get("text"))[:len(gt) + 2])) >= PREFIX_F1_THRESHOLD
            else:
                ok = token_f1(g.get("text"), p.get("text")) >= QUOTE_F1_THRESHOLD
            if ok:
                hits.append(p)
        if any(res(p.get("speaker")) == res(g.get("speaker")) for p in hits):
            kind = "found"
        elif hits:
            kind = "wrong_speaker"
        else:
            kind = "missed"
        out.append((kind, g, hits))
    return out


def _show_doc(doc_id: str, gold: dict, pred: dict, text: str, only: set[str], prefix: bool) -> None:
    print(f"\n=== {doc_id}  {gold.get('url', '')}")
    res = resolver(gold)
    if "entities" in only:
        galias = [{norm(e["name"]), *map(norm, e["mentions"])} for e in gold["entities"]]
        palias = [{norm(e["name"]), *map(norm, e["mentions"])} for e in pred.get("entities", [])]
        for e, a in zip(gold["entities"], galias):
            if not any(a & b for b in palias):
                print(f"  ENT miss  {e['type']:5} {e['name']}  {e['mentions']}")
        for e, a in zip(pred.get("entities", []), palias):
            if not any(a & b for b in galias):
                print(f"  ENT extra {e['type']:5} {e['name']}  {e['mentions']}")
    if "quotes" in only:
        for kind, g, hits in _quote_hits(gold, pred, prefix):
            if kind != "found":
                said = f" (predicted: {', '.join(str(p['speaker']) for p in hits)})" if hits else ""
                print(f"  QUO {kind:13} [{g['speaker']}]{said} {g['kind']} cue={g.get('cue')!r}: {g.get('start') or g.get('text')}")
        gold_starts = [g.get("start") or g.get("text") for g in gold.get("quotes", [])]
        for p in pred.get("quotes", []):
            pt = _tokens(p.get("text"))
            if not any(token_f1(" ".join(_tokens(s)), " ".join(pt[:len(_tokens(s)) + 2])) >= PREFIX_F1_THRESHOLD
                       or token_f1(s, p.get("text")) >= QUOTE_F1_THRESHOLD for s in gold_starts):
                print(f"  QUO extra         [{p['speaker']}] {p['kind']} cue={p.get('cue')!r}: {p['text'][:90]}")
    if "events" in only:
        for kind, v in event_breakdown(gold, pred):
            if kind != "right":
                dated = ""
                if kind == "wrong_date":  # the dates the system gave the same type and parties
                    pair = frozenset({res(v.get("source")), res(v.get("target"))})
                    dated = " (predicted: " + ", ".join(sorted({str(p.get("date")) for p in pred.get("events", [])
                                                              if _etype(p) == _etype(v) and frozenset(
                                                                  {res(p.get("source")), res(p.get("target"))}) == pair})) + ")"
                print(f"  EVT {kind:11} {v['type']:10} {v['source']} -> {v['target']}  {v['date']}{dated}  | {v['evidence']}")
        gk = {(_etype(v), frozenset({res(v.get("source")), res(v.get("target"))}), norm(v.get("date")))
              for v in gold.get("events", [])}
        for v in pred.get("events", []):
            key = (_etype(v), frozenset({res(v.get("source")), res(v.get("target"))}), norm(v.get("date")))
            if key not in gk:
                print(f"  EVT extra       {v['type']:10} {v['source']} -> {v['target']}  {v['date']}  | {v['evidence'][:80]}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", help="seeds | dev2 | general-tuning | general-check (with --summary)")
    parser.add_argument("--doc", action="append", default=[])
    parser.add_argument("--only", default="entities,quotes,events")
    parser.add_argument("--summary", action="store_true", help="counts by kind only")
    args = parser.parse_args(argv)
    sets = gate.gold_sets()
    if args.set not in sets:
        print(f"{args.set}: not available here; sets: {', '.join(sets)}", file=sys.stderr)
        return 2
    gold, docs = sets[args.set]
    if args.doc:
        gold = {k: v for k, v in gold.items() if k in args.doc}
    readable = args.set in ("seeds", "dev2", "team") or (
        args.set == "general-tuning" and all(corpus.half(k) == "tuning" for k in gold))
    if not args.summary and not readable:
        print("the check half is scored, never read error by error: use --summary", file=sys.stderr)
        return 2
    result = evaluate(gold, docs)
    prefix = args.set not in ("seeds", "team")
    events: Counter[str] = Counter()
    quotes: Counter[str] = Counter()
    for doc_id, g in gold.items():
        p: dict[str, Any] = result.predictions.get(doc_id, {})
        events.update(k for k, _ in event_breakdown(g, p))
        quotes.update(f"{k}:{q['kind']}" for k, q in quote_breakdown(g, p, prefix))
        if not args.summary:
            path = docs[doc_id] if isinstance(docs, dict) else Path(docs) / f"{doc_id}.txt"
            _show_doc(doc_id, g, p, Path(path).read_text(encoding="utf-8"), set(args.only.split(",")), prefix)
    print("\nevents by kind:", json.dumps(dict(events.most_common())))
    print("quotes by kind:", json.dumps(dict(quotes.most_common())))
    print(result.scores.table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
