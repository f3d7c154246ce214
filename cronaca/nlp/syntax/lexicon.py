"""The closed-class words and endings a language's clause analysis reads (``syntax.json``).

Loaded once per process and language; every set holds lower-case forms with typographic
apostrophes folded to ``'`` (the tokenizer folds the text the same way).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ...errors import ResourceError


@dataclass(frozen=True, slots=True)
class SyntaxLexicon:
    articles: frozenset[str]
    determiners: frozenset[str]
    possessives: frozenset[str]
    prepositions: dict[str, str]  # form -> base preposition ("della" -> "di")
    complex_prepositions: dict[tuple[str, ...], str]  # ("nei", "confronti", "di") -> "contro"
    complex_by_last: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # last word -> its complex prepositions
    clitics: frozenset[str]
    auxiliaries: dict[str, str]  # form -> "avere" | "essere" | "venire"
    modals: dict[str, str]  # form -> lemma
    conditional_modals: frozenset[str]
    negation: frozenset[str]
    coordinators: frozenset[str]
    adversatives: frozenset[str]
    subordinators: frozenset[str]
    multiword_subordinators: frozenset[tuple[str, ...]]
    relatives: frozenset[str]
    conditional_markers: frozenset[str]
    hypothetical_words: frozenset[str]
    pronoun_subjects: frozenset[str]
    unaccusatives: frozenset[str]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    reporting_only: frozenset[str]  # speech verbs whose object is never an actor: the subject may follow
    object_control: frozenset[str]
    person_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    collective_speaker_nouns: frozenset[str]
    adverbs: frozenset[str]
    endings: dict[str, tuple[str, ...]]
    irregular_participles: frozenset[str]
    not_verbs: frozenset[str]
    prenominal_adjectives: frozenset[str]  # adjectives that may stand before their noun ("ferma condanna")
    demonyms: dict[str, str]  # demonym -> canonical country, beside those the actor data lists
    closed: dict[str, str]  # closed-class form -> its tag, first list that holds it winning
    lemma_overrides: dict[str, str]  # forms simplemma lemmatises wrongly ("detto" -> "dire", not "dettare")
    #: plural nouns of groups no name designates -> (English noun, named after the country at
    #: stake when nothing qualifies them) ("manifestanti" -> ("protesters", True))
    unnamed_groups: dict[str, tuple[str, bool]] = field(default_factory=dict)
    #: words after such a noun that name the group by its side ("filorussi" -> "Pro-Russian separatists")
    group_modifiers: dict[str, str] = field(default_factory=dict)
    #: fixed phrases naming a group no name designates, by their words ("comunità internazionale"
    #: -> "international community")
    group_phrases: dict[tuple[str, ...], str] = field(default_factory=dict)


def _fold(word: str) -> str:
    return word.lower().replace("’", "'").replace("`", "'")


@lru_cache(maxsize=8)
def syntax_lexicon(lang: str = "it") -> SyntaxLexicon:
    """Load ``resources/lexicons/<lang>/syntax.json`` once per process."""
    try:
        raw = json.loads(resources.files("cronaca.resources").joinpath(
            f"lexicons/{lang}/syntax.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        raise ResourceError(f"syntax lexicon for language {lang!r} is missing or malformed: {exc}") from exc

    def fz(key: str) -> frozenset[str]:
        return frozenset(_fold(w) for w in raw.get(key, ()))

    preps = {_fold(f): base for base, forms in raw["prepositions"].items() for f in forms}
    complex_ = {tuple(_fold(k).replace("'", "' ").split()): v for k, v in raw["complex_prepositions"].items()}
    complex_ = {tuple(w for w in k if w): v for k, v in complex_.items()}
    aux = {_fold(f): lemma for lemma, forms in raw["auxiliaries"].items() for f in forms}
    modals = {_fold(f): lemma for lemma, forms in raw["modals"].items() for f in forms}
    subs = [_fold(s) for s in raw["subordinators"]]
    by_last: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, mapped in complex_.items():
        by_last.setdefault(words[-1], []).append((words, mapped))
    return SyntaxLexicon(
        fz("articles"), fz("determiners"), fz("possessives"), preps, complex_,
        {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in by_last.items()}, fz("clitics"), aux, modals,
        fz("conditional_modals"), fz("negation"), fz("coordinators"), fz("adversatives"),
        frozenset(s for s in subs if " " not in s), frozenset(tuple(s.split()) for s in subs if " " in s),
        fz("relatives"), fz("conditional_markers"), fz("hypothetical_words"), fz("pronoun_subjects"),
        fz("unaccusatives"), fz("light_verbs"), fz("speech_verbs"), fz("reporting_only"), fz("object_control"),
        fz("person_nouns"), fz("collective_nouns"), fz("collective_speaker_nouns"), fz("adverbs"),
        {k: tuple(v) for k, v in raw["verb_endings"].items()}, fz("irregular_participles"), fz("not_verbs"),
        fz("prenominal_adjectives"), {_fold(k): v for k, v in raw.get("demonyms", {}).items()},
        _closed_tags(raw, preps, aux, modals, subs),
        {_fold(k): v for k, v in raw.get("lemma_overrides", {}).items()},
        {_fold(k): (str(v["en"]), bool(v.get("bare"))) for k, v in raw.get("unnamed_groups", {}).get("nouns", {}).items()},
        {_fold(k): str(v) for k, v in raw.get("unnamed_groups", {}).get("modifiers", {}).items()},
        {tuple(_fold(k).split()): str(v) for k, v in raw.get("unnamed_groups", {}).get("phrases", {}).items()})


def _closed_tags(raw: dict, preps: dict[str, str], aux: dict[str, str], modals: dict[str, str],
                 subs: list[str]) -> dict[str, str]:
    """One look-up for the closed classes, in the tagger's order of precedence (a word in
    several lists takes the first: "la" is an article before it is a clitic)."""
    order = [
        ("NEG", raw.get("negation", ())), ("AUX", aux), ("MODAL", modals),
        ("ADP", [w for w in preps if w not in ("la", "le", "lo")]), ("DET", raw.get("articles", ())),
        ("CLITIC", raw.get("clitics", ())), ("CCONJ", raw.get("coordinators", ())),
        ("SCONJ", [w for w in subs if " " not in w] + ["cui"]), ("DET", raw.get("determiners", ())),
        ("PRON", raw.get("pronoun_subjects", ())), ("ADV", raw.get("adverbs", ())),
    ]
    out: dict[str, str] = {}
    for tag, words in order:
        for w in words:
            out.setdefault(_fold(w), tag)
    return out
