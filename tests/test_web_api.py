"""The JSON API over a store built by the real pipeline from the demo corpus (+ hostile records)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from web_corpus import HOSTILE_TITLE, build_store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request, tmp_path_factory):
    """The API over the same corpus in an SQLite file, then in a PostgreSQL database."""
    work = tmp_path_factory.mktemp("web_api")
    url = str(work / "kb.db") if request.param == "sqlite" else \
        request.getfixturevalue("pg_server").new_database("web_api")
    info = build_store(url, work)
    from cronaca.web.app import create_app

    with TestClient(create_app(url)) as client:
        yield client, info


@pytest.fixture(scope="module")
def client(kb):
    return kb[0]


def walk(client, url: str, limit: int = 3) -> list[dict]:
    """Every item of a list endpoint, following next_cursor to the end."""
    items, cursor, seen = [], None, 0
    while True:
        sep = "&" if "?" in url else "?"
        page = client.get(f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        cursor = body["next_cursor"]
        seen += 1
        assert seen < 1000
        if not cursor:
            return items


def test_meta_counts_the_corpus(client, kb):
    meta = client.get("/api/meta").json()
    assert meta["articles"] >= 20
    if kb[1]["linked"]:  # copies found by the linker are not counted twice
        assert meta["articles"] < meta["articles_with_duplicates"]
    assert meta["articles_with_duplicates"] == len({d.id for d in kb[1]["documents"]})
    assert meta["first_date"] <= meta["last_date"]


def test_search_finds_highlights_and_pages_without_gaps(client):
    first = client.get("/api/search?q=Lavrov&limit=3").json()
    assert first["total"] >= 4
    assert all("<mark>" in h["snippet"] for h in first["items"])
    hits = walk(client, "/api/search?q=Lavrov")
    ids = [h["article_id"] for h in hits]
    assert len(ids) == len(set(ids)) == first["total"]


def test_search_sorted_by_date_is_newest_first(client):
    hits = walk(client, "/api/search?q=Russia&sort=date", limit=5)
    dates = [h["published"] or "" for h in hits]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("q", ['"Lavrov', "AND", "Putin OR", "(Putin", "Putin)", "*", "NEAR(",
                               "()", '""', "x" * 600])
def test_malformed_search_is_a_400_with_a_message(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["message"] and body["error"] in ("bad_query", "bad_parameters")


def test_damaged_cursor_and_bad_filters_are_400(client):
    assert client.get("/api/search?q=Lavrov&cursor=%%%").status_code == 400
    assert client.get("/api/actors?cursor=bm9wZQ").status_code == 400
    r = client.get("/api/articles?since=yesterday")
    assert r.status_code == 400 and "since" in r.json()["message"]
    assert client.get("/api/articles?outlet_group=friendly").status_code == 400


@pytest.mark.parametrize("url, message", [
    ("/api/articles?since=2022-13-01", "since '2022-13-01' is not a date in the calendar"),
    ("/api/search?q=Lavrov&until=2022-02-30", "until '2022-02-30' is not a date"),
    ("/api/events?type=NOPE", "unknown event type 'NOPE'"),
    ("/api/articles?event_type=CONSLT", "unknown event type 'CONSLT'"),
    ("/api/timeline?since=2021-02-29", "not a date in the calendar"),
])
def test_impossible_dates_and_unknown_types_are_400(client, url, message):
    r = client.get(url)
    assert r.status_code == 400, r.text
    assert message in r.json()["message"]
    page = client.get(url.removeprefix("/api").replace("/articles", "/search"))
    assert page.status_code in (400, 404)


def test_filters_restrict_results(client):
    state = walk(client, "/api/articles?outlet_group=state_affiliated", limit=10)
    other = walk(client, "/api/articles?outlet_group=other", limit=10)
    everything = walk(client, "/api/articles", limit=10)
    assert state and other
    assert len(state) + len(other) == len(everything)
    ranged = walk(client, "/api/articles?since=2023-06-01&until=2023-06-30", limit=10)
    assert ranged and all(a["published"].startswith("2023-06") for a in ranged)
    lavrov = client.get("/api/search?q=Ginevra&actor=Lavrov").json()
    assert lavrov["total"] >= 1


def test_article_has_annotations_and_unknown_is_404(client):
    hit = client.get("/api/search?q=Lavrov").json()["items"][0]
    art = client.get(f"/api/articles/{hit['article_id']}").json()
    assert art["text"] and art["mentions"]
    m = art["mentions"][0]
    assert art["text"][m["start"]:m["end"]] == m["text"]
    assert art["links"]["provenance"]
    r = client.get("/api/articles/a_0000000000000000")
    assert r.status_code == 404 and "no article" in r.json()["message"]


def test_actors_are_paged_to_the_end_without_caps(client):
    first = client.get("/api/actors?limit=5").json()
    everyone = walk(client, "/api/actors", limit=7)
    assert len(everyone) == first["total"] == len({a["id"] for a in everyone})
    counts = [a["articles"] for a in everyone]
    assert counts == sorted(counts, reverse=True)


def test_actor_detail_has_quotes_events_and_company(client):
    lavrov = client.get("/api/actors?q=lavrov").json()["items"][0]
    view = client.get(f"/api/actors/{lavrov['id']}").json()
    assert view["actor"]["name"] == lavrov["name"]
    assert view["counts"]["articles"] >= 3
    assert view["co_actors"] and view["attention"]["labels"]
    assert view["quotes_by"] and all(q["speaker_id"] == lavrov["id"] for q in view["quotes_by"])
    assert client.get("/api/actors/nobody:here").status_code == 404


def test_quotes_by_speaker_download_as_csv_and_jsonl(client):
    page = client.get("/api/quotes?speaker=Lavrov&limit=2").json()
    assert page["total"] >= 2
    r = client.get("/api/quotes?speaker=Lavrov&format=csv&limit=1")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == page["total"]  # the whole result set, not one page
    r = client.get("/api/quotes?speaker=Lavrov&format=jsonl&limit=1")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == page["total"] and all(x["text"] for x in lines)


def test_csv_cells_cannot_become_spreadsheet_formulas(client):
    r = client.get("/api/events?format=csv")
    for row in csv.DictReader(io.StringIO(r.text)):
        for value in row.values():
            assert not value.startswith(("=", "+", "@"))


def test_events_filtered_by_type_and_actor_role(client):
    consult = walk(client, "/api/events?type=CONSULT", limit=10)
    assert consult and {e["type"] for e in consult} == {"CONSULT"}
    lavrov = client.get("/api/actors?q=lavrov").json()["items"][0]["id"]
    mine = walk(client, f"/api/events?actor={lavrov}&role=source", limit=10)
    assert mine and all(e["source_id"] == lavrov for e in mine)


def test_timeline_points_link_to_evidence(client):
    t = client.get("/api/timeline").json()
    points = t["chart"]["points"]
    assert points and t["events"]["total"] >= len(points)
    for p in points:
        assert p["href"].startswith(("/articles/", "/timeline?"))
    one = next(p for p in points if p["count"] == 1)
    assert client.get(one["href"]).status_code == 200


def test_stories_degrade_or_list(client):
    page = client.get("/api/stories").json()
    assert page["total"] == len(page["items"]) or page["next_cursor"]
    for s in page["items"][:3]:
        view = client.get(f"/api/stories/{s['id']}").json()
        assert view["articles"]
    assert client.get("/api/stories/nope").status_code == 404


def test_openapi_and_local_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/articles/{article_id}", "/api/actors/{actor_id}",
                 "/api/quotes", "/api/events", "/api/timeline", "/api/stories/{story_id}",
                 "/api/stories/{story_id}/comparison"):
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text
    assert "cdn" not in docs.text.lower() and 'src="http' not in docs.text


def test_every_response_carries_a_strict_csp(client):
    for url in ("/", "/api/meta", "/search?q=%22", "/static/app.css", "/api/nothing"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_hostile_title_comes_back_as_data(client):
    hits = client.get("/api/search", params={"q": "Vienna ultimatum"}).json()["items"]
    assert any(h["title"] == HOSTILE_TITLE for h in hits)
    for h in hits:
        assert "<script" not in h["snippet"] and "<img" not in h["snippet"]


def test_reads_go_on_while_ingest_writes(kb, tmp_path):
    """A writer holding the write lock does not stop the app; what it commits shows up."""
    from dataclasses import replace

    from cronaca.store.base import open_store

    client, info = kb
    db_path = client.app.state.db.path
    doc = info["documents"][0]
    text = doc.article.text + "\nAggiunto durante la lettura: Quirinale."
    new = replace(doc, article=replace(doc.article, id="a_feedfacefeedface", text=text,
                                       raw_hash="h_live", origin="live.txt"))
    writer = open_store(db_path)
    try:
        with pytest.raises(RuntimeError, match="roll back"), writer.transaction():
            writer.conn.execute("UPDATE articles SET outlet = 'changing'")
            assert client.get("/api/search?q=Lavrov").status_code == 200
            assert client.get("/").status_code == 200
            raise RuntimeError("roll back")
        writer.add_documents([new])
    finally:
        writer.close()
    hits = client.get("/api/search?q=Quirinale").json()
    assert "a_feedfacefeedface" in [h["article_id"] for h in hits["items"]]
