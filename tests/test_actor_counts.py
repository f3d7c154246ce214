"""The per-actor counts kept at write time (``cronaca.store.actorstats``) always equal a recount
from the annotations: after new articles, a richer copy analysed again, the linker marking and
unmarking copies, and on a store written before the counts existed. Both backends."""

from __future__ import annotations

import dataclasses

import pytest
from store_docs import geneva, mosca, plain

from cronaca.store import actorstats, migrations
from cronaca.store.base import open_store
from cronaca.store.sqlstore import all_migrations


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def assert_in_step(store) -> None:
    assert actorstats.kept(store.conn) == actorstats.recount(store.conn)
    kept_about, derived_about = actorstats.about_rows(store.conn)
    assert kept_about == derived_about
    kept_rows, derived_rows = actorstats.actor_rows(store.conn)
    assert kept_rows == derived_rows


def test_new_articles_add_their_counts(store):
    store.add_documents([geneva(), mosca(), plain("Nessuno", "Un testo senza attori.")])
    assert_in_step(store)
    lavrov = actorstats.totals(store.conn, "sergey-lavrov")
    assert lavrov == {"mentions": 2, "articles": 1, "quotes_by": 1, "events_source": 1,
                      "events_target": 0}
    assert actorstats.totals(store.conn, "nato")["events_target"] == 1  # a target never mentioned
    assert actorstats.totals(store.conn, "nobody") == dict.fromkeys(actorstats.TOTALS, 0)
    days = actorstats.kept(store.conn)[1]
    assert days[("russia", "2022-01-12", 1)] == (1, 0)  # Sputnik's article: state-affiliated
    assert days[("sergey-lavrov", "2022-01-21", 0)] == (1, 0)
    # Blinken's quotation names the United States and Ukraine: it is about them, not about him
    about = {row[0] for row in actorstats.about_rows(store.conn)[0]}
    assert {"united-states", "ukraine"} <= about and "antony-blinken" not in about


def test_a_second_identical_copy_counts_once(store):
    store.add_documents([geneva()])
    store.add_documents([geneva(), geneva(raw="r9", outlet="agi.it")])
    assert_in_step(store)
    assert actorstats.totals(store.conn, "sergey-lavrov")["articles"] == 1


def test_an_article_analysed_again_moves_its_counts(store):
    """A richer copy replaces the analysis and the date: the old day loses the article."""
    first = geneva(published="2022-01")
    store.add_documents([first])
    richer = geneva(published="2022-01-20")
    fewer = dataclasses.replace(richer, mentions=richer.mentions[:3], quotes=richer.quotes[:1])
    store.add_documents([fewer])
    assert_in_step(store)
    days = actorstats.kept(store.conn)[1]
    assert ("sergey-lavrov", "2022-01", 0) not in days
    assert days[("sergey-lavrov", "2022-01-20", 0)] == (1, 0)
    assert "united-states" not in actorstats.kept(store.conn)[0] or \
        actorstats.totals(store.conn, "united-states")["mentions"] == 0
    assert not actorstats.about_rows(store.conn)[0]  # the quotation naming them is gone


def test_copies_marked_and_unmarked_by_the_linker_follow(store):
    a, b = geneva(), mosca(published="2022-01-21", flags=())
    c = plain("Ancora Lavrov", "Sergej Lavrov ha parlato.", published="2022-01-21", raw="p3")
    c = dataclasses.replace(c, mentions=geneva().mentions[1:2])
    store.add_documents([a, b, c])
    with store.transaction():
        store.put_links("duplicate", [(b.id, a.id, 0.9)])
        store.conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (a.id, c.id))
    assert_in_step(store)
    assert actorstats.kept(store.conn)[1][("sergey-lavrov", "2022-01-21", 0)] == (2, 1)
    with store.transaction():
        store.conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (b.id, c.id))  # still a copy
    assert_in_step(store)
    with store.transaction():
        store.reset_links()
    assert_in_step(store)
    assert actorstats.kept(store.conn)[1][("sergey-lavrov", "2022-01-21", 0)] == (2, 0)
    # analysed again while a copy: it stays a copy in the counts
    with store.transaction():
        store.conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (a.id, c.id))
    store.add_documents([c])
    assert_in_step(store)


def test_a_store_written_before_the_counts_gets_them(store_url):
    with open_store(store_url) as store:
        store.add_documents([geneva(), mosca()])
        with store.transaction():
            store.conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?",
                               (geneva().id, mosca().id))
            store.conn.execute("DROP TABLE actor_totals")
            store.conn.execute("DROP TABLE actor_days")
            if store.dialect.sqlite:
                store.conn.execute("DROP TRIGGER actor_days_copies")
            else:
                store.conn.execute("DROP FUNCTION actor_days_copies() CASCADE")  # and its trigger
            store.conn.execute("DROP TABLE quotes_about")
            store.conn.execute("DROP TABLE actor_rows")
            store.conn.execute("DELETE FROM migrations WHERE name IN ('0005_actor_counts', '0006_quotes_about',"
                               " '0008_actor_rows')")
    with open_store(store_url) as store:
        assert {"0005_actor_counts", "0006_quotes_about", "0008_actor_rows"} <= set(migrations.applied(store.conn))
        assert_in_step(store)
        assert actorstats.kept(store.conn)[1][("russia", "2022-01-12", 1)] == (1, 1)
        with store.transaction():
            store.conn.execute("UPDATE articles SET duplicate_of = NULL")
        assert_in_step(store)
    assert [m.name for m in all_migrations()].count("0005_actor_counts") == 1


def test_the_actor_page_lists_are_the_newest_rows_by_date(tmp_path):
    """The latest quotations and events of an actor page, read as index ranges of the kept rows,
    are those a sort of every row by the article's date gives (copies left out)."""
    from web_corpus import build_store

    from cronaca.web import queries

    db = tmp_path / "kb.db"
    build_store(db, tmp_path)
    with open_store(str(db)) as store:
        conn = store.conn
        live = queries.originals_only(conn)
        seen = 0
        for actor_id, _ in conn.execute("SELECT actor_id, quotes_by + events_source + events_target "
                                        "FROM actor_totals ORDER BY 2 DESC LIMIT 6").fetchall():
            counts = actorstats.totals(conn, actor_id)
            lists = queries._actor_lists(conn, actor_id, counts, 3)
            for key, table, column in (("quotes_by", "quotes", "speaker_id"),
                                       ("events_source", "events", "source_id"),
                                       ("events_target", "events", "target_id")):
                expected = [r[0] for r in conn.execute(
                    f"SELECT t.id FROM {table} t JOIN articles a ON a.id = t.article_id "
                    f"WHERE t.{column} = ? AND {live} ORDER BY coalesce(a.published, '') DESC, t.id DESC "
                    "LIMIT 3", (actor_id,))]
                assert [r["id"] for r in lists[key]] == expected, (actor_id, key)
                seen += len(expected)
        assert seen >= 20
