"""End-to-end cleaning of hand-written pages in the style of scraped Italian news."""

from cronaca.ids import article_id
from cronaca.ingest.clean import clean
from cronaca.types import RawDocument

URL = "https://it.sputniknews.com/20230310/vertice-di-vienna-tajani-e-il-collega-austriaco-1234567.html"
TITLE = "Vertice di Vienna: Tajani e il collega austriaco parlano di energia"

PAGE = "\n".join([
    f" date 2023-03 {URL}",
    "",
    TITLE,
    "",
    TITLE,
    "",
    "Il capo della Farnesina ha raggiunto la capitale austriaca per un incontro di due ore... 10.03.2023, Sputnik Italia",
    "",
    "© Sputnik / Foto d'archivioIl ministro degli Esteri Antonio Tajani",
    "Seguici suTelegram",
    "Il ministro degli Esteri Antonio Tajani ha incontrato oggi a Vienna il collega austriaco, "
    "con cui ha discusso di forniture di gas e di sicurezza regionale.Il colloquio è durato due ore.",
    "Le prossime tappe",
    "Secondo la nota diffusa dalla Farnesina, i due ministri torneranno a vedersi entro l’estate "
    "per fare il punto sui «corridoi energetici».",
    "Notizie",
    "0",
    "Per partecipare alla discussione",
    "accedi o registrati",
    "Это строка на другом языке",
])


def make(text, **metadata):
    return RawDocument(origin="mem://page", text=text, format="text", raw_hash="h", metadata=metadata)


def test_title_body_and_every_removal_recorded():
    art = clean(make(PAGE))
    assert art.title == TITLE
    lines = art.text.split("\n")
    assert lines[0].startswith("Il ministro degli Esteri Antonio Tajani ha incontrato")
    assert lines[1] == "Le prossime tappe"  # an in-article subheading stays body
    assert lines[-1].endswith("«corridoi energetici».")
    removed = {r.text.strip(): r.reason for r in art.removed}
    assert removed[f"date 2023-03 {URL}"] == "crawler_header"
    assert removed[TITLE] == "repeated_title"
    assert removed["Seguici suTelegram"] == "social"
    assert removed["Notizie"] == "section_label"
    assert removed["0"] == "comment_widget"
    assert removed["Это строка на другом языке"] == "other_script"
    assert any(r.reason == "teaser" for r in art.removed)
    assert all(r.text in PAGE for r in art.removed)  # exact text, so a user can find it


def test_metadata_and_flags():
    art = clean(make(PAGE))
    assert art.url == URL
    assert art.outlet == "it.sputniknews.com"
    assert (art.published, art.published_precision) == ("2023-03-10", "day")
    assert art.published_evidence[0].source == "url"
    assert set(art.flags) == {"glued_sentences", "state_affiliated_outlet", "foreign_language_fragments"}
    assert art.language == "it"
    assert art.id == article_id(art.title, art.text)


def test_sentence_spans_point_into_the_text():
    art = clean(make(PAGE))
    texts = [art.text[s.start:s.end] for s in art.sentences]
    assert "Il colloquio è durato due ore." in texts
    assert all(0 <= s.start < s.end <= len(art.text) for s in art.sentences)


def test_mojibake_is_repaired_and_curly_quotes_kept():
    good = "Mosca e Kiev senza accordo\n\nL’incontro è stato «franco», ha detto il portavoce: “nessun accordo” per ora, però."
    for broken in (good.encode("utf-8").decode("latin-1"),
                   good.replace("”", "»").encode("utf-8").decode("cp1252")):
        art = clean(make(broken))
        assert "L’incontro è stato «franco»" in art.text
        assert "“nessun accordo" in art.text
    assert clean(make(good)).text == good.split("\n")[-1]  # clean text is left exactly as written


def test_foreign_more_stories_list_and_byline_removed():
    page = "\n".join([
        "Il governo italiano convoca l'ambasciatore dopo le dichiarazioni sul gas",
        "Il ministero ha convocato l'ambasciatore per chiarimenti sulle ultime dichiarazioni del suo governo.",
        "La convocazione è avvenuta nel pomeriggio, ha riferito una fonte diplomatica.",
        "«Amante del café. Escritor incansable. Experto en viajes y en política internacional».",
        "More Stories",
        "El gobierno anuncia nuevas medidas para la economía del país",
        "Las lluvias afectan a miles de personas en el norte del país",
    ])
    art = clean(make(page))
    assert art.text.split("\n")[-1].startswith("La convocazione è avvenuta")
    reasons = [r.reason for r in art.removed]
    assert reasons.count("foreign_language") + reasons.count("related_list") == 4
    assert "foreign_language_fragments" in art.flags


def test_container_metadata_is_used_as_evidence():
    page = "Un titolo qualunque su Mosca e Bruxelles\nIl testo dell'articolo parla di colloqui a Bruxelles tra diplomatici."
    art = clean(make(page, url="https://www.ansa.it/sito/notizie/mondo/2022/02/10/pezzo.html", published="2022-02-10"))
    assert art.outlet == "ansa.it"
    assert art.published == "2022-02-10"
    assert {e.source for e in art.published_evidence} == {"url", "metadata"}


