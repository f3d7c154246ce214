"""Argument attachment for the event stage: who acts (source) and on whom (target).

No Italian parser exists offline, so roles come from position and function words: the nearest
free actor before the cue (and those coordinated with it), passive agents, "tra A e B", owners
of nominal cues, "da parte di X", borders and territories for deployments.
"""

from __future__ import annotations

import re

from .eventlex import (
    HOSTILE,
    Actor,
    Clause,
    Cue,
    EventLexicon,
    Tok,
    _end_tok,
    _prev_word,
    _tok_index,
    actor_kb,
)

_INFINITIVE_CUE = re.compile(r"\w{3,}(?:are|ere|ire)$")

# -- arguments ----------------------------------------------------------------------------------

def attachment(a: Actor, toks: list[Tok], lex: EventLexicon, lo: int) -> str:
    """How an actor hangs in its clause: 'gen' ("l'invasione dell'Ucraina"), 'loc' ("in Ucraina")
    or 'free' (subject/object). "gli alleati della NATO" is free: the head noun is an actor noun."""
    j = _prev_word(toks, a.tok)
    if j < lo:
        return "free"
    w = toks[j].low
    if w == "secondo":
        return "loc"  # "secondo la NATO": who says so, not a party
    if w in lex.genitive:
        k = _prev_word(toks, j)
        if k >= lo and (toks[k].low in lex.member_nouns or toks[k].lemma in lex.member_nouns):
            return "free"
        if k >= lo and (toks[k].low in lex.locative or (k > lo and toks[k - 1].low in lex.locative)):
            return "loc"  # "sul territorio dell'Ucraina", "vicino ai confini della Russia"
        return "gen"
    if w in lex.locative or (j > lo and toks[j - 1].low in lex.locative):
        return "loc"
    if w in lex.prepositions:
        return "obj"  # "alla Russia", "con Mosca": never the subject
    return "free"


def _in_relative(a: Actor, i: int, toks: list[Tok], lo: int) -> bool:
    """True for an actor inside ", che … ," that closes before the cue (not the cue's subject)."""
    for k in range(a.tok - 1, lo, -1):
        if toks[k].low == "che" and toks[k - 1].low == ",":
            return any(toks[m].low == "," for m in range(_end_tok(toks, a), i))
    return False


def _person(a: Actor, acts: list[Actor], toks: list[Tok]) -> Actor:
    """A body or country right before a named person is that person's role: take the person
    ("il presidente degli Stati Uniti d'America, Joseph Biden")."""
    if a.label == "PER":
        return a
    end = _end_tok(toks, a)
    for b in acts:
        if b.tok >= end:
            gap = toks[end:b.tok]
            if b.label == "PER" and len(gap) <= 2 and all(t.low in (",", "–", "-", "(") for t in gap):
                return b
            break
    return a


def _group_left(cands: list[Actor], toks: list[Tok], lex: EventLexicon) -> list[Actor]:
    """The nearest actor before the cue and those coordinated with it ("Kiev ed i Paesi occidentali")."""
    if not cands:
        return []
    group = [cands[-1]]
    for a in reversed(cands[:-1]):
        between = toks[_end_tok(toks, a):group[0].tok]
        words = {t.low for t in between}
        if not between or not all(t.low in lex.coordinators for t in between):
            break
        # "A e B", "A, B e C": the link nearest the cue must be "e"; a bare comma is apposition
        # or a new clause ("…con l'Ucraina, la Russia continua").
        if words & {"e", "ed"} or (len(group) > 1 and "," in words):
            group.insert(0, a)
        else:
            break
    return group


def _group_right(cands: list[Actor], toks: list[Tok], lex: EventLexicon) -> list[Actor]:
    """The first actor after a point and those coordinated with it ("con A e B", "di A, B e C")."""
    if not cands:
        return []
    group = [cands[0]]
    for a in cands[1:]:
        between = toks[_end_tok(toks, group[-1]):a.tok]
        if not between or not all(t.low in lex.coordinators for t in between):
            break
        group.append(a)
    if len(group) > 1 and not ({"e", "ed"} & {t.low for t in toks[_end_tok(toks, group[-2]):group[-1].tok]}):
        group = group[:1]  # a bare comma is apposition, not coordination
    return group


