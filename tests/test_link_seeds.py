"""On the seeds: articles months apart about the same parties stay in separate stories."""

import pytest

from cronaca.link.incremental import link
from cronaca.store.sqlite import SQLiteStore


@pytest.mark.shared
def test_the_june_2021_article_and_a_january_2022_article_do_not_share_a_story(shared_dir, db_path):
    """Seeds 000 (June 2021) and 002 (January 2022) report different talks between the same
    parties; the date gate keeps them apart. (Seed 001 is undated: since event dates come from
    the text only, nothing places it in time, and its story is decided on its words alone.)"""
    from cronaca.ingest.run import ingest

    store = SQLiteStore(db_path)
    ingest([str(shared_dir / "seeds")], store)
    link(store)
    story = {r[0].rsplit("/", 1)[-1][:3]: r[1] for r in store.conn.execute(
        "SELECT r.origin, a.story_id FROM raw_inputs r JOIN articles a ON a.id = r.article_id")}
    store.close()
    assert story["000"] != story["002"]
