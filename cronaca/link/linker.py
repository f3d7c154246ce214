"""Linking, one article at a time: duplicates, then stories, then merged events.

The order matters and is the point of this module:
  1. actors the knowledge base did not resolve are resolved across the corpus (``actors``);
  2. a copy of an article already seen (``duplicates``), or its translation into another
     language (``translations``), is linked to its original and joins its story; it does not
     move story centroids or document frequencies (a wire story reposted ten times is one
     report, not ten);
  3. an original joins the best open story or starts one (``stories``);
  4. its events are merged with the events already known (``events``).
Every step reads and writes a :class:`~cronaca.link.index.LinkIndex` through point look-ups, so
linking a batch costs time proportional to the batch, not to the corpus.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from ..types import Document
from . import events as ev
from . import stories as st
from .actors import resolve_document, seed_from_kb
from .duplicates import BAND_CANDIDATES, earlier, near_copies
from .index import LinkIndex, MemoryIndex, StoredFingerprint
from .profile import ArticleProfile, profile
from .translations import is_translation

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What linking decided about one article."""

    article_id: str
    story_id: str
    story_score: float
    new_story: bool
    duplicate_of: str | None = None
    duplicate_score: float = 0.0


class Linker:
    """Runs the linking steps over an index (in memory or the store's tables)."""

    def __init__(self, index: LinkIndex) -> None:
        self.index = index

    def add(self, docs: Iterable[Document], first_order: int = 0) -> list[LinkResult]:
        """Link documents, earliest published first (so originals precede their copies)."""
        ordered = sorted(enumerate(docs), key=lambda io: (io[1].article.published or "9999", io[0]))
        return [self.add_one(doc, first_order + i) for i, doc in ordered]

    def add_one(self, doc: Document, order: int) -> LinkResult:
        doc = resolve_document(doc, self.index)
        p = profile(doc, order)
        original, dup_score = self._duplicate(p)  # the stated date only: it picks originals
        if p.date is None:
            p = replace(p, hint_date=self._date_from_events(doc) or p.hint_date)
        if original is not None:
            story_id = self.index.story_of(original)
            if story_id is not None:
                self.index.assign_story(p.article_id, story_id, dup_score)
                return LinkResult(p.article_id, story_id, dup_score, False, original, dup_score)
        result, story = self._story(p, original, dup_score)
        self._events(doc, result.story_id, story)
        return result

    # -- 1. duplicates ------------------------------------------------------------------------
    def _duplicate(self, p: ArticleProfile) -> tuple[str | None, float]:
        fp, tp = p.fingerprint, p.translation
        bands = fp.bands + tp.bands  # copies share word shingles, translations their anchors
        original, score = self.index.exact_original(fp.exact_key), 1.0
        if original is None:
            best, score = None, 0.0
            cands = self.index.band_candidates(bands, BAND_CANDIDATES + 1)
            others = self.index.fingerprints(sorted([a for a in cands if a != p.article_id][:BAND_CANDIDATES]))
            copies = near_copies(fp, [(other.signature, other.size) for other in others])
            for other, (ok, s) in zip(others, copies):
                if not ok and other.translation is not None:
                    ok, s = is_translation(tp, other.translation)
                if ok and s > score:
                    best, score = other, s
            original = (best.original_id or best.article_id) if best else None
        mine = StoredFingerprint(p.article_id, fp.signature, fp.size, p.date, p.order, original, tp)
        if original is not None and original != p.article_id:
            first = self.index.fingerprints([original])
            if first and earlier((p.date, p.order), (first[0].published, first[0].order)):
                # the new article predates the one we called original: it takes its place
                self.index.add_fingerprint(replace(mine, original_id=None), fp.exact_key, bands)
                moved = self.index.repoint(original, p.article_id)
                self.index.set_original(original, p.article_id, score)
                log.debug("%s now original of %s and %d copies", p.article_id, original, len(moved))
                story_id = self.index.story_of(original)
                if story_id is not None:
                    self.index.assign_story(p.article_id, story_id, score)
                return None, 0.0
            self.index.add_fingerprint(mine, fp.exact_key, bands)
            return original, score
        self.index.add_fingerprint(mine, fp.exact_key, bands)
        return None, 0.0

    # -- 2. stories ---------------------------------------------------------------------------
    def _story(self, p: ArticleProfile, original: str | None,
               dup_score: float) -> tuple[LinkResult, st.StoryState | None]:
        existing = self.index.story_of(p.article_id)
        raw = st.features(p)
        df = self.index.doc_freqs(raw)
        n = self.index.doc_count()
        vec = st.vectorize(raw, df, n)
        if existing is not None:  # took over as original of a group already in a story
            return LinkResult(p.article_id, existing, 1.0, False), None
        keys = st.lookup_keys(vec, df, n)
        span = st.window(p.date)
        cands = self.index.story_candidates(keys, *(span or (None, None)))
        best, score = st.choose(vec, p.date, cands, hint=p.hint_date)
        story = st.extend(best, p, vec) if best else st.new_story(p, vec)
        self.index.put_story(story, st.story_keys(story))
        self.index.assign_story(p.article_id, story.id, score if best else 1.0)
        self.index.add_doc_freqs(raw)
        return LinkResult(p.article_id, story.id, score if best else 1.0, best is None,
                          original, dup_score), story

    def _date_from_events(self, doc: Document) -> str | None:
        """An undated article placed in time by the known events it reports.

        A report naming both actors and the place of an event another article dates to the day
        ("the NATO-Russia Council in Brussels") tells of that event; the article was written on
        or after the latest such day. Weak evidence, used only to choose stories, never stored
        as the article's publication date.
        """
        days = []
        for e, rep in ev.reports_of(doc):
            if not (e.source_id and e.target_id and e.place_id):
                continue
            for m in self.index.merged_candidates((e.type,) + ev.pair(e), ev.dated_like(e.date)):
                if m.place_id == e.place_id and m.date and len(m.date) == 10 \
                        and ev.dates_compatible(m.date, e.date):
                    days.append(m.date)
        return max(days) if days else None

    # -- 3. events ----------------------------------------------------------------------------
    def _events(self, doc: Document, story_id: str | None, story: st.StoryState | None = None) -> None:
        for e, rep in ev.reports_of(doc):
            if doc.article.published is None and _outside(e.date, story):
                # An undated article's days come from the known events it seems to report; its
                # text put it in a story months away from them, so they are not evidence here:
                # the report merges as an undated one of its story.
                e, rep = replace(e, date=None, date_precision=None), replace(rep, date=None)
            key = (e.type,) + ev.pair(e)
            when = ev.candidate_dates(rep, story_id)
            hit = ev.best_match(self.index.merged_candidates(key, when), rep, story_id) if when else None
            self.index.put_merged(ev.absorb(hit, e, rep) if hit else ev.start(e, rep, story_id))


#: How far from its story's span an undated article's stated day may be and still be believed:
#: articles recall what happened weeks before ("the talks in Geneva on 10 January").
STORY_DATE_MARGIN_DAYS = 60


def _outside(day: str | None, story: st.StoryState | None) -> bool:
    """A day-precise date far outside the story's span."""
    if day is None or len(day) != 10 or story is None or not story.first_date:
        return False
    return not st.in_window(story, day, STORY_DATE_MARGIN_DAYS)


def link_documents(docs: Sequence[Document]) -> tuple[list[LinkResult], MemoryIndex]:
    """Link documents in memory (tests, evaluation, one-off folders): results and the index."""
    index = MemoryIndex()
    seed_from_kb(index, docs[0].article.language if docs else "it")
    return Linker(index).add(docs), index
