"""Reporting expressions: the lexicon of ways Italian news says *someone said*.

Why data plus one compiled matcher: the verbs and their inflected forms live in
``cronaca/resources/lexicons/<lang>/reporting.json`` so users extend them without code; this module
turns them, once per process, into a single regular expression that finds every cue with its
auxiliary, resumptive clitic and interposed adverbs ("Lo ha poi ribadito", "hanno recentemente
espresso"), and tells the quote finder what kind of form it found (finite, participle, gerund,
infinitive), because each form licenses different constructions:

- a bare participle is a cue only with an auxiliary ("ha detto"), otherwise it is an adjective
  ("una risposta scritta");
- a finite form that follows an article or a preposition is a noun ("la minaccia", "una nota");
- an infinitive is a cue only before a colon ("Per poi precisare: «…»").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_DETERMINERS = frozenset(
    ["il", "lo", "la", "l", "i", "gli", "le", "un", "uno", "una", "un'", "l'", "l’", "un’", "della", "dello", "del", "dell'", "dell’", "delle", "degli", "dei", "alla", "allo", "al", "all'", "all’", "alle", "agli", "ai", "nella", "nello", "nel", "nell'", "nell’", "nelle", "negli", "nei", "sulla", "sul", "sull'", "sull’", "dalla", "dal", "dall'", "dall’", "questa", "questo", "quella", "quello", "sua", "suo", "loro", "ogni"]
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One reporting expression found in the text."""

    start: int  # start of the whole expression (clitic or auxiliary included)
    end: int
    verb_start: int
    lemma: str
    form: str  # finite | participle | gerund | infinitive | self | impersonal
    verb_class: str  # assertive | directive
    clitic: bool  # "Lo ha detto", "l'ha detto": the content is elsewhere
    auxiliary: str | None

    def text(self, source: str) -> str:
        return source[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled reporting lexicon of one language."""

    language: str
    data: dict[str, Any]
    by_first_word: dict[str, re.Pattern[str]]  # first word of a form -> its forms, anchored
    prefix_re: re.Pattern[str]  # clitic, auxiliary and adverbs that end right before a verb
    form_info: dict[str, tuple[str, str, str]]  # lower-case form -> (lemma, form kind, class)
    source_re: re.Pattern[str]
    possessive_re: re.Pattern[str]
    relative_re: re.Pattern[str]
    any_source_re: re.Pattern[str]  # a cheap pre-filter: does a sentence hold any of the three?
    prepositions: frozenset[str]
    role_re: re.Pattern[str]
    clause_break_re: re.Pattern[str]
    impersonal_lemmas: frozenset[str]
    np_object_lemmas: frozenset[str]


def _alt(words: list[str]) -> str:
    """A regex alternation, longest first, apostrophes matching both spellings."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        piece = re.escape(w).replace("\\ ", r"\s+")
        piece = piece.replace("'", "['’]").replace("’", "['’]")
        out.append(piece)
    return "|".join(out)


@cache
def load_lexicon(language: str = "it") -> Lexicon:
    """Load and compile the reporting lexicon for ``language`` (cached per process)."""
    path = resources.files("cronaca.resources").joinpath("lexicons", language, "reporting.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    form_info: dict[str, tuple[str, str, str]] = {}
    for lemma, spec in data["verbs"].items():
        for kind in ("finite", "participle", "gerund", "infinitive"):
            for form in spec.get(kind, []):
                form_info.setdefault(form.lower(), (lemma, kind, spec.get("class", "assertive")))
    for form, lemma in data["self_cues"].items():
        form_info[form.lower()] = (lemma, "self", "assertive")
    for form, lemma in data["impersonal_cues"].items():
        form_info[form.lower()] = (lemma, "impersonal", "assertive")
    groups: dict[str, list[str]] = {}
    for form in form_info:
        groups.setdefault(_first_word(form), []).append(form)
    by_first_word = {w: re.compile(rf"(?:{_alt(forms)})(?![\w'’])", re.IGNORECASE)
                     for w, forms in groups.items()}
    aux = _alt(data["auxiliaries"])
    adv = _alt(data["adverbs"])
    # read backwards from the verb: the reversed-order prefix is matched on the text before it
    prefix_re = re.compile(
        rf"(?<![\w'’])(?:(?P<clitic>lo|l['’])\s*)?(?:(?P<aux>{aux})\s+)?(?:(?:{adv}),?\s+){{0,3}}\Z",
        re.IGNORECASE,
    )
    return Lexicon(
        language=language,
        data=data,
        by_first_word=by_first_word,
        prefix_re=prefix_re,
        form_info=form_info,
        source_re=re.compile(rf"(?<![\w'’])(?:{_alt(data['source_cues'])})(?![\w'’])", re.IGNORECASE),
        possessive_re=re.compile(rf"(?<![\w'’])(?:{_alt(data['possessive_source_cues'])})(?![\w'’])",
                                 re.IGNORECASE),
        relative_re=re.compile(rf"(?<![\w'’])(?:{_alt(data['relative_source_cues'])})(?![\w'’])",
                               re.IGNORECASE),
        any_source_re=re.compile(
            rf"(?<![\w'’])(?:{_alt(data['source_cues'] + data['possessive_source_cues'] + data['relative_source_cues'])})"
            rf"(?![\w'’])", re.IGNORECASE),
        prepositions=frozenset(p.lower() for p in data["prepositions"]),
        role_re=re.compile(rf"(?<![\w'’])(?:{_alt(data['role_nouns'])})(?![\w'’])", re.IGNORECASE),
        clause_break_re=re.compile(rf",\s*(?:{_alt(data['clause_breaks'])})(?![\w'’])", re.IGNORECASE),
        impersonal_lemmas=frozenset(data["impersonal_lemmas"]),
        np_object_lemmas=frozenset(data["np_object_lemmas"]),
    )


_WORDS = re.compile(r"[^\W\d_]+['’]?")


def _first_word(form: str) -> str:
    m = _WORDS.match(form.lower())
    return m.group(0).rstrip("'’") if m else form.lower()


_WORD_BEFORE = re.compile(r"([\w'’]+)\s*$")


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def find_cues(text: str, lo: int, hi: int, lex: Lexicon) -> list[Cue]:
    """Every acceptable reporting cue in ``text[lo:hi]``, in order."""
    cues: list[Cue] = []
    for w in _WORDS.finditer(text, lo, hi):
        pattern = lex.by_first_word.get(w.group(0).lower().rstrip("'’"))
        if pattern is None:
            continue
        vm = pattern.match(text, w.start(), hi)
        if vm is None or (cues and w.start() < cues[-1].end):
            continue
        verb = re.sub(r"\s+", " ", vm.group(0).lower()).replace("’", "'")
        info = lex.form_info.get(verb) or lex.form_info.get(verb.replace("'", "’"))
        if info is None:
            continue
        m = lex.prefix_re.search(text, max(lo, w.start() - 60), w.start())
        start = m.start() if m and m.group(0) else w.start()
        clitic = bool(m and m.group("clitic"))
        lemma, kind, vclass = info
        aux = m.group("aux") if m else None
        if kind == "participle" and not aux:
            continue
        if kind == "infinitive" and not re.match(r"\s*:", text[vm.end():vm.end() + 3]):
            continue
        if kind == "finite" and not aux and not clitic and _word_before(text, w.start()) in _DETERMINERS:
            continue  # a noun: "la minaccia", "una nota"
        if aux and kind == "finite":
            continue  # "è dice" is not Italian; the auxiliary belongs elsewhere
        if aux:
            low = re.sub(r"\s+", " ", aux.lower())
            if low.startswith("si "):
                if lemma not in ("dire", "dichiarare"):
                    continue  # "si è conclusa" is no report
                kind = "self"  # "si è detto favorevole"
            elif low.startswith(("è", "sono", "era", "sarebbe", "viene", "vengono")):
                if "stat" not in low or lemma not in lex.impersonal_lemmas:
                    continue  # "è affermato" is an adjective; "è stato confermato" is no report
                kind = "impersonal"  # "è stato sottolineato", or a passive with "da X"
        cues.append(Cue(start, vm.end(), w.start(), lemma, kind, vclass, clitic, aux))
    return cues
