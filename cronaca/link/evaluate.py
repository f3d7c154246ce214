"""Scoring linking against gold: B-cubed F1 for stories, pair precision/recall for duplicates.

Why B-cubed: it scores each article by how much of its predicted story is its gold story and
vice versa, so one giant story and many singletons are both punished, and it does not depend on
story ids matching. Duplicate pairs are compared as the sets of unordered pairs within each
group of copies (a copy of a copy is a copy of the original).

The gold file (``eval/stories/gold.json``) names articles by file name, and JSON Lines records
by their url; :func:`gold_key` computes the same key from an article.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterable, Mapping

from ..types import Article


@dataclass(frozen=True, slots=True)
class LinkScores:
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    dup_precision: float
    dup_recall: float
    articles: int
    stories_gold: int
    stories_pred: int


def gold_key(article: Article) -> str:
    """File name of the article's origin; ``file#url`` for records of a JSON Lines file."""
    return origin_key(article.origin, article.url)


def origin_key(origin: str, url: str | None) -> str:
    name = Path(origin.split("#", 1)[0]).name
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
        return f"{name}#{url}"
    return name


def predictions_from_store(store) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(gold key -> story id, duplicate pairs of gold keys) as a linked store has them.

    Files that yielded the same article (same content id) are copies of one another; so are the
    files of an article and those of its original.
    """
    conn = store.conn
    keys_of: dict[str, list[str]] = defaultdict(list)
    for aid, origin, url in conn.execute(
            "SELECT r.article_id, r.origin, a.url FROM raw_inputs r JOIN articles a ON a.id = r.article_id "
            "ORDER BY r.origin"):
        keys_of[aid].append(origin_key(origin, url))
    stories: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for aid, story_id, original in conn.execute("SELECT id, story_id, duplicate_of FROM articles"):
        keys = keys_of.get(aid, [])
        for k in keys:
            stories[k] = story_id or f"none:{aid}"
        pairs += [(k, keys[0]) for k in keys[1:]]
        if original and keys and keys_of.get(original):
            pairs.append((keys[0], keys_of[original][0]))
    return stories, pairs


def load_gold(path: str | Path) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(article key -> gold story id, duplicate pairs) from a gold file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    stories = {}
    for a in data["articles"]:
        key = f"{a['file']}#{a['url']}" if a.get("url") else a["file"]
        stories[key] = a["story"]
    return stories, [tuple(p) for p in data["duplicates"]]


def bcubed(gold: Mapping[str, str], pred: Mapping[str, str]) -> tuple[float, float, float]:
    keys = [k for k in gold if k in pred]
    if not keys:
        return 0.0, 0.0, 0.0
    g_of: dict[str, set[str]] = defaultdict(set)
    p_of: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        g_of[gold[k]].add(k)
        p_of[pred[k]].add(k)
    prec = rec = 0.0
    for k in keys:
        same = len(g_of[gold[k]] & p_of[pred[k]])
        prec += same / len(p_of[pred[k]])
        rec += same / len(g_of[gold[k]])
    prec, rec = prec / len(keys), rec / len(keys)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def pair_closure(pairs: Iterable[tuple[str, str]]) -> set[frozenset[str]]:
    """All unordered pairs within the groups the given pairs connect."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    return {frozenset(p) for g in groups.values() for p in combinations(sorted(g), 2)}


def score(gold_stories: Mapping[str, str], gold_dups: Iterable[tuple[str, str]],
          pred_stories: Mapping[str, str], pred_dups: Iterable[tuple[str, str]]) -> LinkScores:
    p, r, f = bcubed(gold_stories, pred_stories)
    g_pairs, p_pairs = pair_closure(gold_dups), pair_closure(pred_dups)
    hit = len(g_pairs & p_pairs)
    return LinkScores(
        bcubed_precision=p, bcubed_recall=r, bcubed_f1=f,
        dup_precision=hit / len(p_pairs) if p_pairs else 1.0,
        dup_recall=hit / len(g_pairs) if g_pairs else 1.0,
        articles=sum(1 for k in gold_stories if k in pred_stories),
        stories_gold=len(set(gold_stories.values())),
        stories_pred=len({pred_stories[k] for k in gold_stories if k in pred_stories}),
    )
