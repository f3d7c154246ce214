"""Quotations read through the shared clause analysis and the wider set of Italian reporting
constructions: inverted and parenthetical cues, noun-phrase objects, resumptive attributions
("Così X", "È quanto ha detto X"), "secondo X" without a comma, relayed statements,
interviews. Short hand-written texts with hand-made mentions, one rule per case."""

from __future__ import annotations

import pytest
from quote_fixtures import found_in

from cronaca.nlp.reporting import load_lexicon

# surface form -> (actor id, canonical name, label, role stated next to it)
ACTORS = {
    "Carla Neri": ("per:neri", "Carla Neri", "PER", "ministra degli Esteri"),
    "Neri": ("per:neri", "Carla Neri", "PER", None),
    "Paolo Ricci": ("per:ricci", "Paolo Ricci", "PER", "portavoce"),
    "Ricci": ("per:ricci", "Paolo Ricci", "PER", None),
    "Olga Ivanova": ("per:ivanova", "Olga Ivanova", "PER", "ambasciatrice"),
    "Ivanova": ("per:ivanova", "Olga Ivanova", "PER", None),
    "Tomas Berg": ("per:berg", "Tomas Berg", "PER", None),
    "Berg": ("per:berg", "Tomas Berg", "PER", None),
    "Nato": ("org:nato", "NATO", "ORG", None),
    "Tass": ("org:tass", "TASS", "ORG", None),
    "Onu": ("org:un", "United Nations", "ORG", None),
    "Russia": ("gpe:ru", "Russia", "GPE", None),
    "Mosca": ("gpe:ru", "Russia", "GPE", None),
    "Ucraina": ("gpe:ua", "Ukraine", "GPE", None),
    "Italia": ("gpe:it", "Italy", "GPE", None),
    "Vienna": ("gpe:vienna", "Vienna", "GPE", None),
}


def found(text: str) -> list[tuple[str, str, str]]:
    return found_in(text, ACTORS, "2023-05-10")


# --- the lexicon: forms generated from lemmas -------------------------------------------------

@pytest.mark.parametrize("form,lemma", [
    ("ribadisce", "ribadire"),        # -ire with -isc-
    ("annuncerà", "annunciare"),      # -ciare future drops the i
    ("giudicherà", "giudicare"),      # -care future keeps the hard c
    ("si augura", "augurarsi"),       # reflexive
    ("definendola", "definire"),      # gerund with an enclitic
    ("fanno sapere", "far sapere"),   # multiword lemma conjugates its first word
    ("sostengono", "sostenere"),      # irregular present from the data
])
def test_reporting_forms_are_generated_from_the_lemma(form, lemma):
    assert load_lexicon("it").form_info[form][0] == lemma


