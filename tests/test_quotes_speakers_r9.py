"""Round 9 speaker attribution: a report nested inside a quotation is its own statement, with
the speaker the inner reporting verb names."""

from __future__ import annotations

from quote_fixtures import found_in

ACTORS = {"Marco Bellini": ("per:bellini", "Marco Bellini", "PER", None),
          "Bellini": ("per:bellini", "Marco Bellini", "PER", None),
          "Anna Ferri": ("per:ferri", "Anna Ferri", "PER", None),
          "Ferri": ("per:ferri", "Anna Ferri", "PER", None)}


def test_a_report_inside_a_quotation_is_annotated_at_both_levels() -> None:
    text = ("Marco Bellini ha incontrato Anna Ferri. «Bellini ha detto che le regole del patto restano valide. "
            "Non ne dubito», ha detto Ferri.")
    found = found_in(text, ACTORS)
    assert ("Anna Ferri", "direct", "Bellini ha detto che le regole del patto restano valide. Non ne dubito") in found
    assert ("Marco Bellini", "indirect", "le regole del patto restano valide") in found


def test_a_first_person_report_inside_a_quotation_is_no_second_statement() -> None:
    text = "Marco Bellini ha incontrato Anna Ferri. «Ho detto che le regole restano valide», ha detto Ferri."
    assert found_in(text, ACTORS) == [("Anna Ferri", "direct", "Ho detto che le regole restano valide")]


SOURCES = {"Marco Bellini": ("per:bellini", "Marco Bellini", "PER", "ministro degli Esteri"),
           "Kiev": ("gpe:ua", "Ukraine", "GPE", None),
           "Mosca": ("gpe:ru", "Russia", "GPE", None),
           "Cremlino": ("org:kremlin", "Kremlin", "ORG", None)}


def test_an_unnamed_source_of_a_country_is_named_by_its_country_kind_and_number() -> None:
    text = ("Marco Bellini è arrivato a Istanbul. La Russia avanza richieste inaccettabili, "
            "ha detto una fonte diplomatica di Kiev.")
    assert found_in(text, SOURCES) == [
        ("Ukrainian diplomatic source", "indirect", "La Russia avanza richieste inaccettabili")]
    text = "Marco Bellini è arrivato a Istanbul. Una fonte presidenziale russa ha precisato che Mosca parteciperà al vertice."
    assert found_in(text, SOURCES) == [("Russian presidential source", "indirect", "Mosca parteciperà al vertice")]
    text = "Marco Bellini è arrivato a Istanbul. Secondo fonti militari ucraine, Mosca parteciperà al vertice."
    assert found_in(text, SOURCES) == [("Ukrainian military sources", "indirect", "Mosca parteciperà al vertice")]


def test_the_sources_of_an_organisation_speak_for_it() -> None:
    text = "Marco Bellini è arrivato a Istanbul. Fonti del Cremlino hanno riferito che Mosca parteciperà al vertice."
    assert found_in(text, SOURCES) == [("Kremlin", "indirect", "Mosca parteciperà al vertice")]