def test_text_without_title_or_date_gets_none():
    page = ("BRUXELLES – I ministri si sono riuniti per discutere del bilancio comune e delle nuove regole "
            "sulla difesa europea, senza trovare un accordo definitivo.\nLa discussione riprenderà la prossima settimana.")
    art = clean(make(page))
    assert art.title is None
    assert art.published is None and art.published_evidence == ()
    assert art.outlet is None
    assert art.text.startswith("BRUXELLES – I ministri")


AGENCY_PAGE = "\n".join([
    " date 2022-03 https://www.ansa.it/sito/notizie/mondo/2022/03/05/colloqui_abc.html",
    "Ucraina, nuovi colloqui tra le delegazioni al confine",
    "Home » Mondo » Ucraina, nuovi colloqui tra le delegazioni",
    "Redazione ANSA",
    "05 marzo 2022 10:34",
    "2 minuti di lettura",
    "Suggerisci",
    "Facebook",
    "Twitter",
    "Altri",
    "Stampa",
    "(ANSA) - ROMA, 05 MAR - Le delegazioni si sono viste per la terza volta, ha riferito una fonte.",
    "«Ci sono stati piccoli progressi», ha detto il capo negoziatore, senza dare dettagli. (segue) (Red)",
    "Leggi anche",
    "Mosca annuncia una tregua nelle città assediate",
])


def test_agency_page_furniture_and_glued_credits():
    art = clean(make(AGENCY_PAGE))
    assert art.title == "Ucraina, nuovi colloqui tra le delegazioni al confine"
    assert art.text.split("\n") == [
        "ROMA, 05 MAR - Le delegazioni si sono viste per la terza volta, ha riferito una fonte.",
        "«Ci sono stati piccoli progressi», ha detto il capo negoziatore, senza dare dettagli.",
    ]
    reasons = {r.text: r.reason for r in art.removed}
    assert reasons["(ANSA)"] == "agency_credit"
    assert reasons["(segue) (Red)"] == "agency_credit"
    assert reasons["Suggerisci"] in ("section_label", "widget_run")
    assert reasons["2 minuti di lettura"] == "reading_time"
    assert reasons["Home » Mondo » Ucraina, nuovi colloqui tra le delegazioni"] == "breadcrumb"
    assert reasons["Mosca annuncia una tregua nelle città assediate"] == "related_list"
    assert (art.outlet, art.published) == ("ansa.it", "2022-03-05")
    assert art.flags == ()


def test_headline_quotes_are_not_mistaken_for_breadcrumbs():
    page = "Il vertice di Bruxelles si chiude senza intesa\nIl premier ha parlato di «passi avanti» e di «tempi lunghi» per un accordo."
    art = clean(make(page))
    assert art.text.startswith("Il premier ha parlato")
    assert art.removed == ()


def test_glued_update_stamp_aggregator_link_and_credits():
    page = "\n".join([
        " date 2022-01 (Aggiornata 16:08) «Le distanze restano ampie, ma il confronto continua». Così il portavoce.",
        "«Abbiamo scelto di parlarci», ha aggiunto. 🔗Leggi su Esempio.it",
        "(Tradotto da Redazione Esempio, in redazione a Roma Mario Bianchi)",
        "Tutti i diritti sono protetti Esempio.info - 2022",
    ])
    art = clean(make(page))
    assert art.text.split("\n") == [
        "«Le distanze restano ampie, ma il confronto continua». Così il portavoce.",
        "«Abbiamo scelto di parlarci», ha aggiunto.",
    ]
    assert [r.text.strip() for r in art.removed] == [
        "date 2022-01", "(Aggiornata 16:08)", "🔗Leggi su Esempio.it",
        "(Tradotto da Redazione Esempio, in redazione a Roma Mario Bianchi)",
        "Tutti i diritti sono protetti Esempio.info - 2022",
    ]
    assert (art.published, art.published_precision) == ("2022-01", "month")


def test_dateline_with_agency_inside_gives_day():
    page = " date 2022-01 Bruxelles, 12 gen. (LaPresse) – “Faremo ogni sforzo”. Lo ha detto il portavoce.\n© Copyright LaPresse - Riproduzione Riservata"
    art = clean(make(page))
    assert art.published == "2022-01-12"
    assert art.outlet == "lapresse.it"


def test_teaser_with_outlet_stamp_only_and_foreign_quote_kept():
    page = "\n".join([
        "Il vertice sulla sicurezza europea si apre a Vienna",
        "I ministri discuteranno delle proposte sul controllo degli armamenti e delle... Sputnik Italia",
        "«We stand with our partners», ha scritto il ministro degli Esteri britannico in un messaggio su Twitter.",
        "La riunione proseguirà anche domani con una sessione a porte chiuse.",
    ])
    art = clean(make(page))
    assert [r.reason for r in art.removed] == ["teaser"]
    assert art.text.startswith("«We stand with our partners», ha scritto")
    assert art.outlet == "it.sputniknews.com"
    assert "foreign_language_fragments" not in art.flags
