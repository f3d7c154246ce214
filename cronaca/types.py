"""The records that flow through cronaca.

Data flows one way: a reader turns bytes into :class:`RawDocument`; the cleaner turns that into
an :class:`Article`; NLP stages wrap the article in a :class:`Document` and add annotations; the
linker works across documents; the store persists them.

Every record is a frozen, slotted dataclass: cheap, picklable (so batches travel to Dask workers),
and impossible to mutate behind a stage's back. A stage that "changes" a document returns a new
one with :func:`dataclasses.replace`.

Every annotation carries ``start``/``end``: a character span of ``Article.text`` (the cleaned
body), plus the ``stage`` that made it (a registry name with its version, e.g.
``cronaca.quotes.rules.v1``) and a ``confidence`` in [0, 1]. Offsets, not tokens, are the contract:
they survive tokenizer changes and let the UI highlight the exact evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Precision = Literal["day", "month", "year"]
EntityLabel = Literal["PER", "ORG", "GPE", "LOC", "EVENT", "MISC"]
QuoteKind = Literal["direct", "indirect"]

#: Quality flags an article may carry (meanings in ``../shared/gold/README.md``).
QUALITY_FLAGS = (
    "machine_translated",
    "foreign_language_fragments",
    "glued_sentences",
    "state_affiliated_outlet",
)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before any cleaning.

    ``origin`` names where it came from precisely enough to find it again: a path, a path plus
    ``#line=N`` for a JSON Lines record, ``#record=N`` for a WARC record, or ``<stdin>``.
    ``metadata`` holds what the container said about it (JSONL fields, WARC headers, HTML meta),
    unknown fields included, so nothing the user had is lost.
    """

    origin: str
    text: str
    format: Literal["text", "html", "jsonl", "warc"]
    raw_hash: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Removal:
    """One cleaning decision: a piece of the input that is not article body, and why.

    ``text`` is the exact removed line or fragment (as in the gold ``boilerplate`` list);
    ``line`` is its 0-based line number in the decoded input, ``reason`` a short machine-readable
    tag such as ``crawler_header``, ``repeated_title``, ``teaser``, ``photo_credit``, ``social``,
    ``section_label``, ``comment_widget``, ``source_credit``, ``foreign_language``, ``other_script``.
    """

    text: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """Why we believe an article was published on a date: the value, its precision, where."""

    value: str  # YYYY-MM-DD | YYYY-MM | YYYY
    precision: Precision
    source: str  # header | url | dateline | stamp | metadata | html
    text: str  # the exact evidence string


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article with trustworthy metadata.

    ``id`` is derived from the cleaned content (see ``cronaca.ids``), so the same article ingested
    twice, from any container, gets the same id. ``text`` is the body only, line structure kept,
    characters as written (curly quotes, «», apostrophes) after mojibake repair. ``sentences`` are
    spans of ``text``; glued sentences ("…a Ginevra.Il ministro") are split there without editing
    the text, so every offset still points into the cleaned body.
    """

    id: str
    origin: str
    raw_hash: str
    format: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_precision: Precision | None = None
    published_evidence: tuple[DateEvidence, ...] = ()
    language: str = "it"
    flags: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = ()
    sentences: tuple[Span, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Role:
    """An office a person held: Italian title as texts give it, plus the bounds we know."""

    title: str
    organisation: str | None = None  # actor id of the country/organisation
    start: str | None = None  # YYYY[-MM[-DD]]
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: person, organisation, country, place, named event or document."""

    id: str
    name: str  # canonical English name, e.g. "Sergey Lavrov", "Russia", "Kremlin"
    kind: EntityLabel
    variants: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None  # actor id, for people and bodies
    parent: str | None = None  # actor id this one stands for (Kremlin -> Russia), if any
    external_ids: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text that names an actor (or an unknown entity with a provisional id)."""

    start: int
    end: int
    text: str
    label: EntityLabel
    actor_id: str
    actor_name: str
    role: str | None = None  # the role this article gives, in Italian
    stage: str = ""
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what: the content span, its speaker and the reporting cue."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker_id: str | None
    speaker: str | None  # canonical name
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None  # the mention that names the speaker, when there is one
    speaker_end: int | None = None
    stage: str = ""
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A temporal expression normalised against the publication date; never a guessed value."""

    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD | YYYY-MM | YYYY; None when it cannot be resolved
    precision: Precision | None
    relative: bool = False
    end_value: str | None = None  # for ranges ("dal 2012 al 2018")
    stage: str = ""
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event: who did what to whom, when and where, with its evidence span."""

    type: str  # PLOVER event type, e.g. CONSULT
    start: int  # evidence span
    end: int
    evidence: str
    source_id: str | None
    source: str | None
    target_id: str | None = None
    target: str | None = None
    date: str | None = None
    date_precision: Precision | None = None
    place_id: str | None = None
    place: str | None = None
    cue: str | None = None
    mode: str | None = None  # PLOVER mode, when the cue gives one
    negated: bool = False
    hypothetical: bool = False
    stage: str = ""
    confidence: float = 1.0
    #: where ``date`` came from: "clause" or "sentence" (a time expression there), "publication"
    #: (the day's news), "ongoing" (a state: the publication month), "narrative" (the recent day
    #: the sentence before tells: "Ieri ..."), "instance" (the recent day the article tells for the
    #: same type and parties), "known:<id>" (a known event the text names); None
    #: when undated
    date_source: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """An article with everything the NLP stages found in it. The unit a stage transforms."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeRef, ...] = ()
    events: tuple[Event, ...] = ()
    stages: tuple[str, ...] = ()  # names+versions of the stages that ran, in order

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True, slots=True)
class Failure:
    """A record that could not be read or processed: where, and why. Never silently dropped."""

    origin: str
    reason: str
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same happening across outlets and days."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    first_date: str | None = None
    last_date: str | None = None
    actor_ids: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
