"""Tokens with a coarse part of speech, from closed-class lists, lemmas and endings.

No part-of-speech tagger for Italian can be installed offline, and the clause analysis needs only
a coarse one: is this word a verb (and which form: finite, participle, infinitive, gerund, with
what tense), a noun or adjective, a name, or one of the closed classes (article, preposition,
auxiliary, modal, clitic, negation, conjunction)? Closed classes are listed in ``syntax.json``;
open-class words are verbs when simplemma lemmatises them to an infinitive, and the ambiguous
ones ("la proposta", "ha proposto"; "l'attacco", "attacca") are settled by their left
neighbour: an article or a preposition makes a noun, an auxiliary, a clitic or "non" a verb.

Tags: ``PUNCT QUOTE NUM DET ADP AUX MODAL CLITIC NEG CCONJ SCONJ PRON ADV ADJ VERB NOUN PROPN``
(``ADJ`` only for adjectives that stand before their noun; others are tagged with the nouns).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Sequence

import simplemma

from .lexicon import SyntaxLexicon

#: Words, elided words ("dell'", "l'"), numbers; hyphenated names stay whole ("Nato-Russia").
_TOKEN = re.compile(r"[^\W\d_]+['’`](?=[^\W\d_])|\d+(?:[.,:]\d+)*|[^\W_]+(?:-[^\W_]+)*|[^\w\s]")
_GLUE = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")
_QUOTES = frozenset('«»“”"„‘’`')
_VERB_LEMMA = re.compile(r"(?:are|ere|ire|rre|arsi|ersi|irsi|rsi)$")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # lower case, apostrophes folded
    lemma: str
    pos: str
    form: str = ""  # VERB/AUX/MODAL: fin | part | inf | ger
    tense: str = ""  # finite forms: present | past | imperfect | future | conditional | subjunctive


@lru_cache(maxsize=300_000)
def lemma_of(word: str, lang: str) -> str:
    try:
        return simplemma.lemmatize(word, lang=lang).lower()
    except ValueError:  # a language simplemma does not know
        return word


def _raw_tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    append = out.append
    for m in _TOKEN.finditer(text):
        s, w = m.start(), m.group()
        # a glued boundary needs a capital after the first letter: when the rest of the word is
        # lower case (most words) the glue regex cannot match and is not run
        if len(w) <= 3 or w[1:].islower():
            append((s, m.end(), w))
            continue
        prev = 0
        for c in [*(c.start() for c in _GLUE.finditer(w)), len(w)]:
            append((s + prev, s + c, w[prev:c]))
            prev = c
    return out


def _name_flags(raws: list[tuple[int, int, str]], names: Sequence[tuple[int, int]]) -> list[bool]:
    if not names:
        return [False] * len(raws)
    spans = sorted(names)
    flags = []
    k = 0
    for s, e, _ in raws:
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        flags.append(k < len(spans) and spans[k][0] <= s < spans[k][1])
    return flags


def _infinitive_of(participle: str) -> str:
    stem, end = participle[:-3], participle[-3:]
    return stem + {"a": "are", "u": "ere", "i": "ire"}.get(end[0], "are")


_VERB_ENDINGS = ("are", "ere", "ire", "rre", "arsi", "ersi", "irsi", "rsi")


def _is_verb_lemma(lemma: str, low: str) -> bool:
    """``_VERB_LEMMA.search(lemma)`` by ``str.endswith`` (the hot path of tagging); ``$`` also
    matches before one final newline, and so does this."""
    if len(low) <= 2:
        return False
    return lemma.endswith(_VERB_ENDINGS) or lemma[-1:] == "\n" and lemma[:-1].endswith(_VERB_ENDINGS)


_FORMS: dict[tuple[int, str, str], tuple[str, str]] = {}


def _third_person_verb(word: str, low: str, lex: SyntaxLexicon, lang: str) -> bool:
    """Is ``word`` a finite verb in the third person ("scrive", "afferma", "riferiscono"), not a
    noun an article could introduce ("lo scambio", "lo studente")?"""
    if not word[:1].islower() or low in lex.not_verbs or not low.endswith(("a", "e", "ano", "ono", "ò", "ì", "à")):
        return False
    lemma = lex.lemma_overrides.get(low) or lemma_of(low, lang)
    return _is_verb_lemma(lemma, low) and lemma != low and verb_form(low, lemma, lex)[0] == "fin"


def _present_like_noun(low: str, lex: SyntaxLexicon, lang: str) -> str | None:
    """The infinitive of a third person singular present in -a that the lemmatiser reads as a noun
    ("condanna", "accusa", "minaccia", "critica", "firma"), when the verb exists: its third person
    plural ("condannano") lemmatises to it. None for any other word."""
    if len(low) < 5 or not low.endswith("a") or low in lex.not_verbs or not low.isalpha():
        return None
    verb = low[:-1] + "are"
    plural = low[:-1] + "ano"
    return verb if (lex.lemma_overrides.get(plural) or lemma_of(plural, lang)) == verb else None


def verb_form(low: str, lemma: str, lex: SyntaxLexicon) -> tuple[str, str]:
    """(form, tense) of a verb form by its ending (memoised per lexicon: the hot path)."""
    key = (id(lex), low, lemma)
    hit = _FORMS.get(key)
    if hit is None:
        if len(_FORMS) > 200_000:
            _FORMS.clear()
        hit = _FORMS[key] = _verb_form(low, lemma, lex)
    return hit


def _verb_form(low: str, lemma: str, lex: SyntaxLexicon) -> tuple[str, str]:
    """(form, tense) of a verb form by its ending."""
    e = lex.endings
    if low in lex.irregular_participles or (low.endswith(e["participle"]) and low != lemma):
        return "part", ""
    if low.endswith(e["gerund"]):
        return "ger", ""
    if low == lemma or low.endswith(e["infinitive"]) and _VERB_LEMMA.search(low):
        return "inf", ""
    if low.endswith(e["conditional"]):
        return "fin", "conditional"
    if low.endswith(e["future"]):
        return "fin", "future"
    if low.endswith(e["imperfect"]):
        return "fin", "imperfect"
    if low.endswith(e["subjunctive"]):
        return "fin", "subjunctive"
    if low.endswith(e["remote_past"]):
        return "fin", "past"
    return "fin", "present"


def _aux_tense(low: str, lex: SyntaxLexicon) -> tuple[str, str]:
    if low in ("stato", "stata", "stati", "state", "avuto", "potuto", "dovuto", "voluto"):
        return "part", ""
    if low in ("essere", "avere", "potere", "dovere", "volere"):
        return "inf", ""
    if low in ("essendo", "avendo"):
        return "ger", ""
    return verb_form(low, "", lex) if low not in ("è", "e'", "ha", "hanno", "sono", "può", "deve", "vuole", "fu",
                                                  "ebbe", "sta", "stanno") else ("fin", "past" if low in ("fu", "ebbe") else "present")


def _after_auxiliary(lows: list[str], tags: list[str], i: int, lex: SyntaxLexicon) -> bool:
    """Is word ``i`` a participle after an auxiliary of the perfect ("ha deciso di", "ha aperto
    un'inchiesta", "è stato deciso"), an adverb or two between? Then a form that may be a
    pre-nominal adjective ("deciso", "aperto") is the verb."""
    low = lows[i]
    if not (low in lex.irregular_participles or low.endswith(lex.endings["participle"])):
        return False  # "ha forti legami": avere is the verb, "forti" its object's adjective
    k = i - 1
    while k >= 0 and k >= i - 3 and tags[k] == "ADV":
        k -= 1
    return k >= 0 and (lex.auxiliaries.get(lows[k]) == "avere" or lows[k] in ("stato", "stata", "stati", "state"))


def tag(text: str, lex: SyntaxLexicon, lang: str = "it", names: Sequence[tuple[int, int]] = ()) -> list[Token]:
    """Tokenize ``text`` and give every token a coarse tag (see the module docstring). Words
    inside ``names`` (character spans of entity mentions) are names, whatever they look like
    ("Marco" is no form of "marcare" in "Marco Rossi")."""
    _new = tuple.__new__
    raws = _raw_tokens(text)
    in_name = _name_flags(raws, names)
    lows = [w.lower().replace("’", "'").replace("`", "'") for _, _, w in raws]
    n = len(raws)
    closed = lex.closed
    tags: list[str] = [""] * n
    for i, (s, e, w) in enumerate(raws):
        low = lows[i]
        if not w[0].isalnum():
            tags[i] = "QUOTE" if w in _QUOTES else "PUNCT"
        elif w[0].isdigit():
            tags[i] = "NUM"
        elif in_name[i] and (w[0].isupper() or low not in lex.prepositions and low not in lex.articles):
            tags[i] = "PROPN"
        elif low == "se" and not (i + 1 < n and (lows[i + 1] in ("ne", "stesso", "stessa") or lows[i + 1] in (
                "lo", "la", "li", "le", "l'") and not (i + 2 < n and raws[i + 2][2][:1].isupper()))):
            tags[i] = "SCONJ"
        elif low in closed:
            tags[i] = closed[low]
        elif low.endswith("mente") and len(low) > 7:
            tags[i] = "ADV"
        elif low in lex.prenominal_adjectives and i + 1 < n and raws[i + 1][2][:1].isalpha() \
                and not raws[i + 1][2][:1].isupper() and not _after_auxiliary(lows, tags, i, lex):
            tags[i] = "ADJ"
        else:
            tags[i] = "OPEN"
    out: list[Token] = []
    for i, (s, e, w) in enumerate(raws):
        low, t = lows[i], tags[i]
        lemma = (lex.lemma_overrides.get(low) or lemma_of(low, lang)) if t in ("OPEN", "AUX", "MODAL") else low
        form = tense = ""
        prev = tags[i - 1] if i else "PUNCT"
        prev_low = lows[i - 1] if i else ""
        nxt = tags[i + 1] if i + 1 < n else "PUNCT"
        if t == "DET" and low in ("la", "lo", "le", "li", "l'", "gli") and nxt in ("AUX", "MODAL") \
                and lows[i + 1] not in ("stato", "stata", "stati", "state"):
            t = "CLITIC"
        elif t == "CLITIC" and low in ("la", "lo", "le", "li", "l'", "gli") and nxt not in ("AUX", "MODAL", "OPEN", "CLITIC"):
            t = "DET"
        elif t == "DET" and low in ("lo", "l'") and nxt == "OPEN" and _third_person_verb(raws[i + 1][2], lows[i + 1], lex, lang) \
                and (i + 2 >= n or tags[i + 2] in ("DET", "OPEN", "PUNCT", "ADV", "NEG") and lows[i + 2] not in ("di", "del", "della")
                     and not (tags[i + 2] == "OPEN" and raws[i + 2][2][:1].islower())):
            # "Lo scrive il ministro", "L'afferma X": a resumptive clitic, not an article; "l'accusa di …",
            # "l'arma più potente" stay nouns (a preposition or a lower-case word follows)
            t = tags[i] = "CLITIC"
        if t == "AUX" and low in lex.determiners and (prev in ("ADP", "DET") or nxt == "OPEN" and raws[i + 1][2][:1].islower()
                                                      and not lows[i + 1].endswith(lex.endings["participle"])):
            # a numeral that is also a form of "essere" ("a sei mesi", "sei Paesi" vs "sei stato"):
            # after a preposition or an article, or before a word that is no participle, a number
            t = "DET"
        if t == "AUX":
            form, tense = _aux_tense(low, lex)
            if low in ("stato", "stata", "stati", "state") and prev in ("DET", "ADP"):
                t, lemma, form = ("PROPN" if w[0].isupper() else "NOUN"), "stato", ""
        elif t == "MODAL":
            form, tense = _aux_tense(low, lex)
            lemma = lex.modals[low]
        elif t == "OPEN":
            capital = w[0].isupper()
            sentence_start = prev in ("PUNCT", "QUOTE") and prev_low not in (",",)
            if capital and not sentence_start:
                t = "PROPN"
            elif prev in ("AUX", "MODAL", "CLITIC") and low.endswith(lex.endings["participle"]) and len(low) > 5 \
                    and not _is_verb_lemma(lemma, low):
                # "è stata condannata": after an auxiliary, a participle whatever the lemmatiser says
                t, form, lemma = "VERB", "part", _infinitive_of(low)
            elif _is_verb_lemma(lemma, low) and not (capital and lemma == low):
                form, tense = verb_form(low, lemma, lex)
                after_det = prev in ("DET", "ADJ") or (prev == "ADP" and form != "inf")
                if after_det or (low in lex.not_verbs and prev not in ("AUX", "MODAL", "CLITIC", "NEG")):
                    t, form, tense = "NOUN", "", ""
                else:
                    t = "VERB"
            elif not capital and i and out[i - 1].pos in ("PROPN", "NOUN") and (verb := _present_like_noun(low, lex, lang)):
                # "Mosca accusa Kiev", "il governo condanna l'attacco": a present of a verb in
                # -are whose form is also a noun ("accusa", "condanna", "minaccia", "firma"); after
                # its subject, with no article of its own, the verb
                t, lemma = "VERB", verb
                form, tense = verb_form(low, lemma, lex)
            elif capital and sentence_start and lemma == low and not low.isalpha():
                t = "PROPN"
            else:
                t = "PROPN" if capital and sentence_start and w.isupper() and len(w) > 1 else "NOUN"
        if t == "CLITIC" and low == "l'" and nxt == "OPEN" and not _is_verb_lemma(lemma_of(lows[i + 1], lang), lows[i + 1]):
            t = "DET"
        # tuple.__new__ builds the same Token without the namedtuple's Python-level __new__
        # (one frame per token of every text)
        out.append(_new(Token, (s, e, w, low, lemma, t, form, tense)))
    return out