#: (text, every quote the stage must find): each case pins one construction.
EXACT = {
    "modal before an infinitive cue": (
        "Carla Neri ha voluto sottolineare che l'Italia resta al fianco dei suoi alleati.",
        [("Carla Neri", "indirect", "l'Italia resta al fianco dei suoi alleati")]),
    "noun-phrase object of a verb of stance": (
        "Paolo Ricci ha ribadito il pieno sostegno del governo alla missione.",
        [("Paolo Ricci", "indirect", "il pieno sostegno del governo alla missione")]),
    "accusing someone of doing something": (
        "Carla Neri ha accusato la Russia di violare la tregua nel sud.",
        [("Carla Neri", "indirect", "la Russia di violare la tregua nel sud")]),
    "a request whose infinitive holds a 'che' clause starts at the infinitive": (
        "Carla Neri ha chiesto alla Russia di ritirare le truppe e di fare in modo che i civili possano lasciare la città.",
        [("Carla Neri", "indirect",
          "di ritirare le truppe e di fare in modo che i civili possano lasciare la città")]),
    "an addressee between the cue and its noun-phrase object": (
        "Carla Neri ha confermato al ministro degli Esteri Paolo Ricci il pieno sostegno del governo alla missione.",
        [("Carla Neri", "indirect", "il pieno sostegno del governo alla missione")]),
    "a sentence quoting words in its own clause carries on the statement before it": (
        "Carla Neri ha detto che il vertice è stato utile. La conferenza «si terrà in autunno» e sarà aperta a tutti.",
        [("Carla Neri", "indirect", "il vertice è stato utile"),
         ("Carla Neri", "indirect", "La conferenza «si terrà in autunno» e sarà aperta a tutti")]),
    "'per il quale' after a person is a source": (
        "Alla riunione c'era anche Tomas Berg, per il quale la tregua è possibile entro l'estate.",
        [("Tomas Berg", "indirect", "la tregua è possibile entro l'estate")]),
    "a perfect infinitive of a reporting verb ('per aver detto che …')": (
        "Tomas Berg si è scusato per aver detto che la tregua non reggerà a lungo.",
        [("Tomas Berg", "indirect", "la tregua non reggerà a lungo")]),
    "speaking of a quoted phrase": (
        "Berg ha parlato di «passi avanti concreti» nei negoziati.",
        [("Tomas Berg", "indirect", "«passi avanti concreti» nei negoziati")]),
    "speaking of something in a phrase of some words, unquoted": (
        "Berg ha parlato di una svolta storica per i negoziati.",
        [("Tomas Berg", "indirect", "una svolta storica per i negoziati")]),
    "speaking of things in bare nouns, unquoted": (
        "Berg ha parlato di scontri e saccheggi nel centro.",
        [("Tomas Berg", "indirect", "scontri e saccheggi nel centro")]),
    "a modal with 'è' before an infinitive cue ('è tornata a chiedere')": (
        "Carla Neri è tornata a chiedere il ritiro delle truppe russe dal confine.",
        [("Carla Neri", "indirect", "il ritiro delle truppe russe dal confine")]),
    "cue between dashes inside a quotation": (
        "«Questa intesa – ha detto Carla Neri – apre una fase nuova per tutti».",
        [("Carla Neri", "direct", "Questa intesa – ha detto Carla Neri – apre una fase nuova per tutti")]),
    "parenthetical cue between commas": (
        "L'Italia, ha aggiunto Carla Neri, resterà un partner affidabile.",
        [("Carla Neri", "indirect", "L'Italia, ha aggiunto Carla Neri, resterà un partner affidabile")]),
    "inverted cue whose actor a gerund follows": (
        "L'Italia resterà un partner affidabile, ha assicurato Carla Neri, aggiungendo che i fondi arriveranno presto.",
        [("Carla Neri", "indirect", "L'Italia resterà un partner affidabile"),
         ("Carla Neri", "indirect", "i fondi arriveranno presto")]),
    "'Così X' after a quotation": (
        "«Oggi è un giorno importante per la pace». Così la ministra Carla Neri al termine dell'incontro.",
        [("Carla Neri", "direct", "Oggi è un giorno importante per la pace")]),
    "'È quanto ha detto X'": (
        "Il cessate il fuoco resta fragile. È quanto ha detto il portavoce Paolo Ricci.",
        [("Paolo Ricci", "indirect", "Il cessate il fuoco resta fragile")]),
    "'Lo ha detto X' after a quotation of several sentences": (
        "«Il piano è pronto. Lo presenteremo lunedì». Lo ha detto Tomas Berg.",
        [("Tomas Berg", "direct", "Il piano è pronto. Lo presenteremo lunedì")]),
    "'secondo X' without a comma": (
        "Secondo l'Onu la situazione nel nord resta drammatica.",
        [("United Nations", "indirect", "la situazione nel nord resta drammatica")]),
    "'secondo quanto riferisce X'": (
        "Secondo quanto riferisce la Tass, i colloqui riprenderanno a Vienna.",
        [("TASS", "indirect", "i colloqui riprenderanno a Vienna")]),
    "'…, secondo quanto riferisce X' after a clause with no report of its own": (
        "I colloqui riprenderanno a Vienna la prossima settimana, secondo quanto riferisce la Tass.",
        [("TASS", "indirect", "I colloqui riprenderanno a Vienna la prossima settimana")]),
    "'…, secondo quanto riferisce X' after a report relays it": (
        "Tomas Berg ha detto che i colloqui riprenderanno a Vienna, secondo quanto riferisce la Tass.",
        [("Tomas Berg", "indirect", "i colloqui riprenderanno a Vienna"),
         ("TASS", "indirect", "i colloqui riprenderanno a Vienna")]),
    "'Come spiega X, …'": (
        "Come spiega la ministra Carla Neri, «lo scopo della missione è rafforzare il dialogo».",
        [("Carla Neri", "direct", "lo scopo della missione è rafforzare il dialogo")]),
    "'…, come ha sottolineato X'": (
        "La crisi non è ancora finita, come ha sottolineato la ministra Carla Neri.",
        [("Carla Neri", "indirect", "La crisi non è ancora finita")]),
    "a cue inside a quotation is no inner report of an inverted cue": (
        "«Il governo chiede più tempo», ma vuole «rispettare ogni impegno», ha ribadito Berg.",
        [("Tomas Berg", "indirect", "«Il governo chiede più tempo», ma vuole «rispettare ogni impegno»")]),
    "a gerund after an inverted cue names no subject": (
        "Berg ha parlato a lungo. «Abbiamo perso ovunque», ha affermato riferendosi al voto di ieri.",
        [("Tomas Berg", "direct", "Abbiamo perso ovunque")]),
    "a parenthetical cue after a prepositional phrase states the whole sentence": (
        "«La guerra è inaccettabile», ha detto Neri. Nel quadro della Nato, ha sottolineato la ministra, "
        "l'Italia è impegnata in mare.",
        [("Carla Neri", "direct", "La guerra è inaccettabile"),
         ("Carla Neri", "indirect", "Nel quadro della Nato, ha sottolineato la ministra, l'Italia è impegnata in mare")]),
    "a gerund continues the inverted cue before it": (
        "La Russia vuole far fallire i colloqui, ha detto Tomas Berg, precisando che l'Italia resta neutrale.",
        [("Tomas Berg", "indirect", "La Russia vuole far fallire i colloqui"),
         ("Tomas Berg", "indirect", "l'Italia resta neutrale")]),
    "'Sono le parole di X' after a quotation": (
        "«Il piano è pronto». Sono le parole del ministro Tomas Berg.",
        [("Tomas Berg", "direct", "Il piano è pronto")]),
    "'È la replica di X' after a quotation": (
        "«Il piano non è pronto». È la secca replica di Tomas Berg, che lascia la sala.",
        [("Tomas Berg", "direct", "Il piano non è pronto")]),
    "'È quanto si apprende da fonti di X'": (
        "La Russia ha chiesto una tregua. È quanto si apprende da fonti della Nato.",
        [("NATO", "indirect", "La Russia ha chiesto una tregua")]),
    "an inverted cue over a clause with a report of its own": (
        "La Russia ha negato ogni accusa, ha riferito Carla Neri.",
        [("Carla Neri", "indirect", "La Russia ha negato ogni accusa")]),
    "a participle phrase between subject and verb makes no inverted cue": (
        "Mosca, sostenuta apertamente da Minsk, ha accusato l'Ucraina di violare la tregua nel sud.",
        [("Russia", "indirect", "l'Ucraina di violare la tregua nel sud")]),
    "a heading glued on ends the content": (
        "Neri ha detto che i colloqui sono stati utili per tutti Un nuovo vertice a Vienna",
        [("Carla Neri", "indirect", "i colloqui sono stati utili per tutti")]),
}

