"""The trained event model: its file, how it selects among candidate readings, and what it was
trained on (never the check half)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cronaca.nlp.events import annotate, annotate_with, candidates, select
from cronaca.nlp.events.arguments import Party
from cronaca.nlp.events.candidates import Candidate
from cronaca.nlp.events.model import EventModel, load_model, model_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_events import make_doc  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def test_the_model_file_is_small_readable_data_trained_without_the_check_half():
    raw = json.loads(Path(str(model_path("it"))).read_text(encoding="utf-8"))
    assert set(raw) >= {"weights", "bias", "threshold", "meta"}
    assert 0.0 < raw["threshold"] < 1.0 and len(raw["weights"]) < 20_000
    assert "general-check" not in raw["meta"]["trained_on"]
    assert all(isinstance(v, float) for v in raw["weights"].values())


def test_the_model_loads_once_per_process():
    assert load_model("it") is load_model("it")
    assert load_model("xx") is None  # a language without a model keeps the rules


def _cand(tok: int, typ: str, src: str, src_how: str, tgt: str | None, tgt_how: str | None, feats: list[str]):
    target = Party(tgt, None, "GPE", 5, tgt_how) if tgt else None
    return Candidate(typ, Party(src, None, "GPE", 1, src_how), target, tok, 0, True, False, False, None, feats)


def test_one_reading_per_predicate_and_type_plus_its_coordinated_parties():
    model = EventModel({"good": 3.0, "ok": 1.0, "bad": -3.0}, 0.0, 0.5, {})
    cands = [
        _cand(3, "CONSULT", "France", "subject", "Russia", "con", ["good"]),
        _cand(3, "CONSULT", "Germany", "subject", "Russia", "con", ["ok"]),  # coordinated subject: kept
        _cand(3, "CONSULT", "Italy", "topic", "Russia", "con", ["ok"]),  # another reading: dropped
        _cand(3, "CONSULT", "Spain", "subject", None, None, ["bad"]),  # below the threshold
        _cand(7, "DEMAND", "Russia", "subject", None, None, ["bad"]),  # a predicate with no good reading
    ]
    cands[2].primary = False  # a model's alternative, not one of the rules' readings
    kept = {(c.type, c.source.name) for c, _ in select(cands, model)}
    assert kept == {("CONSULT", "France"), ("CONSULT", "Germany")}


def test_the_rules_other_readings_of_a_chosen_rule_reading_are_kept_too():
    # "A e B hanno incontrato C e D": the rules pair A-B's members with C-D's by several rules
    model = EventModel({"good": 3.0, "ok": 1.0}, 0.0, 0.5, {})
    cands = [
        _cand(3, "CONSULT", "France", "subject", "Germany", "clause_free", ["good"]),
        _cand(3, "CONSULT", "France", "subject", "Russia", "con", ["ok"]),
        _cand(3, "CONSULT", "Italy", "topic", "Russia", "con", ["ok"]),
    ]
    cands[2].primary = False
    kept = {(c.source.name, c.target.name) for c, _ in select(cands, model)}
    assert kept == {("France", "Germany"), ("France", "Russia")}


def test_an_act_addressed_to_someone_read_without_its_addressee_yields_to_the_other_readings():
    model = EventModel({"good": 3.0, "ok": 1.0}, 0.0, 0.5, {})
    cands = [
        _cand(3, "REJECT", "Russia", "subject", None, None, ["good"]),
        _cand(3, "REJECT", "Russia", "subject", "Ukraine", "sentence_free", ["ok"]),
    ]
    cands[0].unaddressed = True
    cands[1].primary = False
    kept = {(c.source.name, c.target.name if c.target else None) for c, _ in select(cands, model)}
    assert kept == {("Russia", "Ukraine")}
    assert {c.source.name for c, _ in select(cands, None)} == {"Russia"}  # the rules keep their reading


def _flags(text: str) -> dict[tuple, bool]:
    _, cands = candidates(make_doc(text))
    return {(c.type, c.source.name, c.target.name if c.target else None): c.unaddressed for c in cands if c.primary}


def test_which_readings_lack_an_addressee():
    assert _flags("Mosca ha respinto la proposta.")[("REJECT", "Russia", None)] is True
    assert _flags("Mosca ha respinto la proposta di Kiev.")[("REJECT", "Russia", "Ukraine")] is False
    # force, movement and cooperation need no addressee
    assert _flags("La NATO ha ritirato le truppe.")[("RETREAT", "NATO", None)] is False
    assert _flags("Rossi ha incontrato Petrov e poi ha condannato la proposta.")[
        ("DISAPPROVE", "Marco Rossi", None)] is True  # an inherited agent, no addressee


def test_without_a_model_the_rules_primary_readings_are_the_events():
    cands = [_cand(3, "CONSULT", "France", "subject", "Russia", "con", [])]
    cands[0].primary = True
    other = _cand(3, "CONSULT", "Italy", "topic", "Russia", "con", [])
    other.primary = False
    assert [c.source.name for c, _ in select([*cands, other], None)] == ["France"]


def test_the_stage_uses_the_model_and_scores_every_event():
    doc = make_doc("Marco Rossi ha incontrato Ivan Petrov a Ginevra.")
    out = annotate(doc).events
    assert all(0.0 <= e.confidence <= 1.0 for e in out)
    assert annotate(doc).events == out  # deterministic
    ruled = annotate_with(doc, None).events
    assert [(e.type, e.source, e.target) for e in ruled] == [("CONSULT", "Marco Rossi", "Ivan Petrov")]


def test_candidates_carry_features_and_spans_inside_the_text():
    doc = make_doc("Rossi ha detto che la NATO ha esortato la Russia a ritirare le truppe dal confine.")
    an, cands = candidates(doc)
    assert cands and all(c.features for c in cands)
    assert all(0 <= c.tok < len(an.tokens) for c in cands)
    assert any(c.primary and c.type == "DEMAND" and c.source.name == "NATO" for c in cands)


def test_training_folds_are_a_pure_function_of_the_document_name():
    sys.path.insert(0, str(REPO / "scripts"))
    import train_event_model as T

    assert T.fold_of("general-tuning:e003") == T.fold_of("general-tuning:e003")
    assert {T.fold_of(f"x:{i}") for i in range(50)} == set(range(T.FOLDS))
    assert "general-check" not in T.TRAIN_SETS


def test_cross_validation_holds_the_crisis_sets_out_together():
    # the crisis articles share one topic: folded one by one, each held-out model has seen the
    # others' actors and words, so they form one group, scored by a model trained without them
    sys.path.insert(0, str(REPO / "scripts"))
    import train_event_model as T

    assert {T.held_out_group(f"{s}:{i}") for s in T.TOPIC_SETS for i in range(40)} == {T.FOLDS}
    assert {T.held_out_group(f"general-tuning:{i}") for i in range(50)} == set(range(T.FOLDS))


def test_threshold_curve_is_smoothed_over_its_neighbours():
    sys.path.insert(0, str(REPO / "scripts"))
    import train_event_model as T

    curve = [0.1] * 3 + [0.35] + [0.1] * 3 + [0.3] * 5 + [0.1] * 3
    smooth = T.smoothed(curve)
    assert max(range(len(curve)), key=lambda i: smooth[i]) == 9  # a plateau's middle beats a lone spike
