"""The HTML pages (server-rendered) and the pieces they are built from."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from web_corpus import HOSTILE_TITLE, build_store

from cronaca.errors import QueryError
from cronaca.types import Article, Document, Event, Mention, Quote
from cronaca.web import cursors
from cronaca.web.highlight import highlight_document, safe_href
from cronaca.web.querysyntax import check_query

# -- pure pieces -----------------------------------------------------------------------------

def _doc(text: str, mentions=(), quotes=(), events=()) -> Document:
    art = Article(id="a_test", origin="t", raw_hash="h", format="text", text=text)
    return Document(art, tuple(mentions), tuple(quotes), (), tuple(events))


def _body_text(markup: str) -> str:
    """The text a reader sees in the highlighted body, without the speaker labels."""
    root = lxml_html.fragment_fromstring(f"<div>{markup}</div>")
    for label in root.xpath(".//span[@class='speaker']"):
        label.drop_tree()
    return root.text_content()


def test_highlight_keeps_the_text_exact_with_overlapping_spans():
    text = "«Non cederemo», ha detto Lavrov a Ginevra <b>oggi</b> & domani."
    lav = text.index("Lavrov")
    gin = text.index("Ginevra")
    doc = _doc(text,
               mentions=[Mention(lav, lav + 6, "Lavrov", "PER", "per:lavrov", "Sergey Lavrov"),
                         Mention(gin, gin + 7, "Ginevra", "GPE", "gpe:geneva", "Geneva")],
               quotes=[Quote(1, 13, "Non cederemo", "direct", "per:lavrov", "Sergey Lavrov",
                             cue="ha detto")],
               events=[Event("DISAPPROVE", 0, len(text), text, "per:lavrov", "Sergey Lavrov")])
    out = str(highlight_document(doc))
    assert _body_text(out) == text
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert 'href="/actors/per:lavrov"' in out
    assert '<span class="speaker" data-ann="q0">Sergey Lavrov</span>' in out
    root = lxml_html.fragment_fromstring(f"<div>{out}</div>")
    assert [e.text_content() for e in root.xpath(".//span[contains(@class,'m-GPE')]")] == ["Ginevra"]


def test_highlight_survives_bad_offsets():
    text = "Putin parla."
    doc = _doc(text, mentions=[Mention(0, 5, "Putin", "PER", "p", "Vladimir Putin"),
                               Mention(8, 99, "x", "PER", "q", "X"),
                               Mention(6, 6, "", "PER", "r", "R")])
    assert _body_text(str(highlight_document(doc))) == text


def test_only_http_urls_become_links():
    assert safe_href("https://www.ansa.it/a.html") == "https://www.ansa.it/a.html"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                "//evil.example", "https://x.it/\"onmouseover=alert(1)", None, ""):
        assert safe_href(bad) is None


@pytest.mark.parametrize("q,fragment", [
    ('"Lavrov', "quotation mark"), ("AND Lavrov", "between two terms"), ("Lavrov OR", "ends with"),
    ("(Lavrov", "not closed"), ("Lavrov)", "no opening"), ("()", "empty parentheses"),
    ("*", "end of a word"), ('""', "empty phrase"), ("NEAR(", "not closed"),
])
def test_malformed_syntax_is_explained(q, fragment):
    with pytest.raises(QueryError, match=fragment):
        check_query(q)


def test_good_syntax_passes():
    for q in ('Lavrov Blinken', '"garanzie di sicurezza" OR sanzioni', 'negoz* NOT Mosca',
              "(Putin OR Macron) telefonata", "l'Ucraina", ""):
        assert check_query(q) == q.strip()


def test_cursors_round_trip_and_refuse_foreign_ones():
    c = cursors.encode("events", ["2022-01-12", 42])
    assert cursors.decode("events", c, 2) == ["2022-01-12", 42]
    with pytest.raises(QueryError):
        cursors.decode("quotes", c, 2)
    with pytest.raises(QueryError):
        cursors.decode("events", "!!!", 2)


# -- pages over a real store -----------------------------------------------------------------

@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request, tmp_path_factory):
    """The pages over the same corpus in an SQLite file, then in a PostgreSQL database."""
    work = tmp_path_factory.mktemp("web_pages")
    url = str(work / "kb.db") if request.param == "sqlite" else \
        request.getfixturevalue("pg_server").new_database("web_pages")
    info = build_store(url, work)
    from cronaca.web.app import create_app

    with TestClient(create_app(url)) as client:
        yield client, info


@pytest.fixture(scope="module")
def client(site):
    return site[0]


def page(client, url: str, status: int = 200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    return lxml_html.fromstring(r.text)


def test_overview_shows_size_actors_and_chart_data(client):
    root = page(client, "/")
    assert int(root.get_element_by_id("n-articles").text) >= 20
    assert len(root.xpath("//table//a[starts-with(@href, '/actors/')]")) >= 5
    data = root.xpath("//script[@type='application/json']")
    assert data and '"labels"' in data[0].text
    assert not root.xpath("//script[not(@src) and not(@type='application/json')]")  # no inline JS
    assert all(s.get("src").startswith("/static/") for s in root.xpath("//script[@src]"))


def test_search_page_keeps_the_query_and_filters_in_the_url(client):
    root = page(client, "/search?q=Lavrov&outlet_group=state_affiliated&sort=date")
    assert root.xpath("//form[@class='search']//input[@name='q']/@value") == ["Lavrov"]
    assert root.xpath("//select[@name='outlet_group']/option[@selected]/@value") == ["state_affiliated"]
    assert root.xpath("//select[@name='sort']/option[@selected]/@value") == ["date"]
    assert root.xpath("//ol[contains(@class,'hits')]//mark")
    count = int(root.get_element_by_id("result-count").xpath("./b")[0].text)
    assert count >= 1


def test_search_pagination_links_to_the_next_page(client):
    root = page(client, "/search?q=Russia&limit=2")
    nxt = root.xpath("//nav[@class='pager']/a[@class='next']/@href")
    assert nxt and "cursor=" in nxt[0] and "q=Russia" in nxt[0]
    page(client, nxt[0])


def test_malformed_search_page_says_what_to_fix(client):
    root = page(client, "/search?q=%28Putin+OR", status=400)
    msg = root.get_element_by_id("search-error").text_content()
    assert "parenthesis" in msg or "ends with" in msg
    page(client, "/search?q=Lavrov&since=ieri", status=400)
    page(client, "/search?q=Lavrov&cursor=broken", status=400)


def test_article_page_highlights_exact_spans(client, site):
    doc = next(d for d in site[1]["documents"] if d.quotes and d.mentions and d.events)
    root = page(client, f"/articles/{doc.id}")
    body = root.get_element_by_id("article-body")
    for label in body.xpath(".//span[@class='speaker']"):
        label.drop_tree()
    assert body.text_content() == doc.article.text
    assert len(body.xpath(".//span[contains(@class,'quote')]")) >= 1
    assert root.xpath("//ul[contains(@class,'quotes')]/li")
    assert root.xpath("//details[@id='removed']/summary")
    assert root.xpath("//ul[contains(@class,'actors')]//a[starts-with(@href,'/actors/')]")


def test_hostile_article_renders_as_text(client, site):
    doc = next(d for d in site[1]["documents"] if d.article.title == HOSTILE_TITLE)
    r = client.get(f"/articles/{doc.id}")
    assert "<script>window" not in r.text and "<img src=x" not in r.text
    root = lxml_html.fromstring(r.text)
    assert root.get_element_by_id("article-title").text_content() == HOSTILE_TITLE
    assert not root.xpath("//a[starts-with(@href,'javascript')]")
    assert not root.xpath("//*[@onerror or @onload or @onmouseover]")
    assert "javascript:" in root.xpath("//span[@class='untrusted-url']")[0].text_content()


def test_actor_page_shows_names_quotes_events_company(client):
    lavrov = client.get("/api/actors?q=lavrov").json()["items"][0]["id"]
    root = page(client, f"/actors/{lavrov}")
    assert "Lavrov" in root.get_element_by_id("actor-name").text_content()
    assert root.xpath("//ul[contains(@class,'quotes-by')]/li/blockquote")
    assert root.xpath("//table[contains(@class,'co-actors')]//a")
    assert root.xpath("//figure[@data-chart]")
    page(client, "/actors/none:such", status=404)


def test_timeline_and_story_pages(client):
    root = page(client, "/timeline?event_type=CONSULT")
    types = {t.text_content() for t in root.xpath("//table[contains(@class,'timeline-events')]//tr/td[2]")}
    assert types == {"CONSULT"}
    page(client, "/timeline?since=not-a-date", status=400)
    page(client, "/stories")
    page(client, "/stories/none", status=404)
    for href in client.get("/api/stories?limit=3").json()["items"]:
        page(client, f"/stories/{href['id']}")


def test_unknown_pages_are_friendly_404s(client):
    root = page(client, "/nowhere", status=404)
    assert root.xpath("//p[@class='error']")


def test_serve_command_refuses_a_missing_store(tmp_path):
    from click.testing import CliRunner

    from cronaca.cli import main

    runner = CliRunner()
    assert "--port" in runner.invoke(main, ["serve", "--help"]).output
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "does not exist" in result.output


def test_aggregates_refresh_in_the_background_after_a_write(tmp_path, monkeypatch):
    import time

    from cronaca.store.base import open_store
    from cronaca.web import cache

    store = open_store(str(tmp_path / "kb.db"))
    monkeypatch.setattr(cache, "_CACHE_TTL", 0.0)
    def count(c):
        return c.execute("SELECT count(*) FROM actors").fetchone()[0]

    assert cache.cached(store.conn, ("test-count",), count) == 0
    store.conn.execute("INSERT INTO actors(id, name, kind) VALUES ('x', 'X', 'PER')")
    store.conn.commit()
    assert cache.cached(store.conn, ("test-count",), count) == 0  # the old answer, at once
    deadline = time.monotonic() + 5
    while cache.cached(store.conn, ("test-count",), count) != 1:
        assert time.monotonic() < deadline, "the background refresh never landed"
        time.sleep(0.05)
    store.close()


def test_an_event_merged_with_other_reports_links_to_them(client):
    conn = client.app.state.db.store().conn
    row = conn.execute("SELECT r.article_id FROM event_reports r JOIN merged_events m "
                       "ON m.id = r.event_id WHERE m.reports > 1 LIMIT 1").fetchone()
    assert row is not None, "the demo corpus has events told by several articles"
    root = page(client, f"/articles/{row[0]}")
    links = root.xpath("//ul[contains(@class,'events')]//a[@class='merged']")
    assert links and all(a.get("href").startswith("/stories/s_") for a in links)
    api = client.get(f"/api/articles/{row[0]}").json()["links"]["merged_events"]
    assert any(m["reports"] > 1 and m["story_id"] for m in api.values())


@pytest.mark.parametrize("url", ["/", "/search?q=Lavrov", "/api/meta", "/static/app.js",
                                 "/api/articles?format=csv"])
def test_head_answers_like_get_without_a_body(client, url):
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-security-policy"] == got.headers["content-security-policy"]


@pytest.mark.parametrize("url", ["/static/../../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml",
                                 "/static/..%2f..%2fpyproject.toml", "/articles/..%2f..%2fetc%2fpasswd"])
def test_path_traversal_finds_nothing(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert "[project]" not in r.text and "root:" not in r.text


def test_the_server_listens_on_this_machine_only_by_default():
    from cronaca.cli.serve import serve

    [host] = [p for p in serve.params if p.name == "host"]
    assert host.default == "127.0.0.1"