#: Texts with no statement in them.
NONE = {
    "a bare actor as object": "Paolo Ricci ha smentito Berg.",
    "'per la quale' after a thing means 'for which'":
        "Carla Neri ha firmato un'intesa per la quale l'Italia stanzierà nuovi fondi.",
    "'secondo' after a determiner is an ordinal":
        "Il primo incontro si è tenuto a Roma, il secondo lo scorso maggio a Vienna, a margine del vertice.",
    "a circumstance, not an object": "Paolo Ricci ha promesso per la prossima settimana.",
    "a denied noun-phrase object": "Paolo Ricci non ha escluso nuove sanzioni contro Mosca.",
    "a two-word noun phrase": "Paolo Ricci ha annunciato le dimissioni.",
    "speaking of a topic in a word, no quotation": "Berg ha parlato di energia.",
    "'di recente' is a time, not what was spoken of": "Berg ha parlato di recente con la Nato a Vienna.",
    "'…, secondo quanto riferisce X' after a short clause": "Nessun ferito, secondo quanto riferisce la Tass.",
    "'Così' before a clause is an adverb": "«Oggi è un giorno importante». Così il governo ha deciso di rinviare il voto.",
    "'Per' of purpose": "Per giustificare il rinvio, il governo ha citato ragioni tecniche.",
    "'Per' a state, no quotation": "Per la Russia, la perdita del porto sarebbe un colpo duro.",
    "a speech noun in a clause of its own": "«Il piano è pronto». La minaccia di Mosca resta reale.",
    "'Lo riferisce' with a subject no actor names": "Il vertice è stato rinviato. Lo riferisce un giornale locale.",
    "a gerund's object is not an inverted subject of the clause before it":
        "Nel colloquio si è parlato a lungo della crisi, sollecitando la Nato ad agire subito.",
    "'Quanto a' is no attribution": "Il vertice è finito. Quanto ha detto Berg sulla Russia, resta da vedere.",
}

