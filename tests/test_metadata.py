"""Publication date, outlet and URL from the strongest evidence; never an invented date."""

import pytest

from cronaca.ingest.clean import clean
from cronaca.ingest.stamps import url_date
from cronaca.resources.outlets import load_outlets
from cronaca.types import RawDocument


def make(text, **metadata):
    return RawDocument(origin="mem://t", text=text, format="text", raw_hash="h", metadata=metadata)


BODY = "Il ministro ha incontrato il collega a Bruxelles per discutere delle sanzioni e della difesa comune."


def test_dateline_gives_the_day_and_source_credit_the_outlet():
    page = ("Russia/Francia - Colloquio tra i due presidenti\n\n"
            "Mosca, 14 marzo 2022 - Il presidente ha avuto una conversazione telefonica con l'omologo francese.\n\n"
            "(Fonte: kremlin.ru)\n")
    art = clean(make(page))
    assert (art.published, art.published_precision) == ("2022-03-14", "day")
    assert art.published_evidence[0].source == "dateline"
    assert art.outlet == "kremlin.ru"
    assert "state_affiliated_outlet" in art.flags
    assert any(r.text == "(Fonte: kremlin.ru)" and r.reason == "source_credit" for r in art.removed)


def test_header_gives_only_a_month():
    art = clean(make(f" date 2022-05 \n\n{BODY}"))
    assert (art.published, art.published_precision) == ("2022-05", "month")


def test_a_header_with_a_day_gives_the_day():
    art = clean(make(f" date 2025-10-12 {BODY}"))
    assert (art.published, art.published_precision) == ("2025-10-12", "day")
    assert art.text.startswith("Il ministro")


def test_a_stamp_of_another_month_loses_to_a_header_day():
    page = f" date 2022-02-03 Titolo del pezzo sul vertice\n\n22 luglio 2021\n\n{BODY}"
    assert clean(make(page)).published == "2022-02-03"


def test_year_less_agency_dateline_takes_the_year_of_the_header_month():
    art = clean(make(f" date 2022-02 (ANSA) - LONDRA, 10 FEB - {BODY}"))
    assert art.published == "2022-02-10"
    assert any(r.text == "(ANSA)" for r in art.removed)
    assert art.text.startswith("LONDRA, 10 FEB")


def test_own_stamp_beats_related_card_stamp_and_names_the_outlet():
    page = "\n".join([
        "Kiev chiede nuove armi agli alleati europei",
        "Il presidente ucraino durante il discorso - Sputnik Italia, 1920, 03.02.2022",
        BODY,
        "Il palazzo del governo a Kiev - Sputnik Italia, 1920, 28.01.2022",
        "Mosca accusa l'Occidente di alimentare la tensione",
        "Il portavoce ha ribadito che nessuna decisione è stata presa sulla missione.",
    ])
    art = clean(make(page))
    assert art.published == "2022-02-03"
    assert art.outlet == "it.sputniknews.com"
    related = [r for r in art.removed if r.reason == "related_card"]
    assert [r.text for r in related][-1] == "Mosca accusa l'Occidente di alimentare la tensione"
    assert art.published_evidence[-1].source == "related"


def test_a_day_that_contradicts_the_header_month_loses_to_it():
    page = f" date 2022-02 © Agenzia Nova - Riproduzione riservata\n\nMinistro degli Esteri\n\n22 luglio 2021\n\n- {BODY}"
    art = clean(make(page))
    assert art.published == "2022-02"
    assert art.outlet == "agenzianova.com"
    assert art.title is None


@pytest.mark.parametrize("stamp", ["[8 marzo 2023]", "18.45 - giovedì 8 marzo 2023", "8 marzo 2023 a",
                                   "Giovedì 8 Marzo 2023, 18:45 - Ultimo aggiornamento: 9 Marzo, 10:02"])
