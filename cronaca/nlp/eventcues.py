"""Cue finding and assertion for the event stage: which tokens announce an act, and whether the
act is asserted (not negated, hypothetical or a complement of another act)."""

from __future__ import annotations

import re

from .eventlex import SPEECH_ACTS, Clause, Cue, EventLexicon, Tok, _prev_word

# -- cue matching -------------------------------------------------------------------------------

def _window(toks: list[Tok], a: int, b: int) -> set[str]:
    out = set()
    for t in toks[max(0, a):max(0, b)]:
        out.add(t.low)
        out.add(t.lemma)
    return out


def find_cues(toks: list[Tok], lex: EventLexicon) -> list[tuple[int, Cue]]:
    found = []
    for i, t in enumerate(toks):
        cands = lex.cues.get(t.low) or lex.cues.get(t.lemma)
        if not cands:
            continue
        for cue in cands:
            if cue.next and not (_window(toks, i + 1, i + 1 + cue.gap) & cue.next):
                continue
            if cue.prev and not (_window(toks, i - cue.gap, i) & cue.prev):
                continue
            if cue.near and not (_window(toks, i - cue.window, i + cue.window + 1) & cue.near):
                continue
            if cue.not_near and (_window(toks, i - 4, i + 3) & cue.not_near):
                continue
            if cue.not_prev1 and i > 0 and toks[i - 1].low in cue.not_prev1:
                continue
            found.append((i, cue))
            break
    return found


def governed(i: int, cues: list[tuple[int, Cue]], k: int, clause: Clause, toks: list[Tok]) -> bool:
    """Is the cue at ``i`` the complement of an earlier speech act in its clause ("ha negato di
    voler attaccare", "ha chiesto di ritirare")? Then it is what was denied or asked, not an act."""
    me = cues[k][1].type
    for j, c in reversed(cues[:k]):
        if j < clause.start_tok or i - j > (16 if c.type == "COOPERATE" else 8):
            break
        heads = SPEECH_ACTS | ({"COOPERATE"} if me in ("CONSULT", "AGREE") else set())
        if c.type in heads and any(t.low in ("di", "a", "ad", "che") for t in toks[j + 1:i]):
            return True
    return False


#: Nouns counting rounds of talks ("una serie di colloqui"): what follows is new, not a re-mention.
_ROUNDS = frozenset({"serie", "ciclo", "round", "tornata", "giro"})


def anaphoric_meeting(i: int, cue: Cue, toks: list[Tok], lex: EventLexicon, clause: Clause) -> bool:
    """"i colloqui", "questa riunione", "al vertice" with no "tra"/"con" after: a reference back to
    a meeting already coded, whose parties this clause does not restate."""
    if cue.type != "CONSULT" or cue.pos != "noun":
        return False
    j = _prev_word(toks, i)
    if j > 0 and toks[j].low == "di" and toks[_prev_word(toks, j)].low in _ROUNDS:
        return False  # "una nuova serie di colloqui": a new round, not a re-mention
    if j < 0 or toks[j].low in ("un", "una", "uno", "nuovo", "nuova", "serie") or toks[j].low not in lex.determiners:
        return False
    after = {t.low for t in toks[i + 1:min(i + 6, clause.end_tok)]}
    return not (after & (lex.between | {"con", "col"}))


# -- assertion ----------------------------------------------------------------------------------

def negated(i: int, clause: Clause, toks: list[Tok], lex: EventLexicon) -> bool:
    """A negation shortly before the cue whose scope reaches it: another verb in between (an
    infinitive that is not a modal's, "non può ignorare lo schieramento") ends the scope, and
    "non senza" / "non solo" are affirmative."""
    lo = max(clause.start_tok, i - lex.negation_window)
    for j in range(lo, i):
        w = toks[j].low
        if w not in lex.negation:
            continue
        nxt = toks[j + 1].low if j + 1 < len(toks) else ""
        if nxt in ("solo", "soltanto", "senza") or (w == "senza" and j > 0 and toks[j - 1].low == "non"):
            continue
        if any(_is_verb(toks[k].low) and toks[k].low not in lex.modals for k in range(j + 1, i)):
            continue
        return True
    return False


_CONDITIONAL = re.compile(r"\w{2,}rebbe(?:ro)?$")
_INFINITIVE = re.compile(r"\w{3,}(?:are|ere|ire|(?:ar|er|ir)(?:l[oaie]|ne|ci|si|gli|vi|mi|ti))$")


def _is_verb(w: str) -> bool:
    return len(w) > 4 and w.endswith(("are", "ere", "ire", "arsi", "ersi", "irsi"))


def nominal(i: int, cue: Cue, toks: list[Tok], text: str, lex: EventLexicon) -> bool:
    """Is the cue used as a noun here? "la ferma condanna" is, "la Russia condanna" is not."""
    if cue.pos == "noun":
        return True
    j = _prev_word(toks, i)
    if j < 0:
        return False
    if toks[j].low in lex.determiners:
        return True
    k = _prev_word(toks, j)
    return (k >= 0 and toks[k].low in lex.determiners and toks[j].low not in lex.auxiliaries
            and text[toks[j].start].islower() and toks[j].low.isalpha())


def hypothetical(i: int, clause: Clause, toks: list[Tok], lex: EventLexicon, text: str) -> bool:
    lo = max(clause.start_tok, i - lex.hypothetical_window)
    if any(toks[j].low in lex.hypothetical for j in range(lo, i)):
        return True
    for j in range(i + 1, min(i + 5, clause.end_tok)):
        w = toks[j].low
        if w in lex.modals_conditional:
            return True  # "l'accordo … potrebbe essere firmato"
        if _CONDITIONAL.search(w) and w not in lex.conditional_exempt:
            return True  # "il danno che un'invasione provocherebbe": a supposition, not an act
    end = toks[clause.end_tok - 1].end if clause.end_tok > clause.start_tok else toks[i].end
    return text[toks[i].end:end + 1].rstrip().endswith("?")


def denial_frame(i: int, clause: Clause, toks: list[Tok], lex: EventLexicon) -> bool:
    """'non ha (alcuna) intenzione di <act>': the act is denied, not performed."""
    return bool(_window(toks, max(clause.start_tok, i - 4), i) & lex.denial_frames)
