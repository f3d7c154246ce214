"""Scores predictions against gold annotations, with the matching rules of the shared scorer.

The rules (``../shared/gold/README.md``, "Scoring") are reproduced here so the project carries
its own evaluation and its CI gate does not depend on files outside the repository:

* strings are compared after :func:`norm` (NFKC, casefold, quote/apostrophe/dash unification,
  whitespace collapsed);
* entities match when their alias sets (name + mentions) intersect, one-to-one;
* quotes match on the resolved speaker plus token-F1 >= 0.5 of the texts (or, for prefix gold such
  as dev2, token-F1 >= 0.6 between the gold ``start`` and the first words of the prediction);
* events are compared as sets of keys (type, sorted {source, target}, date);
* boilerplate and quality flags as sets; metadata as exact matches.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

QUOTE_F1_THRESHOLD = 0.5
PREFIX_F1_THRESHOLD = 0.6
EVENT_TYPE_ALIASES = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}
META_FIELDS = ("published", "outlet", "title", "url", "body_first_line", "body_last_line")
PREFIX_META_FIELDS = ("published", "outlet", "title")
CATEGORIES = ("entities", "entities_typed", "quotes", "quotes_with_kind", "events",
              "events_no_date", "boilerplate", "quality_flags")

_CHAR_MAP = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "«": '"', "»": '"', "“": '"',
                           "”": '"', "„": '"', "–": "-", "—": "-", "\u00a0": " "})


def norm(value: Any) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_CHAR_MAP).casefold()
    return re.sub(r"\s+", " ", text).strip()


def _tokens(value: Any) -> list[str]:
    return re.findall(r"\w+", norm(value))


def token_f1(gold: Any, pred: Any) -> float:
    g, p = _tokens(gold), _tokens(pred)
    if not g or not p:
        return 0.0
    counts: dict[str, int] = {}
    for t in g:
        counts[t] = counts.get(t, 0) + 1
    common = 0
    for t in p:
        if counts.get(t, 0) > 0:
            counts[t] -= 1
            common += 1
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _max_matching(edges: list[list[int]]) -> int:
    """Maximum bipartite matching (augmenting paths); edges[i] lists right nodes for left i."""
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(assign(i, set()) for i in range(len(edges)))


@dataclass
class Counts:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, tp: int, gold: int, pred: int) -> None:
        self.tp += tp
        self.gold += gold
        self.pred += pred

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    documents: int = 0
    meta: dict[str, float] = field(default_factory=dict)
    categories: dict[str, Counts] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: round(v, 4) for k, v in self.meta.items()}
        for name, c in self.categories.items():
            out[name] = {"p": round(c.precision, 4), "r": round(c.recall, 4), "f1": round(c.f1, 4)}
        return out

    def table(self) -> str:
        lines = [f"documents: {self.documents}", "", "metadata (exact-match accuracy)"]
        lines += [f"  {k:<22} {v:6.3f}" for k, v in self.meta.items()]
        lines += ["", f"{'category':<20} {'precision':>9} {'recall':>9} {'f1':>9} {'tp':>5} "
                      f"{'gold':>5} {'pred':>5}"]
        for name, c in self.categories.items():
            lines.append(f"{name:<20} {c.precision:9.3f} {c.recall:9.3f} {c.f1:9.3f} {c.tp:5d} "
                         f"{c.gold:5d} {c.pred:5d}")
        return "\n".join(lines)


def _aliases(entity: dict) -> set[str]:
    return ({norm(entity.get("name"))} | {norm(m) for m in _list(entity.get("mentions")) if m}) - {""}


def resolver(gold_doc: dict):
    """Map an actor string to the gold canonical it names (canonical names win over mentions)."""
    table: dict[str, str] = {}
    entities = [e for e in _list(gold_doc.get("entities")) if isinstance(e, dict) and e.get("name")]
    for e in entities:
        for alias in _aliases(e):
            table.setdefault(alias, norm(e["name"]))
    for e in entities:
        table[norm(e["name"])] = norm(e["name"])
    return lambda s: table.get(norm(s), norm(s))


def score_entities(gold: dict, pred: dict, typed: bool = False) -> tuple[int, int, int]:
    g = [e for e in _list(gold.get("entities")) if isinstance(e, dict) and e.get("name")]
    p = [e for e in _list(pred.get("entities")) if isinstance(e, dict)
         and (e.get("name") or _list(e.get("mentions")))]
    g_al = [_aliases(e) for e in g]
    edges = []
    for pe in p:
        al = _aliases(pe)
        edges.append([j for j, ge in enumerate(g) if al & g_al[j]
                      and (not typed or norm(pe.get("type")) == norm(ge.get("type")))])
    return _max_matching(edges), len(g), len(p)


def score_quotes(gold: dict, pred: dict, with_kind: bool = False,
                 prefix: bool = False) -> tuple[int, int, int]:
    resolve = resolver(gold)
    g = [q for q in _list(gold.get("quotes")) if isinstance(q, dict)]
    p = [q for q in _list(pred.get("quotes")) if isinstance(q, dict)]
    edges = []
    for pq in p:
        speaker = resolve(pq.get("speaker"))
        ptoks = _tokens(pq.get("text"))
        cands = []
        for j, gq in enumerate(g):
            if not speaker or speaker != resolve(gq.get("speaker")):
                continue
            if with_kind and norm(pq.get("kind")) != norm(gq.get("kind")):
                continue
            if prefix:
                gt = _tokens(gq.get("start"))
                ok = bool(gt) and token_f1(" ".join(gt), " ".join(ptoks[:len(gt) + 2])) >= PREFIX_F1_THRESHOLD
            else:
                ok = token_f1(gq.get("text"), pq.get("text")) >= QUOTE_F1_THRESHOLD
            if ok:
                cands.append(j)
        edges.append(cands)
    return _max_matching(edges), len(g), len(p)


def event_keys(doc: dict, resolve, with_date: bool = True) -> set[tuple]:
    keys = set()
    for v in _list(doc.get("events")):
        if not isinstance(v, dict):
            continue
        t = norm(v.get("type")).upper()
        t = EVENT_TYPE_ALIASES.get(t, t)
        if t:
            actors = tuple(sorted([resolve(v.get("source")), resolve(v.get("target"))]))
            keys.add((t, actors, norm(v.get("date")) if with_date else ""))
    return keys


def score_events(gold: dict, pred: dict, with_date: bool = True) -> tuple[int, int, int]:
    resolve = resolver(gold)
    gk, pk = event_keys(gold, resolve, with_date), event_keys(pred, resolve, with_date)
    return len(gk & pk), len(gk), len(pk)


def _string_set(doc: dict, key: str) -> set[str]:
    return {norm(x) for x in _list(doc.get(key)) if isinstance(x, str) and norm(x)}


def _norm_outlet(value: Any) -> str:
    s = re.sub(r"^https?://", "", norm(value))
    return re.sub(r"^www\.", "", s).rstrip("/")


def meta_match(name: str, gold: dict, pred: dict, prefix: bool = False) -> bool:
    if name not in pred:
        return False
    gv, pv = gold.get(name), pred.get(name)
    if isinstance(gv, list):
        return any(meta_match(name, {name: v}, pred, prefix) for v in gv) if gv else pv is None
    if isinstance(pv, list):
        return any(meta_match(name, gold, {name: v}, prefix) for v in pv)
    if gv is None or pv is None:
        return gv is None and pv is None
    if name == "outlet":
        return _norm_outlet(gv) == _norm_outlet(pv)
    if name == "url":
        return norm(gv).rstrip("/") == norm(pv).rstrip("/")
    if name == "title" and prefix:
        return norm(pv).startswith(norm(gv))
    return norm(gv) == norm(pv)


def score(gold_docs: dict[str, dict], pred_docs: dict[str, dict], prefix: bool = False) -> Scores:
    """Score predictions (doc_id -> record) against gold; missing predictions count as empty."""
    fields: Iterable[str] = PREFIX_META_FIELDS if prefix else META_FIELDS
    scores = Scores(documents=len(gold_docs), categories={c: Counts() for c in CATEGORIES})
    right = {f: 0 for f in fields}
    for doc_id, g in gold_docs.items():
        p = pred_docs.get(doc_id, {})
        for f in fields:
            right[f] += meta_match(f, g, p, prefix)
        cats = scores.categories
        cats["entities"].add(*score_entities(g, p))
        cats["entities_typed"].add(*score_entities(g, p, typed=True))
        cats["quotes"].add(*score_quotes(g, p, prefix=prefix))
        cats["quotes_with_kind"].add(*score_quotes(g, p, with_kind=True, prefix=prefix))
        cats["events"].add(*score_events(g, p))
        cats["events_no_date"].add(*score_events(g, p, with_date=False))
        gb, pb = _string_set(g, "boilerplate"), _string_set(p, "boilerplate")
        cats["boilerplate"].add(len(gb & pb), len(gb), len(pb))
        gf, pf = _string_set(g, "quality_flags"), _string_set(p, "quality_flags")
        cats["quality_flags"].add(len(gf & pf), len(gf), len(pf))
    n = len(gold_docs) or 1
    scores.meta = {f: right[f] / n for f in fields}
    return scores
