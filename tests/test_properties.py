"""Properties that hold for any input (issue 10): the readers, the cleaner, the date readers and
the time, entity, quote and event stages never let an exception escape, every span they return
lies inside the text it points into, the same input gives the same output, and cleaning a
cleaned article changes nothing.

Text is drawn two ways: arbitrary Unicode (what a hostile crawl holds) and "article-like" text
built from Italian news words, punctuation, quotes and line breaks (what reaches the deeper
rules). Examples per property are few enough for CI; hypothesis shrinks any failure to a
minimal case.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cronaca.errors import InputError
from cronaca.ingest.clean import clean
from cronaca.ingest.formats import read_paths
from cronaca.ingest.repair import repair
from cronaca.ingest.stamps import dateline, parse_date, url_date
from cronaca.pipeline import DEFAULT_STAGES, check_stages, load_stage
from cronaca.types import Document, Failure, RawDocument

#: Examples per property: a fixed, reproducible set in CI; CRONACA_EXAMPLES=3000 explores more
#: (random each run) when hunting for bugs.
EXAMPLES = os.environ.get("CRONACA_EXAMPLES")
SETTINGS = settings(max_examples=int(EXAMPLES or 50), deadline=None, derandomize=not EXAMPLES,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["il", "la", "ministro", "degli", "Esteri", "russo", "Sergej", "Lavrov", "ha", "detto",
         "che", "Mosca", "Ginevra", "Blinken", "Nato", "Ucraina", "incontro", "sanzioni", "oggi",
         "10", "gennaio", "2022", "martedì", "secondo", "fonti", "ANSA", "Roma", "vertice",
         "«", "»", "“", "”", "\"", ",", ".", ":", ";", "-", "(", ")", "l'", "all'", "dell'",
         "Putin", "Macron", "Unione", "europea", "Consiglio", "ha", "incontrato", "dichiarato",
         "ieri", "domani", "marzo", "2023", "presidente", "segretario", "Stato", "Washington"]

article_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(["\n", "\n\n", " date 2022-02 ", "  "])),
    min_size=1, max_size=120).map(" ".join)
any_text = st.text(min_size=0, max_size=400)
sentence = st.lists(st.sampled_from(WORDS[:28] + WORDS[38:]), min_size=6, max_size=20).map(
    lambda ws: " ".join(ws).capitalize() + ".")
headline = st.lists(st.sampled_from(WORDS[:28]), min_size=4, max_size=10).map(
    lambda ws: " ".join(ws).capitalize())
article = st.tuples(headline, st.lists(sentence, min_size=1, max_size=6)).map(
    lambda parts: parts[0] + "\n\n" + "\n".join(parts[1]))
texts = st.one_of(article_text, any_text)


def _raw(text: str, **metadata) -> RawDocument:
    return RawDocument("prova.txt", text, "text", "h", metadata)


def _clean_or_none(raw: RawDocument):
    try:
        return clean(raw)
    except InputError:  # refused with a reason (no article body): a documented outcome
        return None


# -- readers -----------------------------------------------------------------------------------

@SETTINGS
@given(data=st.binary(max_size=600), suffix=st.sampled_from(
    [".txt", ".html", ".jsonl", ".json", ".warc", ".gz", ""]))
def test_readers_never_raise_and_are_deterministic(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        first = list(read_paths([str(path)]))
        assert all(isinstance(i, (RawDocument, Failure)) for i in first)
        assert all(i.origin.startswith(str(path)) for i in first)
        assert list(read_paths([str(path)])) == first


@SETTINGS
@given(text=texts)
def test_text_readers_keep_what_they_decode(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.txt"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        for item in read_paths([str(path)]):
            if isinstance(item, RawDocument):
                assert item.text == text


# -- cleaner -----------------------------------------------------------------------------------

@SETTINGS
@given(text=texts)
def test_repair_is_idempotent(text):
    once = repair(text)
    assert repair(once) == once


@SETTINGS
@given(text=texts)
def test_cleaning_never_raises_spans_lie_inside_and_output_is_deterministic(text):
    article = _clean_or_none(_raw(text))
    if article is None:
        return
    assert article.text.strip()
    for span in article.sentences:
        assert 0 <= span.start <= span.end <= len(article.text)
    assert _clean_or_none(_raw(text)) == article


@SETTINGS
@given(text=article)
def test_cleaning_a_cleaned_article_changes_nothing(text):
    """The cleaned article given back as a record (its title, its body) cleans to itself.

    Drawn as articles are written (a headline, sentences ending in a full stop): on junk such
    as "la / « la / il" the zoning rules read neighbouring lines, and the neighbours cleaning
    removed change what is left. Given back as bare text it need not hold either: the evidence
    that made a line the title (the page printing it twice) is what cleaning removed.
    """
    article = _clean_or_none(_raw(text))
    if article is None or article.title is None:
        return
    again = clean(RawDocument("prova.jsonl#line=1", f"{article.title}\n\n{article.text}", "jsonl",
                              "h", {"title": article.title, "language": article.language}))
    assert (again.title, again.text) == (article.title, article.text)


# -- dates ---------------------------------------------------------------------------------------

def _is_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    date(parts[0], *(parts[1:] + [1, 1])[:2])
    return True


@SETTINGS
@given(text=texts)
def test_date_readers_return_real_dates_found_in_the_text(text):
    for stamp in (parse_date(text), dateline(text, "2022-01"), url_date(text)):
        if stamp is not None:
            assert _is_date(stamp.value) and stamp.precision in ("day", "month")


@SETTINGS
@given(published=st.one_of(st.none(), st.text(max_size=30), st.integers().map(str),
                           st.dates().map(date.isoformat)))
def test_publication_dates_are_real_and_never_in_the_future(published):
    article = _clean_or_none(_raw("Vertice a Bruxelles sulla difesa europea comune\n\nI ministri "
                                  "si sono riuniti a Bruxelles per discutere.", published=published))
    assert article is not None
    if article.published is not None:
        assert _is_date(article.published)
        tomorrow = date.fromordinal(date.today().toordinal() + 1).isoformat()
        assert article.published <= tomorrow[:len(article.published)]


# -- NLP stages -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stages():
    specs = check_stages(DEFAULT_STAGES)
    return [(spec.name, load_stage(spec)) for spec in specs]


def _spans(doc: Document):
    for m in doc.mentions:
        yield "mention", m.start, m.end, m.text
    for q in doc.quotes:
        yield "quote", q.start, q.end, q.text
        if q.cue_start is not None:
            yield "cue", q.cue_start, q.cue_end, None
        if q.speaker_start is not None:
            yield "speaker", q.speaker_start, q.speaker_end, None
    for t in doc.times:
        yield "time", t.start, t.end, t.text
    for e in doc.events:
        yield "event", e.start, e.end, None


@SETTINGS
@given(text=texts)
def test_stages_never_raise_keep_spans_inside_the_text_and_are_deterministic(stages, text):
    article = _clean_or_none(_raw(text))
    if article is None:
        return
    results = []
    for _ in range(2):
        doc = Document(article)
        for name, stage in stages:
            doc = stage(doc)
        results.append(doc)
    doc = results[0]
    assert results[1] == doc
    size = len(doc.article.text)
    for kind, start, end, surface in _spans(doc):
        assert 0 <= start <= end <= size, (kind, start, end, size)
        if surface is not None and kind in ("mention", "time"):
            assert doc.article.text[start:end] == surface, kind
