"""HTML page -> title line + article body, with the metadata the page states explicitly.

trafilatura does the hard part (finding the article among menus, comments and widgets); this
module decides what to trust from it:

1. The body is trafilatura's main text without comments, one paragraph per line, so the
   cleaner sees the same "title line + body lines" shape as the plain-text seeds. A first body
   line that repeats the title (the page's ``<h1>``) is the title itself, not a second copy.
2. The title comes from the page's own metadata (``og:title``, JSON-LD ``headline``, ``<title>``,
   ``<h1>``) through trafilatura's metadata helpers, and becomes the FIRST line of the text.
3. The publication date is taken only from explicit markup — ``article:published_time``,
   ``itemprop="datePublished"``, JSON-LD ``datePublished``, ``<time datetime>`` — never from
   trafilatura's date guess (htmldate), which happily returns a crawl date or a related article's
   date. No evidence, no date: the cleaner then looks at the URL and the text.
4. A page with no extractable body — or only a few words of it, which is what trafilatura's
   fallbacks find on a menu-only page — is refused (:class:`~cronaca.errors.EmptyInput`):
   storing a title alone would add a hollow article that search and stories would then trust.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Iterator

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import load_html

from ...errors import EmptyInput
from ...limits import check_page

log = logging.getLogger(__name__)

_META_DATE = (
    "//meta[@property='article:published_time' or @name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
)
_TIME_DATE = (
    "//time[@datetime][@itemprop='datePublished' or @pubdate]/@datetime",
    "//article//time[@datetime]/@datetime",
    "//time[@datetime]/@datetime",
)
_JSON_LD = "//script[@type='application/ld+json']/text()"

#: Fewer words than this is a menu, an index or an error page, not an article (a news brief
#: has several sentences).
MIN_BODY_WORDS = 12


def extract_html(html: str, origin: str, *, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """``(text, metadata)`` for one HTML page: the title as the first line, then the body.

    ``url`` is the address the container knew (a WARC target URI), used when the page states none.
    Raises :class:`~cronaca.errors.EmptyInput` when the page has no article body and
    :class:`~cronaca.errors.TooLargeInput` when it is too large to parse (``cronaca.limits``).
    """
    check_page(html, origin)
    tree = load_html(html)
    if tree is None:
        raise EmptyInput(origin, "HTML page without content (no parsable <html> tree)")
    metadata = page_metadata(tree, url)
    extracted = bare_extraction(tree, url=url, include_comments=False, with_metadata=False,
                                include_images=False, include_links=False)
    body = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    if not body:
        raise EmptyInput(origin, "HTML page without an article body (nothing to extract)")
    words = len(body.split())
    if words < MIN_BODY_WORDS:
        raise EmptyInput(origin, f"HTML page without an article body (only {words} words of "
                         "text outside the markup: a menu, an index or an error page)")
    title = metadata.get("title")
    if not title:
        return body, metadata
    first, _, rest = body.partition("\n")
    if " ".join(first.split()) == title:  # the page's <h1> repeats the title: it is the title
        body = rest.strip()
        if not body:
            raise EmptyInput(origin, "HTML page with a title but no article body")
    return f"{title}\n\n{body}", metadata


def page_metadata(tree: HtmlElement, url: str | None = None) -> dict[str, Any]:
    """Canonical metadata the page states: url, title, published (explicit markup only), outlet,
    language, plus author and description when present."""
    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as exc:  # trafilatura's JSON-LD parser trips on odd markup; keep going
        log.debug("JSON-LD metadata skipped: %s", exc)
    out: dict[str, Any] = {
        "url": meta.url or extract_url(tree, url) or url,
        "title": _one_line(meta.title or extract_title(tree)),
        "outlet": meta.sitename or extract_sitename(tree),
        "language": tree.get("lang") or meta.language,
        "author": meta.author,
        "description": meta.description,
    }
    published = markup_date(tree)
    if published:
        out["published"], out["published_markup"] = published
    return {k: v for k, v in out.items() if v}


def markup_date(tree: HtmlElement) -> tuple[str, str] | None:
    """``(date string as given, where it was found)`` from explicit publication-date markup."""
    for xpath in _META_DATE:
        for value in tree.xpath(xpath):
            if value.strip():
                return value.strip(), xpath.split("'")[1]
    for value in _json_ld_dates(tree):
        return value, "json-ld datePublished"
    for xpath in _TIME_DATE:
        for value in tree.xpath(xpath):
            if value.strip():
                return value.strip(), "time datetime"
    return None


def _json_ld_dates(tree: HtmlElement) -> Iterator[str]:
    for script in tree.xpath(_JSON_LD):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        yield from _find_key(data, "datePublished")


def _find_key(data: Any, key: str) -> Iterator[str]:
    """Depth-first values of ``key`` in nested JSON-LD (``@graph`` lists included)."""
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            yield value.strip()
        for child in data.values():
            if isinstance(child, (dict, list)):
                yield from _find_key(child, key)
    elif isinstance(data, list):
        for child in data:
            yield from _find_key(child, key)


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None
