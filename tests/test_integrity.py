"""``cronaca check``: a sound store says so; each kind of damage is named (issue 10)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from store_docs import geneva, mosca

from cronaca.cli import main
from cronaca.store.sqlite import SQLiteStore

QUOTE_COLUMNS = ("article_id, start, \"end\", text, kind, speaker_id, speaker, cue, cue_start, cue_end, "
                 "speaker_start, speaker_end, stage, confidence")


@pytest.fixture
def db(db_path):
    with SQLiteStore(db_path) as store:
        store.add_documents([geneva(), mosca()])
    return db_path


def check(db) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--db", str(db)])
    return result.exit_code, result.output


def test_a_sound_store(db):
    assert check(db) == (0, f"{db}: sound\n")


@pytest.mark.parametrize("damage, message", [
    ("INSERT INTO mentions(article_id, start, \"end\", text, label, actor_id, actor_name) "
     "VALUES ('a_gone', 0, 1, 'x', 'PER', 'per:x', 'X')", "1 mentions rows whose article does not exist"),
    (f"INSERT INTO quotes({QUOTE_COLUMNS}) SELECT {QUOTE_COLUMNS} FROM quotes LIMIT 1",
     "1 quotes records stored more than once"),
    ("DELETE FROM raw_inputs WHERE rowid = (SELECT min(rowid) FROM raw_inputs)",
     "1 articles without the raw input they came from"),
    ("DELETE FROM articles_fts WHERE rowid = (SELECT min(pk) FROM articles)",
     "the search index is out of step with the articles"),
    ("UPDATE articles SET duplicate_of = id WHERE pk = (SELECT min(pk) FROM articles)",
     "1 articles marked as copies of themselves"),
])
def test_damage_is_named(db, damage, message):
    with SQLiteStore(db) as store:
        store.conn.execute(damage)
        store.conn.commit()
    status, output = check(db)
    assert status == 1
    assert message in output
