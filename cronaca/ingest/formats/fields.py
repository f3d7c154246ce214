"""Map the many spellings scrapers use for the same field onto cronaca's canonical keys.

Every scraper names things its own way: news-please writes ``maintext`` and ``date_publish``,
NewsAPI ``publishedAt`` and a ``source`` object, RSS-derived dumps ``link`` and ``pubDate``.
Readers put what a container said into ``RawDocument.metadata`` under five canonical keys —
``url``, ``title``, ``published`` (the string as given), ``outlet``, ``language`` — and keep
every other field as it was, so nothing the user had is lost.

When a record carries two spellings of one field, the first one in :data:`ALIASES` with a usable
value wins and the others stay in the metadata under their own names.
"""

from __future__ import annotations

from typing import Any, Mapping

#: canonical key -> accepted spellings, most specific first.
ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "canonical_url", "source_url", "article_url", "uri", "href"),
    "title": ("title", "headline", "heading", "title_page", "title_rss"),
    "published": ("published", "date_publish", "published_at", "publishedAt", "pubDate",
                  "datePublished", "date_published", "publish_date", "publication_date",
                  "pub_date", "published_time", "date"),
    "outlet": ("outlet", "source", "site_name", "source_domain", "sitename", "publisher",
               "domain", "source_name"),
    "language": ("language", "lang", "language_code"),
}

#: Fields holding the article's text, most specific first (news-please: ``maintext``).
TEXT_FIELDS: tuple[str, ...] = ("text", "content", "body", "maintext", "article_text",
                                "articleBody", "full_text", "fulltext", "article")
#: Fields holding the article's HTML page.
HTML_FIELDS: tuple[str, ...] = ("html", "raw_html", "content_html", "body_html", "page_html")

CANONICAL = tuple(ALIASES)


def canonical_metadata(record: Mapping[str, Any]) -> dict[str, Any]:
    """Canonical keys for the aliased fields, every other field kept under its own name.

    The text and HTML fields are left out: they become ``RawDocument.text``, not metadata.
    """
    used: set[str] = set(TEXT_FIELDS) | set(HTML_FIELDS)
    out: dict[str, Any] = {}
    for key, spellings in ALIASES.items():
        for spelling in spellings:
            value = _scalar(record.get(spelling))
            if value is not None:
                out[key] = value
                used.add(spelling)
                break
    for key, value in record.items():
        if key not in used and key not in out:
            out[key] = value
    return out


def first_text(record: Mapping[str, Any], fields: tuple[str, ...]
               ) -> tuple[str | None, str | None]:
    """``(field, value)`` of the first field with non-blank text; a list of paragraphs is joined."""
    for name in fields:
        value = record.get(name)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "\n".join(value)
        if isinstance(value, str) and value.strip():
            return name, value
    return None, None


def _scalar(value: Any) -> str | None:
    """A usable string for a canonical field: NewsAPI-style ``{"name": ...}`` objects unwrapped."""
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("url") or value.get("id")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