#: (text, quotes that must be among those found).
INCLUDED = {
    "a gerund takes the main clause's subject, not the relative's": (
        "Neri, che ieri aveva detto che i colloqui erano finiti, ha scritto alla Nato "
        "spiegando che il governo valuterà ogni proposta.",
        [("Carla Neri", "indirect", "il governo valuterà ogni proposta")]),
    "'sia X che Y' is one compound subject": (
        "Sia Neri che Berg hanno sottolineato che la tregua deve reggere.",
        [("Carla Neri", "indirect", "la tregua deve reggere"), ("Tomas Berg", "indirect", "la tregua deve reggere")]),
    "two quotations around a dashed cue": (
        "Il vertice è finito. “Parleremo presto” – ha aggiunto Berg – “con tutti i partner”.",
        [("Tomas Berg", "direct", "Parleremo presto"), ("Tomas Berg", "direct", "con tutti i partner")]),
    "a colon-introduced quotation before a speakerless inverted cue": (
        "Berg dopo il voto ha attaccato l'opposizione: «Hanno perso ovunque», ha affermato.",
        [("Tomas Berg", "direct", "Hanno perso ovunque")]),
    "a medium relaying a statement speaks it too": (
        "I colloqui non sono in agenda. Lo ha dichiarato Olga Ivanova, citata dalla Tass.",
        [("Olga Ivanova", "indirect", "I colloqui non sono in agenda"), ("TASS", "indirect", "I colloqui non sono in agenda")]),
    "answers in an interview go to the person addressed": (
        "Abbiamo incontrato l'ambasciatrice Olga Ivanova a Roma.\n"
        "Ambasciatrice, come giudica i negoziati in corso?\n"
        "«Sono lenti ma necessari, e nessuno deve abbandonare il tavolo».",
        [("Olga Ivanova", "direct", "Sono lenti ma necessari, e nessuno deve abbandonare il tavolo")]),
    "answers in an interview go to the person the paragraph before the first question names": (
        "Il negoziato sul grano resta fermo da settimane.\n\n"
        "Ne abbiamo parlato con Tomas Berg, inviato speciale per i corridoi marittimi.\n\n"
        "Quando potranno ripartire le navi dai porti del Mar Nero?\n\n"
        "«Non prima dell'estate, se tutti rispettano gli impegni presi».",
        [("Tomas Berg", "direct", "Non prima dell'estate, se tutti rispettano gli impegni presi")]),
}


def test_a_sentence_with_a_subject_of_its_own_carries_no_statement_on():
    # the quoted predicate is the subject's own statement (:mod:`cronaca.nlp.quotes.predicate`), not Neri's
    text = "Carla Neri ha detto che il vertice è stato utile. La Russia «non si siederà al tavolo» per ora."
    assert found(text) == [("Carla Neri", "indirect", "il vertice è stato utile"),
                           ("Russia", "indirect", "«non si siederà al tavolo» per ora")]


@pytest.mark.parametrize("text", [
    # a role noun as subject
    "Carla Neri ha detto che il vertice è stato utile. Il portavoce resta convinto che «la strada è quella giusta».",
    # no verb in the quoted words: a scare quote
    "Carla Neri ha detto che il vertice è stato utile. La «pace giusta» resta lontana.",
])
def test_a_sentence_with_a_subject_or_a_scare_quote_carries_no_statement_on(text):
    assert found(text) == [("Carla Neri", "indirect", "il vertice è stato utile")]


