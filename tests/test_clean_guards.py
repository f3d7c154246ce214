"""What cleaning refuses or bounds, so that nothing hollow or absurd is stored (issue 10, defects
5 and 9): empty bodies, impossible crawler-header and publication dates, huge titles, control and
bidi-override characters."""

from __future__ import annotations

import pytest

from cronaca.errors import EmptyInput
from cronaca.ingest.clean import MAX_TITLE_CHARS, clean
from cronaca.ingest.metadata import implausible
from cronaca.types import RawDocument

TITLE = "Vertice a Bruxelles sulla difesa europea comune"
BODY = ("I ministri della Difesa si sono riuniti a Bruxelles per discutere della produzione di "
        "munizioni e del sostegno militare all'Ucraina.\n"
        "Il commissario ha detto che un nuovo incontro si terrà entro l'estate.")


def raw(text: str, **metadata) -> RawDocument:
    return RawDocument("prova.txt", text, "text", "h", metadata)


@pytest.mark.parametrize("text", [
    f"{TITLE}\n\nCondividi su Facebook\nTwitter\nWhatsApp\nLeggi anche\n",  # furniture only
    "questo non è gzip ma ha il nome sbagliato\n",  # a title alone (a .gz that is not gzip)
    f" date 2022-02 https://x.it/a\n\n{TITLE}\n",
])
def test_no_article_body_is_refused(text):
    with pytest.raises(EmptyInput, match="no article body"):
        clean(raw(text))


@pytest.mark.parametrize("header", ["date 2022-02-30", "date 31/02/2022",
                                    "date 2022-02-30 https://notizie.example.it/a"])
def test_an_impossible_header_date_is_a_header_not_the_title(header):
    article = clean(raw(f" {header}\n\n{TITLE}\n\n{BODY}\n"))
    assert article.title == TITLE
    assert article.text == BODY
    assert article.published is None
    assert [r.reason for r in article.removed] == ["crawler_header"]


def test_a_full_header_date_gives_its_day():
    """The guide takes the most specific date a page gives for itself, the header's included."""
    article = clean(raw(f" date 10/02/2022\n\n{TITLE}\n\n{BODY}\n"))
    assert (article.title, article.published, article.published_precision) == (TITLE, "2022-02-10", "day")


@pytest.mark.parametrize("published, reason", [
    ("0000-00", "not a date that exists"), ("9999", "in the future"),
    ("2999-12-31", "in the future"), ("1644500000", "not a date that exists"),
    ("0001-01-01", "before 1900"),
])
def test_impossible_publication_dates_are_no_evidence_and_are_kept_as_given(published, reason):
    article = clean(raw(f"{TITLE}\n\n{BODY}\n", published=published))
    assert article.published is None and not article.published_evidence
    assert article.metadata["published"] == published
    [rejected] = article.metadata["published_rejected"]
    assert rejected.startswith(repr(published)) and rejected.endswith(reason)


def test_a_good_date_is_still_taken():
    article = clean(raw(f"{TITLE}\n\n{BODY}\n", published="2022-02-10T09:30:00+01:00"))
    assert (article.published, article.published_precision) == ("2022-02-10", "day")
    assert "published_rejected" not in article.metadata
    assert implausible("2022-02-10") is None


def test_a_huge_title_is_cut_and_the_language_comes_from_the_words():
    huge = "T" * 140_000
    article = clean(RawDocument("dump.jsonl#line=1", f"{huge}\n\n{BODY}", "jsonl", "h",
                                {"title": huge}))
    assert article.language == "it"
    assert article.text == BODY
    assert article.title == "T" * MAX_TITLE_CHARS + "…"
    assert article.removed[-1].reason == "title_too_long"
    assert len(article.removed[-1].text) == 140_000 - MAX_TITLE_CHARS


def test_control_and_bidi_override_characters_are_removed_from_title_text_and_names():
    title = "Vertice\u202e a Bruxelles\x00 sulla difesa\u2066 europea comune"
    body = BODY.replace("ministri", "mini\x1bstri")
    article = clean(raw(f"{title}\n\n{body}\n",
                        outlet="Agenzia\u202eNova\x07", url="https://x.it/\u202ea"))
    assert article.title == TITLE
    assert "ministri" in article.text and "\x1b" not in article.text
    assert article.outlet == "x.it" and article.url == "https://x.it/a"
    assert article.metadata["outlet"] == "AgenziaNova"


def test_right_to_left_marks_are_kept():
    text = "\u200fمرحبا\u200e"
    from cronaca.ingest.repair import plain

    assert plain(text) == text
