"""Full-text search, on SQLite (FTS5) and PostgreSQL (tsvector): Italian accents and apostrophes, safe
snippets, sorting, cursors, bad syntax."""

from __future__ import annotations

import pytest
from store_docs import geneva, mosca, plain

from cronaca.errors import QueryError
from cronaca.store.base import Filters, open_store


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    s.add_documents([
        geneva(), mosca(),
        plain("Vertice a Bruxelles", "Solo Ucraina, senza articolo, nel testo di Bruxelles.",
              published="2022-01-26", raw="p1"),
        plain("Una nota sull\u2019Europa", "Il governo parla dell\u2019Ucraina e della difesa comune.",
              published="2021-06-10", raw="p2"),
    ])
    yield s
    s.close()


def titles(page):
    return {h.title for h in page.items}


def test_apostrophe_query_finds_the_bare_word_and_back(store):
    with_article = titles(store.search("l'Ucraina"))
    bare = titles(store.search("Ucraina"))
    assert with_article == bare
    assert {"Vertice a Bruxelles", "Una nota sull\u2019Europa", "Lavrov e Blinken a confronto sull'Ucraina"} <= bare
    assert titles(store.search("dell\u2019Ucraina")) == bare


def test_accents_do_not_matter(store):
    assert titles(store.search("perche")) == {"Lavrov e Blinken a confronto sull'Ucraina"}
    assert titles(store.search("PERCHÉ")) == titles(store.search("perche"))


def test_snippet_marks_the_match_and_escapes_the_text(store_url):
    with open_store(store_url) as s:
        s.add_documents([plain("Pagina <script>", "Il testo <script>alert(1)</script> parla di Ginevra & Mosca.",
                               raw="x1")])
        hit = s.search("Ginevra").items[0]
    assert "<mark>Ginevra</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "&amp;" in hit.snippet


def test_prefix_snippets_mark_each_page_row(store_url):
    """A prefix term's snippets come from one index cursor over a run of the page's pks, not
    one per row: each row of the page, and only those, gets its own snippet."""
    docs = [plain(f"Nota {i}", f"Testo {i} sul negoziato numero {i}." if i % 2 else f"Testo {i} diverso.",
                  raw=f"p{i}") for i in range(12)]
    with open_store(store_url) as s:
        s.add_documents(docs)
        page = s.search("negoz*", limit=4, sort="date_asc")
    assert [h.title for h in page.items] == ["Nota 1", "Nota 3", "Nota 5", "Nota 7"]
    for hit in page.items:
        number = hit.title.split()[1]
        assert f"Testo {number} sul <mark>negoziato</mark>" in hit.snippet


def test_title_matches_rank_first(store):
    hits = store.search("Bruxelles").items
    assert hits[0].title == "Vertice a Bruxelles"
    assert hits[0].score >= hits[-1].score


def test_date_sort_newest_first_and_oldest_first(store):
    newest = [h.published for h in store.search("Ucraina", sort="date").items]
    assert newest == sorted(newest, reverse=True)
    oldest = [h.published for h in store.search("Ucraina", sort="date_asc").items]
    assert oldest == sorted(oldest)


