"""What the linker knows about one article: the record every cross-article decision reads.

Why a profile: duplicates, stories and event merging each need a few facts of a document (its
date, actors, places, event types, vocabulary, fingerprint). Computing them once, in one pure
function, keeps the linker's passes cheap and lets the store persist exactly what later
articles will be compared with.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..types import Document
from .duplicates import Fingerprint, fingerprint_of
from .text import content_terms, terms_of, words
from .translations import TranslationPrint, translation_print

#: Mentions of these kinds say what a story is about; places are kept apart (a story happens
#: somewhere, but many stories happen in Brussels).
_ACTOR_LABELS = frozenset({"PER", "ORG", "GPE", "EVENT", "MISC"})
_TITLE_WEIGHT = 2  # a headline word says more about the story than a body word


@dataclass(frozen=True, slots=True)
class ArticleProfile:
    article_id: str
    order: int  # ingest order: the tie-break for "first ingested"
    date: str | None  # YYYY-MM-DD (or coarser): the stated publication date
    outlet: str | None
    origin: str
    terms: dict[str, int]  # content word -> weighted count
    actors: dict[str, int]  # actor id -> mentions
    places: frozenset[str]
    event_keys: frozenset[str]  # "TYPE|actor|actor": who did what with whom
    event_types: frozenset[str]
    fingerprint: Fingerprint
    translation: TranslationPrint
    actor_kinds: dict[str, str] = field(default_factory=dict)  # actor id -> label
    #: for an undated article, the latest day its events or times state: a hint for stories,
    #: never used to choose an original (event stages may date events from world knowledge)
    hint_date: str | None = None
    url: str | None = None
    title: str | None = None
    extra: dict = field(default_factory=dict)


def profile(doc: Document, order: int = 0) -> ArticleProfile:
    """The linker's view of a document (pure)."""
    art = doc.article
    body = words(art.text)  # folded and split once: terms and fingerprint both read them
    terms = terms_of(body, art.language)
    if art.title:
        for term, n in content_terms(art.title, art.language).items():
            terms[term] += n * _TITLE_WEIGHT
    actors: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    places: set[str] = set()
    for m in doc.mentions:
        if m.label in _ACTOR_LABELS:
            actors[m.actor_id] += 1
            kinds[m.actor_id] = m.label
    for e in doc.events:
        if e.place_id:
            places.add(e.place_id)
    return ArticleProfile(
        article_id=art.id,
        order=order,
        date=doc.article.published,
        hint_date=None if doc.article.published else _date_of(doc),
        outlet=art.outlet,
        origin=art.origin,
        terms=dict(terms),
        actors=dict(actors),
        places=frozenset(places),
        event_keys=frozenset(
            "|".join((e.type, *sorted((e.source_id or "", e.target_id or ""))))
            for e in doc.events if not (e.negated or e.hypothetical) and e.source_id and e.target_id),
        actor_kinds=kinds,
        event_types=frozenset(e.type for e in doc.events if not (e.negated or e.hypothetical)),
        fingerprint=fingerprint_of(body),
        translation=translation_print(doc),
        url=art.url,
        title=art.title,
    )


def _date_of(doc: Document) -> str | None:
    """Publication date; for an undated article the latest day-precise date it reports.

    Why the latest: an article is written after what it reports, so its latest stated day is
    the best lower bound of when it appeared, and it places the article in time for stories.
    """
    if doc.article.published:
        return doc.article.published
    days = [e.date for e in doc.events if e.date and len(e.date) == 10]
    days += [t.value for t in doc.times if t.value and len(t.value) == 10 and not t.relative]
    days += [t.value for t in doc.times if t.value and len(t.value) == 10]
    return max(days) if days else None
