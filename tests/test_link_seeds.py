"""On the seeds: the January 2022 articles share a story; the June 2021 one does not."""

import pytest

from cronaca.link.incremental import link
from cronaca.store.sqlite import SQLiteStore


@pytest.mark.shared
def test_january_2022_articles_share_a_story_and_june_2021_does_not(shared_dir, db_path):
    from cronaca.ingest.run import ingest

    store = SQLiteStore(db_path)
    ingest([str(shared_dir / "seeds")], store)
    link(store)
    story = {r[0].rsplit("/", 1)[-1][:3]: r[1] for r in store.conn.execute(
        "SELECT r.origin, a.story_id FROM raw_inputs r JOIN articles a ON a.id = r.article_id")}
    store.close()
    assert story["001"] == story["002"]
    assert story["000"] != story["002"]
