"""Parties of events read off Italian clause structure: whom an act is aimed at when a passive
or an apposition names it (sentences written for the tests; rules only)."""

from __future__ import annotations

from test_events import keys


def test_bare_participle_after_an_actor_aims_the_act_at_it():
    text = "Rossi ha respinto la proposta per il ruolo della Russia, accusata di sostenere le milizie."
    assert ("DISAPPROVE", "Marco Rossi", "Russia", "2022-01-12") in keys(text)


def test_essere_with_participle_and_no_agent_has_no_source_in_its_subject():
    got = keys("Mosca è accusata di crimini.")
    assert not any(k[0] == "DISAPPROVE" and k[1] == "Russia" for k in got)


def test_nei_confronti_di_names_the_target_of_a_noun():
    text = "Rossi ha espresso il suo sostegno nei confronti di Petrov."
    assert ("SUPPORT", "Marco Rossi", "Ivan Petrov", "2022-01-12") in keys(text)

