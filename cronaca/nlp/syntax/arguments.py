"""Subject, object, agent, patient and inherited subjects of each clause (see
:mod:`cronaca.nlp.syntax.clauses` for what each means)."""

from __future__ import annotations

from typing import Sequence

from .clauses import Clause, VerbGroup
from .lexicon import SyntaxLexicon
from .tagging import Token
from .units import Unit


def _group_of(units: Sequence[Unit], members: list[int], pick: int) -> tuple[int, ...]:
    g = units[pick].group
    return tuple(u for u in members if units[u].group == g)


def _inverts(head: VerbGroup, c: Clause, tokens: Sequence[Token], lex: SyntaxLexicon) -> bool:
    """Does the subject follow this verb? Passives, reflexives and unaccusatives ("si sono
    incontrati X e Y", "è arrivato X"), and a reporting verb that opens its clause ("…», ha
    detto X", "Lo ha detto X", "ha aggiunto il ministro")."""
    if head.passive or head.reflexive or head.lemma in lex.unaccusatives or head.copula:
        return True
    if head.lemma in lex.reporting_only:
        before = [tokens[k] for k in c.tokens if k < head.start_tok]
        return all(t.pos in ("ADV", "PUNCT", "QUOTE", "CLITIC", "NEG", "CCONJ") for t in before)
    return False


def assign(clauses: list[Clause], tokens: Sequence[Token], units: Sequence[Unit], lex: SyntaxLexicon,
           clause_of: Sequence[int]) -> None:
    """Fill each clause's units, subject, object, agent and patient (explicit ones only)."""
    for k, u in enumerate(units):
        ci = clause_of[u.head_tok] if u.head_tok < len(clause_of) else -1
        if ci >= 0:
            clauses[ci].units.append(k)
    for c in clauses:
        head = c.head
        free = [u for u in c.units if units[u].case == ""]
        if head is None:
            if free:
                c.subject = _group_of(units, free, free[0])
            continue
        pre = [u for u in free if units[u].end_tok <= head.start_tok]
        post = [u for u in free if units[u].start_tok >= head.end_tok]
        if pre:
            c.subject = _group_of(units, pre, pre[-1])
        if post:
            first = _group_of(units, post, post[0])
            if not c.subject and _inverts(head, c, tokens, lex):
                c.subject = first
            elif not head.passive and not head.copula:
                c.object = first
        if head.passive:
            agents = [u for u in c.units if units[u].case == "da" and units[u].start_tok >= head.end_tok]
            c.agent = _group_of(units, agents, agents[0]) if agents else ()
            c.patient = c.subject
        else:
            c.agent, c.patient = c.subject, c.object


def inherit(clauses: list[Clause], units: Sequence[Unit], tokens: Sequence[Token], lex: SyntaxLexicon,
            sentence_of_clause: Sequence[int]) -> None:
    """Give clauses without a named subject the one the grammar implies (module docstring of
    :mod:`cronaca.nlp.syntax.clauses`)."""
    by_index = {c.index: c for c in clauses}
    topic: tuple[int, ...] = ()
    topic_sentence = -1
    for c in clauses:
        if c.agent and all(units[u].kind == "pronoun" for u in c.agent) and topic \
                and c.sentence - topic_sentence <= 2 and not _quoted(c, by_index):
            # "Lui ha poi denunciato ...", "dopo che lui aveva ...": a subject pronoun stands for the topic
            c.agent, c.agent_inherited = topic, True
        if c.agent:
            if c.kind in ("main", "coordinate", "colon") and c.parent is None and c.kind != "quoted":
                pass
        else:
            parent = by_index.get(c.parent) if c.parent is not None else None
            got: tuple[int, ...] = ()
            if c.kind == "relative" and c.marker in ("che", "il quale") and parent is not None:
                got = _antecedent(c, parent, units, tokens)
            elif c.kind == "infinitive" and parent is not None:
                got = _controller(parent, units, lex)
            elif c.kind in ("gerund", "adverbial") and parent is not None:
                got = parent.agent
            elif c.continues is not None and c.continues in by_index:
                got = by_index[c.continues].agent
            elif c.kind == "main" and c.parent is None and topic and c.sentence - topic_sentence <= 2 \
                    and not _common_subject(c, tokens, lex):
                got = topic
            if got and not (c.head is not None and c.head.passive):
                c.agent, c.agent_inherited = got, True
        if c.parent is None and c.agent and not c.agent_inherited and c.kind != "quoted":
            topic, topic_sentence = c.agent, c.sentence


def _quoted(c: Clause, by_index: dict[int, Clause]) -> bool:
    """Is clause ``c`` a quotation or inside one (its words are another speaker's)?"""
    seen = 0
    while c is not None and seen < 8:
        if c.kind == "quoted":
            return True
        c = by_index.get(c.parent) if c.parent is not None else None  # type: ignore[assignment]
        seen += 1
    return False


def _common_subject(c: Clause, tokens: Sequence[Token], lex: SyntaxLexicon) -> bool:
    """Does the clause name a subject that is no actor ("La riunione si è svolta ...", "Lo
    riferisce una nota ...")? An article and a common noun, no preposition before them, before the
    verb or right after an inverted one: the clause is not pro-drop, and inherits no topic. Role and
    collective nouns ("il ministro", "il governo") are anaphors of an actor, not such a subject."""
    head = c.head
    if head is None:
        return False
    members = set(c.tokens)
    for k in c.tokens:
        if tokens[k].pos != "NOUN" or k - 1 not in members or tokens[k - 1].pos != "DET":
            continue
        if k - 2 in members and tokens[k - 2].pos == "ADP" or tokens[k].low in lex.person_nouns \
                or tokens[k].low in lex.collective_nouns:
            continue
        if k < head.start_tok or head.end_tok <= k - 1 <= head.end_tok + 1 and _inverts(head, c, tokens, lex):
            return True
    return False


def _antecedent(c: Clause, parent: Clause, units: Sequence[Unit], tokens: Sequence[Token]) -> tuple[int, ...]:
    """The phrase a relative pronoun stands for: the unit ending right before it ("Putin, che …")."""
    before = [u for u in parent.units if units[u].end_tok <= c.start_tok]
    if not before:
        return ()
    last = before[-1]
    gap = [t.low for t in tokens[units[last].end_tok:c.start_tok]]
    if len(gap) > 1 or gap and gap[0] != ",":
        return ()
    return _group_of(units, before, last)


def _controller(parent: Clause, units: Sequence[Unit], lex: SyntaxLexicon) -> tuple[int, ...]:
    """Who performs an infinitive: the object of "chiedere a X di", "esortare X a", else the subject."""
    head = parent.head
    if head is not None and head.lemma in lex.object_control:
        to = [u for u in parent.units if units[u].case == "a" and units[u].start_tok >= head.end_tok]
        if to:
            return _group_of(units, to, to[0])
        if parent.patient:
            return parent.patient
    return parent.agent
