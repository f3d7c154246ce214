"""Titles of documents the data lacks (cronaca.nlp.names._document_titles), on sentences
written for the test."""

from __future__ import annotations

from entity_fixtures import by_text as texts


def test_a_lone_party_after_con_is_no_part_of_the_title():
    ms = texts("Roma ha firmato il Patto di Amicizia con la Tunisia.")
    assert "Patto di Amicizia" in ms and ms["Patto di Amicizia"].label == "MISC"
    assert ms["Tunisia"].label == "GPE"


def test_a_title_that_goes_on_after_con_keeps_it():
    ms = texts("Il testo Accordo della Repubblica Ceca con gli Stati membri dell'Unione Europea è pronto.")
    assert any(t.startswith("Accordo della Repubblica Ceca con gli Stati") for t in ms)


def test_a_title_in_quotation_marks_at_the_start_of_a_line():
    ms = texts("“Patto di Amicizia”: una linea diretta fra i due governi.")
    assert "Patto di Amicizia" in ms


def test_a_place_that_titles_a_document_is_no_mention_of_its_own():
    ms = texts("I due governi hanno firmato il Trattato del Quirinale.")
    assert "Trattato del Quirinale" in ms and "Quirinale" not in ms
    parties = texts("Hanno firmato il Trattato tra la Russia e la Cina.")
    assert "Russia" in parties and "Cina" in parties
