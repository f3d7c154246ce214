"""Clauses, their verb groups and their arguments.

Each sentence is cut into clauses at the words that open one — a subordinator ("che", "perché",
"se"), a relative pronoun ("che" after a noun, "cui", "il quale"), a preposition before an
infinitive ("di firmare", "a ritirare"), a gerund after a comma, a coordinator before a new verb
("e ha aggiunto"), a semicolon or a colon — and each clause records what opened it and which
clause it depends on. Inside a clause:

- the **verb group** is an auxiliary/modal chain and its lexical verb ("non ha voluto firmare",
  "è stato firmato", "si sono incontrati"), with its tense (a present auxiliary + participle is
  a past), negation, modality, voice (passive with "stato"/"venire", or with a "da" agent) and
  reflexivity;
- the **subject** is the phrase no preposition governs before the verb (the nearest
  coordinated group), or after it when the clause has none before and the verb is inverted
  ("ha detto il ministro"), passive, unaccusative or reflexive; the **object** is the next free
  phrase after an active verb; every other unit is an **oblique** under its preposition
  ("con", "a", "tra", "contro", "da" ...);
- **agent** and **patient** undo the passive: "l'accordo è stato firmato da X" has agent X;
- a clause without a subject **inherits** one: a relative clause its antecedent, an infinitive
  its controller (the object of "chiedere a X di", else the subject), a gerund and a coordinated
  clause the subject of the clause they continue, a main clause the topic of the sentences
  before it (pro-drop). Inherited agents are marked, so a stage can trust a named one more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .lexicon import SyntaxLexicon
from .tagging import Token
from .units import Unit

#: Openers that make a clause hypothetical ("se", "qualora").
CONDITIONAL = "conditional"


@dataclass(frozen=True, slots=True)
class VerbGroup:
    start_tok: int
    end_tok: int  # exclusive
    head: int  # the lexical verb (or the copula / a lone auxiliary)
    lemma: str
    form: str  # fin | part | inf | ger (of the group's first verb)
    tense: str  # present | past | pluperfect | future | conditional | imperfect | subjunctive | infinitive | gerund | participle
    negated: bool
    passive: bool
    modal: str | None
    reflexive: bool
    copula: bool


@dataclass(slots=True)
class Clause:
    index: int
    sentence: int
    start_tok: int
    end_tok: int  # exclusive; a clause may have a nested relative/parenthetical inside
    kind: str  # main | complement | relative | infinitive | gerund | coordinate | adverbial | colon
    parent: int | None
    marker: str = ""  # the word that opened it ("che", "di", "se", "e" ...)
    tokens: list[int] = field(default_factory=list)
    verbs: list[VerbGroup] = field(default_factory=list)
    units: list[int] = field(default_factory=list)  # indices into Analysis.units
    subject: tuple[int, ...] = ()
    object: tuple[int, ...] = ()
    agent: tuple[int, ...] = ()
    patient: tuple[int, ...] = ()
    agent_inherited: bool = False
    conditional: bool = False
    continues: int | None = None  # the clause a coordinate continues ("… e ha aggiunto")
    quote: int = -1  # for a "quoted" clause: which quotation it is

    @property
    def head(self) -> VerbGroup | None:
        finite = [v for v in self.verbs if v.form == "fin"]
        return finite[0] if finite else (self.verbs[0] if self.verbs else None)

    def obliques(self, units: Sequence[Unit], case: str) -> list[int]:
        return [u for u in self.units if units[u].case == case]


# -- verb groups --------------------------------------------------------------------------------

_GROUP_TAGS = frozenset({"AUX", "MODAL", "VERB", "CLITIC", "NEG", "ADV"})


def verb_groups(tokens: Sequence[Token], a: int, b: int, lex: SyntaxLexicon) -> list[VerbGroup]:
    """The verb groups among tokens ``a``..``b`` (a clause)."""
    out: list[VerbGroup] = []
    i = a
    while i < b:
        t = tokens[i]
        if t.pos not in ("AUX", "MODAL", "VERB", "CLITIC", "NEG"):
            i += 1
            continue
        j = i
        verbs: list[int] = []
        while j < b and tokens[j].pos in _GROUP_TAGS:
            tj = tokens[j]
            if tj.pos in ("AUX", "MODAL", "VERB"):
                if verbs and tokens[verbs[-1]].pos == "VERB" and tj.pos != "VERB":
                    break  # "ha detto è": a new group
                if verbs and tokens[verbs[-1]].pos == "VERB" and tokens[verbs[-1]].form in ("fin", "part") \
                        and tj.form in ("fin",):
                    break
                if verbs and tokens[verbs[-1]].pos == "VERB" and tj.form == "inf" and tokens[verbs[-1]].lemma \
                        not in ("fare", "lasciare", "sapere"):
                    break  # "ha deciso firmare" does not occur; an infinitive after a verb opens a clause
                verbs.append(j)
            elif tj.pos == "ADV" and not verbs:
                break
            j += 1
        if not verbs:
            i = j if j > i else i + 1
            continue
        end = verbs[-1] + 1
        out.append(_group(tokens, i, end, verbs, lex))
        i = end
    return out


def _group(tokens: Sequence[Token], start: int, end: int, verbs: list[int], lex: SyntaxLexicon) -> VerbGroup:
    first = tokens[verbs[0]]
    lexical = [k for k in verbs if tokens[k].pos == "VERB"]
    if not lexical and lex.auxiliaries.get(tokens[verbs[-1]].low) == "avere":
        lexical = [verbs[-1]]  # "ha avuto un colloquio", "ha un ruolo": avere is the verb here
    head = lexical[-1] if lexical else verbs[-1]
    aux = [tokens[k] for k in verbs if tokens[k].pos == "AUX"]
    modal = next((lex.modals[tokens[k].low] for k in verbs if tokens[k].pos == "MODAL"), None)
    negated = any(tokens[k].pos == "NEG" for k in range(start, end)) or (
        start > 0 and tokens[start - 1].pos == "NEG")
    clitics = [tokens[k].low for k in range(start, end) if tokens[k].pos == "CLITIC"]
    reflexive = "si" in clitics or "s'" in clitics or tokens[head].lemma.endswith("rsi") or \
        tokens[head].low.endswith(("arsi", "ersi", "irsi", "atosi", "itosi", "andosi", "endosi"))
    copula = not lexical and bool(aux) and aux[-1].low not in ("stato", "stata", "stati", "state")
    aux = [tokens[k] for k in verbs if tokens[k].pos == "AUX" and k != head]
    head_tok = tokens[head]
    lemma = head_tok.lemma if lexical else (lex.auxiliaries.get(head_tok.low) or lex.modals.get(head_tok.low)
                                            or head_tok.lemma)
    essere = [x for x in aux if lex.auxiliaries.get(x.low) in ("essere", "venire")]
    passive = bool(lexical) and head_tok.form == "part" and not reflexive and bool(essere) and (
        any(x.low in ("stato", "stata", "stati", "state") for x in essere)
        or any(lex.auxiliaries.get(x.low) == "venire" for x in essere)
        or head_tok.lemma not in lex.unaccusatives and _agent_follows(tokens, end, lex))
    form = first.form or "fin"
    if form == "fin":
        tense = first.tense or "present"
        if lexical and head_tok.form == "part" and aux:
            tense = {"present": "past", "imperfect": "pluperfect", "past": "pluperfect"}.get(tense, tense)
        stative = bool(essere) and not passive and not reflexive and head_tok.form == "part" \
            and head_tok.lemma not in lex.unaccusatives and not any(x.low in ("stato", "stata", "stati", "state") for x in essere)
        if (passive or stative) and not any(x.low in ("stato", "stata", "stati", "state") for x in essere) \
                and first.tense == "present":
            tense = "present"  # "è firmato", "sono ammassati": a state, not a past act
    else:
        tense = {"inf": "infinitive", "ger": "gerund", "part": "participle"}.get(form, form)
    return VerbGroup(start, end, head, lemma, form, tense, negated, passive, modal, reflexive, copula)


def _agent_follows(tokens: Sequence[Token], end: int, lex: SyntaxLexicon) -> bool:
    for k in range(end, min(end + 3, len(tokens))):
        if tokens[k].pos == "ADP" and lex.prepositions.get(tokens[k].low) == "da":
            return True
        if tokens[k].pos not in ("ADV",):
            return False
    return False


# -- segmentation -------------------------------------------------------------------------------

#: :func:`_opens` answers None for any token that has none of these tags and is none of these
#: words: most tokens are skipped without the call (it runs for every token of a text).
_OPENING_POS = frozenset({"SCONJ", "ADP", "VERB", "CCONJ"})
_OPENING_WORDS = frozenset({";", ":", "il", "la", "i", "le"})


def _opens(tokens: Sequence[Token], i: int, a: int, lex: SyntaxLexicon) -> tuple[str, str] | None:
    """Does token ``i`` open a clause? Returns (kind, marker)."""
    t = tokens[i]
    prev = tokens[i - 1] if i > a else None
    if t.low in (";",):
        return ("coordinate", ";")
    if t.low == ":":
        return ("colon", ":")
    if t.pos == "SCONJ":
        if t.low == "che":
            sia = next((k for k in range(i - 1, max(a, i - 6) - 1, -1) if tokens[k].low == "sia"), None)
            if sia is not None and not _verb_soon(tokens, sia + 1, i - sia - 1):
                return None  # "sia Xi che Obama": correlative coordination, not a clause
            return _che(tokens, i, a, lex)
        if t.low == "cui":
            return ("relative", "cui")
        if t.low in ("come", "dopo", "prima", "dove") and not _verb_soon(tokens, i + 1, 4):
            return None
        return ("adverbial", t.low)
    if t.pos == "ADP" and i + 1 < len(tokens) and lex.prepositions.get(t.low) in ("di", "a", "per", "da", "senza") \
            and len(t.low) <= 3:
        nxt = tokens[i + 1]
        k = i + 1
        while k < len(tokens) and tokens[k].pos in ("NEG", "CLITIC", "ADV") and k < i + 3:
            k += 1
        if k < len(tokens) and (tokens[k].pos == "VERB" and tokens[k].form == "inf"
                                or tokens[k].pos in ("AUX", "MODAL") and tokens[k].form == "inf"):
            return ("infinitive", t.low)
        del nxt
    if t.pos == "VERB" and t.form == "ger" and (prev is None or prev.low in (",", "e", "ed", "pur", "poi")):
        return ("gerund", t.low)
    if t.pos == "CCONJ" and t.low in ("e", "ed", "ma", "però", "mentre", "o", "oppure") and i > a + 1:
        k = i + 1
        while k < len(tokens) and k < i + 4 and tokens[k].pos in ("ADV", "NEG", "CLITIC"):
            k += 1
        if k < len(tokens) and (tokens[k].pos in ("AUX", "MODAL") or tokens[k].pos == "VERB" and tokens[k].form == "fin"):
            return ("coordinate", t.low)
    if t.low in ("il", "la", "i", "le") and i + 1 < len(tokens) and tokens[i + 1].low in ("quale", "quali") \
            and prev is not None and prev.low == ",":
        return ("relative", "il quale")
    return None


def _finite_next(tokens: Sequence[Token], i: int, b: int) -> bool:
    """Does a finite verb group start at token ``i`` (adverbs, clitics and "non" before it)?"""
    k = i
    while k < b and k < i + 4 and tokens[k].pos in ("ADV", "NEG", "CLITIC"):
        k += 1
    return k < b and (tokens[k].pos in ("AUX", "MODAL") and tokens[k].form == "fin"
                      or tokens[k].pos == "VERB" and tokens[k].form == "fin")


def _subject_start(tokens: Sequence[Token], members: Sequence[int], verb: int) -> int:
    """Where the noun phrase right before token ``verb`` starts, among the tokens ``members`` (its
    names, nouns and adjectives back to their article): the subject of a finite verb that an
    opening infinitive ran into. ``verb`` itself when no such phrase can be told apart there."""
    inside = set(members)
    k = verb - 1
    while k in inside and tokens[k].pos in ("PROPN", "NOUN", "ADJ", "NUM"):
        k -= 1
    # the phrase must follow another one (the infinitive's object): "l'Ucraina | la NATO ha";
    # right after the infinitive it is the infinitive's own object ("aiutare l'Ucraina hanno")
    if k in inside and tokens[k].pos == "DET" and k + 1 < verb and k - 1 in inside \
            and tokens[k - 1].pos in ("PROPN", "NOUN", "ADJ", "NUM"):
        return k
    return verb


def _verb_soon(tokens: Sequence[Token], i: int, n: int) -> bool:
    return any(t.pos in ("AUX", "MODAL", "VERB") for t in tokens[i:i + n])


def _che(tokens: Sequence[Token], i: int, a: int, lex: SyntaxLexicon) -> tuple[str, str]:
    """"che" after a verb (or a noun of saying) opens a complement; after a noun, a relative."""
    j = i - 1
    while j >= a and tokens[j].pos in ("ADV",) or (j >= a and tokens[j].low == ","):
        j -= 1
    if j < a:
        return ("complement", "che")
    p = tokens[j]
    if p.pos in ("VERB", "AUX", "MODAL", "CLITIC") or p.low in ("così", "modo", "fatto"):
        return ("complement", "che")
    if p.pos in ("NOUN", "PROPN", "NUM", "PRON") or p.low == "," or p.pos == "QUOTE":
        return ("relative", "che")
    return ("complement", "che")


def segment(tokens: Sequence[Token], a: int, b: int, si: int, lex: SyntaxLexicon,
            first_index: int, quote_of: Sequence[int]) -> list[Clause]:
    """Clauses of the sentence spanning tokens ``a``..``b``. ``quote_of[i]`` names the quotation
    token ``i`` stands in (-1 outside any): a quotation is a clause of its own ("quoted"), with
    its own clauses inside."""
    clauses = [Clause(first_index, si, a, b, "main", None)]
    stack = [0]  # local indices of the open clauses, innermost last
    comma_closes: set[int] = set()  # parenthetical clauses that end at the next comma
    # (depth in the stack, quotation) of the open quoted clauses, outermost first: kept with the
    # stack, so that a token outside any quotation does not walk the stack to learn so
    quoted: list[tuple[int, int]] = []

    def close_to(depth: int) -> None:
        while len(stack) > depth:
            comma_closes.discard(stack.pop())
        while quoted and quoted[-1][0] >= depth:
            quoted.pop()

    def push(kind: str, marker: str, parent_local: int | None, i: int) -> int:
        parent = None if parent_local is None else clauses[parent_local].index
        c = Clause(first_index + len(clauses), si, i, b, kind, parent, marker)
        c.conditional = marker in lex.conditional_markers
        clauses.append(c)
        stack.append(len(clauses) - 1)
        return len(clauses) - 1

    for i in range(a, b):
        t = tokens[i]
        q = quote_of[i]
        # leaving a quotation closes it and every clause opened inside it
        for depth, quote in quoted:
            if quote != q:
                close_to(depth)
                break
        cur = stack[-1]
        if q >= 0 and not any(quote == q for _, quote in quoted):
            cur = push("quoted", "«", cur, i)
            clauses[cur].quote = q
            quoted.append((len(stack) - 1, q))
        elif t.low == "," and cur in comma_closes and i > clauses[cur].start_tok + 1:
            close_to(stack.index(cur))
            cur = stack[-1]
        elif t.low == "," and _finite_next(tokens, i + 1, b):
            # "Salvini, che aveva detto che …, ha scritto": a comma then a finite verb with no
            # subject of its own closes the parenthetical relative and every clause opened in it
            outer = [x for x in stack if x in comma_closes and i > clauses[x].start_tok + 1]
            if outer:
                close_to(stack.index(outer[0]))
                cur = stack[-1]
        if t.form == "fin" and t.pos in ("AUX", "MODAL", "VERB") and len(stack) == 2 and cur in comma_closes \
                and clauses[cur].kind == "infinitive" and clauses[cur].start_tok == a and not clauses[0].tokens:
            # "Per aiutare l'Ucraina la NATO ha inviato armi": no comma closed the opening
            # infinitive; a noun phrase right before the finite verb is that verb's subject
            inf = clauses[cur]
            cut = _subject_start(tokens, inf.tokens, i)
            clauses[0].tokens.extend(k for k in inf.tokens if k >= cut)
            inf.tokens[:] = [k for k in inf.tokens if k < cut]
            close_to(1)
            cur = stack[-1]
        opened = _opens(tokens, i, a, lex) if (i > clauses[cur].start_tok or t.low in (";", ":")
                                                or t.pos == "SCONJ" and t.low != "che" or t.pos == "ADP") \
            and (t.pos in _OPENING_POS or t.low in _OPENING_WORDS) else None
        if opened is not None and i == clauses[cur].start_tok and t.pos == "ADP" and opened[0] != "infinitive":
            opened = None  # a clause that opens with a preposition opens a clause only with an infinitive
        if opened is not None:
            kind, marker = opened
            if kind == "coordinate":
                x = 0 if marker == ";" else _coordinate_parent(clauses, cur, tokens, i, lex)
                if clauses[x].kind == "quoted":
                    x = cur
                close_to(stack.index(x) if x in stack else len(stack) - 1)
                parent_local = None if clauses[x].parent is None else clauses[x].parent - first_index
                cur = push("main" if parent_local is None else "coordinate", marker, parent_local, i)
                clauses[cur].continues = clauses[x].index  # type: ignore[attr-defined]
            else:
                prev = tokens[i - 1] if i > a else None
                cur = push(kind, marker, cur, i)
                if kind in ("relative", "gerund", "adverbial") and (prev is not None and prev.low == ","
                                                                    or kind == "adverbial" and i == a) \
                        or kind == "infinitive" and i == a:  # "Per aiutare il Libano, i donatori hanno …"
                    comma_closes.add(cur)
        clauses[cur].tokens.append(i)
    kept = [c for c in clauses if c.tokens]
    renumber = {c.index: first_index + k for k, c in enumerate(kept)}
    for c in kept:
        c.start_tok, c.end_tok = c.tokens[0], c.tokens[-1] + 1
        c.index = renumber[c.index]
        c.parent = _nearest_kept(c.parent, clauses, renumber, first_index)
        c.continues = _nearest_kept(c.continues, clauses, renumber, first_index)
    return kept


def _nearest_kept(index: int | None, clauses: list[Clause], renumber: dict[int, int], first: int) -> int | None:
    """The new index of clause ``index``, or of its nearest kept ancestor when it was empty."""
    while index is not None and index not in renumber:
        index = clauses[index - first].parent
    return None if index is None else renumber[index]


def _coordinate_parent(clauses: list[Clause], cur: int, tokens: Sequence[Token], i: int, lex: SyntaxLexicon) -> int:
    """Which open clause does "e ha aggiunto" continue? The current one, unless it is a complement
    or relative and the new verb looks like its governor's (a reporting clause resumed: "ha detto
    che … e ha chiesto")."""
    c = clauses[cur]
    if c.kind in ("complement", "relative", "infinitive", "colon") and c.parent is not None:
        k = i + 1
        while k < len(tokens) and tokens[k].pos in ("ADV", "NEG", "CLITIC"):
            k += 1
        new_aux = tokens[k].low if k < len(tokens) else ""
        parent_local = c.parent - clauses[0].index
        parent_first = next((tokens[x] for x in clauses[parent_local].tokens if tokens[x].pos in ("AUX", "MODAL", "VERB")), None)
        if parent_first is not None and parent_first.low == new_aux and new_aux in lex.auxiliaries:
            return parent_local
    return cur
