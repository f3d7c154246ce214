"""From a :class:`RawDocument` to a clean :class:`Article`: the cleaning cascade.

1. Repair mojibake (ftfy, curly quotes kept) — every later step sees the characters as written.
2. Decide the language (given, or langid over the page) — furniture lists and the foreign-line
   test depend on it.
3. Zone the lines (:mod:`.boilerplate`): title, body, and every removal with its reason.
4. Metadata (:mod:`.metadata`): URL, outlet, publication date with precision and evidence.
5. Sentence spans over the body (:mod:`.sentences`), glued sentences split without editing text.
6. Quality flags (:mod:`.flags`).

What cleaning refuses or bounds, so that nothing hollow or absurd is stored:

- a document with no body left once title and furniture are removed (a menu page, a title
  alone, data that only looked like text) is refused as "no article body"
  (:class:`~cronaca.errors.EmptyInput`): search, stories and counts would trust a hollow article;
- a title longer than :data:`MAX_TITLE_CHARS` (a whole article in a title field) is cut at a
  word boundary, the cut recorded as a removal;
- the language is judged on words, never on tokens longer than any word (a 140,000-character
  title of one "word" made langid answer French and the Italian body was then removed as
  foreign).

The function is pure: same input, same Article; no I/O beyond cached read-only resources (and
today's date, beyond which no publication date is believed).
"""

from __future__ import annotations

from ..errors import EmptyInput
from ..ids import article_id
from ..types import Article, RawDocument, Removal
from .boilerplate import zone
from .flags import quality_flags
from .language import LANGUAGES, detect_article_language
from .metadata import extract
from .repair import plain, repair
from .sentences import glue_points, split_sentences


def _page_language(text: str, metadata: dict) -> str:
    declared = metadata.get("language")
    if isinstance(declared, str) and declared[:2].lower() in LANGUAGES:
        return declared[:2].lower()
    return detect_article_language(text)


#: The longest title kept whole: headlines are rarely over 200 characters.
MAX_TITLE_CHARS = 400
#: Metadata read as names and addresses: their control and bidi characters go, as in the text.
_NAMED = ("title", "outlet", "url", "published", "language", "author")


def clean(raw: RawDocument, language: str | None = None) -> Article:
    """Clean one raw document; ``language`` forces the language instead of detecting it.

    Raises :class:`~cronaca.errors.EmptyInput` when no article body is left.
    """
    text = repair(raw.text)
    given = {k: plain(v) if k in _NAMED and isinstance(v, str) else v
             for k, v in raw.metadata.items()}
    raw = RawDocument(raw.origin, raw.text, raw.format, raw.raw_hash, given)
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
    if not body.strip():
        furniture = sum(1 for r in zones.removed if r.reason != "crawler_header")
        parts = (["the title"] if zones.title else []) + (
            [f"{furniture} line{'s' * (furniture != 1)} of page furniture"] if furniture else [])
        raise EmptyInput(raw.origin, "no article body: nothing is left but "
                         + (" and ".join(parts) or "blank lines"))
    meta = extract(zones, raw.metadata, lang)
    title, cut = _bounded_title(zones.title, zones.title_line)
    removed = zones.removed + cut
    metadata = dict(raw.metadata)
    if meta.rejected:
        metadata["published_rejected"] = list(meta.rejected)
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
        removed=removed,
        sentences=split_sentences(body, lang, glued=glued),
        metadata=metadata,
    )


def _bounded_title(title: str | None, line: int | None) -> tuple[str | None, tuple[Removal, ...]]:
    """The title cut to :data:`MAX_TITLE_CHARS` at a word boundary, and the cut as a removal."""
    if title is None or len(title) <= MAX_TITLE_CHARS:
        return title, ()
    head = title[:MAX_TITLE_CHARS]
    space = head.rfind(" ")
    if space > MAX_TITLE_CHARS // 2:
        head = head[:space]
    return head.rstrip() + "…", (Removal(title[len(head):].strip(), "title_too_long", line),)
