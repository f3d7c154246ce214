"""The event frames of a language (``resources/lexicons/<lang>/event_frames.json``): which verbs
and nouns announce which PLOVER type, and where each frame's parties stand in a clause.

Loaded once per process. Multi-word cues ("colpo di stato", "mettere in guardia", "accogliere
con favore") are indexed by their first word; single words by lemma and by form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Mapping, Sequence

from ...errors import ResourceError

#: Types whose source is whoever speaks: a clause without a subject takes the speaker.
SPEECH_TYPES = frozenset({"DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SUPPORT"})
#: Verb targets by default, when a frame lists none.
DEFAULT_TARGET = ("patient", "contro", "nei confronti di", "a", "con")
DEFAULT_NOUN_TARGET = ("contro", "nei confronti di", "a", "con", "tra", "di")


@dataclass(frozen=True, slots=True)
class Frame:
    type: str
    pos: str  # verb | noun
    words: tuple[str, ...]  # the cue, one word or several ("colpo", "di", "stato")
    target: tuple[str, ...]
    genitive: str = "agent"  # what "di X" after a noun is: its agent or its patient
    mutual: bool = False
    speech: bool = False
    needs: frozenset[str] = frozenset()
    blocked_by: frozenset[str] = frozenset()
    needs_target: bool = False
    mode: str | None = None
    #: who acts when the text names no one: a template of the crowd's canonical name, "{}" the
    #: English adjective of the country at stake ("{} protesters" -> "Tunisian protesters")
    unnamed_agent: str | None = None
    #: a stance (a type of ``stance_words``) that the words after a qualifying cue must lean to
    #: ("ha definito l'incontro storico": SUPPORT), or must not lean to ("definire": DISAPPROVE
    #: unless the words praise)
    needs_stance: str | None = None
    blocked_by_stance: str | None = None
    #: for a noun, the verbs that carry out its act ("l'accordo firmato da X"): the "da" agent of
    #: such a participle right after it is who acts (:func:`~.arguments.noun_parties`)
    realised_by: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class GroupWords:
    """Words of plural phrases that stand for actors named before (:mod:`~.groups`)."""

    numbers: dict[str, int]  # "due" -> 2
    nouns: dict[str, str]  # "paesi" -> "GPE", "leader" -> "PER", "parti" -> ""
    pronouns: dict[str, int]  # "entrambi" -> 2: a group by itself
    paired: dict[str, int] = field(default_factory=dict)  # "parti" -> 2: a group without a number ...
    paired_after: frozenset[str] = frozenset()  # ... after one of these words ("le parti", "tra le parti")


@dataclass(frozen=True, slots=True)
class FrameLexicon:
    by_first: dict[tuple[str, str], tuple[Frame, ...]]  # (pos, first word) -> frames, lexicon order
    frames: tuple[Frame, ...]
    #: lemmas that mark a quotation's stance (its words critical, appreciative, demanding ...)
    stance_words: dict[str, frozenset[str]]
    #: plural phrases naming actors named before ("i due Paesi", "entrambi"): :mod:`~.groups`
    groups: GroupWords = GroupWords({}, {}, {})
    #: fixed phrases whose words announce no act ("si tratta di": "it is", no negotiation): a cue
    #: word inside one starts no predicate (:func:`~.predicates.find_predicates`)
    not_cues: tuple[tuple[str, ...], ...] = ()
    #: verbs that are a meeting only with a party for their object ("ha ricevuto il presidente", not
    #: "ha ricevuto 57 milioni di voti"; "ha convocato l'ambasciatore", not "convoca le elezioni")
    party_object_verbs: frozenset[str] = frozenset()
    #: nouns of the calendar, which stand after a verb as its time, not its object ("questa mattina")
    calendar_nouns: frozenset[str] = frozenset()
    #: verbs of talking that are talks only with a partner ("ha parlato con Lavrov"), and the
    #: words that introduce one
    partner_verbs: frozenset[str] = frozenset()
    partner_words: frozenset[str] = frozenset()
    #: cues of several words by their first word, each with its frame's type: a quotation's words
    #: inside one ("cessate il fuoco") express that act, not a stance of another type
    multiword: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    #: definite determiners, alone or fused with a preposition ("l'", "dell'", "sulla"), and the
    #: words that set a mutual act between its parties ("tra", "fra"): "l'intesa tra X e Y" names an
    #: accord the text refers to (:func:`~.predicates.find_predicates`)
    definite_determiners: frozenset[str] = frozenset()
    between_words: frozenset[str] = frozenset()


def _fold(w: str) -> str:
    return w.lower().replace("’", "'")


def _split(cue: str) -> tuple[str, ...]:
    """"colpo di stato" -> ("colpo", "di", "stato"); "dell'Onu" style elisions split after '."""
    return tuple(x for x in _fold(cue).replace("'", "' ").split() if x)


