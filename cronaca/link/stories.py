"""Online story clustering: each new article joins the most similar open story or starts one.

Why online (single pass, leader clustering): a corpus grows by daily batches. Re-clustering
everything each time costs time proportional to the corpus and renames stories under the user's
feet. Here each story keeps a running centroid (a sparse vector of weighted features) and a
time span; a new article is compared only with the stories that share one of its distinctive
features and are open around its date (an indexed look-up), then joins the best one above
``JOIN_THRESHOLD`` or starts a new story. Adding articles extends stories; nothing is recomputed.

Signals, all in one sparse vector so one cosine weighs them together:
  1. content words of title (weighted up) and body, tf-idf with corpus document frequencies;
  2. actors the article mentions (``a:`` + actor id), weighted up: who is involved is the
     strongest sign of the same happening;
  3. places of its events (``p:``) and its event types (``e:``), weighted down;
  4. dates act as a gate: an article further than ``WINDOW_DAYS`` from a story's span is not
     compared with it at all, nor one that would stretch the span past ``MAX_SPAN_DAYS``.
Duplicates never reach this module: a copy joins its original's story.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterable, Mapping

from ..ids import digest
from .profile import ArticleProfile

WINDOW_DAYS = 10  # coverage of one happening: announcements, the day itself, reactions
#: The longest a story may run, first article to last. The date gate is relative to the story's
#: span, which widens as articles join: without a bound, a story that some article joins every
#: ``WINDOW_DAYS`` stays open for ever while its centroid drifts towards everything it took in
#: (on a million generated articles about a short list of people, 392 stories of up to 36,089
#: articles each ran the whole three years). A summit's run-up, the day and its aftermath fit.
MAX_SPAN_DAYS = 45
JOIN_THRESHOLD = 0.2
WORDS_SHARE = 0.5
PRIOR_DOCS = 30
UNDATED_FACTOR = 1.5  # an undated article must be this much more similar to join
ACTOR_WEIGHT = 1.6
PLACE_WEIGHT = 0.8
GPE_WEIGHT = 0.5  # countries are named in nearly every article; people and bodies tell stories apart
PAIR_WEIGHT = 1.2  # the same event (type and actor pair) reported twice is one happening
EVENT_WEIGHT = 0.3
TOP_FEATURES = 60  # features kept per article vector
CENTROID_SIZE = 200  # features kept per story centroid
LOOKUP_KEYS = 12  # distinctive features used to find candidate stories
KEY_POSTINGS = 100  # stories read per look-up key, nearest the article's window first
CANDIDATES = 40  # stories scored per article: those sharing the most look-up keys
COMMON_FRACTION = 0.2  # a feature in more than this share of articles is not a look-up key

Vector = dict[str, float]
DocFreq = Callable[[Iterable[str]], Mapping[str, int]]


@dataclass(frozen=True, slots=True)
class StoryState:
    """A story as the clusterer keeps it: identity, span, size and centroid."""

    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    size: int  # articles, duplicates excluded
    centroid: Vector = field(default_factory=dict)
    actors: dict[str, int] = field(default_factory=dict)
    event_types: dict[str, int] = field(default_factory=dict)


def features(p: ArticleProfile) -> dict[str, float]:
    """Raw (un-weighted by idf) feature counts of an article."""
    out: dict[str, float] = {"t:" + t: 1.0 + math.log(n) for t, n in p.terms.items()}
    for actor, n in p.actors.items():
        kind_weight = GPE_WEIGHT if p.actor_kinds.get(actor) == "GPE" else 1.0
        out["a:" + actor] = ACTOR_WEIGHT * kind_weight * (1.0 + math.log(n))
    for key in p.event_keys:
        out["k:" + key] = PAIR_WEIGHT
    for place in p.places:
        out["p:" + place] = PLACE_WEIGHT
    for etype in p.event_types:
        out["e:" + etype] = EVENT_WEIGHT
    return out


def vectorize(raw: Mapping[str, float], df: Mapping[str, int], n_docs: int) -> Vector:
    """tf-idf weights, the ``TOP_FEATURES`` strongest kept, unit length."""
    weighted = {k: v * idf(df.get(k, 0), n_docs) for k, v in raw.items()}
    top = sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_FEATURES]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {k: v / norm for k, v in top if v > 0}


def idf(df: int, n_docs: int) -> float:
    """Inverse document frequency, smoothed with ``PRIOR_DOCS`` pseudo-articles lacking the feature.

    Why the prior: in a young corpus the few articles of one story are a large share of all
    articles, and plain idf would punish exactly the actors and words they share.
    """
    return math.log((n_docs + PRIOR_DOCS) / (df + 1))


def lookup_keys(vec: Vector, df: Mapping[str, int], n_docs: int) -> list[str]:
    """The article's most distinctive features: how candidate stories are found."""
    ranked = [k for k, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))
              if n_docs < 50 or df.get(k, 0) <= COMMON_FRACTION * n_docs]
    actors = [k for k in ranked if not k.startswith("t:")][:LOOKUP_KEYS]
    terms = [k for k in ranked if k.startswith("t:")][:LOOKUP_KEYS]
    return actors + terms


