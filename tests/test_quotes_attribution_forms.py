"""Attributions where the speaker is named by something other than the subject of a verb of
saying: a noun of speech ("la replica di X", "Da X arriva la replica"), a verbless lead before
a colon, "da" + an actor before a plural verb, a connective before a parenthetical cue, an
apposition after a role. Hand-written sentences with hand-made mentions, one rule per case."""

from __future__ import annotations

import pytest
from quote_fixtures import found_in

# surface form -> (actor id, canonical name, label, role stated next to it)
ACTORS = {
    "Carla Neri": ("per:neri", "Carla Neri", "PER", "ministra degli Esteri"),
    "Neri": ("per:neri", "Carla Neri", "PER", None),
    "Tomas Berg": ("per:berg", "Tomas Berg", "PER", None),
    "Berg": ("per:berg", "Tomas Berg", "PER", None),
    "Ivo Lund": ("per:lund", "Ivo Lund", "PER", "portavoce del Cremlino"),
    "Cremlino": ("org:kremlin", "Kremlin", "ORG", None),
    "Farnesina": ("org:farnesina", "Italian Ministry of Foreign Affairs", "ORG", None),
    "Tass": ("org:tass", "TASS", "ORG", None),
    "Nato": ("org:nato", "NATO", "ORG", None),
    "Mosca": ("gpe:ru", "Russia", "GPE", None),
    "Italia": ("gpe:it", "Italy", "GPE", None),
}


def found(text: str) -> list[tuple[str, str, str]]:
    return found_in(text, ACTORS, "2023-05-10")


