"""A role noun as a speaker ("ha sottolineato il premier", "Il capo dello Stato ha osservato"):
the person the article named before in that office, not a namesake or synonym office nearer by."""

from __future__ import annotations

from quote_fixtures import found_in


def test_premier_is_the_premier_named_before_not_the_chancellor() -> None:
    actors = {"Marco Bellini": ("per:bellini", "Marco Bellini", "PER", "premier"),
              "Anna Ferri": ("per:ferri", "Anna Ferri", "PER", "cancelliera"),
              "Ferri": ("per:ferri", "Anna Ferri", "PER", None)}
    text = ("Il premier Marco Bellini ha incontrato a Berlino la cancelliera Anna Ferri. "
            "«Le riforme vanno bene», ha detto Ferri. "
            "«È stata un'occasione importante», ha sottolineato il premier.")
    assert ("Marco Bellini", "direct", "È stata un'occasione importante") in found_in(text, actors)


def test_head_of_state_is_the_president_not_another_head() -> None:
    actors = {"Marco Bellini": ("per:bellini", "Marco Bellini", "PER", "presidente"),
              "Anna Ferri": ("per:ferri", "Anna Ferri", "PER", "capo della delegazione dei ribelli"),
              "Ferri": ("per:ferri", "Anna Ferri", "PER", None)}
    text = ("Il presidente Marco Bellini ha incontrato Anna Ferri, capo della delegazione dei ribelli. "
            "Ferri ha detto che la tregua regge. "
            "Il capo dello Stato ha osservato poi che la tregua sarà solo un primo passo.")
    found = found_in(text, actors)
    assert ("Marco Bellini", "indirect", "la tregua sarà solo un primo passo") in found
    assert ("Anna Ferri", "indirect", "la tregua regge") in found


def test_one_person_is_never_the_subject_of_a_plural_verb() -> None:
    actors = {"Marco Bellini": ("per:bellini", "Marco Bellini", "PER", None)}
    text = ("Marco Bellini ha aperto il vertice di Roma. "
            "«Serve più coraggio in Europa per tutti noi», scrivono i leader nel comunicato finale.")
    assert not found_in(text, actors)
    text = "Marco Bellini ha aperto il vertice di Roma. «Serve più coraggio in Europa per tutti noi», scrive poi."
    assert found_in(text, actors) == [("Marco Bellini", "direct", "Serve più coraggio in Europa per tutti noi")]


def test_who_the_reported_content_names_is_not_who_reports_it() -> None:
    actors = {"Marco Bellini": ("per:bellini", "Marco Bellini", "PER", None)}
    text = "Durante la visita, Marco Bellini incontrerà le autorità locali e i partner europei. Lo riferisce una nota."
    assert not found_in(text, actors)
    text = "Il ministero ha confermato che Marco Bellini sarà a Roma la prossima settimana. Lo riferisce."
    assert not any(sp == "Marco Bellini" for sp, _, _ in found_in(text, actors))
    text = "Il vertice si terrà a Roma la prossima settimana, ha detto Marco Bellini."
    assert found_in(text, actors) == [("Marco Bellini", "indirect", "Il vertice si terrà a Roma la prossima settimana")]


def test_a_quotation_with_no_cue_is_not_the_words_of_someone_it_names() -> None:
    actors = {"Charles Michel": ("per:michel", "Charles Michel", "PER", None),
              "Michel": ("per:michel", "Charles Michel", "PER", None)}
    text = ("Charles Michel ha parlato a lungo dei migranti. La premier si era mostrata soddisfatta: «Accolgo con "
            "grande interesse la proposta di collaborazione del presidente Charles Michel sui migranti».")
    assert not found_in(text, actors)
    text = ("Charles Michel ha parlato a lungo dei migranti: «Accolgo con grande interesse la proposta di "
            "collaborazione sui migranti fatta ieri».")
    assert found_in(text, actors) == [
        ("Charles Michel", "direct", "Accolgo con grande interesse la proposta di collaborazione sui migranti fatta ieri")]


def test_a_bare_inverted_cue_after_a_colon_quotation_is_the_openers() -> None:
    actors = {"Charles Michel": ("per:michel", "Charles Michel", "PER", None),
              "Marco Bellini": ("per:bellini", "Marco Bellini", "PER", None)}
    text = ("Charles Michel ha aperto il vertice. "
            "Marco Bellini in conferenza stampa: «La Russia non ci ricatterà con il gas», ha aggiunto.")
    assert found_in(text, actors) == [("Marco Bellini", "direct", "La Russia non ci ricatterà con il gas")]