def _dedupe_names(group: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in group:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out


def _nominal_roles(i: int, cue: Cue, right: list[Actor], toks: list[Tok], lex: EventLexicon
                   ) -> tuple[Actor | None, Actor | None]:
    """(agent, patient) attached to a nominal cue: a demonym ("le richieste russe") is its agent;
    "di X" is its agent or patient as the cue says ("l'invasione russa dell'Ucraina")."""
    agent = patient = None
    k = i + 1
    for a in right[:2]:
        gap = toks[k:a.tok]
        demonym = a.demonym
        if demonym:
            ok = len(gap) <= 3 and not any(t.low in (",", ";", "che") for t in gap)
        else:
            ok = len(gap) <= 3 and bool(gap) and (
                gap[-1].low in lex.genitive or gap[-1].low in ("'", "’") or gap[-1].low == "parte")
        if not ok:
            break
        if demonym or cue.genitive == "agent":
            if agent is None:
                agent = a
            elif patient is None:
                patient = a
        elif patient is None:
            patient = a
        k = _end_tok(toks, a)
    return agent, patient


def arguments(i: int, cue: Cue, clause: Clause, toks: list[Tok], acts: list[Actor],
              lex: EventLexicon, is_noun: bool = False, places: list[Actor] = ()
              ) -> tuple[list[Actor], Actor | None]:
    """(source group, target) for the cue at token ``i`` inside ``clause``; an empty group when the
    clause names no agent (the caller then looks for a speaker or the topic)."""
    lo = clause.start_tok
    inside = [a for a in acts if lo <= a.tok < clause.end_tok]
    att = {a.start: attachment(a, toks, lex, lo) for a in inside}
    left_all = [a for a in inside if a.tok < i]
    cstart = _complement_start(i, lo, toks, lex)
    left = [a for a in left_all if att[a.start] == "free" and not _in_relative(a, i, toks, lo)
            and a.tok >= cstart]
    right = [a for a in inside if a.tok > i and att[a.start] != "loc"]
    t = toks[i]
    # 0. "la decisione presa dalla Russia di riconoscere …": the agent of the governing noun.
    if i > lo and toks[i - 1].low == "di" and _INFINITIVE_CUE.match(t.low):
        for a in reversed(left_all):
            if a.tok < i - 8:
                break
            if toks[_prev_word(toks, a.tok)].low in lex.passive_agents:
                names = {a.name}
                tgt = next((b for b in right if b.name not in names), None)
                return [_person(a, acts, toks)], _person(tgt, acts, toks) if tgt else None
    # 1. Passive: "accuse respinte con veemenza dal Cremlino".
    if not is_noun and re.search(r"(?:at|ut|it|int|ess|ost)[oaie]$", t.low):
        for j in range(i + 1, min(i + 5, clause.end_tok)):
            if toks[j].low in lex.passive_agents:
                # "respinta da tutti all'interno dell'Ue": a quantifier heads the agent phrase,
                # and the body it names is the agent even behind a locative
                quant = j + 1 < clause.end_tok and toks[j + 1].low in lex.quantifiers
                agent = [a for a in (inside if quant else right) if a.tok > j][:1]
                if agent and agent[0].tok <= j + (8 if quant else 4):
                    tgt = left_all[-1] if left_all else None
                    group = [_person(agent[0], acts, toks)]
                    if quant:  # "… dell'Ue, compreso Borrell": the named member acts too
                        group += [a for a in inside if a.tok > agent[0].tok and a.tok >= 1
                                  and toks[a.tok - 1].low in lex.including][:1]
                    return group, tgt
                break
    # 2. "tra A e B" right after a cue of talks.
    if cue.mutual:
        for j in range(i + 1, min(i + 5, clause.end_tok)):
            if toks[j].low in lex.between:
                after = _dedupe_names(_group_right([a for a in right if a.tok > j], toks, lex))
                if len(after) > 2:
                    return [], None  # "tra A, B, C e D": a multilateral meeting, no pair
                after = _dedupe_names([_person(a, acts, toks) for a in right if a.tok > j])[:2]
                if len(after) == 2:
                    return [after[0]], after[1]
                break
    # 3. Nominal cues carry their own agent and patient.
    if is_noun and cue.type in HOSTILE:
        by = _by_agent(i, clause, toks, inside)
        if by is not None:  # "l'operazione militare in Ucraina da parte della Russia"
            where = _loc_patient(i, clause, toks, [*inside, *places])
            _, patient = _nominal_roles(i, cue, right, toks, lex)
            tgt = patient if patient is not None and patient.name != by.name else where
            return [_person(by, acts, toks)], tgt
    if is_noun and cue.type not in HOSTILE and left and _light_verb(i, lo, toks, lex):
        # "X ha ribadito il sostegno della NATO all'Ucraina", "X ha rivolto un appello
        # affinché l'Ue …": the act is the subject's; the genitive only qualifies the noun.
        group = _dedupe_names([_person(a, acts, toks) for a in _group_left(left, toks, lex)])
        names = {a.name for a in group}
        tgt = next((a for a in right if a.name not in names and att[a.start] != "gen"), None)
        return group, _person(tgt, acts, toks) if tgt else None
    if is_noun:
        agent, patient = _nominal_roles(i, cue, right, toks, lex)
        if agent is not None:
            who = _person(agent, acts, toks)  # "il ministro russo, Ivan Petrov": Petrov acts
            rest = [a for a in right if a.tok > who.tok and a.name not in (agent.name, who.name)
                    and (patient is None or a.start >= patient.start)]
            tgt = patient or (rest[0] if rest else None)
            if tgt is None and left_all and left_all[-1].name != agent.name:
                tgt = left_all[-1]
            return [_person(agent, acts, toks)], _person(tgt, acts, toks) if tgt else None
        if patient is not None:
            group = _dedupe_names(_group_left(left, toks, lex))
            return group, patient
    group = _dedupe_names([_person(a, acts, toks) for a in _group_left(left, toks, lex)])
    names = {a.name for a in group}
    target = None
    for a in right:
        if a.name not in names:
            target = _person(a, acts, toks)
            break
    if target is not None and target.name in names:
        target = None
    if cue.type == "REJECT" and i + 1 < len(toks) and (toks[i + 1].low == "che" or (
            toks[i + 1].low == "di" and (t.low in lex.denial_verbs or t.lemma in lex.denial_verbs))):
        target = None  # "ha negato che …", "ha negato di voler …": a denial, no accuser named
    if cue.mutual and not group:
        if len(_dedupe_names(_group_right(right, toks, lex))) > 2:
            return [], None  # "si incontrano i diplomatici di A, B, C e D": multilateral
        r = _dedupe_names([_person(a, acts, toks) for a in right])
        if len(r) >= 2:
            return [r[0]], r[1]
    if cue.mutual and len(group) >= 2 and target is None:
        return ([group[0]], group[1]) if len(group) == 2 else ([], None)
    return group, target


def _complement_start(i: int, lo: int, toks: list[Tok], lex: EventLexicon) -> int:
    """First token of the "che …" complement of a speech verb that contains the cue: the speaker
    before "ha affermato che" is not the subject of what follows ("X ha detto che, durante
    l'operazione, …")."""
    for j in range(i - 1, lo, -1):
        if toks[j].low == "che" and any(toks[k].low in lex.speech or toks[k].lemma in lex.speech
                                        for k in range(max(lo, j - 3), j)):
            return j + 1
    return lo


def _light_verb(i: int, lo: int, toks: list[Tok], lex: EventLexicon) -> bool:
    """Is the nominal cue the object of a verb of stating ("ha espresso il pieno sostegno")?"""
    for j in range(i - 1, max(lo, i - 4) - 1, -1):
        t = toks[j]
        if t.low in lex.light_verbs or t.lemma in lex.light_verbs:
            return True
        if not (t.low in lex.determiners or t.low.isalpha() and len(t.low) <= 8 and j > i - 3):
            return False
    return False


def _by_agent(i: int, clause: Clause, toks: list[Tok], inside: list[Actor]) -> Actor | None:
    """The agent of a nominal act given as "da parte di X" shortly after the cue."""
    for j in range(i + 2, min(i + 10, clause.end_tok)):
        if toks[j].low == "parte" and toks[j - 1].low == "da":
            after = [a for a in inside if j < a.tok <= j + 3]
            return after[0] if after else None
    return None


def _loc_patient(i: int, clause: Clause, toks: list[Tok], cands: list[Actor]) -> Actor | None:
    """"l'operazione militare in Ucraina": the country where a hostile act happens is its patient."""
    for a in sorted(cands, key=lambda a: a.tok):
        if i < a.tok <= i + 5 and a.label == "GPE" and toks[_prev_word(toks, a.tok)].low in (
                "in", "nel", "nella", "nell", "contro") and not any(
                t.low in (",", ";") for t in toks[i + 1:a.tok]):
            return a
    return None


def _later_target(i: int, sent: tuple[int, int], toks: list[Tok], acts: list[Actor],
                  lex: EventLexicon, exclude: set[str]) -> Actor | None:
    """For a speech act whose clause names no addressee: the next actor in the same sentence
    ("ha sottolineato che … avrebbe conseguenze dure e ha esortato la Russia")."""
    hi = _tok_index(toks, sent[1])
    lo = _tok_index(toks, sent[0])
    for a in acts:
        if i < a.tok < hi and a.name not in exclude and attachment(a, toks, lex, lo) != "loc":
            return _person(a, acts, toks)
    return None


def _earlier_target(i: int, sent: tuple[int, int], toks: list[Tok], acts: list[Actor],
                    lex: EventLexicon, exclude: set[str]) -> Actor | None:
    """What a concern is about when nothing follows it: the nearest actor before it in the
    sentence ("La mossa di Mosca …, con i Paesi occidentali che temono …")."""
    lo = _tok_index(toks, sent[0])
    for a in reversed(acts):
        if lo <= a.tok < i and a.name not in exclude and attachment(a, toks, lex, lo) != "loc":
            return _person(a, acts, toks)
    return None


def _between_pair(i: int, clause: Clause, toks: list[Tok], acts: list[Actor], lex: EventLexicon
                  ) -> list[Actor]:
    """"un confronto tra A e B" — also across a colon that names them ("tra i presidenti dei due
    Paesi: A e B")."""
    for j in range(i + 1, clause.end_tok):
        if toks[j].low in lex.between:
            end = j + 1
            while end < min(len(toks), j + 16) and toks[end].low not in (".", ";", "!", "?"):
                end += 1
            after = _dedupe_names([_person(a, acts, toks) for a in acts if j < a.tok < end])[:2]
            return after if len(after) == 2 else []
    return []


def _about(i: int, clause: Clause, toks: list[Tok], acts: list[Actor], lex: EventLexicon,
           speaker: str) -> Actor | None:
    """What a judgement is about: the nearest actor before it in the clause (its subject, or the
    owner of the subject: "la dichiarazione di X … è sconsiderata"), else the first after it."""
    inside = [a for a in acts if clause.start_tok <= a.tok < clause.end_tok and a.name != speaker
              and attachment(a, toks, lex, clause.start_tok) != "loc"]
    before = [a for a in inside if a.tok < i]
    after = [a for a in inside if a.tok > i]
    pick = before[-1] if before else (after[0] if after else None)
    return _person(pick, acts, toks) if pick else None


def _border_target(sent: tuple[int, int], toks: list[Tok], acts: list[Actor], lex: EventLexicon,
                   exclude: set[str], places: list[Actor] = (), cue: int | None = None) -> Actor | None:
    """Troops massed "al confine con l'Ucraina" or "sul territorio ucraino" are mobilised
    against Ukraine."""
    lo, hi = _tok_index(toks, sent[0]), _tok_index(toks, sent[1])
    bare = False
    for j in range(lo, hi):
        if toks[j].lemma in _FRONTIER or toks[j].low in _FRONTIER:
            bare = bare or cue is None or abs(j - cue) <= 6
            nxt = toks[j + 1].low if j + 1 < len(toks) else ""
            if nxt in lex.demonyms and lex.demonyms[nxt] not in exclude:  # "territorio ucraino"
                return Actor(toks[j + 1].start, toks[j + 1].end, lex.demonyms[nxt], None, "GPE", j + 1,
                             demonym=True)
            for a in sorted([*acts, *places], key=lambda a: a.tok):
                if j < a.tok <= j + 4 and a.name not in exclude and a.label == "GPE":
                    return a
    if bare:  # "in Ucraina, dove … sono ammassati vicino al confine": the border is that country's
        before = [a for a in [*acts, *places] if lo <= a.tok < hi and a.label == "GPE"
                  and a.name not in exclude]
        return max(before, key=lambda a: a.tok) if before else None
    return None


_FRONTIER = frozenset({"confine", "confini", "frontiera", "frontiere", "territorio", "territori"})


def sentence_subjects(toks: list[Tok], sents: list[tuple[int, int]], acts: list[Actor],
                      lex: EventLexicon) -> dict[int, Actor]:
    """The first free actor of each sentence: who the next pro-drop sentence is about."""
    out: dict[int, Actor] = {}
    for si, (s, e) in enumerate(sents):
        lo, hi = _tok_index(toks, s), _tok_index(toks, e)
        for a in acts:
            if lo <= a.tok < hi and attachment(a, toks, lex, lo) == "free":
                out[si] = _person(a, acts, toks)
                break
    return out


# -- host states ----------------------------------------------------------------------------------

def host_state(place: Actor, lang: str) -> Actor | None:
    """The state a place stands for: a country itself, or a capital that acts as its government
    (Mosca -> Russia); ``None`` for other towns, where a visit names no counterpart."""
    kb = actor_kb(lang)
    if kb is None or not place.id:
        return None
    sid = kb.acts_as.get(place.id)
    if sid is None:
        row = kb.get(place.id)
        if row is None or "iso3166" not in row.external_ids:
            return None
        sid = place.id
    state = kb.get(sid)
    return None if state is None else Actor(place.start, place.end, state.name, sid, "GPE", place.tok)


def host_target(i: int, sent: tuple[int, int], toks: list[Tok], places: list[Actor], src: Actor,
                lex: EventLexicon, lang: str, adjacent: bool) -> Actor | None:
    """The host state as counterpart of a one-sided act. ``adjacent``: a speech act whose speaker
    is placed right before the verb ("X a Mosca chiederà …") is addressed to the host; otherwise
    (a joint exercise "in Bielorussia") any state named as the place in the sentence hosts it.
    A host that is the actor's own state is no counterpart ("Putin a Mosca ha chiesto")."""
    lo, hi = _tok_index(toks, sent[0]), _tok_index(toks, sent[1])
    if adjacent:
        cands = [p for p in places if src.tok < p.tok < i and i - p.tok <= 3]
    else:
        preps = lex.place_preps - lex.genitive  # "in Bielorussia", not "di Minsk"
        cands = [p for p in places if lo <= p.tok < hi and p.tok > 0 and toks[p.tok - 1].low in preps]
    kb = actor_kb(lang)
    own = None
    if kb is not None and src.id:
        row = kb.get(src.id)
        own = row.country if row is not None and row.country else src.id
    for p in cands:
        state = host_state(p, lang)
        if state is not None and state.name != src.name and state.id != own:
            return state
    return None


def forum_target(i: int, clause: Clause, toks: list[Tok], acts: list[Actor], lex: EventLexicon,
                 src: Actor) -> Actor | None:
    """"X, alla riunione del Consiglio di sicurezza, ha chiesto che …": a demand made at a body's
    meeting is addressed to that body. Only the body right after the meeting noun, before the
    cue, counts ("del Consiglio"), so a place or a topic named later does not."""
    for a in acts:
        if not (clause.start_tok <= a.tok < i) or a.name == src.name or a.label == "PER":
            continue
        j = _prev_word(toks, a.tok)
        if j > 0 and toks[j].low in lex.genitive and toks[_prev_word(toks, j)].low in lex.forum_nouns:
            return _person(a, acts, toks)
    return None
