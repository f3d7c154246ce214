"""End-to-end: the real application in headless Chromium over a store built by the real pipeline.

A reader searches, opens an article, follows an actor, opens the timeline and a story; hostile
article content stays inert (no dialog, ``window.__pwned`` never set); the pages work at a phone's
width. Screenshots land in ``artifacts/screenshots/`` for a human to look at.
"""

from __future__ import annotations

import os
import shutil

import pytest
from web_corpus import HOSTILE_TITLE, REPO, Server, build_store

pytestmark = pytest.mark.browser

SHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("web_browser")
    build_store(work / "kb.db", work)
    with Server(work / "kb.db") as srv:
        yield srv


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        message = "chromium is not installed: run `make browser` (scripts/install-chromium.sh)"
        if os.environ.get("CI"):  # CI must run the browser tests, never skip them quietly
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watch:
    """Collects what must never happen on a page: dialogs, page errors, CSP violations, 5xx."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.failed: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: self.failed.append(r.url) if r.status >= 500 else None)

    def check(self) -> None:
        assert not self.dialogs, f"a dialog opened: {self.dialogs}"
        assert not self.errors, f"page errors: {self.errors}"
        assert not [c for c in self.console if "Content Security Policy" in c], self.console
        assert not self.failed, f"server errors: {self.failed}"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.watch = Watch(pg)
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def ready(page) -> None:
    page.wait_for_selector("html[data-ready='1']", timeout=10000)


def test_reader_journey_search_article_actor_timeline_story(server, page):
    # 1. Overview: corpus size and the attention chart drawn by the vendored library.
    page.goto(server.url + "/")
    ready(page)
    assert int(page.inner_text("#n-articles")) >= 20
    page.wait_for_selector("figure.chart.drawn canvas")
    shot(page, "01-overview")

    # 2. Search from the form; the query stays in the URL; matches are highlighted.
    page.fill("form.quick input[name=q]", "Lavrov")
    page.press("form.quick input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Lavrov*")
    ready(page)
    assert int(page.inner_text("#result-count b")) >= 3
    assert page.locator(".hits mark").count() >= 1
    shot(page, "02-search")

    # 3. Open the first hit: highlighted entities, quotations with their speaker, events.
    page.click(".hits li:first-child a.title")
    page.wait_for_url("**/articles/*")
    ready(page)
    assert page.locator("#article-body .mention").count() >= 3
    assert page.locator("#article-body .speaker").count() >= 1
    removed = page.locator("#removed")
    removed.locator("summary").click()
    assert removed.get_attribute("open") is not None
    shot(page, "03-article")

    # 4. Follow an actor from the article.
    page.locator("ul.actors a").first.click()
    page.wait_for_url("**/actors/*")
    ready(page)
    assert page.inner_text("#actor-name").strip()
    page.wait_for_selector("figure.chart.drawn canvas")
    shot(page, "04-actor")

    # 5. The timeline: a bubble chart whose points link to evidence, and the events table.
    page.goto(server.url + "/timeline")
    ready(page)
    assert page.locator("table.timeline-events tbody tr").count() >= 1
    page.wait_for_selector("figure.chart.drawn canvas")
    shot(page, "05-timeline")
    # a bubble is a link to its evidence: click the first point where the chart drew it
    box = page.locator("figure[data-chart=timeline] canvas").bounding_box()
    x, y = page.evaluate("""() => {
        const el = document.querySelector("figure[data-chart=timeline]").__chart
                     .getDatasetMeta(0).data[0];
        return [el.x, el.y]; }""")
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url(lambda url: "/timeline" not in url or "since=" in url)
    ready(page)
    assert page.url.split(server.url)[1].startswith(("/articles/", "/stories/", "/timeline?"))
    page.goto(server.url + "/timeline")
    page.locator("table.timeline-events a.evidence").first.click()
    page.wait_for_url("**/articles/*")

    # 6. A story (when the linker has made stories), otherwise the stories page says why.
    page.goto(server.url + "/stories")
    ready(page)
    links = page.locator("ul.stories a")
    if links.count():
        links.first.click()
        page.wait_for_url("**/stories/*")
        ready(page)
        assert page.inner_text("#story-title").strip()
        assert page.locator(".by-outlet .col").count() >= 1
    shot(page, "06-story")
    page.watch.check()


def test_hostile_content_is_inert(server, page):
    page.goto(server.url + "/search?q=Vienna&sort=date")
    ready(page)
    titles = page.locator(".hits a.title").all_inner_texts()
    assert any("<script>" in t for t in titles), titles  # shown as text, not run
    page.locator(".hits a.title", has_text="window.__pwned").first.click()
    page.wait_for_url("**/articles/*")
    ready(page)
    assert page.inner_text("#article-title") == HOSTILE_TITLE
    body = page.inner_text("#article-body")
    assert "<img src=x onerror=" in body and "&lt;b&gt;" in body
    # the javascript: URL is shown as text, never as a link
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("img, iframe, svg:not(.chart svg)").count() == 0
    page.mouse.move(10, 10)
    page.hover("#article-title")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "07-hostile-article")
    for path in ("/", "/actors", "/timeline", "/search?q=OSCE"):
        page.goto(server.url + path)
        ready(page)
        assert page.evaluate("typeof window.__pwned") == "undefined"
    page.watch.check()


def test_malformed_search_shows_a_helpful_message(server, page):
    resp = page.goto(server.url + '/search?q=%22Lavrov+AND')
    assert resp.status == 400
    ready(page)
    msg = page.inner_text("#search-error")
    assert "quotation mark" in msg
    assert page.input_value("form.search input[name=q]") == '"Lavrov AND'
    page.watch.check()


def test_phone_width_is_usable(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(server.url + "/search?q=Blinken")
    ready(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the page scrolls sideways on a phone ({width}px)"
    shot(page, "08-phone-search")
    page.click(".hits li:first-child a.title")
    page.wait_for_url("**/articles/*")
    ready(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    shot(page, "09-phone-article")
    watch.check()
    context.close()