def test_cursor_walks_every_hit_once(store):
    seen, cursor = [], None
    while True:
        page = store.search("Ucraina", limit=1, cursor=cursor, sort="date")
        seen += [h.article_id for h in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == page.total == 3


def test_cursor_from_another_query_is_refused(store):
    cursor = store.search("Ucraina", limit=1).next_cursor
    with pytest.raises(QueryError, match="another query"):
        store.search("Mosca", limit=1, cursor=cursor)
    with pytest.raises(QueryError, match="damaged"):
        store.search("Ucraina", cursor="%%%not-a-cursor")


def test_search_syntax_for_those_who_use_it(store):
    assert titles(store.search('"sicurezza europea"')) == {"Lavrov e Blinken a confronto sull'Ucraina"}
    assert titles(store.search("Peskov OR Bruxelles")) == {"Il Cremlino respinge le accuse della NATO",
                                                           "Vertice a Bruxelles"}
    assert "Una nota sull\u2019Europa" in titles(store.search("difes*"))
    assert "Vertice a Bruxelles" not in titles(store.search("Ucraina NOT Bruxelles"))


@pytest.mark.parametrize("query", ['"Lavrov', "Lavrov AND", "AND", "NEAR(", "Lavrov)", "(Ucraina",
                                   "Lavrov -Blinken", "ucraina:", "foo:bar", "Ucraina OR OR"])
def test_malformed_syntax_is_read_as_plain_words(store, query):
    page = store.search(query)  # never a crash
    assert page.total >= 0


@pytest.mark.parametrize("query", ["*", "", "   ", '""', "()", "\x00", "^"])
def test_queries_without_words_say_what_to_type(store, query):
    with pytest.raises(QueryError, match="words|empty"):
        store.search(query)


def test_filters_narrow_the_search(store):
    assert store.search("Ucraina", Filters(since="2022-01-01")).total == 2
    assert store.search("Ucraina", Filters(until="2021-12-31")).total == 1
    assert store.search("Ucraina", Filters(actor="Lavrov")).total == 1
    assert store.search("accuse", Filters(outlet_group="state_affiliated")).total == 1
    assert store.search("accuse", Filters(outlet_group="other")).total == 0
    assert store.search("Ucraina", Filters(outlet="repubblica.it")).total == 2


def test_unknown_sort_is_a_query_error(store):
    with pytest.raises(QueryError, match="sort"):
        store.search("Ucraina", sort="random")


def test_frequent_words_are_ranked_and_counted_within_bounds(store_url, monkeypatch):
    """A word in very many articles: the newest matches are ranked (the rank window), the total
    past the exact count is an estimate, and a date order still pages through every match."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "RANK_WINDOW", 8)
    monkeypatch.setattr(bounded, "MAX_PROBES", 200)
    docs = [plain(f"Vertice numero {i}", f"Il vertice {i} sulla difesa europea." + (" vertice" * (i % 3)),
                  published=f"2022-03-{1 + i % 28:02d}", raw=f"v{i}") for i in range(40)]
    docs += [plain(f"Altro {i}", f"Nessuna parola cercata qui, nota {i}.", raw=f"o{i}") for i in range(6)]
    with open_store(store_url) as s:
        s.add_documents(docs)
        page = s.search("vertice", limit=5)
        assert not page.exact and 20 <= page.total <= 80  # 40 in fact: estimated past 10
        assert page.next_cursor
        ranked = [*page.items, *s.search("vertice", limit=5, cursor=page.next_cursor).items]
        assert len(ranked) == 8  # the window: no page beyond it
        assert [h.score for h in ranked] == sorted((h.score for h in ranked), reverse=True)
        seen, cursor = [], None
        while True:
            p = s.search("vertice", sort="date", limit=7, cursor=cursor)
            seen += [h.published for h in p.items]
            if not (cursor := p.next_cursor):
                break
        assert len(seen) == 40 and seen == sorted(seen, reverse=True)
        rare = s.search("nota", sort="date")
        assert rare.exact and rare.total == 6 and len(rare.items) == 6
        assert s.search("vertice", filters=Filters(since="2022-03-20")).total < 40


def test_a_prefix_search_is_estimated_without_counting_it(store_url, monkeypatch):
    """A prefix term is never counted match by match (FTS5 would expand it again for every look-up;
    SQLite spells it out as its words, whose counts the index lists): its estimated total stays
    near the truth, and malformed syntax is still read as plain words."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "RANK_WINDOW", 8)
    counted: list[str] = []
    real_count = bounded.index_matches
    monkeypatch.setattr(bounded, "index_matches", lambda s, m, *a: counted.append(m) or real_count(s, m, *a))
    docs = [plain(f"Nota {i}", f"I negoziati {i} proseguono." if i % 2 else f"Il testo {i} parla d'altro.",
                  raw=f"n{i}") for i in range(60)]
    with open_store(store_url) as s:
        s.add_documents(docs)
        page = s.search("negoz*", limit=5)
        assert not page.exact and 20 <= page.total <= 45  # 30 in fact
        assert "negoz*" not in counted
        assert 20 <= s.search("(negoziati").total <= 45  # malformed: read as the plain word


@pytest.mark.parametrize("in_order_share", [2.0, 0.5])
def test_a_date_span_is_searched_along_the_date_index(store_url, monkeypatch, in_order_share):
    """Filters that bound the dates walk the date index from the span's end, checking each
    article against the full-text index: the window is the span's latest-published matches,
    whatever newer matches the store holds, and a month stated for a day of the span counts.
    A span whose articles were stored in date order (0.5: these are) is read from the index
    between its pks instead, with the same answers."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "IN_ORDER_SHARE", in_order_share)
    monkeypatch.setattr(bounded, "RANK_WINDOW", 6)
    monkeypatch.setattr(bounded, "MAX_PROBES", 60)
    days = [f"2022-{m:02d}-{d:02d}" for m in range(1, 7) for d in (5, 15, 25)]
    docs = [plain(f"Summit {i}", f"Il summit {i} sulla difesa." + (" summit" * (i % 2)), published=day,
                  raw=f"s{i}") for i, day in enumerate(days)]
    docs.append(plain("Summit del mese", "Un summit di marzo senza giorno.", published="2022-03", raw="m"))
    with open_store(store_url) as s:
        s.add_documents(docs)
        march = s.search("summit", filters=Filters(since="2022-03-01", until="2022-03-31"))
        assert march.exact and march.total == 4  # three days and the month
        assert {h.published for h in march.items} == {"2022-03-05", "2022-03-15", "2022-03-25", "2022-03"}
        scores = [h.score for h in march.items]
        assert scores == sorted(scores, reverse=True)
        spring = s.search("summit", filters=Filters(since="2022-02-01", until="2022-05-31"), sort="date")
        assert [h.published for h in spring.items][:6] == ["2022-05-25", "2022-05-15", "2022-05-05",
                                                             "2022-04-25", "2022-04-15", "2022-04-05"]
        assert not spring.exact and 8 <= spring.total <= 20  # 13 in fact: estimated past the window
        rare = s.search("mese", filters=Filters(since="2022-01-01"))
        assert rare.exact and rare.total == 1


def test_the_newest_matches_are_the_same_found_range_by_range(store_url, monkeypatch):
    """Where the index hands matches unordered (PostgreSQL's GIN), the newest articles are
    searched first, then ranges eight times wider: the window found must be the one a search
    of every match finds, filters included."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "RANK_WINDOW", 5)
    docs = [plain(f"Vertice {i}", f"Il vertice {i} sulla difesa europea.", raw=f"r{i}",
                  outlet="ansa.it" if i % 15 == 0 else "agi.it") for i in range(60)]
    with open_store(store_url) as s:
        s.add_documents(docs)
        answers = []
        for step in (2, 10**9):  # ranges of 2, 16, 128 articles; then one range of everything
            monkeypatch.setattr(bounded, "PK_STEP", step)
            for flt in (Filters(), Filters(outlet="ansa.it")):
                page = s.search("vertice", flt, limit=5)
                answers.append(([h.article_id for h in page.items], page.total, page.exact))
        assert answers[:2] == answers[2:]
        assert answers[1][1:] == (4, True)  # four articles of ansa.it: every range was searched
        assert len(answers[0][0]) == 5 and not answers[0][2]


def test_a_dear_probe_walks_the_dates_in_blocks_with_the_same_answers(store_url, monkeypatch):
    """A prefix term is checked against the index for a block of walked articles at a time (one
    cursor per run of near pks), not article by article: pages, totals and windows must be those
    of the same search by the whole word, whose probes are cheap, dates sorted both ways and
    spans included."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "RANK_WINDOW", 6)
    monkeypatch.setattr(bounded, "MAX_PROBES", 40)
    monkeypatch.setattr(bounded, "WALK_BLOCK", 4)
    monkeypatch.setattr(bounded, "RUN_GAP", 3)
    days = [f"2022-{m:02d}-{d:02d}" for m in range(1, 7) for d in (3, 9, 16, 23)]
    # stored out of date order, so that a block of the date index is several pk runs
    order = sorted(range(len(days)), key=lambda i: (i * 7) % len(days))
    docs = [plain(f"Negoziato {i}", f"Il negoziato {i} continua." if i % 3 else f"Altro testo {i}.",
                  published=days[i], raw=f"n{i}") for i in order]
    with open_store(store_url) as s:
        s.add_documents(docs)
        for sort in ("date", "date_asc", "relevance"):
            for flt in (Filters(), Filters(since="2022-02-01", until="2022-04-30")):
                pages = []
                for query in ("negoziato", "negoz*"):
                    seen, cursor = [], None
                    while True:
                        p = s.search(query, flt, sort=sort, limit=5, cursor=cursor)
                        seen.append(([h.article_id for h in p.items], p.total, p.exact))
                        if not (cursor := p.next_cursor):
                            break
                    pages.append(seen)
                assert pages[0] == pages[1], (sort, flt)
                assert pages[0][0][0], (sort, flt)


def test_runs_cut_pks_where_they_are_far_apart():
    from cronaca.store.bounded import runs

    assert runs([40, 3, 5, 1, 44, 100], gap=5) == [[1, 3, 5], [40, 44], [100]]
    assert runs([]) == []


def test_the_count_behind_an_estimate_is_taken_over_the_newest_ranges(store_url, monkeypatch):
    """Where the index hands matches unordered, the matches of a frequent word are counted over
    the newest pks first, ranges growing until one holds enough of them; a rare word is counted
    whole. Both backends run the ranged count here (the index order is patched away)."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "PK_STEP", 10)
    monkeypatch.setattr(bounded, "DENSITY_SAMPLE", 5)
    docs = [plain(f"Nota {i}", f"Il vertice {i} sulla difesa." if i % 2 else f"Un testo {i} qualsiasi.",
                  raw=f"c{i}") for i in range(100)]
    docs += [plain(f"Raro {i}", f"Un fatto singolare {i}.", raw=f"r{i}") for i in range(3)]
    with open_store(store_url) as s:
        s.add_documents(docs)
        monkeypatch.setattr(type(s), "_sorted_by_index", lambda self: False)
        assert 35 <= bounded.index_matches(s, s._match("vertice")) <= 75  # 50 in fact
        assert bounded.index_matches(s, s._match("singolare")) == 3


def test_a_frequent_query_walked_from_the_newest_finds_the_same_window(store_url, monkeypatch):
    """Where the index hands matches unordered, a query frequent among the newest articles is
    checked article by article from the newest: the window (and so the ranked page) is the one
    the index finds, and the estimated total stays near the truth."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "RANK_WINDOW", 8)
    docs = [plain(f"Vertice {i}", f"Il vertice {i} sulla difesa." + (" vertice" * (i % 3)) if i % 3
                  else f"Un testo {i} qualsiasi.", raw=f"w{i}") for i in range(90)]
    with open_store(store_url) as s:
        s.add_documents(docs)
        answers = []
        for share in (2.0, 0.05):  # never frequent: the index; then frequent: the walk
            monkeypatch.setattr(bounded, "DENSE_SHARE", share)
            page = s.search("vertice", limit=5)
            answers.append(([h.article_id for h in page.items], page.exact))
            assert not page.exact and 40 <= page.total <= 90  # 60 in fact
        assert answers[0] == answers[1]


def test_an_estimate_in_a_date_span_scales_to_the_span(store_url, monkeypatch):
    """A span searched index-first (too rare for the date walk) estimates its total from the
    span's own pks: the matches stored after the span cannot pass its dates, and do not shrink
    the estimate."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "RANK_WINDOW", 5)
    monkeypatch.setattr(bounded, "MAX_PROBES", 2)  # the date walk always declines
    days = [f"2022-{m:02d}-{d:02d}" for m in range(1, 13) for d in (4, 11, 18, 25)]
    docs = [plain(f"Vertice {i}", f"Il vertice {i} sulla difesa.", published=day, raw=f"v{i}")
            for i, day in enumerate(days)]
    with open_store(store_url) as s:
        s.add_documents(docs)
        page = s.search("vertice", Filters(since="2022-01-01", until="2022-06-30"))
        assert not page.exact and 16 <= page.total <= 40  # 24 in fact


@pytest.mark.parametrize("in_date_order", [True, False])
def test_a_date_order_walks_further_only_where_the_store_is_in_date_order(store_url, monkeypatch, in_date_order):
    """A query too frequent to sort cheaply and too rare for a short walk: where the store holds
    its articles in date order (a block of the date index is one run of pks, one index cursor),
    the date order is walked a block at a time, up to :data:`BLOCK_WALK_RATIO` articles per
    match; stored out of order, every match is sorted. The pages are the same either way."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "RANK_WINDOW", 4)
    monkeypatch.setattr(bounded, "MAX_PROBES", 10)
    monkeypatch.setattr(bounded, "WALK_BLOCK", 8)
    monkeypatch.setattr(bounded, "IN_ORDER_RUNS", 2)
    monkeypatch.setattr(bounded, "NEAR_GAP", 2)
    walks: list[bool] = []
    real_walk = bounded._walk
    monkeypatch.setattr(bounded, "_walk", lambda *a, **k: walks.append(True) or real_walk(*a, **k))
    days = [f"2022-{1 + i // 28:02d}-{1 + i % 28:02d}" for i in range(60)]
    order = range(60) if in_date_order else sorted(range(60), key=lambda i: (i * 7) % 60)
    docs = [plain(f"Nota {i}", f"La tregua {i} regge." if i % 6 == 0 else f"Un testo {i} qualsiasi.",
                  published=days[i], raw=f"t{i}") for i in order]
    with open_store(store_url) as s:
        s.add_documents(docs)
        page = s.search("tregua", sort="date", limit=3)
        assert [h.published for h in page.items] == [days[54], days[48], days[42]]
        # PostgreSQL probes a word article by article, so its walk never goes further
        assert walks == ([True] if in_date_order and s._sorted_by_index() else [])


def test_a_date_walk_that_finds_fewer_matches_than_estimated_walks_further_or_sorts(store_url, monkeypatch):
    """A date order walked from the newest articles, probing each, starts as far as the
    estimate says and grows while it falls short; past its bound it gives way to sorting every
    match. Either way the pages are those of the plain sorted order."""
    from cronaca.store import bounded

    monkeypatch.setattr(bounded, "RANK_WINDOW", 4)
    monkeypatch.setattr(bounded, "WALK_BLOCK", 4)
    days = [f"2022-{1 + i // 28:02d}-{1 + i % 28:02d}" for i in range(80)]
    docs = [plain(f"Nota {i}", f"La tregua {i} regge." if i % 10 == 0 else f"Un testo {i} qualsiasi.",
                  published=days[i], raw=f"t{i}") for i in range(80)]
    expected = [days[70], days[60], days[50]]
    with open_store(store_url) as s:
        s.add_documents(docs)
        for max_probes in (40, 2):  # the walk grows to its answer; then it gives way at once
            monkeypatch.setattr(bounded, "MAX_PROBES", max_probes)
            monkeypatch.setattr(bounded, "PROBE_GROWTH", 1)
            got = bounded._walk(s, s._match("tregua"), "1=1", (), True, 3, 0, reach=1)
            if max_probes == 2 and not s._sorted_by_index():
                assert got is None
            else:
                assert [r["published"] for r in got] == expected
        assert [h.published for h in s.search("tregua", sort="date", limit=3).items] == expected


def test_an_actor_filter_names_the_actors_it_resolves_to(store):
    """The filter's actor ids are looked up first and given to the query as values (the
    planner then knows how often each is mentioned); a name nobody bears finds nothing."""
    where = store._where(Filters(actor="Lavrov"))
    assert "actor_names" not in where.sql and len(where.params) >= 1
    assert store.search("Ucraina", Filters(actor="Lavrov")).total == 1
    assert store.search("Ucraina", Filters(actor="Nessuno Maisentito")).total == 0


def test_snippet_marks_inflected_forms_and_not_words_that_only_begin_alike(store_url):
    """Stems decide what is marked (on PostgreSQL, words found by their beginnings are confirmed
    by the server's stemmer): "Mosca" marks "Mosca" but not "moschea"."""
    text = "Parole iniziali. " * 20 + "La moschea di Mosca e le trattative con Mosca. " + "Chiusura del pezzo. " * 20
    with open_store(store_url) as s:
        s.add_documents([plain("Una nota", text, raw="m1")])
        hit = s.search("Mosca").items[0]
    assert hit.snippet.count("<mark>Mosca</mark>") == 2
    assert "<mark>moschea</mark>" not in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
