"""Entity constructions of round 20, on sentences written for the test."""

from __future__ import annotations

from cronaca.nlp.entities import find_mentions


def _all(text: str, published: str = "2021-05-01") -> list:
    return find_mentions(text, published=published)


def test_a_capitalised_meeting_head_and_its_place_are_one_event():
    ms = {m.text: m.label for m in _all("Al Vertice di Vilnius e alla Conferenza di Parigi hanno deciso.")}
    assert ms == {"Vertice di Vilnius": "EVENT", "Conferenza di Parigi": "EVENT"}


def test_a_meeting_named_after_a_region_with_the_article():
    ms = {m.text: m.label for m in _all("Al Forum dell'Africa e ai Giochi del Mediterraneo erano presenti.")}
    assert ms == {"Forum dell'Africa": "EVENT", "Giochi del Mediterraneo": "EVENT"}
    ms = {m.text: m.label for m in _all("Il vertice delle Americhe si è chiuso ieri.")}
    assert ms == {"vertice delle Americhe": "EVENT"}


def test_a_meeting_of_a_body_or_a_country_keeps_the_body():
    ms = {m.text: m.label for m in _all("Al Vertice della Nato si è parlato del genocidio del Sudafrica.")}
    assert ms.get("Nato") == "ORG" and ms.get("Sudafrica") == "GPE"
    assert not any(t.startswith(("Vertice", "genocidio")) for t in ms)


def test_a_newspaper_the_data_lacks_is_one_name_with_its_article_and_complements():
    ms = {m.text: m.label for m in _all("Lo scrive il Corriere del Ticino, ripreso dalla Gazzetta del Mezzogiorno.")}
    assert ms == {"Corriere del Ticino": "ORG", "Gazzetta del Mezzogiorno": "ORG"}
    ms = {m.text: m.label for m in _all("Ne parlano La Voz de Galicia e El Heraldo de Chihuahua.")}
    assert ms == {"La Voz de Galicia": "ORG", "El Heraldo de Chihuahua": "ORG"}
    ms = {m.text: m.label for m in _all("Secondo Il Gazzettino la trattativa è chiusa.")}
    assert ms == {"Il Gazzettino": "ORG"}


def test_a_capitalised_article_before_other_names_is_still_dropped():
    ms = {m.text for m in _all("Lo ha detto ieri La Russa in aula.")}
    assert "La" not in ms and not any(t.startswith("La ") and t != "La Russa" for t in ms)
