"""Quotations that hold the predicate of their sentence (:mod:`cronaca.nlp.quotes.predicate`):
the subject named before the marks, the speaker's words opening on the verb. Hand-written
sentences with hand-made mentions."""

from __future__ import annotations

from quote_fixtures import found_in

ACTORS = {
    "Carla Neri": ("per:neri", "Carla Neri", "PER", "ministra degli Esteri"),
    "Neri": ("per:neri", "Carla Neri", "PER", None),
    "Paolo Ricci": ("per:ricci", "Paolo Ricci", "PER", "portavoce"),
    "Olanda": ("gpe:nl", "Netherlands", "GPE", None),
    "Consiglio": ("org:cons", "Council", "ORG", None),
    "Austria": ("gpe:at", "Austria", "GPE", None),
}


def found(text: str) -> list[tuple[str, str, str]]:
    return found_in(text, ACTORS, "2023-05-10")


def test_quotation_opening_on_a_negated_verb_after_the_subject():
    got = found("L'Olanda «non accetta né riconosce» il nuovo regolamento sui porti. Domani il voto.")
    assert got == [("Netherlands", "indirect", "«non accetta né riconosce» il nuovo regolamento sui porti")]


def test_quotation_holding_the_whole_predicate_is_direct():
    got = found("Il Consiglio “si oppone e mai accetterà richieste fondate su quel rapporto”.")
    assert got == [("Council", "direct", "si oppone e mai accetterà richieste fondate su quel rapporto")]


def test_subject_with_an_apposition_before_the_marks():
    got = found("La ministra degli Esteri, Carla Neri, «accoglie con favore» il piano dei tre governi.")
    assert got == [("Carla Neri", "indirect", "«accoglie con favore» il piano dei tre governi")]


def test_one_or_two_quoted_words_are_a_label_not_speech():
    assert found("L'Austria «blinda» il confine con tre nuove pattuglie.") == []


def test_quoted_words_that_open_on_a_noun_are_not_a_predicate():
    assert found("L'Olanda «un partner affidabile per tutti» resta fuori dal vertice.") == []


def test_a_glued_subheading_is_not_annotated():
    text = ("Neri ha parlato a lungo con i giornalisti. L'Austria \"farà la sua parte\" con i vicini"
            "Il governo ha poi chiuso la seduta.")
    assert not any(sp == "Austria" for sp, _, _ in found(text))