def similarity(a: Vector, b: Vector) -> float:
    """Blend of the cosine over words and the cosine over actors, places and event types.

    Why two cosines: words are many and actors few, so in one vector the words drown the actors;
    yet two rewrites of one happening by different outlets share its actors far more reliably
    than its words.
    """
    return _split_similarity(_parts(a), b)


class Centroid(dict[str, float]):
    """A story centroid that remembers its split into words and the rest, with their norms.

    Why: each article is scored against up to ``CANDIDATES`` stories, and a story is scored
    again by every later article near its dates, while its centroid changes only when an
    article joins it. Splitting and normalising it once per centroid instead of once per
    comparison removes most of the scoring work. Never mutate one: the parts would go stale
    (``extend`` builds a new centroid; the store shares decoded ones, see ``linkstore``).
    """

    __slots__ = ("parts",)

    def __init__(self, *args: object, **kwargs: float) -> None:
        super().__init__(*args, **kwargs)
        self.parts: _Parts | None = None


#: (words, the rest, norm of the words, norm of the rest)
_Parts = tuple[Vector, Vector, float, float]


def _parts(vec: Vector) -> _Parts:
    """A vector's words and other features with their norms, computed once per ``Centroid``."""
    if isinstance(vec, Centroid):
        if vec.parts is None:
            vec.parts = _split(vec)
        return vec.parts
    return _split(vec)


def _split(vec: Vector) -> _Parts:
    """(words, the rest) of a vector with their norms: split once per article, not per candidate.

    One pass over the features (each part keeps the vector's order, which the cosine's sums
    follow): a centroid is split again each time it changes."""
    words: Vector = {}
    other: Vector = {}
    for k, v in vec.items():
        if k.startswith("t:"):
            words[k] = v
        else:
            other[k] = v
    return words, other, _norm(words), _norm(other)


def _norm(a: Vector) -> float:
    return math.sqrt(sum(v * v for v in a.values()))


def _split_similarity(a: _Parts, b: Vector) -> float:
    pb = _parts(b)
    return (WORDS_SHARE * _unit_cosine(a[0], a[2], pb[0], pb[2])
            + (1 - WORDS_SHARE) * _unit_cosine(a[1], a[3], pb[1], pb[3]))


def _unit_cosine(a: Vector, na: float, b: Vector, nb: float) -> float:
    """Cosine of two vectors whose norms ``na`` and ``nb`` are known.

    The dot product adds the shared features' products in the smaller vector's order; features
    the other lacks would add exact zeros, so they are skipped.
    """
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum([v * b[k] for k, v in a.items() if k in b]) / (na * nb)


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    nb = math.sqrt(sum(v * v for v in b.values())) or 1.0
    return dot / nb


def window(day: str | None, days: int = WINDOW_DAYS) -> tuple[str, str] | None:
    """The ISO date range of stories an article dated ``day`` may join (None: undated)."""
    d = _to_date(day)
    if d is None:
        return None
    return (d - timedelta(days=days)).isoformat(), (d + timedelta(days=days)).isoformat()


def in_window(story: StoryState, day: str | None, days: int = WINDOW_DAYS) -> bool:
    d = _to_date(day)
    first, last = _to_date(story.first_date), _to_date(story.last_date)
    if d is None or first is None or last is None:
        return True
    return first - timedelta(days=days) <= d <= last + timedelta(days=days)


