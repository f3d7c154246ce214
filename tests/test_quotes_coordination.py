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


# --- "X, secondo cui …" when X is a noun phrase, not a name --------------------------------------

ROLES = {
    **ACTORS,
    "Anna Rossi": ("per:rossi", "Anna Rossi", "PER", "Alta rappresentante per la Bosnia"),
    "Mosca": ("gpe:ru", "Russia", "GPE", None),
}


def test_relative_source_after_a_group_noun_is_not_the_topic():
    out = found_in("Tomas Berg ha visitato ieri le truppe al fronte. Di diverso parere i separatisti, "
                   "secondo i quali la ritirata è stata disordinata.", ROLES, "2023-05-10")
    assert not any(speaker == "Tomas Berg" for speaker, _, _ in out)


def test_relative_source_after_a_role_is_the_person_holding_it():
    out = found_in("Anna Rossi è arrivata ieri a Sarajevo. Il governo locale ha criticato l'Alta rappresentante, "
                   "per la quale gli edifici pubblici appartengono allo Stato centrale.", ROLES, "2023-05-10")
    assert ("Anna Rossi", "indirect", "gli edifici pubblici appartengono allo Stato centrale") in out


def test_relative_source_after_a_name_is_that_actor():
    out = found_in("Tomas Berg ha presentato il piano a Vienna. Gelida la risposta di ieri: ha replicato Mosca, "
                   "secondo cui il piano non tiene conto della sicurezza russa.", ROLES, "2023-05-10")
    assert ("Russia", "indirect", "il piano non tiene conto della sicurezza russa") in out


# --- noun-phrase objects: an elided article is a word -------------------------------------------

def test_noun_phrase_object_with_elided_articles_is_a_statement():
    out = found("Carla Neri ha sottolineato l'importanza dell'unità europea.")
    assert out == [("Carla Neri", "indirect", "l'importanza dell'unità europea")]


def test_short_noun_phrase_object_is_still_no_statement():
    assert found("Carla Neri ha annunciato le dimissioni.") == []


# --- a quotation with no cue after a sentence about another person -------------------------------

def test_uncued_quotation_after_a_sentence_with_a_new_subject_is_that_persons():
    out = found("«Siamo al vostro fianco», ha detto Tomas Berg. Carla Neri ha poi chiesto nuovi aiuti. "
                "«Abbiamo bisogno di difesa aerea». Berg ha promesso di valutare la richiesta.")
    assert ("Carla Neri", "direct", "Abbiamo bisogno di difesa aerea") in out


def test_uncued_quotation_carried_on_by_the_inverted_statement_after_it():
    out = found("Carla Neri ha parlato a lungo in mattinata. «La lotta continua fino alla fine». "
                "Il voto non è che una «proroga», ha commentato Tomas Berg al termine dello scrutinio.")
    assert ("Tomas Berg", "direct", "La lotta continua fino alla fine") in out


def test_uncued_quotation_right_after_a_statement_keeps_its_speaker():
    out = found("«Siamo al vostro fianco», ha detto Tomas Berg. «Non vi lasceremo soli».")
    assert ("Tomas Berg", "direct", "Non vi lasceremo soli") in out


# --- an inverted cue after a colon -------------------------------------------------------------

def test_inverted_cue_reports_the_clause_after_the_colon():
    out = found("I negoziati sono ripresi in serata a Vienna: la delegazione russa ha lasciato il tavolo, "
                "ha detto Tomas Berg.")
    assert out == [("Tomas Berg", "indirect", "la delegazione russa ha lasciato il tavolo")]


def test_inverted_cue_keeps_a_short_clause_after_the_colon_with_what_precedes():
    out = found("La linea del governo resta la stessa da mesi: nessuna trattativa, ha detto Tomas Berg.")
    assert out == [("Tomas Berg", "indirect", "La linea del governo resta la stessa da mesi: nessuna trattativa")]


# --- a noun-phrase subject after an opening prepositional phrase --------------------------------

def test_group_subject_after_a_place_is_not_the_topic():
    out = found("Tomas Berg ha visitato ieri il fronte. Nella regione di confine i separatisti hanno annunciato "
                "che la città è circondata.")
    assert not any(speaker == "Tomas Berg" for speaker, _, _ in out)


def test_prepositional_phrase_before_a_pro_drop_verb_keeps_the_topic():
    out = found("Tomas Berg ha visitato ieri il fronte. E da Vienna ha poi ammesso che la situazione è difficile.")
    assert out == [("Tomas Berg", "indirect", "la situazione è difficile")]


# --- "che A e che B": one complement coordinated under one verb ----------------------------------


def test_complements_coordinated_without_a_comma_are_one_statement():
    out = found("Carla Neri ha spiegato che il piano è pronto e che i fondi arriveranno a giugno.")
    assert out == [("Carla Neri", "indirect", "il piano è pronto e che i fondi arriveranno a giugno")]


def test_a_comma_before_the_second_complement_makes_a_second_statement():
    out = found("Tomas Berg ha detto che il vertice è rinviato, e che la Germania non parteciperà.")
    assert ("Tomas Berg", "indirect", "il vertice è rinviato") in out
    assert ("Tomas Berg", "indirect", "la Germania non parteciperà") in out


# --- a sentence that quotes words of the statement before it runs it on --------------------------


def test_run_on_after_an_inverted_statement():
    out = found("«La crisi durerà a lungo», ha detto Carla Neri parlando ai giornalisti. "
                "Sul bilancio, «i conti sono in ordine da due anni».")
    assert ("Carla Neri", "indirect", "Sul bilancio, «i conti sono in ordine da due anni»") in out


def test_an_actor_after_a_preposition_is_no_subject_of_the_run_on():
    out = found("Tomas Berg ha detto che il vertice è rinviato. "
                "Con la Germania «abbiamo un rapporto molto solido», anche se restano divergenze.")
    assert ("Tomas Berg", "indirect",
            "Con la Germania «abbiamo un rapporto molto solido», anche se restano divergenze") in out


def test_a_named_subject_keeps_the_quotation_its_own():
    out = found("Tomas Berg ha detto che il vertice è rinviato. "
                "La Germania «ha un rapporto molto solido con noi», anche se restano divergenze.")
    assert [q for q in out if q[0] == "Tomas Berg"] == [("Tomas Berg", "indirect", "il vertice è rinviato")]


# --- an actor behind a preposition and its article is no subject --------------------------------


def test_is_eligible_looks_past_the_article_for_a_preposition():
    from cronaca.nlp.attribution import is_eligible
    from cronaca.nlp.reporting import load_lexicon
    from cronaca.types import Mention

    lex = load_lexicon("it")

    def eligible(text: str, name: str) -> bool:
        i = text.index(name)
        return is_eligible(Mention(i, i + len(name), name, "GPE", "gpe:x", name), text, lex)

    assert not eligible("Dopo l'incontro con la Germania ha detto che", "Germania")
    assert not eligible("Le sanzioni contro la Francia sono state", "Francia")
    assert not eligible("Un accordo con l'Italia è vicino", "Italia")
    assert eligible("Poi la Germania ha detto che", "Germania")
    assert eligible("Ieri l'Italia ha detto che", "Italia")


def test_pro_drop_speaker_is_not_an_actor_behind_preposition_and_article():
    out = found("Carla Neri ha incontrato ieri i colleghi europei. "
                "Dopo il vertice con la Germania ha detto che la crisi durerà a lungo.")
    assert ("Carla Neri", "indirect", "la crisi durerà a lungo") in out
