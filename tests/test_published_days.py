"""The articles per publication date and their pk bounds (``cronaca.store.datespans``), kept by
triggers, always hold what a recount of ``articles`` gives: after new articles, an article
analysed again with another date, a deletion, and on a store written before the table existed.
Both backends."""

from __future__ import annotations

import dataclasses

import pytest
from store_docs import geneva, mosca, plain

from cronaca.store import datespans, migrations
from cronaca.store.base import open_store


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def recount(conn) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute(
        "SELECT published, count(*) FROM articles WHERE published IS NOT NULL GROUP BY published")}


def kept(conn) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT published, articles FROM published_days WHERE articles > 0")}


def assert_in_step(conn) -> None:
    """Counts exact; every article's pk inside its date's bounds."""
    assert kept(conn) == recount(conn)
    outside = conn.execute("SELECT count(*) FROM articles a JOIN published_days d ON d.published = a.published"
                           " WHERE a.pk < d.min_pk OR a.pk > d.max_pk").fetchone()[0]
    assert outside == 0


def test_new_articles_are_counted_per_date(store):
    store.add_documents([geneva(), mosca(),
                         plain("Senza data", "Un testo senza data.", published=None),
                         plain("Stesso giorno", "Un altro testo.", published="2022-01-12", raw="s")])
    assert_in_step(store.conn)
    assert kept(store.conn)["2022-01-12"] == 2
    assert datespans.count(store.conn, "2022-01-01", "2022-01-31") == 3
    assert datespans.count(store.conn, "2022-01-13", None) == 1  # Geneva's, the 21st
    pks = {r[0]: r[1] for r in store.conn.execute("SELECT published, pk FROM articles WHERE published IS NOT NULL")}
    assert datespans.pk_range(store.conn, "2022-01-13", "2022-01-31") == (pks["2022-01-21"],) * 2
    assert datespans.pk_range(store.conn, "2030-01-01", None) is None


def test_an_article_analysed_again_with_another_date_moves(store):
    store.add_documents([geneva(published="2022-01")])
    store.add_documents([dataclasses.replace(geneva(published="2022-01-20"))])
    assert_in_step(store.conn)
    assert "2022-01" not in kept(store.conn) and kept(store.conn)["2022-01-20"] == 1


def test_a_deleted_article_leaves_its_date(store):
    store.add_documents([geneva(), mosca()])
    with store.transaction():
        store.conn.execute("DELETE FROM articles WHERE id = ?", (mosca().id,))
    assert_in_step(store.conn)
    assert datespans.count(store.conn, None, None) == 1


def test_a_store_written_before_the_table_gets_it(store_url):
    with open_store(store_url) as store:
        store.add_documents([geneva(), mosca()])
        with store.transaction():
            if store.dialect.sqlite:
                for trigger in ("insert", "delete", "update"):
                    store.conn.execute(f"DROP TRIGGER published_days_{trigger}")
            else:
                store.conn.execute("DROP FUNCTION published_days_count() CASCADE")  # and its triggers
            store.conn.execute("DROP TABLE published_days")
            store.conn.execute("DELETE FROM migrations WHERE name = '0007_published_days'")
    with open_store(store_url) as store:
        assert "0007_published_days" in migrations.applied(store.conn)
        assert_in_step(store.conn)
        store.add_documents([plain("Dopo", "Un testo nuovo.", published="2022-02-02", raw="n")])
        assert_in_step(store.conn)


def test_the_store_check_reports_counts_out_of_step(store):
    store.add_documents([geneva(), mosca()])
    assert store.check() == []
    with store.transaction():
        store.conn.execute("UPDATE published_days SET articles = articles + 1 WHERE published = '2022-01-21'")
    assert any("publication dates" in p for p in store.check())