def test_a_stamp_line_with_its_own_words_dates_the_day_and_leaves_the_body(stamp):
    """A short line holding a full date and only a stamp's words (time, weekday, brackets,
    "ultimo aggiornamento", one stray word) is the page's stamp: it dates the article to the day
    the header gave the month of, and is not the body's first line."""
    art = clean(make(f" date 2023-03 \n\nUn titolo qualunque sul vertice\n\n{stamp}\n\n{BODY}"))
    assert (art.published, art.published_precision) == ("2023-03-08", "day")
    assert art.text.startswith("Il ministro")


@pytest.mark.parametrize("line", ["Il vertice del 8 marzo 2023 si è chiuso senza accordo",
                                  "Mosca e Kiev, 8 marzo 2023: tregua violata"])
def test_a_short_line_of_text_with_a_date_stays_text(line):
    art = clean(make(f" date 2023-03 \n\nUn titolo qualunque sul vertice\n\n{line}\n\n{BODY}"))
    assert line in art.text


@pytest.mark.parametrize("stamp, value", [
    ("14 novembre 2022 a", "2022-11-14"),
    ("20.29 - lunedì 14 novembre 2022", "2022-11-14"),
    ("11 settembre 2001: il giorno che cambiò il mondo", "2022-11"),  # another month: no stamp
])
def test_a_day_stamp_glued_to_the_header_month_gives_the_day(stamp, value):
    # the crawler wrote the page's own day stamp on its header line: the body opens with it
    art = clean(make(f" date 2022-11 {stamp}\n\n{BODY}"))
    assert art.published == value


def test_a_day_stamp_after_the_subtitle_or_opening_a_short_line_gives_the_day():
    subtitle = "Il vertice si chiude con una dichiarazione comune dei ministri"
    art = clean(make(f" date 2021-07 Titolo del pezzo sul vertice\n\n{subtitle}\n\n[26 luglio 2021]\n\n{BODY}"))
    assert art.published == "2021-07-26"
    art = clean(make(f"Titolo del pezzo sul vertice\n\nLunedì 17 marzo 2014, 17:04 - Aggiornato alle 18:30\n\n{BODY}"))
    assert art.published == "2014-03-17"
    # without a month to agree with, a date inside a longer line is no stamp
    art = clean(make(f"Titolo del pezzo sul vertice\n\nNel vertice del 17 marzo 2014 i ministri hanno discusso "
                     f"a lungo delle sanzioni e della difesa comune europea.\n\n{BODY}"))
    assert art.published is None


def test_no_evidence_no_date():
    art = clean(make(f"Titolo dell'articolo senza data alcuna\n\n{BODY}"))
    assert art.published is None and art.published_precision is None


def test_container_url_beats_header_and_gives_outlet():
    art = clean(make(f" date 2022-02 \n{BODY}", url="https://www.ilpost.it/2022/02/10/pezzo/"))
    assert art.url == "https://www.ilpost.it/2022/02/10/pezzo/"
    assert (art.outlet, art.published) == ("ilpost.it", "2022-02-10")


@pytest.mark.parametrize("url,value,precision", [
    ("https://it.sputniknews.com/20220121/titolo-123.html", "2022-01-21", "day"),
    ("https://www.ilpost.it/2022/02/10/titolo/", "2022-02-10", "day"),
    ("https://www.agenzianova.com/a/x/3842414/2022-03-19/titolo", "2022-03-19", "day"),
    ("https://delegazioneosce.esteri.it/it/news/2022/02/intervento/", "2022-02", "month"),
    ("https://www.eastjournal.net/archives/124035", None, None),
    ("https://www.esempio.it/27-07-2023/940698-titolo/", "2023-07-27", "day"),
    ("https://tg.esempio.it/esteri/titolo-del-pezzo-31-10-2022-177176", "2022-10-31", "day"),
    ("https://www.esempio.it/news/titolo-99-99-2022-1", None, None),
    ("https://www.esempio.it/esteri/17_aprile_06/titolo-9ca14b62.shtml", "2017-04-06", "day"),
    ("https://www.esempio.it/esteri/2019-marzo-12/titolo", "2019-03-12", "day"),
    ("https://www.esempio.it/esteri/19_ciao_06/titolo", None, None),
])
def test_url_dates(url, value, precision):
    stamp = url_date(url)
    assert (stamp.value if stamp else None, stamp.precision if stamp else None) == (value, precision)


