"""Speakers of reporting verbs coordinated with another verb ("… e ha avvertito che …"): the
second verb shares the first one's subject, named or pro-drop, never its object (the colon
form is in ``test_quotes_constructions.py``). Short hand-written texts with hand-made mentions."""

from __future__ import annotations

from quote_fixtures import found_in

ACTORS = {
    "Carla Neri": ("per:neri", "Carla Neri", "PER", "ministra degli Esteri"),
    "Neri": ("per:neri", "Carla Neri", "PER", None),
    "Tomas Berg": ("per:berg", "Tomas Berg", "PER", None),
    "Berg": ("per:berg", "Tomas Berg", "PER", None),
    "Germania": ("gpe:de", "Germany", "GPE", None),
    "Italia": ("gpe:it", "Italy", "GPE", None),
    "Francia": ("gpe:fr", "France", "GPE", None),
}


def found(text: str) -> list[tuple[str, str, str]]:
    return found_in(text, ACTORS, "2023-05-10")


def test_pro_drop_verb_coordinated_after_an_object_keeps_the_topic():
    out = found("La ministra Carla Neri ha incontrato ieri i colleghi europei a Bruxelles. "
                "Poi ha ringraziato la Germania e ha avvertito che la crisi durerà a lungo.")
    assert ("Carla Neri", "indirect", "la crisi durerà a lungo") in out
    assert not any(speaker == "Germany" for speaker, _, _ in out)


def test_named_subject_of_the_first_verb_is_still_read_by_the_grammar():
    out = found("Carla Neri ha ringraziato la Francia e ha detto che il negoziato riprenderà presto.")
    assert out == [("Carla Neri", "indirect", "il negoziato riprenderà presto")]
