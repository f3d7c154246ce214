"""Quotations in headlines and subheadings of the body ("Bellini: «…»" on a line of its own) are
not annotated (gold guide); a sentence of the body that quotes after a colon still is."""

from __future__ import annotations

from quote_fixtures import found_in

from cronaca.nlp.quotes.headlines import headline_lines

ACTORS = {
    "Marco Bellini": ("per:bellini", "Marco Bellini", "PER", "ministro degli Esteri"),
    "Bellini": ("per:bellini", "Marco Bellini", "PER", None),
}


def test_headline_quotation_is_left_out() -> None:
    text = ("Vertice a Vienna, Bellini: «Nessuna concessione sulle sanzioni»\n"
            "Il ministro degli Esteri Marco Bellini ha parlato a Vienna. "
            "«Non ci saranno concessioni sulle sanzioni», ha detto Bellini ai giornalisti.")
    found = found_in(text, ACTORS)
    assert ("Marco Bellini", "direct", "Non ci saranno concessioni sulle sanzioni") in found
    assert all(q[2] != "Nessuna concessione sulle sanzioni" for q in found)


def test_bullet_subheading_is_a_headline() -> None:
    text = "I punti chiave\n- Bellini: «Il dialogo continua»\nIl ministro è arrivato a Vienna."
    start = text.index("- Bellini")
    assert headline_lines(text) == [(start, text.index("\nIl ministro"))]


def test_body_sentence_ending_in_a_quotation_is_not_a_headline() -> None:
    assert headline_lines("Il ministro ha concluso: «Siamo pronti a trattare».\n") == []
    # a reporting verb before the colon: a sentence, even without its full stop
    text = "Bellini ha concluso: «Siamo pronti a trattare»"
    assert headline_lines(text, [text.index("ha concluso")]) == []
