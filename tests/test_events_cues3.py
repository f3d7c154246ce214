"""Cue lexicon entries added for issue 3, on hand-written Italian sentences."""

from __future__ import annotations

from test_events import keys


def test_studying_measures_together_with_partners_is_cooperation():
    got = keys("Marco Rossi studierà le sanzioni con gli Stati Uniti.")
    assert ("COOPERATE", "Marco Rossi", "United States") in {k[:3] for k in got}


def test_coordinating_with_an_ally_is_cooperation():
    got = keys("Il ministro Marco Rossi si coordinerà con la Nato nei prossimi giorni.")
    assert ("COOPERATE", "Marco Rossi", "NATO") in {k[:3] for k in got}


def test_hoping_that_the_other_side_stops_is_a_demand_on_it():
    got = keys('"La situazione è grave", ha detto Marco Rossi, augurandosi che da parte di Mosca arrivi presto un passo indietro.')
    assert ("DEMAND", "Marco Rossi", "Russia") in {k[:3] for k in got}


def test_a_quantified_passive_agent_behind_a_locative_and_its_named_member_reject():
    got = keys("Il piano di Marco Rossi è stato bocciato da tutti all’interno della Nato, compreso Ivan Petrov.")
    assert {k[:3] for k in got} == {("REJECT", "NATO", "Marco Rossi"), ("REJECT", "Ivan Petrov", "Marco Rossi")}


def test_troops_massed_inside_a_demand_are_still_a_build_up():
    got = keys("Marco Rossi ha esortato Mosca a riportare nelle caserme i soldati ammassati lungo la frontiera con l'Ucraina.")
    triples = {k[:3] for k in got}
    assert ("DEMAND", "Marco Rossi", "Russia") in triples
    assert ("MOBILIZE", "Russia", "Ukraine") in triples


def test_speaking_at_a_bodys_session_is_a_meeting_with_that_body():
    got = keys("Marco Rossi, intervenendo alla sessione della Nato, ha criticato la Russia.")
    assert {("CONSULT", "Marco Rossi", "NATO"), ("DISAPPROVE", "Marco Rossi", "Russia")} <= {k[:3] for k in got}
    assert ("CONSULT", "Marco Rossi", "NATO") in {k[:3] for k in keys("Marco Rossi è intervenuto alla riunione della Nato.")}
