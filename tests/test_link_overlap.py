"""Two ``cronaca link`` runs at once, and a store an overlap damaged (issue 10, defect 1).

Two runs used to choose the same unlinked articles outside their write transactions; the second
then found each article's own fingerprint and made every article with copies a copy of itself.
Work is now claimed inside the write transaction, and ``link`` detects and repairs the damage.
"""

from __future__ import annotations

import threading

from link_fixtures import sanctions, vienna_copy, vienna_rewrite, vienna_wire
from snapshots import LINK_TABLES, snapshot

from cronaca.link.incremental import link
from cronaca.link.linker import Linker
from cronaca.store.sqlite import SQLiteStore

DOCS = (vienna_wire(), vienna_copy(published="2023-05-11"), vienna_rewrite(), sanctions())


def _filled(path) -> None:
    with SQLiteStore(path) as store:
        store.add_documents(DOCS)


class _SlowReader(SQLiteStore):
    """A store whose first document read waits (at most ``wait`` s) for the other run to finish:
    the widest possible overlap of two runs."""

    def __init__(self, path, other_done: threading.Event, started: threading.Event,
                 wait: float = 1.0) -> None:
        super().__init__(path)
        self.other_done, self.started, self.wait = other_done, started, wait

    def get_documents(self, article_ids):
        if not self.started.is_set():
            self.started.set()
            self.other_done.wait(self.wait)
        return super().get_documents(article_ids)


def test_a_second_run_waits_for_the_first_and_links_nothing_twice(db_path):
    _filled(db_path)
    started, second_done = threading.Event(), threading.Event()
    first_store = _SlowReader(db_path, second_done, started)
    results = {}

    def first() -> None:
        results["first"] = link(first_store)

    thread = threading.Thread(target=first)
    thread.start()
    assert started.wait(10)
    with SQLiteStore(db_path) as second_store:
        results["second"] = link(second_store)
    second_done.set()
    thread.join(30)
    first_store.close()
    assert results["first"].linked + results["second"].linked == len(DOCS)
    with SQLiteStore(db_path) as store:
        assert store.link_problems() == []
        assert store.article_links(vienna_wire().id)["duplicate_of"] is None
        assert store.article_links(vienna_copy().id)["duplicate_of"] == vienna_wire().id


def _link_twice(store: SQLiteStore) -> None:
    """What an overlap of two old runs did: every article linked a second time."""
    docs = [store.get_document(r[0]) for r in store.conn.execute("SELECT id FROM articles ORDER BY pk")]
    with store.transaction():
        for i, r in enumerate(Linker(store).add(docs, first_order=0)):
            store.record_link(r.article_id, i, r.story_id, r.story_score, r.duplicate_of,
                              r.duplicate_score)


def test_link_detects_a_damaged_store_and_relinks_it_as_a_clean_run_would(tmp_path):
    clean, damaged = tmp_path / "clean.db", tmp_path / "damaged.db"
    for path in (clean, damaged):
        _filled(path)
        with SQLiteStore(path) as store:
            link(store)
    with SQLiteStore(damaged) as store:
        _link_twice(store)
        problems = store.link_problems()
        assert any("copies of themselves" in p for p in problems)
        assert store.article_links(vienna_wire().id)["duplicate_of"] == vienna_wire().id
        summary = link(store)
        assert summary.repaired == tuple(problems) and summary.linked == len(DOCS)
        assert store.link_problems() == []
        assert link(store).repaired == ()  # once repaired, nothing more to do
    assert snapshot(damaged, LINK_TABLES) == snapshot(clean, LINK_TABLES)
