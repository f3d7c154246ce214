"""Entity constructions of round 24, on sentences written for the test."""

from __future__ import annotations

from cronaca.nlp.entities import find_mentions


def _all(text: str, published: str = "2021-05-01") -> list:
    return find_mentions(text, published=published)


def test_a_common_word_after_a_news_cue_with_di_stampa_and_adjectives_is_an_agency():
    ms = {m.text: m.actor_id for m in _all("Lo riferisce l'agenzia di stampa Vela, vicina ai ribelli.")}
    assert "Vela" in ms and ms["Vela"].startswith("org:")
    ms = {m.text: m.actor_id for m in _all("Lo scrive l'agenzia di stampa statale Aurora, citando il ministero.")}
    assert "Aurora" in ms


def test_a_name_only_a_news_cue_introduces_is_a_news_organisation():
    from cronaca.nlp.names import NEWS_PREFIX

    ms = {m.text: m.actor_id for m in _all("Secondo il quotidiano Tramonto, il governo cadrà.")}
    assert ms.get("Tramonto", "").startswith(NEWS_PREFIX)
    ms = {m.text: m.actor_id for m in _all("Il movimento Alba ha vinto le elezioni.")}
    assert "Alba" in ms and not ms["Alba"].startswith(NEWS_PREFIX)


def test_a_capitalised_word_far_from_the_cue_is_not_named_by_it():
    ms = {m.text for m in _all("L'agenzia ha chiuso. Pace è la parola di oggi.")}
    assert "Pace" not in ms
