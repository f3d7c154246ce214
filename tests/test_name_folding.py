"""Romanisation variants of a known person's name resolve to that person, never to another actor."""

import pytest

from cronaca.nlp.entities import find_mentions
from cronaca.nlp.namelex import _lex, fold_name
from cronaca.resources.actors import load_kb


@pytest.mark.parametrize(("a", "b"), [
    ("Lukashenko", "Lukascenko"), ("Khamenei", "Chamenei"), ("Zelensky", "Zelenskyy"),
    ("Zelenskij", "Zelenskiy"), ("Netanyahu", "Netanyahou"), ("Erdoğan", "Erdogan"),
    ("Abdel Fattah al-Sisi", "Abdel Fattah el-Sissi"), ("al-Sisi", "Al Sissi"), ("Schoigu", "Shoigu"),
])
def test_fold_joins_spellings(a, b):
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize(("a", "b"), [("Biden", "Bidan"), ("Sanna Marin", "Sanna Martin"), ("Ed Smith", "Smith")])
def test_fold_keeps_other_names_apart(a, b):
    assert fold_name(a) != fold_name(b)


def test_folding_never_merges_two_known_actors():
    kb = load_kb("it")
    folded = _lex(kb).folded_people
    merged = [(aid, v, folded[fold_name(v)]) for aid, actor in kb.actors.items() for v in actor.variants
              if folded.get(fold_name(v), aid) != aid]
    assert not merged, merged[:10]


@pytest.mark.parametrize(("sentence", "surface", "actor"), [
    ("Ieri sera al Cairo il presidente al-Sissi ha ricevuto i ministri.", "al-Sissi", "per:abdel-fattah-el-sisi"),
    ("A Minsk Lukascenko ha firmato il decreto.", "Lukascenko", "per:alexander-lukashenko"),
    ("Secondo Chamenei la trattativa non serve.", "Chamenei", "per:ali-khamenei"),
])
def test_variant_in_text_names_the_person(sentence, surface, actor):
    found = {m.text: m.actor_id for m in find_mentions(sentence, published="2023-05-01")}
    assert found.get(surface) == actor
