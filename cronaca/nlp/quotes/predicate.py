"""Quotations that hold the predicate of their sentence: the subject stands before the marks and
the speaker's own words open with the verb ("La Cina «non accetta né riconosce» la sentenza",
"Il segretario generale, X, «accoglie con favore» la dichiarazione", "I leader «riaffermano il
loro impegno …»"). No reporting verb stands outside the marks: the subject is said to do what the
quoted words say, in those words; the statement is the quotation and what completes it in its
clause (indirect unless the marks close it)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..attribution import is_eligible, speaker_of
from ..syntax.units import token_index
from .state import State, clause_start, content_end, emit, sentence_index

#: At least this many words inside the marks: one or two quoted words are a label, not speech
#: ("il governo «blinda» la manovra").
MIN_WORDS = 3


def predicate_quotations(st: State, cue_positions: Sequence[int]) -> None:
    """Statements whose quotation opens on the verb of a clause whose subject is an actor named
    right before the marks."""
    text, an = st.text, st.an
    if an is None:
        return
    toks = an.tokens
    for q in st.qspans:
        if q.depth or len(text[q.inner_start:q.inner_end].split()) < MIN_WORDS:
            continue
        if any(f.start <= q.start < f.end or q.inner_start <= f.start < q.inner_end for f in st.found):
            continue
        k = token_index(toks, q.inner_start)
        negated = False
        while k < len(toks) and toks[k].start < q.inner_end \
                and (toks[k].pos == "NEG" or toks[k].low.strip("'’") in st.lex.preverbal_words):
            negated = negated or toks[k].pos == "NEG"  # "«non accetta»", "«si oppone»"
            k += 1
        if k >= len(toks) or toks[k].start >= q.inner_end:
            continue
        verb = toks[k]
        if not (verb.pos in ("VERB", "AUX", "MODAL") and verb.form == "fin"
                or negated and verb.pos in ("NOUN", "ADJ") and verb.text.islower()):
            continue  # after a negation a word is a verb, whatever the tagger says ("non accetta")
        si = sentence_index(st, q.start)
        s, e = st.sentences[si]
        lo = clause_start(st, s, q.start)
        # the subject: an actor named right before the marks, or before its apposition ("Il
        # segretario generale, X, «…»", "X, presidente della Y, «…»")
        before = [m for m in st.mentions if lo <= m.start and m.end <= q.start and is_eligible(m, text, st.lex)]
        if not before:
            continue
        subj = before[-1]
        w = token_index(toks, subj.start) - 1
        if w >= 0 and toks[w].start >= lo and toks[w].pos in ("NOUN", "ADJ", "PROPN"):
            continue  # a modifier of another noun ("i rappresentanti Ue «…»"): not the subject's head
        gap = text[subj.end:q.start]
        if not re.fullmatch(r"\s*(?:,\s*)?", gap) and not re.fullmatch(r"\s*,[^,;:.!?«»“”\"()]{1,60},\s*", gap):
            continue
        if cue_positions and any(lo <= c < q.start for c in cue_positions):
            continue  # a reporting verb of the clause before the marks: its own rule reads it
        end = content_end(st, q.start, e, [c for c in cue_positions if c > q.end])
        if _glued_after(text, q.end) or _glued_after(text, end) \
                or re.search(r"[a-zà-ý]{3}[A-ZÀ-Ý](?:[a-zà-ý]|\s)", text[q.end:end]):
            continue  # a subheading glued to the next sentence ("X «farà il duro» con YIl …"): not annotated
        emit(st, q.start, end, [speaker_of(subj)], None, 0.55)


def _glued_after(text: str, pos: int) -> bool:
    """Does a capital follow ``pos`` with no space (a heading glued to the sentence after it)?"""
    while pos > 0 and text[pos - 1] in " .,;:":
        pos -= 1
    return pos < len(text) and text[pos].isupper()