@lru_cache(maxsize=8)
def frame_lexicon(lang: str = "it") -> FrameLexicon:
    try:
        raw = json.loads(resources.files("cronaca.resources").joinpath(
            f"lexicons/{lang}/event_frames.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        raise ResourceError(f"event frames for language {lang!r} are missing or malformed: {exc}") from exc
    frames: list[Frame] = []
    realising = frozenset(_fold(w) for w in raw.get("realising_verbs", {}).get("words", ()))
    for entry in raw["frames"]:
        common = dict(
            genitive=entry.get("genitive", "agent"), mutual=bool(entry.get("mutual")),
            speech=bool(entry.get("speech", entry["type"] in SPEECH_TYPES)),
            needs=frozenset(_fold(w) for w in entry.get("needs", ())),
            blocked_by=frozenset(_fold(w) for w in entry.get("blocked_by", ())),
            needs_target=bool(entry.get("needs_target")), mode=entry.get("mode"),
            unnamed_agent=entry.get("unnamed_agent"), needs_stance=entry.get("needs_stance"),
            blocked_by_stance=entry.get("blocked_by_stance"))
        for lemma in entry.get("verbs", ()):
            frames.append(Frame(entry["type"], "verb", _split(lemma), tuple(entry.get("target", DEFAULT_TARGET)),
                                **common))
        for lemma in entry.get("nouns", ()):
            frames.append(Frame(entry["type"], "noun", _split(lemma),
                                tuple(entry.get("noun_target", DEFAULT_NOUN_TARGET)), **common,
                                realised_by=realising | common["needs"]))
    index: dict[tuple[str, str], list[Frame]] = {}
    for f in frames:
        index.setdefault((f.pos, f.words[0]), []).append(f)
    # longer cues first, so "colpo di stato" wins over "colpo"
    stance = {t: frozenset(_fold(w) for w in words) for t, words in raw.get("stance_words", {}).items()}
    g = raw.get("group_phrases", {})
    groups = GroupWords({_fold(k): int(v) for k, v in g.get("numbers", {}).items()},
                        {_fold(k): str(v) for k, v in g.get("nouns", {}).items()},
                        {_fold(k): int(v) for k, v in g.get("pronouns", {}).items()},
                        {_fold(k): int(v) for k, v in g.get("paired_nouns", {}).items()},
                        frozenset(_fold(w) for w in g.get("paired_after", ())))
    return FrameLexicon({k: tuple(sorted(v, key=lambda f: -len(f.words))) for k, v in index.items()}, tuple(frames),
                        stance, groups, tuple(_split(w) for w in raw.get("not_cues", ())),
                        frozenset(_fold(w) for w in raw.get("party_object_verbs", ())),
                        frozenset(_fold(w) for w in raw.get("calendar_nouns", ())),
                        frozenset(_fold(w) for w in raw.get("partner_verbs", ())),
                        frozenset(_fold(w) for w in raw.get("partner_words", ())), _multiword(frames),
                        frozenset(_fold(w) for w in raw.get("definite_determiners", ())),
                        frozenset(_fold(w) for w in raw.get("between_words", ())))


def _multiword(frames: Sequence[Frame]) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """The cues of several words by their first word, each with its frame's type."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for f in frames:
        if len(f.words) > 1:
            index.setdefault(f.words[0], []).append((f.words, f.type))
    return {k: tuple(v) for k, v in index.items()}
