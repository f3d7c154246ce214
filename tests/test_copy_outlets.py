"""A text two outlets published word for word is one article; the earliest publisher stays its
outlet and every outlet that carried it shows in stories and comparisons (issue 10, defect 8)."""

from __future__ import annotations

import dataclasses

import pytest
from store_docs import geneva

from cronaca.store.sqlite import SQLiteStore


def _copy(doc, *, outlet: str, url: str, published: str, origin: str):
    a = doc.article
    return dataclasses.replace(doc, article=dataclasses.replace(
        a, origin=origin, raw_hash=f"h_{origin}", outlet=outlet, url=url, published=published,
        published_precision="day"))


@pytest.mark.parametrize("order", ["original first", "copier first"])
def test_the_earliest_publisher_stays_the_outlet_and_the_copier_is_kept(db_path, order):
    wire = _copy(geneva(), outlet="ansa.it", url="https://www.ansa.it/a", published="2022-01-21",
                 origin="ansa.txt")
    copier = _copy(geneva(), outlet="copia.example.it", url="https://copia.example.it/a",
                   published="2022-01-22" if order == "copier first" else "2022-01-21",
                   origin="copia.txt")
    with SQLiteStore(db_path) as store:
        for doc in ([wire, copier] if order == "original first" else [copier, wire]):
            store.add_documents([doc])
        got = store.get_document(wire.id).article
        assert (got.outlet, got.url, got.published) == ("ansa.it", "https://www.ansa.it/a", "2022-01-21")
        assert store.carriers([wire.id]) == {wire.id: [{
            "outlet": "copia.example.it", "url": "https://copia.example.it/a",
            "published": copier.article.published}]}
        by_origin = {p["origin"]: p["outlet"] for p in store.provenance(wire.id)}
        assert by_origin == {"ansa.txt": "ansa.it", "copia.txt": "copia.example.it"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from cronaca.demo import run_demo

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    run_demo(db)
    store = SQLiteStore(db)
    yield store
    store.close()


def test_in_the_demo_every_word_for_word_pair_keeps_the_agency_and_names_the_copier(demo):
    pairs = demo.conn.execute(
        "SELECT a.id, a.outlet FROM articles a JOIN raw_inputs r ON r.article_id = a.id "
        "GROUP BY a.id HAVING count(*) > 1").fetchall()
    assert len(pairs) == 5
    assert {outlet for _, outlet in pairs} == {"ansa.it"}
    carried = demo.carriers([aid for aid, _ in pairs])
    assert {c["outlet"] for cs in carried.values() for c in cs} == {
        "today.it", "thesocialpost.it", "unionesarda.it"}


def test_copiers_show_in_stories_and_comparisons(demo):
    from cronaca.link import queries

    [(aid,)] = demo.conn.execute("SELECT article_id FROM raw_inputs WHERE outlet = 'today.it'")
    sid = demo.article_links(aid)["story_id"]
    [listed] = [s for s in queries.stories(demo) if s["id"] == sid]
    assert {"ansa.it", "today.it"} <= set(listed["outlets"])
    detail = queries.story(demo, sid)
    [art] = [a for a in detail["articles"] if a["id"] == aid]
    assert art["outlet"] == "ansa.it" and [c["outlet"] for c in art["carriers"]] == ["today.it"]
    comparison = queries.compare_story(demo, sid)
    views = {v.outlet: v for v in comparison.outlets}
    assert views["today.it"].copies == (aid,) and views["today.it"].articles == ()
    assert aid in views["ansa.it"].articles
    counted = queries.compare_story(demo, sid, include_duplicates=True)
    assert aid in {v.outlet: v for v in counted.outlets}["today.it"].articles


def test_the_story_page_lists_the_copier_under_its_own_outlet(demo):
    from fastapi.testclient import TestClient

    from cronaca.link import queries
    from cronaca.web.app import create_app

    [(aid,)] = demo.conn.execute("SELECT article_id FROM raw_inputs WHERE outlet = 'today.it'")
    sid = demo.article_links(aid)["story_id"]
    with TestClient(create_app(demo.path)) as client:
        listed = {s["id"]: s for s in client.get("/api/stories?limit=50").json()["items"]}
        [summary] = [s for s in queries.stories(demo) if s["id"] == sid]
        assert "today.it" in summary["outlets"]
        assert listed[sid]["outlets"] == len(summary["outlets"])  # the copier counts
        story = client.get(f"/api/stories/{sid}").json()
        outlets = {o["outlet"]: o for o in story["by_outlet"]}
        assert [a["same_text_as"] for a in outlets["today.it"]["articles"]] == ["ansa.it"]
        page = client.get(f"/stories/{sid}")
        assert page.status_code == 200 and "same text as ansa.it" in page.text
