"""Plural phrases that stand for actors named before ("i due Paesi", "entrambi"): the pairs of a
mutual event on such a phrase (:mod:`cronaca.nlp.events.groups`). Sentences written for these
tests; mentions made by hand (``test_events.make_doc``)."""

from __future__ import annotations

from cronaca.nlp import events
from cronaca.nlp.events.candidates import Candidate
from cronaca.nlp.events.groups import group_at, members
from cronaca.nlp.events.lexicon import frame_lexicon
from cronaca.nlp.syntax import analyse
from tests.test_events import make_doc


def _group_pairs(text: str) -> set[tuple[str, frozenset[str]]]:
    _, cands = events.candidates(make_doc(text))
    return {(c.type, frozenset({c.source.name, c.target.name if c.target else ""}))
            for c in cands if isinstance(c, Candidate) and "pair_from_group_phrase" in c.features}


def test_two_countries_named_before_are_the_pair_of_an_accord():
    pairs = _group_pairs("Lunedì Rossi ha ricevuto Petrov a Roma per parlare di Russia e Ucraina. "
                         "I due Paesi hanno firmato un accordo sul grano.")
    assert ("AGREE", frozenset({"Russia", "Ukraine"})) in pairs


def test_both_leaders_meeting_takes_the_people_named_before():
    pairs = _group_pairs("Ieri Rossi ha parlato con Petrov al telefono. Entrambi hanno concordato un nuovo incontro.")
    assert ("AGREE", frozenset({"Marco Rossi", "Ivan Petrov"})) in pairs


def test_a_group_noun_needs_its_number_and_enough_actors():
    words = frame_lexicon("it").groups
    doc = make_doc("I Paesi europei hanno firmato un accordo.")
    an = analyse(doc)
    assert group_at(an, 0, len(an.tokens), words) is None  # no number: not a group of actors named before
    doc = make_doc("Rossi ha detto che i tre Paesi hanno firmato un accordo.")
    an = analyse(doc)
    found = group_at(an, 0, len(an.tokens), words)
    assert found is not None and found[1] == 3
    heads = [u.head_tok for u in an.units]
    assert members(an, heads, found[0], 0, found[1], found[2]) == []  # one actor named: no group of three


def test_a_negated_acceptance_is_a_refusal():
    doc = make_doc("Petrov non ha firmato l'accordo con Rossi.")
    _, cands = events.candidates(doc)
    refusals = [c for c in cands if "denial=refusal" in c.features]
    assert [(c.type, c.source.name, c.target.name if c.target else None) for c in refusals] == [
        ("REJECT", "Ivan Petrov", "Marco Rossi")]
    assert not refusals[0].negated  # the refusal itself is asserted
    doc = make_doc("Se Petrov non firmerà l'accordo con Rossi, la crisi continuerà.")
    _, cands = events.candidates(doc)
    assert not [c for c in cands if "denial=refusal" in c.features]  # a condition refuses nothing yet


def test_the_parties_are_a_pair_without_a_number_only_after_a_determiner():
    words = frame_lexicon("it").groups
    an = analyse(make_doc("Rossi e Petrov si sono visti a Roma. Le parti hanno firmato un accordo."))
    found = group_at(an, 0, len(an.tokens), words)
    assert found is not None and found[1] == 2 and an.tokens[found[0]].low == "parti"
    an = analyse(make_doc("Rossi ha detto che parti del piano restano aperte."))
    assert group_at(an, 0, len(an.tokens), words) is None  # "parti del piano": no determiner, no group


def test_group_nouns_of_powers_parties_and_envoys_stand_for_actors_named_before():
    pairs = _group_pairs("Ieri Rossi ha parlato di Russia e Stati Uniti. Le due superpotenze hanno firmato un accordo.")
    assert ("AGREE", frozenset({"Russia", "United States"})) in pairs
    pairs = _group_pairs("Rossi ha ricevuto Petrov a Roma. I due negoziatori hanno firmato un accordo.")
    assert ("AGREE", frozenset({"Marco Rossi", "Ivan Petrov"})) in pairs


def test_every_pair_of_a_three_party_meeting_is_a_candidate_even_after_another_act_of_the_pair():
    # the pair Russia-Ukraine already read for the accord (an earlier cue) must not hide the
    # meeting's own reading of that pair
    doc = make_doc("L'accordo tra Russia e Ucraina è stato firmato. L'incontro tra Stati Uniti, Russia e Ucraina.")
    _, cands = events.candidates(doc)
    talks = {frozenset({c.source.name, c.target.name}) for c in cands if c.type == "CONSULT" and c.target}
    assert {frozenset({"United States", "Russia"}), frozenset({"United States", "Ukraine"}),
            frozenset({"Russia", "Ukraine"})} <= talks


def _protests(text: str) -> set[tuple[str, str | None, bool]]:
    _, cands = events.candidates(make_doc(text))
    return {(c.source.name, c.target.name if c.target else None, c.primary) for c in cands if c.type == "PROTEST"}


def test_a_protest_nobody_is_named_for_is_the_act_of_the_crowd_of_the_country_at_stake():
    # the country of the sentence first, else the country the article names most
    assert ("Ukrainian protesters", "Ivan Petrov", True) in _protests(
        "Migliaia di persone sono scese in piazza a Kiev. Le proteste contro Petrov continuano da giorni.")
    assert ("Russian protesters", "Marco Rossi", True) in _protests(
        "Le manifestazioni contro Rossi proseguono. La Russia ha chiesto calma.")


def test_a_protest_with_a_named_agent_keeps_it_and_the_crowd_is_an_alternative():
    found = _protests("Le proteste russe contro Petrov continuano.")
    assert ("Russia", "Ivan Petrov", True) in found
    assert ("Russian protesters", "Ivan Petrov", True) in found


def test_no_crowd_without_a_country_to_name_it_after():
    assert not any(s.endswith("protesters") for s, _, _ in _protests("Le proteste contro Petrov continuano."))


def test_a_city_gives_the_adjective_of_its_country():
    from cronaca.resources.actors import country_adjective
    assert country_adjective("gpe:tn") == "Tunisian"
    assert country_adjective("gpe:hong-kong") == "Hong Kong"
    assert country_adjective(None) is None
