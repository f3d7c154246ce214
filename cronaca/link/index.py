"""The linker's memory across runs: the protocol, and an in-memory implementation.

Why a protocol: the linking algorithm (``cronaca.link.linker``) must run the same way over a
store of millions of articles (``cronaca.store.linkstore.LinkTables``, indexed SQL look-ups) and
over a handful of documents in a test or an evaluation (:class:`MemoryIndex`). Every method is
a point look-up or a small write, so the cost of linking a batch is proportional to the batch.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Protocol, Sequence

from .duplicates import ranked_candidates
from .events import DateFilter, MergedEvent
from .stories import CANDIDATES, StoryState
from .translations import TranslationPrint


@dataclass(frozen=True, slots=True)
class StoredFingerprint:
    article_id: str
    signature: bytes
    size: int
    published: str | None
    order: int
    original_id: str | None  # None when the article is itself an original
    translation: TranslationPrint | None = None  # None for articles linked before it existed


class LinkIndex(Protocol):
    # -- corpus statistics ------------------------------------------------------------------
    def doc_count(self) -> int: ...
    def doc_freqs(self, keys: Iterable[str]) -> Mapping[str, int]: ...
    def add_doc_freqs(self, keys: Iterable[str]) -> None: ...

    # -- duplicates -------------------------------------------------------------------------
    def exact_original(self, exact_key: str) -> str | None: ...
    def band_candidates(self, bands: Sequence[int], limit: int) -> list[str]: ...
    def fingerprints(self, article_ids: Iterable[str]) -> list[StoredFingerprint]: ...
    def add_fingerprint(self, fp: StoredFingerprint, exact_key: str, bands: Sequence[int]) -> None: ...
    def set_original(self, article_id: str, original_id: str | None, score: float) -> None: ...
    def repoint(self, old_original: str, new_original: str) -> list[str]: ...

    # -- stories ----------------------------------------------------------------------------
    def story_candidates(self, keys: Sequence[str], lo: str | None, hi: str | None) -> list[StoryState]: ...
    def story_of(self, article_id: str) -> str | None: ...
    def put_story(self, story: StoryState, keys: Sequence[str]) -> None: ...
    def assign_story(self, article_id: str, story_id: str, score: float) -> None: ...

    # -- events -----------------------------------------------------------------------------
    def merged_candidates(self, key: tuple[str, str, str], when: DateFilter | None = None) -> list[MergedEvent]: ...
    def put_merged(self, event: MergedEvent) -> None: ...

    # -- actors -----------------------------------------------------------------------------
    def actor_names(self, block: str) -> list[tuple[str, str, str]]: ...
    def add_actor_name(self, actor_id: str, name: str, label: str, block: str) -> None: ...


def _open(story: StoryState, lo: str | None, hi: str | None) -> bool:
    """The store's date gate: the story ends after ``lo`` and starts before ``hi``."""
    if lo is not None and (story.last_date is None or story.last_date < lo):
        return False
    return hi is None or story.first_date is None or story.first_date <= hi


class MemoryIndex:
    """Everything in dictionaries: tests, evaluation, and one-off linking of a folder."""

    def __init__(self) -> None:
        self.df: dict[str, int] = {}
        self.n_docs = 0
        self.exact: dict[str, str] = {}
        self.buckets: dict[int, set[str]] = {}
        self.fps: dict[str, StoredFingerprint] = {}
        self.scores: dict[str, float] = {}
        self.stories: dict[str, StoryState] = {}
        self.story_index: dict[str, set[str]] = {}
        self.article_story: dict[str, str] = {}
        self.merged: dict[tuple[str, str, str], dict[str, MergedEvent]] = {}
        self.names: dict[str, dict[tuple[str, str], str]] = {}

    def doc_count(self) -> int:
        return self.n_docs

    def doc_freqs(self, keys: Iterable[str]) -> Mapping[str, int]:
        return {k: self.df[k] for k in keys if k in self.df}

    def add_doc_freqs(self, keys: Iterable[str]) -> None:
        self.n_docs += 1
        for k in set(keys):
            self.df[k] = self.df.get(k, 0) + 1

    def exact_original(self, exact_key: str) -> str | None:
        return self.exact.get(exact_key)

    def band_candidates(self, bands: Sequence[int], limit: int) -> list[str]:
        shared: Counter[str] = Counter()
        for b in bands:
            shared.update(self.buckets.get(b, ()))
        return ranked_candidates(shared.items(), limit)

    def fingerprints(self, article_ids: Iterable[str]) -> list[StoredFingerprint]:
        return [self.fps[a] for a in article_ids if a in self.fps]

    def add_fingerprint(self, fp: StoredFingerprint, exact_key: str, bands: Sequence[int]) -> None:
        self.fps[fp.article_id] = fp
        if fp.original_id is None:
            self.exact.setdefault(exact_key, fp.article_id)
            for b in bands:
                self.buckets.setdefault(b, set()).add(fp.article_id)

    def set_original(self, article_id: str, original_id: str | None, score: float) -> None:
        fp = self.fps[article_id]
        self.fps[article_id] = replace(fp, original_id=original_id)
        self.scores[article_id] = score

    def repoint(self, old_original: str, new_original: str) -> list[str]:
        moved = [a for a, fp in self.fps.items() if fp.original_id == old_original]
        for a in moved:
            self.set_original(a, new_original, self.scores.get(a, 1.0))
        for key, orig in list(self.exact.items()):
            if orig == old_original:
                self.exact[key] = new_original
        return moved

    def story_candidates(self, keys: Sequence[str], lo: str | None, hi: str | None) -> list[StoryState]:
        """As the store does: open around the window, ranked by shared keys, ``CANDIDATES`` kept."""
        shared: dict[str, int] = {}
        for k in keys:
            for i in self.story_index.get(k, ()):
                shared[i] = shared.get(i, 0) + 1
        open_ = [self.stories[i] for i in shared if _open(self.stories[i], lo, hi)]
        open_.sort(key=lambda s: (-shared[s.id], s.id))
        return open_[:CANDIDATES]

    def story_of(self, article_id: str) -> str | None:
        return self.article_story.get(article_id)

    def put_story(self, story: StoryState, keys: Sequence[str]) -> None:
        self.stories[story.id] = story
        for k in keys:
            self.story_index.setdefault(k, set()).add(story.id)

    def assign_story(self, article_id: str, story_id: str, score: float) -> None:
        self.article_story[article_id] = story_id

    def merged_candidates(self, key: tuple[str, str, str], when: DateFilter | None = None) -> list[MergedEvent]:
        known = self.merged.get(key, {}).values()
        return [m for m in known if when is None or when.admits(m.date, m.story_id)]

    def put_merged(self, event: MergedEvent) -> None:
        self.merged.setdefault(event.key, {})[event.id] = event

    def actor_names(self, block: str) -> list[tuple[str, str, str]]:
        """(name, actor id, label) of the corpus actors filed under a blocking key."""
        return [(n, a, lab) for (n, lab), a in self.names.get(block, {}).items()]

    def add_actor_name(self, actor_id: str, name: str, label: str, block: str) -> None:
        self.names.setdefault(block, {}).setdefault((name, label), actor_id)
