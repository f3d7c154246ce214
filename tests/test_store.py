"""The store, on SQLite and on PostgreSQL: lossless round trips, idempotent upserts, provenance,
migrations, queries. ``store`` runs each test on both (``store_url`` in conftest.py)."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sqlite3

import pytest
from pg_server import free_port
from store_docs import LAVROV, geneva, mosca, plain

from cronaca.errors import QueryError, StoreError
from cronaca.store import migrations
from cronaca.store.base import Filters, Store, open_store
from cronaca.store.postgres import PostgresStore
from cronaca.store.sqlite import SQLiteStore


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def test_store_implements_the_protocol(store):
    assert isinstance(store, Store)
    if isinstance(store, SQLiteStore):
        assert isinstance(store.conn, sqlite3.Connection)
    else:
        assert isinstance(store, PostgresStore) and store.dialect.name == "postgresql"


def test_open_store_accepts_paths_and_sqlite_urls(db_path):
    with open_store(f"sqlite:///{db_path}") as s:
        assert s.meta()["articles"] == 0
    assert db_path.exists()


def test_an_unreachable_postgresql_url_says_what_to_check():
    url = f"postgresql://reader:s3cret@127.0.0.1:{free_port()}/news"
    with pytest.raises(StoreError) as err:
        open_store(url)
    message = str(err.value)
    assert "postgresql://reader:***@127.0.0.1" in message and "s3cret" not in message
    assert "server is running" in message and "createdb" in message


def test_a_missing_postgresql_database_is_named(pg_server):
    with pytest.raises(StoreError, match="no_such_db"):
        open_store(pg_server.url("no_such_db"))


def test_document_round_trip_is_lossless(store):
    doc = geneva()
    store.add_documents([doc])
    assert store.get_document(doc.id) == doc
    other = mosca()
    store.add_documents([other])
    assert store.get_document(other.id) == other


def test_unknown_id_gives_none(store):
    assert store.get_document("a_0000000000000000") is None


def test_documents_read_together_come_in_the_order_asked_as_read_one_by_one(store):
    docs = [geneva(), mosca()]
    store.add_documents(docs)
    ids = [docs[1].id, "a_0000000000000000", docs[0].id]
    assert store.get_documents(ids) == [store.get_document(docs[1].id), store.get_document(docs[0].id)]
    assert store.get_documents([]) == []


def test_same_article_twice_is_stored_once_and_both_origins_kept(store):
    first = geneva()
    result = store.add_documents([first])
    assert (result.stored, result.duplicates) == (1, 0)
    copy = dataclasses.replace(first, article=dataclasses.replace(
        first.article, origin="altro/copia.jsonl#line=3", raw_hash="h_other", format="jsonl"))
    result = store.add_documents([copy])
    assert (result.stored, result.duplicates) == (0, 1)
    assert store.count_articles() == 1
    origins = {p["origin"] for p in store.provenance(first.id)}
    assert origins == {"corpus/a.txt", "altro/copia.jsonl#line=3"}
    # the first origin stays the article's own
    assert store.get_document(first.id).article.origin == "corpus/a.txt"


def test_duplicates_inside_one_batch_count_once(store):
    doc = geneva()
    result = store.add_documents([doc, doc])
    assert (result.stored, result.duplicates) == (1, 1)


def test_readding_replaces_annotations(store):
    doc = geneva()
    store.add_documents([doc])
    fewer = dataclasses.replace(doc, quotes=doc.quotes[:1], events=())
    store.add_documents([fewer])
    got = store.get_document(doc.id)
    assert len(got.quotes) == 1 and got.events == ()
    assert store.meta()["events"] == 0


def test_a_copy_that_knows_less_keeps_the_originals_date_outlet_and_analysis(store):
    first = geneva()
    bare = dataclasses.replace(first, events=(), article=dataclasses.replace(
        first.article, origin="repost.txt", raw_hash="h_repost", published=None,
        published_precision=None, published_evidence=(), outlet=None, url=None))
    store.add_documents([first])
    store.add_documents([bare])  # the same body re-posted without date, outlet or address
    got = store.get_document(first.id)
    assert (got.article.published, got.article.outlet) == ("2022-01-21", "ansa.it")
    assert got.events == first.events
    assert {p["origin"] for p in store.provenance(first.id)} == {"corpus/a.txt", "repost.txt"}


def test_a_copy_that_knows_more_completes_the_article(store):
    first = geneva()
    bare = dataclasses.replace(first, article=dataclasses.replace(
        first.article, published=None, published_precision=None, published_evidence=(), outlet=None))
    store.add_documents([bare])
    store.add_documents([dataclasses.replace(first, article=dataclasses.replace(
        first.article, origin="dated.txt", raw_hash="h_dated"))])
    assert store.get_document(first.id).article.published == "2022-01-21"


def test_seen_raw_tells_what_was_ingested(store):
    store.add_documents([geneva()])
    assert store.seen_raw(["h_r1", "h_unknown"]) == {"h_r1"}
    assert store.seen_raw([]) == set()


def test_failed_batch_leaves_nothing_behind(store):
    good = geneva()
    bad = dataclasses.replace(mosca(), mentions=(dataclasses.replace(mosca().mentions[0], label=None),))
    with pytest.raises(StoreError):
        store.add_documents([good, bad])
    assert store.count_articles() == 0
    assert store.seen_raw(["h_r1"]) == set()


def test_postgresql_migrations_run_once_and_a_later_one_upgrades(pg_url):
    open_store(pg_url).close()
    with open_store(pg_url) as s:
        names = [r[0] for r in s.conn.execute("SELECT name FROM migrations ORDER BY seq")]
        assert names[:len(migrations.MIGRATIONS)] == [m.name for m in migrations.MIGRATIONS]
        assert s.meta()["schema_version"] == names[-1] and len(names) == len(set(names))
        extra = migrations.Migration("9999_test_extra", "CREATE TABLE extra (x INTEGER, y REAL);")
        assert migrations.migrate(s.conn, [*migrations.MIGRATIONS, extra]) == ["9999_test_extra"]
        assert migrations.migrate(s.conn, [*migrations.MIGRATIONS, extra]) == []
        types = dict(s.dialect.columns(s.conn, "extra"))
        assert types == {"x": "INTEGER", "y": "REAL"}


def test_migrations_run_once_and_are_recorded(db_path):
    SQLiteStore(db_path).close()
    with SQLiteStore(db_path) as s:
        names = [r[0] for r in s.conn.execute("SELECT name FROM migrations")]
        assert names == [m.name for m in migrations.MIGRATIONS] + names[len(migrations.MIGRATIONS):]
        assert s.meta()["schema_version"] == names[-1]


def test_a_later_migration_upgrades_an_old_file(db_path):
    SQLiteStore(db_path).close()
    conn = sqlite3.connect(db_path)
    extra = migrations.Migration("9999_test_extra", "CREATE TABLE extra (x INTEGER);")
    assert migrations.migrate(conn, [*migrations.MIGRATIONS, extra]) == ["9999_test_extra"]
    assert migrations.migrate(conn, [*migrations.MIGRATIONS, extra]) == []
    conn.close()


def test_a_migration_run_under_its_old_name_is_not_run_again(store_url):
    """The PostgreSQL branch named the events migration 0003; its databases open unchanged."""
    open_store(store_url).close()
    with open_store(store_url) as s:
        s.conn.execute("UPDATE migrations SET name = '0003_events_date_source' "
                       "WHERE name = '0004_events_date_source'")
        if s.dialect.sqlite:
            s.conn.commit()
    with open_store(store_url) as s:  # would fail: duplicate column date_source
        s.add_documents([geneva()])


def test_not_a_database_gives_a_clear_error(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a cronaca knowledge base"):
        SQLiteStore(junk)


def test_wal_mode_for_concurrent_readers(db_path):
    with SQLiteStore(db_path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _count_in_other_process(url, queue):
    with open_store(url) as s:
        queue.put(s.count_articles())


def test_another_process_reads_what_was_committed(store, store_url):
    store.add_documents([geneva(), mosca()])
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_count_in_other_process, args=(store_url, queue))
    proc.start()
    proc.join(60)
    assert queue.get(timeout=5) == 2


def test_actors_from_mentions_and_from_the_knowledge_base(store):
    store.add_documents([geneva(), mosca()])
    page = store.actors(kind="PER")
    names = [a["name"] for a in page.items]
    assert names[:1] == ["Sergey Lavrov"] or names[:1] == ["Antony Blinken"]
    assert {"Sergey Lavrov", "Antony Blinken", "Dmitry Peskov"} == set(names)
    lavrov = next(a for a in page.items if a["id"] == "sergey-lavrov")
    assert (lavrov["mention_count"], lavrov["article_count"]) == (2, 1)
    assert lavrov["in_kb"] is False
    store.add_actors([LAVROV])
    info = store.actor("Serghei Lavrov")
    assert info["id"] == "sergey-lavrov" and info["in_kb"] is True
    assert info["roles"][0]["title"] == "ministro degli Esteri"
    assert info["quote_count"] == 1 and info["events_as_source"] == 1
    # mentions seen later do not overwrite the knowledge base's record
    store.add_documents([geneva(raw="again", origin="x.txt")])
    assert store.actor("sergey-lavrov")["variants"] == list(LAVROV.variants)


def test_actor_lookup_by_surname_any_case(store):
    store.add_documents([geneva()])
    assert store.actor("lavrov")["id"] == "sergey-lavrov"
    assert store.actor("BLINKEN")["id"] == "antony-blinken"
    assert store.actor("Nessuno") is None


def test_quotes_by_speaker_name_variant_or_id(store):
    store.add_documents([geneva(), mosca()])
    for speaker in ("Lavrov", "sergey-lavrov", "Sergej Lavrov", "sergey lavrov"):
        page = store.quotes(speaker=speaker)
        assert [q["speaker"] for q in page.items] == ["Sergey Lavrov"], speaker
        assert page.items[0]["kind"] == "direct"
        assert page.items[0]["article_title"].startswith("Lavrov e Blinken")
    assert store.quotes(speaker="Peskov").total == 1
    assert store.quotes().total == 3
    assert store.quotes(kind="indirect").total == 2
    assert store.quotes(speaker="Nessuno").total == 0


def test_events_by_type_and_date(store):
    store.add_documents([geneva(), mosca()])
    consult = store.events(type="consult", since="2022-01-01")
    assert [e["type"] for e in consult.items] == ["CONSULT"]
    assert consult.items[0]["place"] == "Geneva" and consult.items[0]["negated"] is False
    assert store.events(type="CONSULT", since="2022-02-01").total == 0
    # hypothetical events are kept but not listed unless asked
    assert store.events().total == 2
    assert store.events(include_negated=True).total == 3
    # an event without its own date is dated by its article
    assert store.events(type="REJECT", until="2022-01-12").total == 1
    assert store.events(actor="Lavrov").total == 1
    assert store.events(filters=Filters(outlet_group="state_affiliated")).total == 1


def test_filters_on_articles(store):
    store.add_documents([geneva(), mosca(), plain("Nessuna data", "Testo senza data certa.", published=None)])
    assert store.count_articles() == 3
    assert store.count_articles(Filters(since="2022-01-15")) == 1
    assert store.count_articles(Filters(until="2022-01-15")) == 1
    assert store.count_articles(Filters(since="2022-01", until="2022-01")) == 2
    assert store.count_articles(Filters(outlet="ANSA.it")) == 1
    assert store.count_articles(Filters(outlet_group="state_affiliated")) == 1
    assert store.count_articles(Filters(outlet_group="other")) == 2
    assert store.count_articles(Filters(actor="Peskov")) == 1
    assert store.count_articles(Filters(event_type="consult")) == 1
    assert store.count_articles(Filters(flag="machine_translated")) == 1
    assert store.count_articles(Filters(language="en")) == 0


def test_month_precise_dates_match_day_filters(store):
    store.add_documents([plain("Solo il mese", "Un testo di gennaio.", published="2022-01")])
    assert store.count_articles(Filters(since="2022-01-20")) == 1
    assert store.count_articles(Filters(until="2022-01-20")) == 1
    assert store.count_articles(Filters(since="2022-02-01")) == 0


def test_duplicates_marked_by_the_linker_are_left_out_unless_asked(store):
    a, b = geneva(), mosca()
    store.add_documents([a, b])
    with store.transaction():
        store.conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (a.id, b.id))
    assert store.count_articles() == 1
    assert store.count_articles(Filters(include_duplicates=True)) == 2
    assert store.meta()["duplicates"] == 1


@pytest.mark.parametrize("bad", [{"since": "ieri"}, {"until": "2022/01/01"},
                                 {"outlet_group": "amici"}, {"since": "2022-02-30"},
                                 {"since": "2022-13-01"}, {"until": "2022-00"}])
def test_bad_filters_are_query_errors(store, bad):
    with pytest.raises(QueryError):
        store.count_articles(Filters(**bad))


def test_iter_documents_streams_every_record(store):
    docs = [plain(f"Titolo {i}", f"Corpo dell'articolo numero {i}.", raw=f"p{i}") for i in range(25)]
    store.add_documents(docs)
    got = list(store.iter_documents(batch_size=7))
    assert [d.id for d in got] == [d.id for d in docs]


def test_resolve_id_accepts_a_unique_prefix(store):
    doc = geneva()
    store.add_documents([doc])
    assert store.resolve_id(doc.id[:8]) == doc.id
    assert store.resolve_id("zzz") is None


def test_meta_counts_and_date_span(store):
    store.add_documents([geneva(), mosca()])
    meta = store.meta()
    assert meta["articles"] == 2 and meta["quotes"] == 3 and meta["events"] == 3
    assert (meta["first_published"], meta["last_published"]) == ("2022-01-12", "2022-01-21")
    assert meta["outlets"] == 2 and meta["raw_inputs"] == 2


def test_readers_are_not_blocked_by_a_writer_and_see_only_commits(store_url):
    writer, reader = open_store(store_url), open_store(store_url)
    try:
        writer.add_documents([geneva()])
        with pytest.raises(RuntimeError, match="roll back"), writer.transaction():
            writer.conn.execute("UPDATE articles SET outlet = 'changing'")
            assert reader.count_articles(Filters(outlet="ansa.it")) == 1  # no wait, no half-written state
            raise RuntimeError("roll back")
        assert reader.count_articles(Filters(outlet="ansa.it")) == 1
    finally:
        writer.close()
        reader.close()
