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
