"""Temporal expressions in Italian news, normalised against the publication date."""

from __future__ import annotations

import re

import pytest

from cronaca.nlp.times import annotate, find_times
from cronaca.types import Article, Document, Span


def values(text: str, published: str | None) -> list[tuple[str, str | None, str | None]]:
    return [(t.text, t.value, t.precision) for t in find_times(text, published)]


@pytest.mark.parametrize("text, value", [
    ("Il vertice si è tenuto il 30 dicembre 2021 a Mosca.", "2021-12-30"),
    ("Firmato il 30 dic. 2021 dai due ministri.", "2021-12-30"),
    ("La nota porta la data 30/12/2021.", "2021-12-30"),
    ("Aggiornato: 30.12.2021, ore 10.", "2021-12-30"),
    ("Pubblicato 2021-12-30 nel sito.", "2021-12-30"),
])
def test_absolute_dates_in_every_common_form(text, value):
    assert [v for _, v, _ in values(text, "2022-03-01")] == [value]


def test_day_and_month_take_the_year_nearest_publication():
    # A December date read in January is last year; a January date read in December is next year.
    assert values("Il 7 dicembre i leader si sono parlati.", "2022-01-05")[0][1] == "2021-12-07"
    assert values("Il 12 gennaio si riunirà il Consiglio.", "2021-12-30")[0][1] == "2022-01-12"
    assert values("lunedì 10 gennaio le delegazioni arrivano.", "2022-01-08")[0][1] == "2022-01-10"


def test_ranges_give_month_or_year_with_end_value():
    (ref,) = find_times("I colloqui si terranno il 9-10 gennaio a Ginevra.", "2021-12-30")
    assert (ref.value, ref.precision, ref.end_value) == ("2022-01", "month", "2022-01-10")
    (ref,) = find_times("Fu ambasciatore dal 2012 al 2018.", "2022-01-12")
    assert (ref.value, ref.precision, ref.end_value) == ("2012", "year", "2018")


def test_weekdays_follow_the_tense_of_their_clause():
    # 2022-01-12 is a Wednesday.
    assert values("Lunedì i delegati hanno discusso a lungo.", "2022-01-12")[0][1] == "2022-01-10"
    assert values("Venerdì il ministro incontrerà il collega.", "2022-01-12")[0][1] == "2022-01-14"
    assert values("Martedì scorso è arrivata la risposta.", "2022-01-12")[0][1] == "2022-01-11"


@pytest.mark.parametrize("text, value", [
    # 2022-01-12 is a Wednesday: the weekday's own clause tells its tense, not the report's verb
    ("Il portavoce ha annunciato che giovedì Rossi incontrerà Petrov.", "2022-01-13"),
    ("Ha detto che venerdì i due ministri firmeranno l'intesa.", "2022-01-14"),
    ("Giovedì Rossi ha detto che incontrerà Petrov.", "2022-01-06"),
    ("Ha spiegato che lunedì i delegati hanno discusso a lungo.", "2022-01-10"),
    ("Ha assicurato che venerdì, a Ginevra, si vedranno.", "2022-01-14"),
])
def test_a_weekday_takes_the_tense_of_its_own_clause(text, value):
    assert values(text, "2022-01-12")[0][1] == value


def test_weekday_or_day_offset_against_a_month_only_publication_is_that_month():
    assert values("Mercoledì il segretario ha parlato ai giornalisti.", "2022-01")[0][1:] == ("2022-01", "month")
    assert values("Ieri sera il ministro ha risposto.", "2023-06")[0][1:] == ("2023-06", "month")
    assert values("Domani il vertice si chiuderà.", "2023-06")[0][1:] == ("2023-06", "month")


def test_weekday_without_a_publication_date_is_unresolved():
    assert values("Mercoledì il segretario ha parlato ai giornalisti.", None)[0][1] is None
    assert values("Ieri il ministro ha risposto.", None)[0][1] is None


def test_relative_days_weeks_and_years():
    pub = "2022-02-10"
    assert values("Ieri il ministro ha risposto.", pub)[0][1] == "2022-02-09"
    assert values("Domani è atteso a Varsavia.", pub)[0][1] == "2022-02-11"
    assert values("La risposta arriverà la prossima settimana.", pub)[0][1:] == ("2022-02", "month")
    assert values("Alla fine del 2021 Mosca ha inviato le bozze.", pub)[0][1:] == ("2021-12", "month")
    assert values("Le bozze erano pronte alla fine dello scorso anno.", pub)[0][1] == "2021-12"


def test_years_need_a_cue_word():
    assert values("L'Alleanza lo promise nel 2008.", "2022-01-12")[0][1:] == ("2008", "year")
    assert values("Foto di archivio, 1920 pixel di larghezza.", "2022-01-12") == []


@pytest.mark.parametrize("text", [
    "Il colloquio è durato circa un'ora e trenta minuti.",
    "Quasi 100.000 soldati sono schierati al confine.",
    "La multa è di 20,5 milioni di dollari.",
    "La NATO ha 30 membri.",
])
def test_durations_and_numbers_are_not_times(text):
    assert values(text, "2022-01-12") == []


