"""Is an event predicate asserted: did the act happen (or is it scheduled), or is it negated,
hypothetical, only asked for or only intended?

Read off the clause analysis, not a window of words:

- a negated verb group ("non ha firmato") is negated; so is a noun under "senza", "nessun", or
  the object of a negated verb ("non ha firmato l'accordo");
- a clause opened by "se"/"qualora", or inside one, is a condition; a simple conditional
  ("imporrebbe") or a conditional modal ("potrebbe firmare") is a supposition — the compound
  conditional of reported allegations ("avrebbe incontrato") is not;
- a question is not an assertion;
- an act in the future tense is announced, not done, unless its clause says when (scheduled) or it
  is a meeting, a threat, an offer to cooperate or troops readied;
- an infinitive is the content of the verb that governs it ("ha chiesto di ritirare",
  "pronti a negoziare", "minaccia di colpire"): not an act of its own, unless the governor
  asserts it ("ha deciso di imporre", "è riuscito a", "continua a") or the infinitive is a
  perfect that no denial governs ("ha fatto sapere di avere evacuato");
- the "che" clause of a wish, a request or a fear ("chiede che la Russia ritiri le truppe", "spera
  che firmino", "teme che Mosca attacchi") is wanted or feared, not done;
- a will ("vuole firmare") is an intention, an obligation ("devono avviare colloqui") a demand and a
  possibility ("può colpire") a supposition, unless in the perfect ("ha voluto ringraziare", "ha
  dovuto ritirarsi");
- a noun after a word of possibility ("un'eventuale invasione", "il rischio di un attacco") is
  hypothetical.

Threats are acts in themselves: a threat inside a condition is still a threat.
"""

from __future__ import annotations

from ..syntax import Analysis, Clause
from ..syntax.lexicon import SyntaxLexicon
from .predicates import Predicate

#: Governors that deny the act of their infinitive ("nega di aver ordinato l'attacco"): a perfect
#: infinitive under any other verb reports an act done ("ha fatto sapere di aver evacuato").
DENIALS = frozenset({"negare", "smentire", "escludere", "respingere", "rifiutare"})
#: Types whose act counts before it is done: a meeting, a threat, a cooperation offered, troops
#: readied ("eseguiranno un'esercitazione"). Any other act in the future tense ("forniranno aiuti",
#: "firmeranno l'accordo") is announced, not done, unless its clause says when (scheduled: "adotteranno
#: oggi le sanzioni"); a negated one ("non firmerà") is a refusal of its own.
UNDONE_OK = frozenset({"CONSULT", "THREATEN", "COOPERATE", "MOBILIZE"})
#: Governors whose "che" clause is wanted, asked for or feared, not done ("chiede che la Russia
#: ritiri le truppe", "spera che firmino", "teme che Mosca attacchi").
NON_FACTIVE = frozenset({"chiedere", "richiedere", "esigere", "pretendere", "volere", "sperare", "auspicare",
                         "augurare", "augurarsi", "desiderare", "proporre", "temere", "preferire", "sollecitare",
                         "esortare", "invitare", "ordinare", "raccomandare", "aspettare", "aspettarsi"})
#: Governors that assert their infinitive ("ha deciso di imporre sanzioni").
IMPLICATIVE = frozenset({"decidere", "riuscire", "continuare", "iniziare", "cominciare", "tornare", "finire",
                         "procedere", "passare", "arrivare", "andare", "venire", "accettare", "scegliere",
                         "stabilire", "deliberare", "approvare", "votare"})


def _ancestors(an: Analysis, c: Clause):
    seen = 0
    while c is not None and seen < 10:
        yield c
        c = an.clauses[c.parent] if c.parent is not None else None  # type: ignore[assignment]
        seen += 1


