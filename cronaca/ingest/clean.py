"""From a :class:`RawDocument` to a clean :class:`Article`: the cleaning cascade.

1. Repair mojibake (ftfy, curly quotes kept) — every later step sees the characters as written.
2. Decide the language (given, or langid over the page) — furniture lists and the foreign-line
   test depend on it.
3. Zone the lines (:mod:`.boilerplate`): title, body, and every removal with its reason.
4. Metadata (:mod:`.metadata`): URL, outlet, publication date with precision and evidence.
5. Sentence spans over the body (:mod:`.sentences`), glued sentences split without editing text.
6. Quality flags (:mod:`.flags`).

The function is pure: same input, same Article; no I/O beyond cached read-only resources.
"""

from __future__ import annotations

from ..ids import article_id
from ..types import Article, RawDocument
from .boilerplate import zone
from .flags import quality_flags
from .language import LANGUAGES, detect_article_language
from .metadata import extract
from .repair import repair
from .sentences import glue_points, split_sentences


def _page_language(text: str, metadata: dict) -> str:
    declared = metadata.get("language")
    if isinstance(declared, str) and declared[:2].lower() in LANGUAGES:
        return declared[:2].lower()
    return detect_article_language(text)


def clean(raw: RawDocument, language: str | None = None) -> Article:
    """Clean one raw document; ``language`` forces the language instead of detecting it."""
    text = repair(raw.text)
    lang = language or _page_language(text, raw.metadata)
    known_title = raw.metadata.get("title") if isinstance(raw.metadata.get("title"), str) else None
    zones = zone(text, lang, known_title=known_title)
    body = "\n".join(line.text for line in zones.body)
    if language is None and body and not raw.metadata.get("language"):
        body_lang = detect_article_language(body, default=lang)
        if body_lang != lang:  # the page's furniture outweighed a short body: zone again
            lang = body_lang
            zones = zone(text, lang, known_title=known_title)
            body = "\n".join(line.text for line in zones.body)
    meta = extract(zones, raw.metadata, lang)
    title = zones.title
    glued = glue_points(body, lang)
    return Article(
        id=article_id(title, body),
        origin=raw.origin,
        raw_hash=raw.raw_hash,
        format=raw.format,
        text=body,
        title=title,
        url=meta.url,
        outlet=meta.outlet,
        published=meta.published,
        published_precision=meta.precision,
        published_evidence=meta.evidence,
        language=lang,
        flags=quality_flags(title, body, zones.removed, meta.profile, lang, body_glue=glued),
        removed=zones.removed,
        sentences=split_sentences(body, lang, glued=glued),
        metadata=dict(raw.metadata),
    )
