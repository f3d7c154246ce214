"""Entity constructions of round 6 (bodies named by their head alone, known heads opening longer
names, cities with a compass word), on sentences written for the test."""

from __future__ import annotations

from entity_fixtures import by_text as texts


def test_head_alone_after_a_determiner_is_a_body():
    ms = texts("Il presidente ha chiesto il voto di Camera e Senato, poi ha scritto alla Commissione.")
    assert ms["Camera"].label == "ORG" and ms["Senato"].label == "ORG"
    assert ms["Commissione"].label == "ORG"


def test_elided_article_before_the_head():
    ms = texts("Gli ispettori dell'Agenzia sono arrivati alla centrale.")
    assert ms["Agenzia"].label == "ORG"


def test_head_that_opens_a_longer_name_or_starts_a_sentence_is_not_alone():
    ms = texts("Agenzia e governo trattano. La Corte di giustizia decide, la Marina russa si ritira.")
    assert "Agenzia" not in ms
    assert "Corte" not in ms and "Marina" not in ms


def test_lower_case_head_is_a_description():
    assert "commissione" not in texts("Il testo passa alla commissione per un esame.")


def test_head_in_a_persons_role_is_left_to_the_role():
    assert "Senato" not in texts("Maria Rossi, la vice presidente del Senato, ha parlato ieri.")


def test_head_alone_takes_the_body_named_in_full():
    ms = texts("Il Congresso dei deputati ha votato. Il testo torna ora al Congresso.")
    full = next(m for m in ms.values() if m.text.startswith("Congresso dei"))
    assert ms["Congresso"].actor_id == full.actor_id


def test_a_known_head_noun_opening_a_longer_name_is_not_that_name():
    ms = texts("Le petroliere del Golfo passano. Nel Golfo di Taranto il mare è calmo.")
    assert ms["Golfo"].actor_name == "Persian Gulf"
    assert all(m.actor_name != "Persian Gulf" for t, m in ms.items() if t != "Golfo")


def test_a_city_with_a_compass_word_is_a_place_of_its_own():
    ms = texts("La polizia è entrata a Mosul Ovest ieri.")
    assert ms["Mosul Ovest"].label == "GPE" and "Mosul" not in ms
    other = texts("A Kiev Nord Stream è un tema.")
    assert "Kiev" in other and "Nord Stream" in other