@pytest.mark.parametrize("text,expected", EXACT.values(), ids=EXACT.keys())
def test_construction_gives_exactly_these_quotes(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", NONE.values(), ids=NONE.keys())
def test_construction_gives_no_quote(text):
    assert found(text) == []


@pytest.mark.parametrize("text,expected", INCLUDED.values(), ids=INCLUDED.keys())
def test_construction_gives_these_quotes_among_others(text, expected):
    out = found(text)
    for quote in expected:
        assert quote in out


@pytest.mark.parametrize("text", [
    "Nelle ultime ore - fa sapere la Nato - i ribelli hanno lanciato due missili contro una nave.",
    "Nelle ultime ore - come fa notare la Nato - i ribelli hanno lanciato due missili contro una nave.",
])
def test_report_set_off_by_dashes_states_the_whole_sentence(text):
    out = found(text)
    assert len(out) == 1 and out[0][0] == "NATO" and out[0][2].startswith("Nelle ultime ore")
    assert out[0][2].endswith("contro una nave")


def test_relative_source_on_a_thing_speaks_for_the_subject_that_mentions_it():
    text = ("Tomas Berg ha citato rapporti d'intelligence stando ai quali la Russia potrebbe "
            "preparare nuove provocazioni.")
    assert ("Tomas Berg", "indirect", "la Russia potrebbe preparare nuove provocazioni") in found(text)


def test_a_description_goes_to_the_office_holder_the_article_names_whatever_its_date():
    actors = {"Jean-Yves Le Drian": ("per:jean-yves-le-drian", "Jean-Yves Le Drian", "PER", None),
              "Le Drian": ("per:jean-yves-le-drian", "Jean-Yves Le Drian", "PER", None)}
    text = ("Jean-Yves Le Drian è arrivato ieri sera a Bruxelles. «Il negoziato è chiuso», "
            "ha detto ancora il ministro degli Esteri francese.")
    assert found_in(text, actors, None) == [("Jean-Yves Le Drian", "direct", "Il negoziato è chiuso")]


def test_a_verb_coordinated_after_a_verb_with_an_object_keeps_the_pro_drop_subject():
    text = ("L'ambasciatrice russa a Roma, Olga Ivanova, ha incontrato i giornalisti. "
            "Poi ringrazia l'Italia e avverte: «Nessuno vuole una guerra lunga».")
    assert ("Olga Ivanova", "direct", "Nessuno vuole una guerra lunga") in found(text)


# --- quotation marks that open on the reporting verb -----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Nella lettera la ministra Carla Neri «ribadisce il pieno sostegno dell'Italia alla missione "
     "di monitoraggio lungo il confine orientale»",
     ("Carla Neri", "il pieno sostegno dell'Italia alla missione di monitoraggio lungo il confine orientale")),
    ("Il portavoce Paolo Ricci ha «chiesto il rilascio immediato dei giornalisti trattenuti da giorni "
     "all'aeroporto della capitale»",
     ("Paolo Ricci", "il rilascio immediato dei giornalisti trattenuti da giorni all'aeroporto della capitale")),
    ("Olga Ivanova, da parte sua, «ancora una volta ha ribadito la disponibilità di Mosca a riprendere "
     "i negoziati sul grano senza alcuna condizione preliminare»",
     ("Olga Ivanova", "la disponibilità di Mosca a riprendere i negoziati sul grano senza alcuna condizione "
                      "preliminare")),
])
def test_quotation_marks_opening_on_the_reporting_verb_enclose_its_predicate(text, expected):
    # the cue inside the marks is the sentence's own verb: its subject stands before them, and the
    # statement is what follows the verb (a mixed quotation, indirect)
    out = found(text + ".")
    assert [(s, t.rstrip("»")) for s, k, t in out if k == "indirect"] == [expected]


def test_a_quotation_that_opens_the_sentence_with_a_verb_stays_direct_speech():
    out = found("Tomas Berg è arrivato ieri a Vienna. «Ribadisce sempre le stesse cose, ma nessuno lo "
                "ascolta più e la situazione al confine peggiora ogni giorno», ha detto Carla Neri.")
    assert ("Carla Neri", "direct", "Ribadisce sempre le stesse cose, ma nessuno lo ascolta più e la situazione "
            "al confine peggiora ogni giorno") in out


# --- a report nested in another report -------------------------------------------------------

def test_a_noun_phrase_report_nested_in_another_report_is_annotated_at_both_levels():
    out = found("Paolo Ricci ha riferito che Carla Neri ha ribadito il pieno sostegno dell'Italia alla missione.")
    assert ("Paolo Ricci", "indirect",
            "Carla Neri ha ribadito il pieno sostegno dell'Italia alla missione") in out
    assert ("Carla Neri", "indirect", "il pieno sostegno dell'Italia alla missione") in out


def test_a_request_nested_in_another_report_stays_the_reporter_s():
    out = found("Paolo Ricci ha detto che la Nato ha esortato la Russia a ritirare le truppe dal confine.")
    assert [s for s, _, _ in out] == ["Paolo Ricci"]
