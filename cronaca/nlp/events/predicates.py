"""Event predicates: the verbs and nouns of a text that announce a PLOVER event.

A verb frame matches a verb group's lexical verb by lemma (a reflexive lemma "incontrarsi" also
matches "incontrare"); a noun frame matches a noun by lemma or form. Multi-word cues ("colpo di
stato", "mettere in guardia") match word by word, the first word by lemma. A frame's ``needs``
(one of these words within three tokens after the cue, or before it for a noun's governing
verb: "ha firmato un accordo"; for a noun, a verb of its own clause as well: "il protocollo [...]
è stato firmato"; for the noun of a mutual act, also a definite article before it and "tra"/"fra"
after it: "l'intesa tra Russia e Ucraina", an accord the text refers to) and ``blocked_by`` settle
words that are events only in some constructions. A
word inside a fixed phrase that announces no act (the lexicon's ``not_cues``, "si tratta di", and
the complex prepositions, "nei confronti di") is no cue.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from ..syntax import Analysis, VerbGroup
from ..syntax.tagging import Token
from .lexicon import Frame, FrameLexicon


class Predicate(NamedTuple):
    tok: int  # first token of the cue
    end_tok: int  # exclusive
    frame: Frame
    clause: int
    group: VerbGroup | None  # for verbs: the verb group the cue heads
    rank: int = 0  # 0 for the first frame that fits the cue; others are alternative readings
    #: a mutual act named as a definite thing between its parties and nothing else ("l'intesa tra
    #: Russia e Ucraina", no verb that concludes it near): an accord the text refers to, not the day's act
    referred: bool = False


def _matches(tokens: Sequence[Token], i: int, words: tuple[str, ...], verb: bool) -> int:
    """Length in tokens of the cue ``words`` at token ``i`` (0 when it does not match); articles
    and adverbs may stand between the words of a multi-word cue ("accolto con grande favore")."""
    t = tokens[i]
    first = words[0]
    if not (t.lemma == first or t.low == first or verb and (t.lemma + "si" == first or t.lemma == first[:-2] + "e"
                                                          or t.lemma[:-1] + "si" == first)):
        return 0
    k, j = i + 1, 1
    while j < len(words) and k < len(tokens) and k < i + len(words) + 3:
        w = tokens[k]
        if w.low == words[j] or w.lemma == words[j]:
            j += 1
        elif w.pos not in ("DET", "ADV", "ADJ"):
            return 0
        k += 1
    return k - i if j == len(words) else 0


def _clause_verbs(an: Analysis, i: int) -> set[str]:
    """Lemmas and forms of the verbs of the clause of token ``i``: a noun's own predicate, however
    far from it ("il protocollo d'intesa per il cessate il fuoco nelle regioni orientali è stato
    firmato a Minsk")."""
    ci = an.clause_of[i] if 0 <= i < len(an.clause_of) else -1
    if ci < 0:
        return set()
    out: set[str] = set()
    for g in an.clauses[ci].verbs:
        t = an.tokens[g.head]
        out.update((t.low, t.lemma))
    return out


def _definite_pair(tokens: Sequence[Token], i: int, end: int, lex: FrameLexicon) -> bool:
    """A mutual act named as a definite thing between its parties ("l'intesa tra Russia e Ucraina",
    "dell'accordo fra Roma e Tirana"): the accord the text speaks of exists, whatever verb concluded
    it; an indefinite one ("un accordo tra le parti") may be only sought."""
    k = end
    while k < len(tokens) and k < end + 2 and tokens[k].pos == "ADJ":
        k += 1
    return i > 0 and tokens[i - 1].low.replace("’", "'") in lex.definite_determiners and k < len(tokens) \
        and tokens[k].low in lex.between_words


def _needs_met(frame: Frame, tokens: Sequence[Token], i: int, end: int, an: Analysis | None = None) -> bool:
    """Does one of the frame's ``needs`` stand near the cue (or, for a noun, among its clause's verbs)?"""
    window = {t.low for t in tokens[end:end + 4]} | {t.lemma for t in tokens[end:end + 4]}
    window |= {t.low for t in tokens[max(0, i - 4):i]} | {t.lemma for t in tokens[max(0, i - 4):i]}
    return bool(window & frame.needs) or frame.pos == "noun" and an is not None and bool(_clause_verbs(an, i) & frame.needs)


def _context_ok(frame: Frame, tokens: Sequence[Token], i: int, end: int, lex: FrameLexicon, needs_met: bool) -> bool:
    """Does the cue's context let it be this frame? ``needs_met``: :func:`_needs_met`, or no needs."""
    if not needs_met and not (frame.pos == "noun" and frame.mutual and _definite_pair(tokens, i, end, lex)):
        return False
    if frame.blocked_by:
        near = {t.low for t in tokens[max(0, i - 2):i]} | {t.low for t in tokens[end:end + 1]}
        if near & frame.blocked_by:
            return False
    return True


#: Stances that are each other's opposite, for a qualifying cue (``needs_stance``).
OPPOSITE_STANCE = {"SUPPORT": "DISAPPROVE", "DISAPPROVE": "SUPPORT"}
#: How far after a qualifying cue its qualification is looked for (inside its sentence).
STANCE_WINDOW = 12


def _stance_ok(frame: Frame, an: Analysis, lex: FrameLexicon, end: int) -> bool:
    """A qualifying cue ("definire", "dipingere") takes its type from the words that qualify:
    praise ("storico", "positivo") makes it SUPPORT, anything else stays criticism. The nouns
    and adjectives after the cue to its sentence's end (:data:`STANCE_WINDOW` words at most) are
    counted against the language's stance words; a frame with ``needs_stance`` fits when that
    stance's words outnumber its opposite's, one with ``blocked_by_stance`` when they do not."""
    stance = frame.needs_stance or frame.blocked_by_stance
    if stance is None:
        return True
    ci = an.clause_of[end - 1]
    si = an.clauses[ci].sentence if ci >= 0 else -1
    hi = an.sentences[si][1] if 0 <= si < len(an.sentences) else len(an.tokens)
    # the qualification is a noun or an adjective ("un momento storico", "inaccettabile"), not a
    # verb of a clause of its own ("l'unico a sostenere Putin" is no praise)
    window = [t for t in an.tokens[end:min(hi, end + STANCE_WINDOW)] if t.pos not in ("VERB", "AUX", "MODAL")]
    words = {t.lemma for t in window} | {t.low for t in window}
    own = len(words & lex.stance_words.get(stance, frozenset()))
    other = len(words & lex.stance_words.get(OPPOSITE_STANCE.get(stance, ""), frozenset()))
    leans = own > other
    return leans if frame.needs_stance else not leans


def fixed_words(tokens: Sequence[Token], phrases: Iterable[tuple[str, ...]]) -> set[int]:
    """The tokens inside any of ``phrases`` (lower-case words, apostrophes folded to ')."""
    by_first = _by_first(tuple(phrases))
    lows = [t.low.replace("’", "'") for t in tokens]  # folded once, not once per phrase tried
    out: set[int] = set()
    for i, low in enumerate(lows):
        for ph in by_first.get(low, ()):
            if tuple(lows[i:i + len(ph)]) == ph:
                out.update(range(i, i + len(ph)))
    return out


@lru_cache(maxsize=16)
def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """``phrases`` by their first word (the same lexicon's phrases come with every document: the
    index is built once per process)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        if ph:
            by_first.setdefault(ph[0], []).append(ph)
    return by_first


def find_predicates(an: Analysis, lex: FrameLexicon, phrases: Iterable[tuple[str, ...]] = ()) -> list[Predicate]:
    """Every cue of the text, in order. A word that fits frames of several types ("attaccare":
    an assault or a verbal attack) gives one predicate per type, the first in lexicon order
    ranked 0; a cue's words start no other predicate. No word inside a fixed phrase of
    ``lex.not_cues`` or of ``phrases`` (the language's complex prepositions) starts one."""
    heads: dict[int, VerbGroup] = {v.head: v for c in an.clauses for v in c.verbs}
    out: list[Predicate] = []
    tokens = an.tokens
    fixed = fixed_words(tokens, (*lex.not_cues, *phrases))
    skip_to = 0
    for i, t in enumerate(tokens):
        if i < skip_to or i in fixed:
            continue
        if t.pos == "VERB":
            pos = "verb"
        elif t.pos == "NOUN" or t.pos == "ADV" and t.low == "no":
            # a proper noun is a word of a name ("Conferenza episcopale", "ministro della
            # Cooperazione internazionale", "Memorandum d'intesa"): an institution or a title, no act
            pos = "noun"
            if i > 0 and tokens[i - 1].pos == "NOUN" and tokens[i - 1].lemma not in ("nuovo", "primo", "ultimo"):
                continue  # "armi offensive", "forze armate": an adjective after its noun, no act
        else:
            continue
        cands: Sequence[Frame] = lex.by_first.get((pos, t.lemma), ()) or lex.by_first.get((pos, t.low), ())
        if pos == "verb" and not cands:
            # a reflexive cue ("congratularsi", "opporsi", "dimettersi") under the infinitive the
            # lemmatiser gives ("congratulare", "opporre", "dimettere"): its final -e becomes -si
            cands = lex.by_first.get((pos, t.lemma[:-1] + "si"), ()) or lex.by_first.get((pos, t.lemma + "si"), ())
        types: set[str] = set()
        for frame in cands:
            if frame.type in types:
                continue
            n = _matches(tokens, i, frame.words, pos == "verb")
            if not n:
                continue
            needs_met = not frame.needs or _needs_met(frame, tokens, i, i + n, an)
            if not _context_ok(frame, tokens, i, i + n, lex, needs_met) or not _stance_ok(frame, an, lex, i + n):
                continue
            ci = an.clause_of[i]
            group = heads.get(i) if pos == "verb" else None
            if pos == "verb" and group is None:
                continue  # a participle used as an adjective ("le truppe schierate"): no act of its own here
            out.append(Predicate(i, i + n, frame, ci, group, len(types), referred=pos == "noun" and not needs_met))
            types.add(frame.type)
            skip_to = max(skip_to, i + n)
    return out
