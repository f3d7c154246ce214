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


@pytest.mark.shared
def test_geneva_brussels_and_vienna_talks_are_single_events_reported_by_each_article(shared_dir):
    from pathlib import Path

    from cronaca.evaluation.run import _read
    from cronaca.link import link_documents
    from cronaca.pipeline import process_batch

    raws = [_read(p, {}) for p in sorted((shared_dir / "seeds").glob("*.txt"))]
    docs = process_batch(raws).documents
    name = {d.id: Path(d.article.origin).name[:3] for d in docs}
    _, index = link_documents(docs)
    consult = {(m.key[1], m.key[2], m.date): {name[r.article_id] for r in m.reports}
               for events in index.merged.values() for m in events.values() if m.type == "CONSULT"}
    assert consult[("gpe:ru", "gpe:us", "2022-01-10")] == {"001", "002", "004"}  # Geneva
    assert consult[("gpe:ru", "org:nato", "2022-01-12")] == {"001", "002", "004"}  # NATO-Russia Council
    assert consult[("gpe:ru", "org:osce", "2022-01-13")] == {"002", "004"}  # Vienna, at the OSCE
    vienna = [m for events in index.merged.values() for m in events.values()
              if m.type == "CONSULT" and m.key[1:] == ("gpe:ru", "org:osce")]
    assert len(vienna) == 1 and vienna[0].place == "Vienna"  # 002 gives the place, 004 the day
    # 001 never states the Council's day; its report is dated through the merged event
