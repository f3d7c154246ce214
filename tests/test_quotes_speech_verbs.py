"""Verbs of saying added to the Italian reporting lexicon as a class (speech acts the lexicon
lacked: premettere, annotare, esclamare, confessare, illustrare, rilanciare, preannunciare,
reclamare, rimproverare, motivare, lasciare intendere, rallegrarsi, compiacersi, and the
directives spronare, incitare, pregare, scongiurare, diffidare): their forms are generated from
the lemma and each reports its complement. Hand-written sentences, hand-made mentions."""

from __future__ import annotations

import pytest
from quote_fixtures import found_in

from cronaca.nlp.reporting import load_lexicon

ACTORS = {
    "Carla Neri": ("per:neri", "Carla Neri", "PER", "ministra degli Esteri"),
    "Neri": ("per:neri", "Carla Neri", "PER", None),
    "Paolo Ricci": ("per:ricci", "Paolo Ricci", "PER", "portavoce"),
    "Ricci": ("per:ricci", "Paolo Ricci", "PER", None),
}


def found(text: str) -> list[tuple[str, str, str]]:
    return found_in(text, ACTORS, "2023-05-10")


@pytest.mark.parametrize("form,lemma", [
    ("premesso", "premettere"),              # irregular participle from the data
    ("premise", "premettere"),               # irregular remote past
    ("annota", "annotare"),
    ("esclamò", "esclamare"),
    ("illustrato", "illustrare"),
    ("preannuncia", "preannunciare"),        # -ciare
    ("lasciato intendere", "lasciare intendere"),  # multiword lemma conjugates its first word
    ("si rallegra", "rallegrarsi"),          # reflexive
    ("compiaciuto", "compiacersi"),          # reflexive with an irregular participle
])
def test_forms_of_the_new_speech_verbs(form, lemma):
    assert load_lexicon("it").form_info[form][0] == lemma


@pytest.mark.parametrize("text,speaker,start", [
    ("Carla Neri ha premesso che il governo non cambierà la sua linea sulle sanzioni.",
     "Carla Neri", "il governo non cambierà"),
    ("Paolo Ricci ha lasciato intendere che la trattativa potrebbe riprendere a giugno.",
     "Paolo Ricci", "la trattativa potrebbe riprendere"),
    ("Carla Neri ha illustrato il piano del governo per la ricostruzione delle scuole.",
     "Carla Neri", "il piano del governo"),
    ("Paolo Ricci ha preannunciato il voto contrario del suo partito alla riforma.",
     "Paolo Ricci", "il voto contrario"),
    ("Carla Neri si è rallegrata che il Parlamento abbia approvato la legge in tempi brevi.",
     "Carla Neri", "il Parlamento abbia approvato"),
])
def test_the_new_speech_verbs_report_their_complement(text, speaker, start):
    got = found(text)
    assert any(sp == speaker and kind == "indirect" and q.startswith(start) for sp, kind, q in got), got


def test_a_directive_of_the_class_reports_the_request():
    got = found("Paolo Ricci ha spronato i sindaci a completare i lavori entro l'estate.")
    assert any(sp == "Paolo Ricci" and "completare i lavori" in q for sp, _, q in got), got
