"""Sentence spans: glued sentences split, abbreviations, decimals, URLs and names kept whole."""

from cronaca.ingest.sentences import glue_points, split_sentences


def sentences(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_glued_after_full_stop_is_split_without_editing_text():
    text = "Il vertice si è chiuso a Vienna.Il portavoce ha parlato di passi avanti."
    assert sentences(text) == ["Il vertice si è chiuso a Vienna.", "Il portavoce ha parlato di passi avanti."]


def test_heading_glued_without_punctuation_is_split():
    text = "Le truppe restano al confine con l'UcrainaIl ministro ha chiesto calma."
    assert sentences(text) == ["Le truppe restano al confine con l'Ucraina", "Il ministro ha chiesto calma."]


def test_glued_colon_and_closing_quote():
    text = 'Ha elencato i punti discussi:La Polonia chiede garanzie "entro marzo"In seguito, ha lasciato la sala.'
    assert sentences(text) == [
        "Ha elencato i punti discussi:",
        'La Polonia chiede garanzie "entro marzo"',
        "In seguito, ha lasciato la sala.",
    ]


def test_abbreviations_initials_and_titles_do_not_end_sentences():
    text = ("La delegazione guidata da Wendy R. Sherman e dal sig. Rossi ha incontrato il dott. Bianchi "
            "e l'Amb. Ferrara negli U.S. la settimana scorsa. Poi è ripartita.")
    assert len(sentences(text)) == 2


def test_decimals_urls_and_camel_case_names_are_not_split():
    text = ("Circa 100.000 soldati e 20,5 milioni di euro, secondo it.sputniknews.com e https://www.ansa.it/Mondo, "
            "con foto di LaPresse pubblicate su YouTube.")
    assert sentences(text) == [text]
    assert glue_points(text) == []


def test_newlines_always_end_sentences_and_spans_are_trimmed():
    text = "Primo paragrafo senza punto finale\n  Secondo paragrafo. Terza frase!"
    assert sentences(text) == ["Primo paragrafo senza punto finale", "Secondo paragrafo.", "Terza frase!"]


def test_ellipsis_followed_by_lower_case_does_not_split():
    text = "Ha detto che... forse si vedrà. Domani si decide."
    assert sentences(text) == ["Ha detto che... forse si vedrà.", "Domani si decide."]


def test_acronym_glued_to_the_next_sentence_is_split():
    text = "Poi consultazioni presso la sede dell'OSCE.L'obiettivo era la sicurezza. Parla la NATO.Il vertice è finito."
    assert sentences(text) == ["Poi consultazioni presso la sede dell'OSCE.", "L'obiettivo era la sicurezza.",
                               "Parla la NATO.", "Il vertice è finito."]


def test_initials_and_company_suffixes_stay_whole():
    text = "Lo hanno detto gli U.S.A. ieri e la Fiat S.p.A. oggi."
    assert glue_points(text) == []
