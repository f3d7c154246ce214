"""Snippets cut in Python for PostgreSQL's search (``cronaca.store.headline``): the query's
lexemes found as word beginnings, confirmed by their stems, and the best fragment marked."""

from __future__ import annotations

from cronaca.store import fts
from cronaca.store.headline import Lexeme, confirmed, lexemes, occurrences, snippet

OPEN, CLOSE, E = fts.MARK_OPEN, fts.MARK_CLOSE, fts.ELLIPSIS


def test_querytree_lexemes_keep_prefixes_and_drop_negations():
    assert lexemes("'ginevr' & 'lavrov'") == [Lexeme("ginevr"), Lexeme("lavrov")]
    assert lexemes("'negoz':* | !'mosc'") == [Lexeme("negoz", prefix=True)]
    assert lexemes("'garanz' <-> 'sicurezz'") == [Lexeme("garanz"), Lexeme("sicurezz")]
    assert lexemes("T") == []
    assert lexemes("'l''aquil'") == [Lexeme("l'aquil")]


def words(text, wanted):
    return [o[2] for o in occurrences(text, wanted)]


def test_occurrences_are_words_beginning_with_a_lexeme_in_order():
    text = "A Mosca, nella moschea di Mosca, il Cremlino parla; cremlinologi e Lamosca no."
    assert words(text, [Lexeme("mosc"), Lexeme("cremlin")]) == ["mosca", "moschea", "mosca", "cremlino", "cremlinologi"]
    found = occurrences(text, [Lexeme("mosc")])
    assert all(text[start:end].lower() == word for start, end, word in found)
    assert occurrences(text, []) == []


def test_occurrences_fold_accents_as_unaccent_does():
    text = "Il premier Sánchez parlò con Erdoğan perché la città..."
    assert words(text, [Lexeme("sanchez"), Lexeme("erdogan")]) == ["sánchez", "erdoğan"]
    assert words(text, [Lexeme("perch"), Lexeme("citt")]) == ["perché", "città"]


def test_confirmed_keeps_words_whose_stem_is_wanted():
    stems = [("mosca", ["mosc"]), ("moschea", ["mosche"]), ("negoziati", ["negoz"]), ("di", [])]
    assert confirmed(stems, [Lexeme("mosc")]) == {"mosca"}
    assert confirmed(stems, [Lexeme("neg", prefix=True)]) == {"negoziati"}


def cut(text, hits):
    return snippet(text, [o for o in occurrences(text, [Lexeme(h) for h in hits]) if o[2] in hits])


def test_snippet_chooses_the_fragment_with_most_distinct_matches_and_marks_them():
    text = ("Mosca apre il vertice. " + "Parole senza interesse qui. " * 10
            + "A Ginevra Lavrov e Blinken parlano di Mosca e di Ginevra. " + "Fine del testo lungo. " * 10)
    got = cut(text, {"mosca", "ginevra", "lavrov"})
    assert got.startswith(E) and got.endswith(E)
    assert f"{OPEN}Ginevra{CLOSE} {OPEN}Lavrov{CLOSE} e Blinken parlano di {OPEN}Mosca{CLOSE} e di {OPEN}Ginevra{CLOSE}" in got
    assert len(got.replace(OPEN, "").replace(CLOSE, "").strip(E).split()) == 24


def test_snippet_of_a_short_text_is_the_text_and_without_matches_its_beginning():
    assert cut("«Lavrov a Ginevra.»", {"ginevra"}) == f"«Lavrov a {OPEN}Ginevra{CLOSE}.»"
    many = " ".join(f"parola{i}" for i in range(40))
    assert snippet(many, []) == " ".join(f"parola{i}" for i in range(24)) + E
    assert snippet("", []) == ""


def test_a_match_near_the_end_keeps_a_full_fragment():
    text = " ".join(f"w{i}" for i in range(40)) + " Kiev"
    got = cut(text, {"kiev"})
    assert got.startswith(E) and got.endswith(f"{OPEN}Kiev{CLOSE}")
    assert len(got.strip(E).split()) == 24