def test_stage_fills_document_times_with_spans():
    text = "Oggi il ministro ha parlato con il collega."
    doc = annotate(Document(Article(id="x", origin="t", raw_hash="h", format="text", text=text,
                                    published="2022-02-01", published_precision="day")))
    (ref,) = doc.times
    assert text[ref.start:ref.end] == "Oggi" and ref.value == "2022-02-01"
    assert ref.stage == "cronaca.times.rules.v1"


def _sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans cut after each full stop (the tests' texts have no abbreviations)."""
    spans, start = [], 0
    for m in re.finditer(r"\.(?:\s+|$)", text):
        spans.append(Span(start, m.end()))
        start = m.end()
    return tuple(spans)


def dated(text: str, published: str) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_times(text, published, _sentences(text))]


def test_a_day_without_year_goes_on_in_the_year_the_text_tells():
    text = ("La disputa commerciale comincia nel 2016. Il 14 marzo il governo annuncia i dazi. "
            "Il 2 aprile arriva la risposta dei partner. Il 9 maggio gli esportatori protestano.")
    assert dated(text, "2017-06-01") == [("nel 2016", "2016"), ("14 marzo", "2016-03-14"),
                                         ("2 aprile", "2016-04-02"), ("9 maggio", "2016-05-09")]


def test_a_told_year_reaches_only_the_next_sentence():
    text = "Il trattato fu firmato nel 2010. Poi venne la crisi. Molte cose cambiarono. Il 3 maggio i ministri si sono visti."
    assert dated(text, "2017-06-01")[-1] == ("3 maggio", "2017-05-03")
    # a start bound ("dal 2010") tells since when, not the year the text is telling
    assert dated("Dal 2010 il confine è chiuso. Il 3 maggio i ministri si sono visti.", "2017-06-01")[-1] \
        == ("3 maggio", "2017-05-03")


def test_day_offsets_count_from_the_day_told_last():
    text = "Il 10 marzo 2015 il vertice si apre. Il giorno dopo, i leader firmano. Tre giorni dopo, il parlamento vota."
    assert dated(text, "2016-01-01") == [("10 marzo 2015", "2015-03-10"), ("Il giorno dopo", "2015-03-11"),
                                         ("Tre giorni dopo", "2015-03-14")]
    # "il giorno prima" counts back; a clause after it ("i sondaggi ...") is no event it is tied to
    assert dated("Il 5 giugno 2019 il voto. Il giorno prima si chiudevano i seggi.", "2019-06-10")[-1] \
        == ("Il giorno prima", "2019-06-04")


def test_day_offsets_tied_to_an_event_or_with_no_day_before_have_no_value():
    # the day after an event the text does not date is not the day after publication
    assert dated("Il giorno dopo l'attacco il governo ha protestato.", "2020-02-02") == [("Il giorno dopo", None)]
    assert dated("L'indomani del voto i partiti trattano.", "2020-02-02") == [("L'indomani", None)]
    assert dated("I ministri si sono incontrati. Il giorno dopo hanno firmato.", "2020-02-02") \
        == [("Il giorno dopo", None)]
    # a dated day too far back is no longer the one the text tells
    text = "Il 3 marzo 2019 il voto. Poi le trattative. Molti incontri. Lunghe attese. Il giorno dopo nulla."
    assert dated(text, "2019-06-10")[-1] == ("Il giorno dopo", None)


def test_a_day_or_month_said_past_or_to_come_keeps_its_direction():
    """"Scorso" and "prossimo" fix which side of the publication date a day or month without a
    year lies on, even where the nearest one lies on the other side; a capitalised month after
    "del" names something."""
    from cronaca.nlp.times import find_times

    def values(text: str, published: str) -> list[str | None]:
        return [t.value for t in find_times(text, published)]

    assert values("Assedia la città dal 4 aprile scorso.", "2019-12-15") == ["2019-04-04"]
    assert values("Lo aveva detto lo scorso 20 marzo.", "2016-03-21") == ["2016-03-20"]
    assert values("Lo aveva detto lo scorso 21 marzo.", "2016-03-21") == ["2015-03-21"]
    assert values("Il voto è fissato per il prossimo 10 gennaio.", "2021-12-30") == ["2022-01-10"]
    assert values("Si erano visti lo scorso aprile e il settembre scorso.", "2016-03-21") == ["2015-04", "2015-09"]
    assert values("Si vedranno il prossimo marzo.", "2016-03-21") == ["2017-03"]
    assert values("Lo aveva annunciato lo scorso mese di aprile.", "2016-05-02") == ["2016-04"]
    assert values("Le milizie del Movimento del 23 Marzo avanzano.", "2022-08-01") == []
    assert values("Il vertice del 23 marzo è confermato.", "2022-03-01") == ["2022-03-23"]
