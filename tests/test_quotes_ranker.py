"""The quote speaker ranker: the candidates it weighs, when it may overrule the rules (only by
its margin, and never while its file says it did not beat them on held-out articles), and its
training script (never the check half)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from quote_fixtures import make_doc

from cronaca.nlp import quotes
from cronaca.nlp.linear import LinearModel, model_file
from cronaca.nlp.quotes.ranker import load_ranker

REPO = Path(__file__).resolve().parents[1]

ACTORS = {
    "Carla Neri": ("per:neri", "Carla Neri", "PER", "ministra degli Esteri"),
    "Neri": ("per:neri", "Carla Neri", "PER", None),
    "Paolo Ricci": ("per:ricci", "Paolo Ricci", "PER", "portavoce"),
    "Italia": ("gpe:it", "Italy", "GPE", None),
}

TEXT = ("Carla Neri ha incontrato ieri a Vienna il portavoce Paolo Ricci. "
        "«Il dialogo resta aperto», ha detto Neri. «Serve tempo», ha aggiunto l'Italia.")


def _speakers(model) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in quotes.annotate(make_doc(TEXT, ACTORS), model=model).quotes]


def test_candidates_include_the_rules_choice_and_the_actors_around_it():
    choices = quotes.speaker_choices(make_doc(TEXT, ACTORS))
    assert choices
    for f, cands in choices:
        chosen = [c for c in cands if c.chosen]
        assert len(chosen) == 1 and chosen[0].speaker.name == f.speakers[0].name
    last = choices[-1][1]
    names = {c.speaker.name for c in last}
    assert {"Italy", "Carla Neri"} <= names  # the cue's subject and the speaker of the quotation before
    neri = next(c for c in last if c.speaker.name == "Carla Neri")
    assert "prev_quote" in neri.features


def test_the_ranker_overrules_the_rules_only_beyond_its_margin():
    ruled = _speakers(None)
    assert ("Italy", "Serve tempo") in ruled
    likes_the_previous_speaker = {"prev_quote": 4.0}
    assert ("Carla Neri", "Serve tempo") in _speakers(LinearModel(likes_the_previous_speaker, -2.0, 0.1, {}))
    assert _speakers(LinearModel(likes_the_previous_speaker, -2.0, 0.99, {})) == ruled


def test_a_model_that_did_not_beat_the_rules_is_not_used():
    raw = json.loads(Path(str(model_file("speakers", "it"))).read_text(encoding="utf-8"))
    assert "general-check" not in raw["meta"]["trained_on"]
    assert (load_ranker("it") is None) == (raw["meta"]["enabled"] is False)
    assert load_ranker("xx") is None  # a language without a model keeps the rules


def test_training_counts_a_statement_right_when_its_pick_names_the_gold_speaker():
    sys.path.insert(0, str(REPO / "scripts"))
    import numpy as np
    import train_speaker_model as S

    # one statement, three candidates: the rules chose row 0 (wrong), row 2 is the gold speaker
    y = np.array([0.0, 0.0, 1.0])
    group = np.array([0, 0, 0])
    chosen = np.array([True, False, False])
    probs = np.array([0.3, 0.2, 0.8])
    assert S.decisions(y, group, chosen, probs, 0.4)[0] == (False, True)
    assert S.decisions(y, group, chosen, probs, 0.6)[0] == (False, False)
    assert "general-check" not in S.TRAIN_SETS
