"""What the PostgreSQL store adds beside SQLite: parameters rewritten, passwords kept out of
messages, the search language in tsquery's words, clear errors for a bad --db URL."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pg_server import free_port

from cronaca.cli import main
from cronaca.errors import QueryError
from cronaca.store import fts
from cronaca.store.pgconn import redact, translate


def test_sqlite_parameters_become_psycopg_ones_outside_strings_and_casts():
    assert translate("SELECT a FROM t WHERE x = ? AND y LIKE '%?' AND z = :name") == \
        "SELECT a FROM t WHERE x = %s AND y LIKE '%%?' AND z = %(name)s"
    assert translate("SELECT flags::jsonb @> jsonb_build_array(?::text), 5 % 2") == \
        "SELECT flags::jsonb @> jsonb_build_array(%s::text), 5 %% 2"
    assert translate('SELECT "end", \'it\'\'s :x\' FROM t') == 'SELECT "end", \'it\'\'s :x\' FROM t'


def test_a_url_is_shown_without_its_password():
    assert redact("postgresql://me:s3cret@db.example:5433/news") == "postgresql://me:***@db.example:5433/news"
    assert redact("postgresql://me@localhost/news") == "postgresql://me@localhost/news"


@pytest.mark.parametrize(("query", "expected"), [
    ("l'Ucraina", "Ucraina"),
    ("Lavrov Blinken", "Lavrov & Blinken"),
    ('"garanzie di sicurezza"', "(garanzie <-> di <-> sicurezza)"),
    ("negoz*", "negoz:*"),
    ("Blinken OR Sherman", "Blinken | Sherman"),
    ("grano NOT Mosca", "grano & ! Mosca"),
    ("(Lavrov OR Peskov) Ginevra", "( Lavrov | Peskov ) & Ginevra"),
    # broken syntax is read as plain words, as the SQLite store does
    ("Lavrov AND", "Lavrov & AND"),
    ("(Ucraina", "Ucraina"),
    ("Lavrov)", "Lavrov"),
])
def test_the_search_language_in_tsquery_words(query, expected):
    assert fts.tsquery(query) == expected


@pytest.mark.parametrize("query", ["*", '""', "()", "^"])
def test_a_query_without_words_is_a_query_error(query):
    with pytest.raises(QueryError, match="words"):
        fts.tsquery(query)


def test_a_bad_db_url_is_one_clear_line():
    url = f"postgresql://reader:s3cret@127.0.0.1:{free_port()}/news"
    for args in (["search", "Lavrov"], ["stats"], ["stories"]):
        result = CliRunner().invoke(main, [*args, "--db", url])
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output and "s3cret" not in result.output
        assert "postgresql://reader:***@127.0.0.1" in result.output and "server is running" in result.output


def test_connections_skip_jit_and_readers_run_each_query_on_one_core(pg_url):
    """JIT compilation cost an actor page more than it saved; a reader (the web) leaves the
    cores to the other requests instead of starting parallel workers for one query."""
    from cronaca.store.base import open_store

    with open_store(pg_url) as writer:
        assert writer.conn.execute("SHOW jit").fetchone()[0] == "off"
    with open_store(pg_url, read_only=True) as reader:
        assert reader.conn.execute("SHOW jit").fetchone()[0] == "off"
        assert reader.conn.execute("SHOW max_parallel_workers_per_gather").fetchone()[0] == "0"


@pytest.mark.parametrize(("match", "density", "filtered", "cheaper"), [
    ("Putin & Macron", None, False, True),  # rarer than the sample tells: a walk would be long
    ("Budapest", 0.05, True, True),  # 50,000 entries against a walk of 8,000 filtered rows
    ("Mar & Nero", 0.098, True, False),  # two posting lists of 100,000 and more against 4,000 rows
    ("Lavrov", 0.48, False, False),  # the newest 420 articles hold the window
    ("(garanzie <-> di <-> sicurezza)", 0.09, True, False),  # a phrase's entries are each rechecked
])
def test_the_index_drives_a_search_where_its_bitmap_is_cheaper_than_a_walk(match, density, filtered, cheaper):
    from cronaca.store.postgres import _bitmap_cheaper

    assert _bitmap_cheaper(match, density, filtered, 1_000_000) is cheaper