def test_outlet_profiles_lookup_and_user_extension(tmp_path, monkeypatch):
    index = load_outlets()
    assert index.for_name("Sputnik Italia").domain == "it.sputniknews.com"
    assert index.for_domain("https://www.rt.com/news/x").state_affiliated
    assert not index.for_domain("edition.reuters.com/x").state_affiliated
    extra = tmp_path / "mine.json"
    extra.write_text('{"outlets": [{"domain": "esempio.it", "name": "Esempio", "state_affiliated": true}]}')
    monkeypatch.setenv("CRONACA_OUTLETS", str(extra))
    assert load_outlets().for_domain("www.esempio.it").name == "Esempio"


@pytest.mark.parametrize("value,expected", [
    ("2022-02-10T12:30:00+01:00", "2022-02-10"),
    ("Thu, 10 Feb 2022 12:30:00 GMT", "2022-02-10"),
    ("10/02/2022", "2022-02-10"),
    ("10 febbraio 2022", "2022-02-10"),
    ("2022-02", "2022-02"),
    ("domani", None),
])
def test_container_dates_in_common_forms(value, expected):
    art = clean(make(f"Un titolo qualunque per questo articolo\n{BODY}", published=value))
    assert art.published == expected


def test_outlet_from_copyright_line_domain_when_unknown():
    page = ("Il vertice si chiude con una dichiarazione comune dei leader\n"
            f"{BODY} 🔗Leggi su Esempionotizie.it © Esempionotizie.it - Il vertice si chiude\n")
    art = clean(make(page))
    assert art.text == BODY
    assert art.outlet == "esempionotizie.it"


@pytest.mark.parametrize("banner", [
    "Proseguendo nella navigazione accetti l'utilizzo dei cookies.",
    "Continuando a navigare su questo sito acconsenti all'uso dei cookie.",
])
def test_a_cookie_banner_line_is_furniture_and_the_title_follows_it(banner):
    art = clean(make(f"Questo sito utilizza cookies tecnici e analitici.\n{banner}\n\n"
                     f"Il ministro incontra il collega a Bruxelles\n\n{BODY}"))
    assert art.title == "Il ministro incontra il collega a Bruxelles"
    assert any(r.text == banner for r in art.removed)


@pytest.mark.parametrize("kicker", ["balcani", "Ecologia"])
def test_one_word_above_the_headline_is_its_section_not_the_title(kicker):
    art = clean(make(f"{kicker}\n\nIl ministro incontra il collega a Bruxelles\n\n{BODY}"))
    assert art.title == "Il ministro incontra il collega a Bruxelles"
    assert art.text.startswith("Il ministro ha incontrato")


def test_a_one_word_line_before_a_sentence_is_not_taken_for_a_section():
    # the line after it is body text, not a headline: nothing says the word is a section label
    art = clean(make(f"Bruxelles\n\n{BODY}\n\n{BODY}"))
    assert art.text.startswith("Bruxelles\n")
    assert not any(r.reason == "section_label" for r in art.removed)


def test_a_dateline_without_a_year_takes_it_from_the_day_the_text_states():
    body = ("Parigi, 12 dic. (Agenzia) - Il ministro ha detto che il 12 dicembre 2015 resterà una data "
            "importante per il clima.")
    assert clean(make(f"Il vertice sul clima si chiude a Parigi\n\n{body}")).published == "2015-12-12"
    other_day = body.replace("il 12 dicembre 2015", "il 30 novembre 2015")
    assert clean(make(f"Il vertice sul clima si chiude a Parigi\n\n{other_day}")).published is None


def test_the_bodys_first_line_cut_short_above_it_is_a_teaser_not_the_title():
    cut = "Il ministro ha incontrato il collega a Bruxelles per discutere"
    art = clean(make(f"{cut}\n{BODY}\n{BODY}"))
    assert art.title is None
    assert any(r.text == cut and r.reason == "teaser" for r in art.removed)
    assert art.text.startswith(BODY)