def assertion(an: Analysis, p: Predicate, lex: SyntaxLexicon, scheduled: bool = False) -> tuple[bool, bool]:
    """(negated, hypothetical) for predicate ``p``; ``scheduled``: its clause says when (a date, "oggi",
    "domani"), so a future act in it is scheduled, not merely announced."""
    t = p.frame.type
    negated, hypothetical = _assertion(an, p.clause, p.tok, p.group, lex, t == "COOPERATE")
    head = p.group if p.group is not None else an.clauses[p.clause].head
    if head is not None and head.tense == "future" and not negated and not scheduled and t not in UNDONE_OK:
        hypothetical = True  # "gli Stati Uniti forniranno aiuti": announced, not done
    if t == "THREATEN":
        hypothetical = False
    return negated, hypothetical


def word_assertion(an: Analysis, k: int, lex: SyntaxLexicon) -> tuple[bool, bool]:
    """(negated, hypothetical) for the word at token ``k``, read as :func:`assertion` reads a cue:
    a verb by its verb group, a noun by the words before it and its clause."""
    ci = an.clause_of[k] if 0 <= k < len(an.clause_of) else -1
    if ci < 0:
        return False, False
    g = next((v for v in an.clauses[ci].verbs if v.start_tok <= k < v.end_tok), None)
    return _assertion(an, ci, k, g, lex)


def _assertion(an: Analysis, ci: int, tok: int, g, lex: SyntaxLexicon, willing: bool = False) -> tuple[bool, bool]:
    """``willing``: a cue of cooperation, which an ability or a duty states a willingness for
    ("possiamo lavorare insieme", "dobbiamo collaborare"): COOPERATE as it is."""
    tokens = an.tokens
    c = an.clauses[ci]
    negated = hypothetical = False
    head = g if g is not None else c.head
    if g is not None and g.negated:
        negated = True
    if g is None:
        before = [t.low for t in tokens[max(c.start_tok, tok - 3):tok]]
        if any(w in ("senza", "nessun", "nessuna", "nessuno", "niente") for w in before):
            negated = True
        elif head is not None and head.negated and head.end_tok <= tok:
            if any(t.pos == "ADP" for t in tokens[head.end_tok:tok]):
                # the noun is no object of the denied verb ("non sfocerà in un conflitto", "non cambia i
                # piani della controffensiva"): neither done nor denied
                hypothetical = True
            else:
                negated = True
        if any(w in lex.hypothetical_words for w in before):
            hypothetical = True
    if head is not None:
        if head.tense == "conditional" and head.form == "fin" and not _compound(an, head):
            hypothetical = True
        if head.modal in ("potere", "dovere", "volere", "intendere") and not _modal_done(an, head) and (
                not willing or head.modal in ("volere", "intendere") or head.tense == "conditional"):
            hypothetical = True  # "devono avviare colloqui", "può colpire": an obligation or a possibility
    for anc in _ancestors(an, c):
        if anc.conditional:
            hypothetical = True
        if anc.kind == "complement" and anc.parent is not None:
            gov = an.clauses[anc.parent].head
            if gov is not None and gov.lemma in NON_FACTIVE:
                hypothetical = True  # "chiede che la Russia ritiri le truppe": asked for, not done
                break
        if anc.kind == "infinitive" and anc.parent is not None:
            gov = an.clauses[anc.parent].head
            if gov is None or gov.lemma not in IMPLICATIVE and not (
                    gov.lemma not in DENIALS and anc.head is not None and _compound(an, anc.head)):
                hypothetical = True
            break
        if anc.kind in ("main", "coordinate") and anc.parent is None:
            break
    last = max(c.tokens) if c.tokens else tok
    if any(tokens[k].low == "?" for k in range(tok, min(len(tokens), last + 2))):
        hypothetical = True
    return negated, hypothetical


def _compound(an: Analysis, g) -> bool:
    """"avrebbe incontrato", "avere evacuato": an auxiliary and a participle."""
    toks = an.tokens[g.start_tok:g.end_tok]
    return any(t.pos == "AUX" for t in toks) and an.tokens[g.head].form == "part"


def _modal_done(an: Analysis, g) -> bool:
    """"ha voluto ringraziare", "volle incontrare": a will in the perfect is the act done, not an
    intention."""
    return any(t.pos == "MODAL" and (t.form == "part" or t.tense == "past") for t in an.tokens[g.start_tok:g.end_tok])
