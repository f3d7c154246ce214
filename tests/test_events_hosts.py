"""The host state as counterpart: a visiting speaker's demands, a joint exercise on its soil."""

from __future__ import annotations

import re

from cronaca.nlp import events, times
from cronaca.types import Article, Document, Mention

# surface form -> (label, actor id, canonical name), as the entity stage links them
ACTORS = {
    "Mosca": ("GPE", "gpe:moscow", "Moscow"), "Ginevra": ("GPE", "gpe:geneva", "Geneva"),
    "Russia": ("GPE", "gpe:ru", "Russia"), "Bielorussia": ("GPE", "gpe:by", "Belarus"),
    "Liz Truss": ("PER", "per:liz-truss", "Liz Truss"), "Truss": ("PER", "per:liz-truss", "Liz Truss"),
    "Vladimir Putin": ("PER", "per:vladimir-putin", "Vladimir Putin"),
    "Putin": ("PER", "per:vladimir-putin", "Vladimir Putin"),
}
_RX = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, ACTORS), key=len, reverse=True)) + r")(?!\w)")


def pairs(text: str) -> set[tuple]:
    mentions = tuple(Mention(m.start(), m.end(), m.group(), ACTORS[m.group()][0], ACTORS[m.group()][1],
                             ACTORS[m.group()][2]) for m in _RX.finditer(text))
    art = Article(id="t", origin="test", raw_hash="h", format="text", text=text,
                  published="2022-02-08", published_precision="day")
    doc = events.annotate(times.annotate(Document(art, mentions=mentions)))
    return {(e.type, e.source, e.target) for e in doc.events}


def test_visiting_minister_demands_of_the_host_state():
    text = "Nel corso della visita, Liz Truss a Mosca chiederà di fermare l'escalation al confine."
    assert ("DEMAND", "Liz Truss", "Russia") in pairs(text)


def test_a_leader_at_home_addresses_no_host():
    text = "Vladimir Putin a Mosca ha chiesto di fermare l'escalation al confine."
    assert not any(t == "Russia" for _, _, t in pairs(text))


def test_a_city_that_is_no_capital_names_no_counterpart():
    text = "Liz Truss a Ginevra chiederà di fermare l'escalation al confine."
    assert not any(t for _, _, t in pairs(text))


def test_joint_exercise_cooperates_with_the_host_state():
    text = "La Russia ha inviato in Bielorussia diversi reparti per un'esercitazione congiunta di dieci giorni."
    assert ("COOPERATE", "Russia", "Belarus") in pairs(text)


def test_talks_held_with_someone_are_consult():
    text = "La settimana scorsa Liz Truss ha intrattenuto un lungo dialogo con Vladimir Putin."
    assert {("CONSULT", "Liz Truss", "Vladimir Putin"), ("CONSULT", "Vladimir Putin", "Liz Truss")} & pairs(text)


def test_readiness_for_dialogue_is_not_a_meeting():
    text = "Liz Truss si è detta pronta al dialogo con Vladimir Putin."
    assert not any(t == "CONSULT" for t, _, _ in pairs(text))


def test_attempts_qualified_by_a_demonym_are_that_state_s():
    text = "Liz Truss ha dichiarato che i tentativi russi di sovvertire il governo della Bielorussia sono evidenti."
    got = pairs(text)
    assert ("DISAPPROVE", "Liz Truss", "Russia") in got
    assert ("DISAPPROVE", "Liz Truss", "Belarus") not in got


def test_a_demand_made_at_a_body_s_meeting_is_addressed_to_that_body():
    text = ("Marco Rossi, alla riunione del Consiglio di sicurezza, ha chiesto che si faccia "
            "di tutto per fermare i combattimenti.")
    assert ("DEMAND", "Marco Rossi", "United Nations Security Council") in _pairs_un(text)


def _pairs_un(text: str) -> set[tuple]:
    extra = {"Marco Rossi": ("PER", "per:marco-rossi", "Marco Rossi"),
             "Consiglio di sicurezza": ("ORG", "org:unsc", "United Nations Security Council")}
    rx = re.compile("|".join(map(re.escape, extra)))
    mentions = tuple(Mention(m.start(), m.end(), m.group(), *extra[m.group()]) for m in rx.finditer(text))
    art = Article(id="t", origin="test", raw_hash="h", format="text", text=text,
                  published="2022-04-05", published_precision="day")
    doc = events.annotate(times.annotate(Document(art, mentions=mentions)))
    return {(e.type, e.source, e.target) for e in doc.events}