def fits_span(story: StoryState, day: str | None) -> bool:
    """Whether the story, joined by an article dated ``day``, still runs at most
    :data:`MAX_SPAN_DAYS`."""
    d = _to_date(day)
    first, last = _to_date(story.first_date), _to_date(story.last_date)
    if d is None or first is None or last is None:
        return True
    return max(last, d) - min(first, d) <= timedelta(days=MAX_SPAN_DAYS)


def open_to(story: StoryState, day: str | None) -> bool:
    """Whether an article dated ``day`` may join the story: near its span, within its length."""
    return in_window(story, day) and fits_span(story, day)


def choose(vec: Vector, day: str | None, candidates: Iterable[StoryState],
           hint: str | None = None) -> tuple[StoryState | None, float]:
    """The best candidate story for an article vector, if one is similar enough.

    A dated article considers only stories open around its date that it would not stretch past
    :data:`MAX_SPAN_DAYS`. An undated one first tries
    the stories around its ``hint`` (a date its events state) at the usual threshold, then any
    story at ``UNDATED_FACTOR`` times the threshold: the hint may be wrong, the text is not.
    """
    cands = list(candidates)
    if day:
        return _best(vec, [s for s in cands if open_to(s, day)], JOIN_THRESHOLD)
    if hint:
        best, score = _best(vec, [s for s in cands if open_to(s, hint)], JOIN_THRESHOLD)
        if best is not None:
            return best, score
    return _best(vec, cands, JOIN_THRESHOLD * UNDATED_FACTOR)


def _best(vec: Vector, cands: Iterable[StoryState], threshold: float) -> tuple[StoryState | None, float]:
    best, best_score = None, 0.0
    parts = _parts(vec)  # candidates grow with the stories open around a date: split vec once
    for story in cands:
        score = _split_similarity(parts, story.centroid)
        if score > best_score or (score == best_score and best is not None and story.id < best.id):
            best, best_score = story, score
    return (best, best_score) if best is not None and best_score >= threshold else (None, best_score)


def new_story(p: ArticleProfile, vec: Vector) -> StoryState:
    """A story started by one article; its id comes from that article, so it never changes."""
    return StoryState(
        id="s_" + digest(p.article_id, size=6),
        title=p.title,
        first_date=p.date,
        last_date=p.date,
        size=1,
        centroid=dict(vec),
        actors=dict(p.actors),
        event_types={t: 1 for t in p.event_types},
    )


def extend(story: StoryState, p: ArticleProfile, vec: Vector) -> StoryState:
    """The story with one more article: running-mean centroid, widened span, summed actors."""
    n = story.size
    merged = {k: v * n for k, v in story.centroid.items()}
    for k, v in vec.items():
        merged[k] = merged.get(k, 0.0) + v
    top = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_SIZE]
    actors = dict(story.actors)
    for a, c in p.actors.items():
        actors[a] = actors.get(a, 0) + c
    types = dict(story.event_types)
    for t in p.event_types:
        types[t] = types.get(t, 0) + 1
    dates = [d for d in (story.first_date, story.last_date, p.date) if d]
    return replace(
        story,
        size=n + 1,
        centroid={k: v / (n + 1) for k, v in top},
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        actors=actors,
        event_types=types,
        title=story.title or p.title,
    )


def story_keys(story: StoryState, n: int = 40) -> list[str]:
    """The centroid features a story is indexed under: its strongest words, every actor."""
    others: list[str] = []
    words: list[str] = []
    for k, _ in sorted(story.centroid.items(), key=lambda kv: (-kv[1], kv[0])):
        (words if k.startswith("t:") else others).append(k)  # one pass, each in rank order
    return others + words[:n]


@lru_cache(maxsize=4096)
def _to_date(value: str | None) -> date | None:
    """A day for comparisons; a month-precise date counts as the 15th.

    Cached: every article tests the spans of its few dozen candidate stories, which fall on the
    same few hundred days (a pure function of a short string; dates are immutable)."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        if len(value) == 7:
            return date.fromisoformat(value + "-15")
    except ValueError:
        return None
    return None
