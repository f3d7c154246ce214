"""The linking evaluation gate: stories and duplicates on the team-written demo corpus.

The corpus (``cronaca/demo/corpus``) goes through the real ingest and ``link``; its gold
(``eval/stories/gold.json``) names each article's story and the duplicate pairs. Floors, from
the issue: story B-cubed F1 >= 0.90, duplicate precision >= 0.98 and recall >= 0.95.
"""

from pathlib import Path

import pytest

from cronaca.link.evaluate import load_gold, predictions_from_store, score
from cronaca.link.incremental import link
from cronaca.store.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "cronaca" / "demo" / "corpus"
GOLD = REPO / "eval" / "stories" / "gold.json"

FLOORS = {"bcubed_f1": 0.90, "dup_precision": 0.98, "dup_recall": 0.95}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    from cronaca.ingest.run import ingest

    store = SQLiteStore(tmp_path_factory.mktemp("gate") / "kb.db")
    ingest([str(CORPUS)], store)
    link(store)
    gold_stories, gold_dups = load_gold(GOLD)
    pred_stories, pred_dups = predictions_from_store(store)
    store.close()
    return score(gold_stories, gold_dups, pred_stories, pred_dups)


def test_every_gold_article_was_ingested_and_linked(scores):
    gold_stories, _ = load_gold(GOLD)
    assert scores.articles == len(gold_stories)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(scores, metric):
    value = getattr(scores, metric)
    assert value >= FLOORS[metric], f"{metric} {value:.3f} fell below its floor {FLOORS[metric]}"