def test_a_sentence_broken_over_two_lines_is_body_not_a_title():
    art = clean(make(f"Al vertice di Bruxelles si è svolto l'incontro tra i ministri con la partecipazione\n\n"
                     f"di due commissari europei e del segretario generale.\n\n{BODY}"))
    assert art.title is None
    assert art.text.startswith("Al vertice di Bruxelles")


# Stamp forms beyond "7 dicembre 2022" and dd/mm/yyyy (pages written by other CMSs and in English).
STAMP_TITLE = "Il consiglio approva il nuovo piano per le scuole della provincia"
STAMP_BODY = ("Il consiglio provinciale ha approvato il piano con i voti della maggioranza e due astenuti. "
              "I lavori nelle scuole cominceranno in primavera, ha spiegato l'assessore ai giornalisti.")


@pytest.mark.parametrize("stamp", [
    "15-03-2021", "2021/03/15", "2021.03.15", "March 15, 2021", "Mar 15, 2021", "15 Mar 2021",
    "Monday, March 15, 2021", "15th March 2021", "Pubblicato il 15-03-2021 alle 09:40",
])
def test_stamp_forms_other_than_italian_words_are_read(stamp):
    art = clean(make(f"{STAMP_TITLE}\n{stamp}\n{STAMP_BODY}"))
    assert (art.published, art.published_precision) == ("2021-03-15", "day")
    assert stamp not in art.text


def test_ordinal_first_of_the_month():
    assert clean(make(f"{STAMP_TITLE}\n1° aprile 2021\n{STAMP_BODY}")).published == "2021-04-01"


@pytest.mark.parametrize("line", ["Torino, 15/03/2021 - ", "BERLIN, Mar 15, 2021 - "])
def test_dateline_with_a_numeric_or_month_first_date(line):
    assert clean(make(f"{STAMP_TITLE}\n{line}{STAMP_BODY}")).published == "2021-03-15"


def test_version_numbers_and_long_digit_runs_are_not_dates():
    art = clean(make(f"{STAMP_TITLE}\nCodice pratica 15-03-20215\n{STAMP_BODY}"))
    assert art.published is None


@pytest.mark.parametrize("url,value", [
    ("https://esempio.it/notizie/dettaglio/titolo-nRC_15032021_0940_123456.html", "2021-03-15"),
    ("https://esempio.it/notizie/pezzo_20210315_0940.html", "2021-03-15"),
    ("https://esempio.it/2021/03/15-88123456/titolo", "2021-03-15"),
    ("https://esempio.it/news/2021/03/2-3-03-2021-visita-del-ministro.html", "2021-03"),
])
def test_compact_url_days_and_numbered_slugs(url, value):
    stamp = url_date(url)
    assert stamp is not None and stamp.value == value


def test_an_id_that_is_no_day_is_not_a_url_date():
    assert url_date("https://esempio.it/mondo/titolo_49161733-202202k.shtml") is None


@pytest.mark.parametrize("line", [
    "di Carla Bianchi | 15 marzo 2021", "Carla Bianchi, 15/03/2021", "Redazione Esteri - 15 marzo 2021 09:40",
    "Scritto da Carla Bianchi il 15 marzo 2021", "Pubblicato il 15 marzo 2021 in Politica interna",
])
def test_a_byline_or_labelled_line_with_its_date_is_the_stamp(line):
    art = clean(make(f"{STAMP_TITLE}\n{line}\n{STAMP_BODY}"))
    assert art.published == "2021-03-15"
    assert art.title == STAMP_TITLE and art.text.startswith("Il consiglio provinciale")


def test_an_embedded_post_signature_is_not_the_page_stamp():
    page = f"{STAMP_TITLE}\n{STAMP_BODY}\n— Carla Bianchi (@carlabianchi) 15 marzo 2021\n{STAMP_BODY}"
    assert clean(make(page)).published is None


def test_a_body_line_with_a_date_is_not_a_byline_stamp():
    page = f"{STAMP_TITLE}\nIl voto è fissato per il 15 marzo 2021 a Torino\n{STAMP_BODY}"
    assert clean(make(page)).published is None