#: (text, quotes the stage must find among others)
AMONG = {
    "a noun of speech after the quotation, with 'da'": (
        "Berg ha parlato ai cronisti. «Se il piano fallisce ce ne andremo subito», la minaccia fatta ieri da Berg.",
        [("Tomas Berg", "direct", "Se il piano fallisce ce ne andremo subito")]),
    "a noun of speech after the quotation, with the copula": (
        "Neri ha parlato a lungo. «Il governo ha perso la bussola in politica estera», è invece la lettura della Nato.",
        [("NATO", "direct", "Il governo ha perso la bussola in politica estera")]),
    "a noun of speech after the quotation's colon": (
        "«La trattativa resta aperta a ogni soluzione»: questo il commento di Tomas Berg.",
        [("Tomas Berg", "direct", "La trattativa resta aperta a ogni soluzione")]),
    "a noun of feeling before the colon, after an elided article": (
        "L'amarezza di Berg: «Nessuno ci ha ascoltato in questi mesi».",
        [("Tomas Berg", "direct", "Nessuno ci ha ascoltato in questi mesi")]),
    "a verbless lead naming an organisation": (
        "Berg è partito ieri. Soddisfatta la Farnesina: «Il dialogo torna possibile dopo mesi».",
        [("Italian Ministry of Foreign Affairs", "direct", "Il dialogo torna possibile dopo mesi")]),
    "a noun of speech that arrives from an actor": (
        "Berg è partito ieri. Da Mosca arriva la replica: «Le condizioni non sono cambiate affatto».",
        [("Russia", "direct", "Le condizioni non sono cambiate affatto")]),
    "a noun of speech before a colon and an unquoted clause": (
        "Berg è partito ieri. In serata la conferma del Cremlino: il vertice è rinviato a dopo l'estate.",
        [("Kremlin", "indirect", "il vertice è rinviato a dopo l'estate")]),
    "a plural verb after 'da' + an actor": (
        "Berg è partito ieri. Dal Cremlino fanno sapere che il vertice è rinviato.",
        [("Kremlin", "indirect", "il vertice è rinviato")]),
    "a connective before a parenthetical cue": (
        "Tomas Berg ha parlato a lungo. Ma, ha aggiunto, l'Italia non sarà lasciata sola.",
        [("Tomas Berg", "indirect", "l'Italia non sarà lasciata sola")]),
    "a connective before 'come' + cue": (
        "Berg ha firmato ieri. Ma, come fa notare la Tass, «il testo non dice nulla sulle truppe».",
        [("TASS", "direct", "il testo non dice nulla sulle truppe")]),
    "a dative clitic between the quotation and the inverted cue": (
        "«L'Italia farà la sua parte», ha detto Neri. «Anche noi siamo pronti», le ha fatto eco Berg.",
        [("Tomas Berg", "direct", "Anche noi siamo pronti")]),
    "an inverted cue whose subject closes the sentence": (
        "Berg è partito ieri. Il vertice è rinviato a dopo l'estate, annuncia il Cremlino.",
        [("Kremlin", "indirect", "Il vertice è rinviato a dopo l'estate")]),
    "'secondo' + a role and a name, no comma, before a quotation": (
        "Berg è partito ieri. Secondo la ministra degli Esteri Carla Neri è un «passo avanti importante».",
        [("Carla Neri", "indirect", "è un «passo avanti importante»")]),
    "'da parte sua' between an inverted cue and its subject": (
        "«Siamo arrivati a un'intesa equilibrata», ha sottolineato da parte sua la ministra Carla Neri.",
        [("Carla Neri", "direct", "Siamo arrivati a un'intesa equilibrata")]),
    "'stando a' with an articulated preposition": (
        "Stando alla Tass, il vertice è rinviato a dopo l'estate.",
        [("TASS", "indirect", "il vertice è rinviato a dopo l'estate")]),
    "'come riferito da' with an articulated preposition": (
        "Come riferito dalla Tass, il vertice è rinviato a dopo l'estate.",
        [("TASS", "indirect", "il vertice è rinviato a dopo l'estate")]),
    "'a detta di' before an elided article": (
        "A detta dell'ambasciatore Tomas Berg, il vertice è rinviato a dopo l'estate.",
        [("Tomas Berg", "indirect", "il vertice è rinviato a dopo l'estate")]),
    "'entrambi' after an inverted cue": (
        "Carla Neri e Tomas Berg si sono visti a Vienna. «Il dialogo deve continuare», hanno detto entrambi.",
        [("Carla Neri", "direct", "Il dialogo deve continuare"), ("Tomas Berg", "direct", "Il dialogo deve continuare")]),
    "'entrambi' before a reflexive cue": (
        "Carla Neri e Tomas Berg si sono visti a Vienna. Entrambi si sono detti pronti a una nuova tregua.",
        [("Carla Neri", "indirect", "pronti a una nuova tregua"), ("Tomas Berg", "indirect", "pronti a una nuova tregua")]),
    "a phrase with an article after a prepositional name is a subject of its own": (
        "Il vertice non è in agenda. Lo ha detto alla Tass il portavoce del Cremlino Ivo Lund.",
        [("Ivo Lund", "indirect", "Il vertice non è in agenda")]),
}


@pytest.mark.parametrize("text,expected", AMONG.values(), ids=list(AMONG))
def test_attribution_gives_these_quotes_among_others(text, expected):
    got = found(text)
    for q in expected:
        assert q in got, got


def test_a_role_apposed_to_a_name_is_that_person_not_the_office_holder():
    text = ("Il capo del Cremlino Tomas Berg ha lasciato Mosca. La trattativa è fallita per colpa sua. "
            "Lo ha detto l'ex capo del Cremlino, Ivo Lund, in un'intervista.")
    assert ("Ivo Lund", "indirect", "La trattativa è fallita per colpa sua") in found(text)


def test_media_of_a_country_speak_as_that_country_s_media():
    got = found("Secondo media arabi il presidente avrebbe lasciato il Paese nella notte.")
    assert ("Arab media", "indirect", "il presidente avrebbe lasciato il Paese nella notte") in got


def test_a_pro_drop_verb_takes_the_grammatical_subject_of_the_sentence_before_not_its_first_name():
    text = ("Con il presidente Tomas Berg la ministra Carla Neri ha discusso a lungo di grano. "
            "Ha poi detto che l'accordo è vicino.")
    assert ("Carla Neri", "indirect", "l'accordo è vicino") in found(text)
