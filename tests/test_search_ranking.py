"""BM25 of a frequent query's window read off its rows (``cronaca.store.ranking``) scores as
FTS5's ``bm25()`` does, without ``bm25()``'s pass over every match."""

from __future__ import annotations

import pytest
from store_docs import plain

from cronaca.store import ranking
from cronaca.store.base import open_store
from cronaca.store.sqlite import SQLiteStore

Phrase = ranking.Phrase


def test_a_query_is_read_into_its_phrases():
    assert ranking.phrases('"garanzie di sicurezza" Putin') == [
        Phrase(("garanzie", "di", "sicurezza")), Phrase(("putin",))]
    assert ranking.phrases("negoz* OR Blinken NOT Sherman") == [
        Phrase(("negoz",), prefix=True), Phrase(("blinken",)), Phrase(("sherman",))]
    assert ranking.phrases("title: Mosca + Kiev") == [Phrase(("mosca", "kiev"))]
    assert ranking.phrases('NEAR("Nord Stream" gas, 5)') == [Phrase(("nord", "stream")), Phrase(("gas",))]
    assert ranking.phrases('"""" AND') == []


def test_words_are_folded_as_the_index_folds_them():
    assert ranking.fold("L'Unione Europea: più sanzioni, Città") == ["l", "unione", "europea", "piu", "sanzioni", "citta"]
    assert Phrase(("negoz",), prefix=True).matches(["negoziati"])
    assert not Phrase(("negoz",)).matches(["negoziati"])
    assert Phrase(("mar", "nero")).within(["il", "mar", "nero"])


def test_varints_read_as_sqlite_writes_them():
    assert ranking.varints(bytes([0x09, 0x81, 0x55])) == [9, 213]
    assert ranking.varints(bytes([0x86, 0x8D, 0x20])) == [100_000]
    assert ranking.Totals.from_record(bytes([0x02, 0x04, 0x81, 0x00])) == ranking.Totals(2, (4 + 128) / 2)


def test_instances_are_counted_per_phrase_and_weighted_by_column():
    mark = ranking.MARK_OPEN + "{}" + ranking.MARK_CLOSE
    query = [Phrase(("putin",)), Phrase(("mar", "nero"))]
    rows = {1: (f"Vertice con {mark.format('Putin')}", f"{mark.format('Putin')} sul {mark.format('Mar Nero')}, "
                f"e ancora {mark.format('putin')}.")}
    assert ranking.instances(rows, query) == {1: [5.0 + 2.0, 1.0]}
    assert ranking.instances({1: (None, mark.format("Putin") * 3)}, [Phrase(("putin",))]) == {1: [3.0]}


def _store(tmp_path) -> SQLiteStore:
    words = ["sanzioni", "vertice", "Mosca", "garanzie di sicurezza", "Mar Nero", "negoziati"]
    docs = []
    for i in range(120):
        body = " ".join(words[(i + k) % len(words)] for k in range(i % 5 + 1))
        filler = " ".join("parola" for _ in range(i % 17))
        docs.append(plain(f"Titolo {words[i % len(words)]} {i}", f"{body} {filler} fine {i}.", raw=f"r{i}"))
    store = open_store(str(tmp_path / "k.db"))
    store.add_documents(docs)
    return store


@pytest.mark.parametrize("query", ["sanzioni", "Mosca vertice", '"garanzie di sicurezza" OR "Mar Nero"',
                                   "negoz*", "vertice NOT Mosca"])
def test_window_scores_are_fts5_bm25(tmp_path, monkeypatch, query):
    """Forced to read the rows, the scores are ``bm25()``'s: exact where every count is (a
    small store counts each phrase whole), and the order the same."""
    monkeypatch.setattr(ranking, "PASS_LIMIT", 0)
    with _store(tmp_path) as store:
        match = store._match(query)
        pks = [r[0] for r in store.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC", (match,))]
        assert pks
        ours, theirs = store._scores(match, pks), store._bm25(match, pks)
        assert ours.keys() == theirs.keys()
        for pk in pks:
            assert ours[pk] == pytest.approx(theirs[pk], rel=1e-9)


def test_only_a_frequent_query_is_scored_after_it_is_found(tmp_path, monkeypatch):
    with _store(tmp_path) as store:
        assert not store._scored_after(store._match("sanzioni"))  # a small store: bm25() is cheap
        monkeypatch.setattr(ranking, "PASS_LIMIT", 50)
        assert store._scored_after(store._match("sanzioni"))
        assert not store._scored_after(store._match("zzzz"))
        page = store.search("sanzioni", limit=5)
        scores = [h.score for h in page.items]
        assert scores == sorted(scores, reverse=True) and scores[0] > 0


def test_the_counts_are_kept_until_the_index_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(ranking, "PASS_LIMIT", 0)
    with _store(tmp_path) as store:
        calls: list[str] = []
        counted = store._statistics.matching

        def spy(phrase, totals, count):
            return counted(phrase, totals, lambda expr: calls.append(expr) or count(expr))
        monkeypatch.setattr(store._statistics, "matching", spy)
        store.search("sanzioni")
        store.search("sanzioni", limit=3)
        assert calls == ['"sanzioni"']
        store.add_documents([plain("Nuove sanzioni", "Altre sanzioni oggi.", raw="new")])
        store.search("sanzioni")
        assert calls == ['"sanzioni"', '"sanzioni"']


def test_the_stores_of_one_file_share_their_counts(tmp_path):
    """The web opens a store per thread: they count each phrase once between them."""
    with _store(tmp_path) as first, open_store(str(tmp_path / "k.db")) as second:
        assert first._statistics is second._statistics
        assert open_store(":memory:")._statistics is not open_store(":memory:")._statistics
