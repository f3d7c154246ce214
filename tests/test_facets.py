"""The search page's filter choices (``web.queries.facets``) are every distinct outlet, event
type, language and flag of the store, read one index seek per value (migration 0009 and
``Dialect.distinct_values``): the same answer as a pass over every article. Both backends."""

from __future__ import annotations

import dataclasses
import json

import pytest
from store_docs import geneva, mosca, plain

from cronaca.store.base import open_store
from cronaca.store.dialect import dialect_of
from cronaca.types import Document
from cronaca.web import queries


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def _in(language: str, raw: str, outlet: str | None) -> Document:
    doc = plain(f"Articolo {raw}", f"Un testo scritto per la prova {raw}.", raw=raw, outlet=outlet)
    return dataclasses.replace(doc, article=dataclasses.replace(doc.article, language=language))


def _recount(conn) -> dict:
    """The choices as a pass over every row gives them."""
    rows = conn.execute("SELECT outlet, language, flags FROM articles").fetchall()
    return {"outlets": sorted({r[0] for r in rows if r[0] is not None}),
            "languages": sorted({r[1] for r in rows}),
            "flags": sorted({f for r in rows for f in json.loads(r[2])}),
            "event_types": sorted({r[0] for r in conn.execute("SELECT type FROM events")})}


def test_facets_are_every_distinct_value(store):
    store.add_documents([geneva(), mosca(), _in("en", "e1", "bbc.co.uk"), _in("fr", "f1", None),
                         _in("it", "i1", "ansa.it"), _in("en", "e2", "bbc.co.uk")])
    got = queries.facets(store)
    want = _recount(store.conn)
    assert [o["value"] for o in got["outlets"]] == want["outlets"] == [
        "ansa.it", "bbc.co.uk", "sputniknews.com"]
    assert got["languages"] == want["languages"] == ["en", "fr", "it"]
    assert got["flags"] == want["flags"] == ["machine_translated", "state_affiliated_outlet"]
    assert got["event_types"] == want["event_types"] and got["event_types"]


def test_an_empty_store_offers_no_choices(store):
    got = queries.facets(store)
    assert (got["outlets"], got["languages"], got["flags"], got["event_types"]) == ([], [], [], [])


def test_sqlite_reads_each_value_off_an_index(db_path):
    with open_store(str(db_path)) as s:
        for table, column in (("articles", "outlet"), ("articles", "language"), ("articles", "flags"),
                              ("events", "type")):
            plan = " ".join(str(tuple(r)) for r in s.conn.execute(
                "EXPLAIN QUERY PLAN " + dialect_of(s.conn).distinct_values(table, column)))
            assert "SCAN" not in plan.replace("SCAN v", ""), (column, plan)
            assert "INDEX" in plan, (column, plan)
