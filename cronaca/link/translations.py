"""Translations: the same article in another language, found without a translation model.

Why anchors: a translation shares no words with its original, so word shingles (``duplicates``)
cannot see it, and no multilingual model small and fast enough for every article ships inside a
package. What a translation keeps is language-independent: the people, bodies and places it
names (the actor ids the entity stage resolves, whatever the spelling: "Mosca" and "Moscow"
are both ``gpe:moscow``) and the figures it gives ("100.000" and "100,000"), in nearly the same
order. The ordered sequence of those *anchors*, cut into pairs of neighbours, is an article's
translation print; MinHash/LSH over the pairs finds candidates in a few index probes, as for
copies, and a candidate is called a translation only when

1. the two articles are in different languages (same-language copies are ``duplicates``' job),
2. both name enough anchors (``MIN_PAIRS``: a short note on one meeting shares its three names
   with every other report of it), and
3. their anchor pairs overlap at least ``THRESHOLD`` (estimated Jaccard) and their bodies have
   comparable lengths (a summary in another language is a report, not a translation).

"When detectable": an article whose names the entity stage cannot resolve in its language has
few anchors and is never called a translation; precision is kept over recall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ResourceError
from ..types import Document
from .duplicates import band_keys, minhash, similarity, template

NUM_PERM = 64
BANDS = 16
#: Estimated Jaccard of anchor pairs above which two articles in different languages are one
#: text. Reports of one event by different outlets share names but not their order and figures.
THRESHOLD = 0.6
MIN_PAIRS = 8
#: Body lengths (characters) of a translation and its original differ by less than this factor.
MAX_LENGTH_RATIO = 1.8
_SEED = 2
_NUMBER = re.compile(r"\d+(?:[.,'’ ]\d{3})*(?:[.,]\d+)?")
#: Mentions whose id says nothing across languages: unresolved miscellanea ("Thursday") and
#: common places named differently by each language's gazetteer coverage.
_SKIP_LABELS = frozenset({"LOC"})


@dataclass(frozen=True, slots=True)
class TranslationPrint:
    """What translation detection needs of one article."""

    signature: bytes  # NUM_PERM uint32 values over the anchor pairs
    bands: tuple[int, ...]  # one bucket key per band, kept apart from the copy bands
    size: int  # distinct anchor pairs
    length: int  # body characters
    language: str | None


def anchors(doc: Document) -> list[str]:
    """The article's actor ids and figures in text order, immediate repeats collapsed.

    A capital that stands for its government is its state here ("Mosca" read literally in one
    language and "Moscow" as Russia in another are one anchor)."""
    state = _acts_as()
    items = [(m.start, state.get(m.actor_id, m.actor_id)) for m in doc.mentions
             if m.label not in _SKIP_LABELS and m.actor_id and not m.actor_id.startswith("misc:~")]
    items += [(m.start(), "#" + re.sub(r"\D", "", m.group())) for m in _NUMBER.finditer(doc.article.text)]
    seq = [a for _, a in sorted(items)]
    return [a for i, a in enumerate(seq) if i == 0 or seq[i - 1] != a]


@lru_cache(maxsize=1)
def _acts_as() -> dict[str, str]:
    from ..resources.actors import load_kb

    try:
        return dict(load_kb().acts_as)
    except ResourceError:  # no actor data: ids are compared as they are
        return {}


def pairs(seq: list[str]) -> set[str]:
    """Neighbouring anchors: order matters, so two reports that name the same people differ."""
    return {f"{a}>{b}" for a, b in zip(seq, seq[1:])}


def translation_print(doc: Document) -> TranslationPrint:
    grams = pairs(anchors(doc))
    values = minhash(grams, template(NUM_PERM, _SEED))
    bands = band_keys(values, BANDS, ("anchors",)) if len(grams) >= MIN_PAIRS else ()
    return TranslationPrint(values.tobytes(), bands, len(grams), len(doc.article.text), doc.article.language)


def is_translation(a: TranslationPrint, b: TranslationPrint) -> tuple[bool, float]:
    """Whether ``b`` is ``a`` in another language (or the reverse), and the overlap that says so."""
    if not (a.language and b.language) or a.language == b.language:
        return False, 0.0
    if min(a.size, b.size) < MIN_PAIRS:
        return False, 0.0
    if max(a.length, b.length) > MAX_LENGTH_RATIO * max(1, min(a.length, b.length)):
        return False, 0.0
    score = similarity(a.signature, b.signature)
    return score >= THRESHOLD, score
