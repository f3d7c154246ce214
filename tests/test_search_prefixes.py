"""A prefix term is spelled out as the index's words it begins (``cronaca.store.prefixes``): the
same matches as FTS5's own expansion, read lazily, the words listed once until the index changes."""

from __future__ import annotations

from store_docs import plain

from cronaca.store import prefixes
from cronaca.store.base import open_store

WORDS = {"negoz": ["negoziati", "negoziato"], "sanz": ["sanzioni"], "vertic": []}


def spelled(match: str) -> str:
    return prefixes.expand(match, lambda p: WORDS.get(p))


def test_a_standalone_prefix_becomes_an_or_of_its_words():
    assert spelled("negoz*") == '("negoziati" OR "negoziato")'
    assert spelled("Negoz* Putin NOT sanz*") == '("negoziati" OR "negoziato") Putin NOT "sanzioni"'
    assert spelled('title: "negoz"*') == 'title: ("negoziati" OR "negoziato")'
    assert spelled("(negoz* OR accordo) AND Mosca") == '(("negoziati" OR "negoziato") OR accordo) AND Mosca'


def test_where_the_language_takes_a_phrase_the_prefix_stays():
    for match in ('NEAR(negoz* Putin, 5)', "^negoz*", '"garanzie di sic"*', "Mosca + negoz*",
                  "negoz* + Mosca", "vertic*", "ne*", "unknown*"):
        assert spelled(match) == match, match
    assert spelled("NEAR(negoz* Putin) sanz*") == 'NEAR(negoz* Putin) "sanzioni"'


def test_prefix_terms_are_found_with_their_place_and_folded():
    match = 'Mosca NÉgoz* OR "sanz"*'
    terms = prefixes.prefix_terms(match)
    assert [(match[a:b], p) for a, b, p in terms] == [("NÉgoz*", "negoz"), ('"sanz"*', "sanz")]


def _docs(n: int) -> list:
    words = ["negoziati", "negoziato", "negoziatori", "sanzioni", "vertice"]
    return [plain(f"Titolo {i} {words[i % 5]}", f"Il testo {i}: {words[(i * 3) % 5]} e {words[(i + 1) % 5]}.",
                  raw=f"r{i}") for i in range(n)]


def test_a_prefix_search_finds_what_fts5_finds(tmp_path):
    with open_store(str(tmp_path / "k.db")) as store:
        store.add_documents(_docs(60))
        match = store._match("negoz*")
        assert store._index_match(match) == '("negoziati" OR "negoziato" OR "negoziatori")'
        for query in ("negoz*", "negoz* NOT sanzioni", "title:negoz* OR vertice"):
            fts5 = {r[0] for r in store.conn.execute(
                "SELECT a.id FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
                " WHERE articles_fts MATCH ?", (store._match(query),))}
            page = store.search(query, limit=100)
            assert {h.article_id for h in page.items} == fts5 and page.total == len(fts5) > 10, query
        assert all("<mark>negoz" in h.snippet for h in store.search("negoz*").items)


def test_the_words_are_listed_once_until_the_index_changes(tmp_path, monkeypatch):
    with open_store(str(tmp_path / "k.db")) as store:
        store.add_documents(_docs(10))
        listed: list[str] = []
        kept = store._statistics.prefix_words

        def spy(prefix, totals, listing):
            return kept(prefix, totals, lambda p: listed.append(p) or listing(p))
        monkeypatch.setattr(store._statistics, "prefix_words", spy)
        store.search("negoz*")
        store.search("negoz*", sort="date")
        assert listed == ["negoz"]
        store.add_documents([plain("Nuovo", "Il negoziatore arriva.", raw="new")])
        assert "negoziatore" in store._index_match("negoz*") and listed == ["negoz", "negoz"]
        assert store.search("negoziatore").total == 1 == store.search("negoziatore*").total


def test_too_many_words_leave_the_prefix_to_fts5(tmp_path, monkeypatch):
    monkeypatch.setattr(prefixes, "MAX_WORDS", 2)
    with open_store(str(tmp_path / "k.db")) as store:
        store.add_documents(_docs(10))
        assert store._index_match("negoz*") == "negoz*"
        assert store.search("negoz*").total == 8
