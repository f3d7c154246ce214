"""Quality flags a reader would want before trusting an article's wording."""

from cronaca.ingest.clean import clean
from cronaca.ingest.flags import looks_machine_translated, mt_tells
from cronaca.types import RawDocument


def make(text, **metadata):
    return RawDocument(origin="mem://t", text=text, format="text", raw_hash="h", metadata=metadata)


def test_machine_translation_tells():
    mt = ("Il portavoce, che guidava la delegazione, Ha respinto le accuse di una nuova offensiva. "
          "Gli alleati hanno chiesto di ridurre le truppe ea rispettare i confini, minacciando sanzioni E anche "
          "nuove misure.")
    assert len(mt_tells(mt)) == 3
    assert looks_machine_translated(mt)


def test_human_italian_with_names_and_institutions_is_not_flagged():
    human = ("Il ministro Luigi Di Maio ha incontrato Ignazio La Russa e il Consiglio di Sicurezza dell'Onu. "
             "«Non è facile», ha detto. E poi ha aggiunto che il Presidente della Repubblica Sergio Mattarella "
             "seguirà il dossier con la Casa Bianca.")
    assert mt_tells(human) == []
    assert not looks_machine_translated(human)


def test_flags_on_a_cleaned_article():
    page = "\n".join([
        " date 2022-03 https://www.rt.com/news/20220301-pezzo/",
        "Il Cremlino risponde alle nuove sanzioni europee",
        "Il portavoce ha detto che la risposta arriverà presto.Il ministero ha convocato gli ambasciatori.",
        "The spokesman said the answer would come soon and would be proportionate.",
    ])
    art = clean(make(page))
    assert set(art.flags) == {"glued_sentences", "foreign_language_fragments", "state_affiliated_outlet"}


def test_glue_inside_furniture_does_not_flag():
    page = "\n".join([
        "Il Cremlino risponde alle nuove sanzioni europee",
        "© SputnikIl palazzo del Cremlino",
        "Il portavoce ha detto che la risposta arriverà presto. Il ministero ha convocato gli ambasciatori.",
    ])
    assert "glued_sentences" not in clean(make(page)).flags


def test_unknown_outlet_is_not_state_affiliated():
    art = clean(make("Titolo abbastanza lungo da essere un titolo\nTesto.", url="https://www.ansa.it/x"))
    assert "state_affiliated_outlet" not in art.flags
