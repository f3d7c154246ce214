"""Source and target of an event predicate, read off the clause analysis.

For a **verb** the source is the clause's agent (the subject, the "da" agent of a passive, or
the subject the clause inherits; a bare participle with a "da" agent is a passive of its own:
"Kiev, appoggiata dalla Nato," is NATO supporting Kiev) and the target the first of the frame's target roles that the
clause fills: its patient, an oblique ("con", "a", "contro", "tra X e Y" ...), the actor named in
its object ("ha condannato la visita di Pelosi"), or the subject of the clause it introduces ("ha
chiesto che la Russia si ritiri"); an object clitic stands for the actor named right before the
clause ("si è rivolto a Orban, definendolo ...", "gli ha chiesto di"). A speech act without a named subject is the speaker's: the
speaker of the quotation it stands in, else the subject the clause inherits.

For a **noun** the parties are inside its phrase: "di X" is the agent ("la visita di Pelosi") or
the patient ("l'invasione dell'Ucraina") as the frame says, a demonym after it is its agent
("l'invasione russa"), "da parte di X" its agent, and "contro"/"a"/"con"/"tra" its target. A noun
with no agent of its own takes the agent of the clause whose verb governs it ("gli Stati Uniti
hanno imposto sanzioni contro la Russia").

Mutual frames (talks, agreements) with coordinated subjects and no other party make the pair
from the subjects ("Macron e Scholz si sono incontrati").

A frame may name the crowd that acts when the text names no one (``unnamed_agent``): protests
are the act of the protesters of the country at stake ("le manifestazioni contro il governo" in
an article on Tunisia: "Tunisian protesters"), named with the country's English adjective
(``resources/actors/adjectives.en.json``).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple, Sequence

from ...types import Quote
from ..syntax import Analysis, Clause
from ..syntax.tagging import Token
from .predicates import Predicate


class Party(NamedTuple):
    name: str
    actor_id: str | None
    label: str
    tok: int  # where the text names it (-1 when it comes from a quotation's speaker)
    how: str  # which rule found it (feature for the model, shown in the evidence)


def _parties(an: Analysis, idx: Sequence[int], how: str) -> list[Party]:
    return [Party(an.units[i].name, an.units[i].actor_id, an.units[i].label, an.units[i].head_tok, how)
            for i in idx]


def _group(an: Analysis, members: Sequence[int], first: int) -> list[int]:
    g = an.units[first].group
    return [u for u in members if an.units[u].group == g]


def _phrase_end(tokens: Sequence[Token], i: int, limit: int) -> int:
    """Where the noun phrase that starts after token ``i`` ends: at a verb, punctuation (a comma
    before a new phrase), a subordinator or the clause end."""
    k = i + 1
    while k < limit:
        t = tokens[k]
        if t.pos in ("VERB", "AUX", "MODAL", "SCONJ", "NEG") or t.pos == "PUNCT" and t.low in (".", ";", ":", "?", "!"):
            break
        if t.low == "," and k + 1 < limit and tokens[k + 1].pos not in ("PROPN", "DET"):
            break
        k += 1
    return k


def _speaker_at(pos: int, quotes: Sequence[Quote]) -> Party | None:
    """The speaker of the quotation that holds ``pos`` (quotations sorted by start, as the quote
    stage returns them; a quotation is at most a few thousand characters)."""
    k = bisect_right(quotes, pos, key=lambda q: q.start)
    for q in reversed(quotes[max(0, k - 8):k]):
        if q.speaker and q.start <= pos < q.end:
            return Party(q.speaker, q.speaker_id, "PER", -1, "quote_speaker")
    return None


def _clause(an: Analysis, index: int) -> Clause:
    return an.clauses[index]


def clause_agent(an: Analysis, c: Clause, pos: int, quotes: Sequence[Quote], speech: bool) -> list[Party]:
    """Who acts in clause ``c``: its agent, explicit or inherited; inside a quotation, the
    quotation's speaker when the clause names nobody."""
    if c.agent:
        return _parties(an, c.agent, "inherited" if c.agent_inherited else "subject")
    quoted = _in_quote(an, c)
    if quoted or speech:
        spk = _speaker_at(pos, quotes)
        if spk is not None:
            return [spk]
    if speech and c.parent is not None:
        parent = _clause(an, c.parent)
        if parent.agent and parent.kind != "quoted":
            return _parties(an, parent.agent, "governor")
    return []


def _in_quote(an: Analysis, c: Clause) -> bool:
    seen = 0
    while c is not None and seen < 8:
        if c.kind == "quoted":
            return True
        c = _clause(an, c.parent) if c.parent is not None else None  # type: ignore[assignment]
        seen += 1
    return False


def _obliques(an: Analysis, c: Clause, case: str, after: int) -> list[int]:
    return [u for u in c.units if an.units[u].case == case and an.units[u].start_tok >= after]


def verb_parties(an: Analysis, p: Predicate, quotes: Sequence[Quote]) -> tuple[list[Party], list[Party]]:
    """(sources, targets) of a verb predicate."""
    c = _clause(an, p.clause)
    g = p.group
    head_end = g.end_tok if g is not None else p.end_tok
    speech = p.frame.speech
    transitive = "patient" in p.frame.target and not p.frame.mutual
    if g is not None and g.form == "part" and g.start_tok == p.tok:
        reduced = _reduced_passive(an, c, g.start_tok, head_end)
        if reduced is None and transitive:
            reduced = _bare_participle(an, c, p, quotes)
        if reduced is not None:
            return reduced
    if transitive and g is not None and _unmarked_passive(an, c, g):
        # "Mosca è accusata di ...": the subject is who the act is aimed at, the agent is unnamed
        return [], _parties(an, c.subject, "patient")
    sources = clause_agent(an, c, an.tokens[p.tok].start, quotes, speech)
    targets: list[Party] = []
    clitic = _clitic_object(an, c, g, p.tok) if g is not None else None
    for role in p.frame.target:
        idx: list[int] = []
        if role == "patient":
            idx = list(c.patient)
            if not idx and clitic == "patient":
                idx = _clitic_antecedent(an, c, {s.name for s in sources})
        elif role == "a" and clitic == "a" and not _obliques(an, c, "a", head_end):
            idx = _clitic_antecedent(an, c, {s.name for s in sources})
        elif role == "object_of":
            idx = _object_of(an, c, head_end, passive=bool(g and g.passive))
        elif role == "complement":
            idx = _complement_subject(an, c)
        else:
            found = _obliques(an, c, role, head_end) or (
                _obliques(an, c, role, c.start_tok) if role in ("con", "tra", "contro", "nei confronti di") else [])
            idx = _group(an, found, found[0]) if found else []
        idx = [u for u in idx if an.units[u].name not in {s.name for s in sources}]
        if idx:
            targets = _parties(an, idx, role)
            break
    if p.frame.mutual and not targets and len(sources) > 1:
        sources, targets = sources[:1], sources[1:]
    if p.frame.mutual and not targets and sources:
        tra = _obliques(an, c, "tra", c.start_tok)
        if len(tra) > 1:
            sources, targets = _parties(an, tra[:1], "tra"), _parties(an, tra[1:], "tra")
    return sources, targets


#: Object clitics: the direct ones stand for a patient ("lo ha accusato", "definendolo"), "gli"
#: for a phrase under "a" ("gli ha chiesto di", "chiedendogli").
_DIRECT_CLITICS = frozenset(["lo", "la", "li", "le", "l'", "l’"])
_ENCLITIC_STEMS = ("ndo", "ar", "er", "ir")


def _clitic_object(an: Analysis, c: Clause, g, tok: int) -> str | None:
    """The role an object clitic of the verb group fills ("patient" or "a"), None when it has
    none: a clitic before the group ("Rossi lo ha accusato", "l'ha definito", "gli ha chiesto") or
    fused to a gerund or an infinitive ("definendolo", "invitarli", "chiedendogli"). A neuter "lo"
    that opens a clause whose subject follows the verb ("Lo ha chiesto il ministro") stands for
    what was said, not for an actor."""
    tokens = an.tokens
    found = None
    for k in range(max(c.start_tok, g.start_tok - 2), g.head):
        if tokens[k].pos != "CLITIC":
            continue
        if tokens[k].low in _DIRECT_CLITICS:
            found = "patient"
        elif tokens[k].low == "gli":
            found = "a"
    if found is None:
        word = tokens[tok].low
        for suffix, role in (("gli", "a"), ("lo", "patient"), ("la", "patient"), ("li", "patient"), ("le", "patient")):
            if word.endswith(suffix) and word[:-len(suffix)].endswith(_ENCLITIC_STEMS) and len(word) > len(suffix) + 4:
                found = role
                break
    if found == "patient" and c.subject and an.units[c.subject[0]].start_tok >= g.end_tok:
        return None  # "Lo ha chiesto il ministro": the subject after the verb, "lo" what was asked
    return found


def _clitic_antecedent(an: Analysis, c: Clause, own: set[str]) -> list[int]:
    """The actor an object clitic stands for: the nearest one named before the clause, in its
    sentence or the one before, that is not the clause's own agent nor a place, with no other
    noun between them."""
    lo = an.sentences[max(0, c.sentence - 1)][0] if c.sentence < len(an.sentences) else c.start_tok
    before = [u for u, x in enumerate(an.units) if lo <= x.start_tok and x.end_tok <= c.start_tok
              and x.name not in own and x.kind != "pronoun" and x.case != "adj"
              and not (x.case in ("a", "in") and x.label in ("GPE", "LOC")) and not is_city(x.actor_id)]
    if not before:
        return []
    # the nearest noun before the clause is what the clitic stands for: a thing named after the
    # actor ("ha respinto la proposta, definendola ...") leaves the clitic no actor
    if any(an.tokens[k].pos == "NOUN" for k in range(an.units[before[-1]].end_tok, c.start_tok)):
        return []
    return [before[-1]]


#: How far a reduced passive's "da" agent may follow its participle ("appoggiata subito dalla").
REDUCED_AGENT_GAP = 3


def _reduced_passive(an: Analysis, c: Clause, start: int, end: int) -> tuple[list[Party], list[Party]] | None:
    """A bare past participle with a "da" agent after it, modifying the phrase right before it, is
    a passive of its own: "Kiev, appoggiata dalla Nato, ..." is NATO supporting Kiev, and "la
    proposta del governo giapponese, sostenuta dagli Stati Uniti" the United States supporting
    Japan. The clause's subject is not the agent here, it is the patient."""
    units = an.units
    by = [u for u in c.units if units[u].case == "da" and end <= units[u].start_tok <= end + REDUCED_AGENT_GAP]
    if not by:
        return None
    before = [u for u in c.units if units[u].end_tok <= start and start - units[u].end_tok <= 1
              and units[u].case != "da"]
    if not before:
        return None
    agents = [u for u in c.units if units[u].case == "da"]  # with the members coordinated after it
    return (_parties(an, _group(an, agents, by[0]), "reduced_agent"),
            _parties(an, _group(an, before, before[-1]), "reduced_patient"))


def _bare_participle(an: Analysis, c: Clause, p: Predicate, quotes: Sequence[Quote]) -> tuple[list[Party], list[Party]] | None:
    """A bare past participle of a transitive act with no "da" agent, set after an actor (right
    after it, or after a comma: an apposition), is said of that actor as its patient: "il
    coinvolgimento degli Emirati, accusati di sostenere le milizie" aims the accusation at the
    Emirates. Who accuses is the clause's agent (the speaker), unless that is the actor itself."""
    units = an.units
    start = p.tok
    gap = 1 if start >= 1 and an.tokens[start - 1].low == "," else 0
    before = [u for u, x in enumerate(units) if x.end_tok == start - gap and x.kind != "pronoun" and x.case != "da"]
    if not before:
        return None
    members = [u for u, x in enumerate(units) if x.group == units[before[-1]].group and x.end_tok <= start - gap]
    targets = _parties(an, members or before[-1:], "reduced_patient")
    own = {t.name for t in targets}
    sources = [s for s in clause_agent(an, c, an.tokens[p.tok].start, quotes, p.frame.speech) if s.name not in own]
    return sources, targets


def _unmarked_passive(an: Analysis, c: Clause, g) -> bool:
    """Is the verb group "essere" + the past participle of a transitive act, with no "da" agent
    and its subject named ("Mosca è accusata di", "i leader sono invitati a")? The syntax reads a
    present "è accusata" as a state, but its subject is who undergoes the act all the same."""
    tokens = an.tokens
    return (not g.passive and not g.reflexive and not g.copula and tokens[g.head].form == "part"
            and bool(c.subject) and not c.agent_inherited and tuple(c.agent) == tuple(c.subject)
            and all(an.units[u].start_tok < g.start_tok for u in c.subject)
            and any(tokens[k].pos == "AUX" and tokens[k].lemma == "essere" for k in range(g.start_tok, g.head)))


def _role_body(an: Analysis, u: int) -> bool:
    """Is unit ``u`` the body in a person's role ("il presidente della Turchia Erdogan", "il
    portavoce del Cremlino Peskov")? Its phrase is the person's (they start together): it
    qualifies who the person is, it is no party of its own to the words around it."""
    units = an.units
    return u + 1 < len(units) and units[u + 1].start_tok == units[u].start_tok and units[u + 1].label == "PER"


def _object_of(an: Analysis, c: Clause, after: int, passive: bool = False) -> list[int]:
    """The actor named in the object phrase: "ha condannato la visita di Pelosi a Taiwan"."""
    tokens = an.tokens
    end = _phrase_end(tokens, after - 1, c.end_tok)
    cases = ("di",) if passive else ("di", "da")
    inside = [u for u in c.units if after <= an.units[u].start_tok < end and an.units[u].case in cases
              and not _role_body(an, u)]
    return _group(an, inside, inside[0]) if inside else []


def _complement_subject(an: Analysis, c: Clause) -> list[int]:
    for d in an.clauses[c.index + 1:c.index + 4]:
        if d.parent == c.index and d.kind in ("complement", "infinitive") and d.subject:
            return list(d.subject)
    return []


def noun_parties(an: Analysis, p: Predicate, quotes: Sequence[Quote]) -> tuple[list[Party], list[Party]]:
    """(sources, targets) of a noun predicate (module docstring)."""
    tokens = an.tokens
    c = _clause(an, p.clause)
    end = _phrase_end(tokens, p.end_tok - 1, c.end_tok)
    inside = [u for u in c.units if p.end_tok <= an.units[u].start_tok < end and not _role_body(an, u)]
    frame = p.frame
    sources: list[Party] = []
    targets: list[Party] = []
    # a demonym right after the noun: "l'invasione russa", "le sanzioni americane"
    poss = [u for u in inside if an.units[u].kind == "demonym" and an.units[u].start_tok <= p.end_tok + 1]
    gen = [u for u in inside if an.units[u].case == "di" and an.units[u].start_tok <= p.end_tok + 2
           and not is_city(an.units[u].actor_id)]  # "il vertice di Madrid": where, not who
    # a name right after the noun, no preposition: "il vertice Nato", "i colloqui Usa-Russia"
    appos = [u for u in inside if an.units[u].case == "" and an.units[u].start_tok == p.end_tok]
    # "da parte di X" is the noun's agent wherever it stands; a plain "da X" only right after the
    # noun ("le critiche da Washington"): further on, or for a frame whose patient it is ("il
    # ritiro dall'Iraq"), it is where something comes from
    by = [u for u in inside if an.units[u].case == "da" and (
        _da_parte(an.tokens, an.units[u].start_tok)
        or an.units[u].start_tok <= p.end_tok + 1 and "da" not in frame.target)]
    realised = [] if by else _realised_by(an, p, c)
    if by:
        sources = _parties(an, _group(an, by, by[0]), "da_parte")
    elif realised:
        sources = _parties(an, realised, "reduced_agent")
    elif appos:
        sources = _parties(an, _group(an, appos, appos[0]), "apposition")
    elif poss and "poss" not in frame.target:
        sources = _parties(an, poss[:1], "poss")
    elif gen and frame.genitive == "agent":
        sources = _parties(an, _group(an, gen, gen[0]), "genitive")
    elif gen and frame.genitive == "patient" and _aimed_after(an, inside, gen, frame.target):
        # the noun's patient named under its own preposition after the "di": the "di" is who acts
        # ("l'attacco della Russia contro l'Ucraina", "le sanzioni dell'Ue alla Russia")
        sources = _parties(an, _group(an, gen, gen[0]), "genitive_agent")
        gen = []
    for role in frame.target:
        if role == "poss":
            idx = poss[:1]
        elif role == "object_of":
            later = [u for u in inside if an.units[u].case in ("di", "da") and u not in gen]
            idx = _group(an, later, later[0]) if later else []
        elif role == "di":
            idx = _group(an, gen, gen[0]) if gen and frame.genitive == "patient" else []
        else:
            found = [u for u in inside if an.units[u].case == role]
            idx = _group(an, found, found[0]) if found else []
        idx = [u for u in idx if not any(s.tok == an.units[u].head_tok for s in sources)]
        if idx:
            targets = _parties(an, idx, role)
            break
    if frame.mutual and not sources and len(targets) > 1:
        sources, targets = targets[:1], targets[1:]
    if not sources:
        sources = _governor_agent(an, p, c, quotes)
    if frame.mutual and not targets and len(sources) > 1:
        sources, targets = sources[:1], sources[1:]
    return sources, targets


#: Endings of a regular past participle and the infinitive each comes from ("firmata" -> "firmare").
_PARTICIPLE_ENDS = {"at": "are", "ut": "ere", "it": "ire"}


def _participle_lemmas(t: Token) -> set[str]:
    """What verb the word may be the past participle of: the tagger's lemma, and for a regular
    form it left a noun ("la tregua firmata da", tagged as a noun) the infinitive of its ending."""
    out = {t.lemma, t.low}
    if len(t.low) > 5 and t.low[-1] in "oaie" and t.low[-3:-1] in _PARTICIPLE_ENDS:
        out.add(t.low[:-3] + _PARTICIPLE_ENDS[t.low[-3:-1]])
    return out


def _realised_by(an: Analysis, p: Predicate, c: Clause) -> list[int]:
    """The "da" agent of a participle that carries out the noun's act, right after the noun (an
    adjective between: "l'accordo storico firmato da"), with the members coordinated to it: "la
    tregua stilata da Russia, Ucraina e Francia", "le sanzioni imposte da Washington". None when
    the participle is no such verb ("l'attacco condannato da Roma": Rome condemns, it does not
    attack)."""
    tokens = an.tokens
    for k in range(p.end_tok, min(c.end_tok, p.end_tok + 2)):
        t = tokens[k]
        if t.pos not in ("VERB", "NOUN", "ADJ") or t.pos == "VERB" and t.form != "part":
            return []
        if _participle_lemmas(t) & p.frame.realised_by:
            by = [u for u in c.units if an.units[u].case == "da" and k < an.units[u].start_tok <= k + 1 + REDUCED_AGENT_GAP]
            return _group(an, [u for u in c.units if an.units[u].case == "da"], by[0]) if by else []
    return []


#: A noun's roles that name its patient on their own (not "di": a second "di" is no contrast).
_AIMED = frozenset({"contro", "a", "verso", "su", "nei confronti di", "per", "con", "a carico di"})


def _aimed_after(an: Analysis, inside: Sequence[int], gen: Sequence[int], roles: Sequence[str]) -> bool:
    """Does a unit under one of the frame's own target prepositions follow the noun's "di" phrase
    (and its coordinated members)? Then the noun names its patient there, and the "di" is its agent."""
    members = _group(an, gen, gen[0])
    last = max(an.units[u].end_tok for u in members)
    return any(an.units[u].case in roles and an.units[u].case in _AIMED and an.units[u].start_tok >= last
               and not (an.units[u].case == "a" and is_city(an.units[u].actor_id))  # "a Ginevra": where
               for u in inside if u not in members)


def _da_parte(tokens: Sequence[Token], start: int) -> bool:
    """Is the phrase at ``start`` governed by "da parte di" ("da parte della Russia")?"""
    # the phrase may start at "parte" itself ("parte" is a collective noun: "la parte russa")
    return start >= 1 and tokens[start].low == "parte" and tokens[start - 1].low == "da" \
        or start >= 3 and tokens[start - 2].low == "parte" and tokens[start - 3].low == "da"


@lru_cache(maxsize=4096)
def is_city(actor_id: str | None) -> bool:
    """A town or city of the actor data (it belongs to a country), not a state or a body."""
    if not actor_id:
        return False
    from ...resources.actors import load_kb
    try:
        row = load_kb("it").get(actor_id)
    except Exception:  # no actor data: nothing is known to be a city
        return False
    return row is not None and row.kind == "GPE" and row.country is not None


@lru_cache(maxsize=4096)
def home_country(actor_id: str | None) -> str | None:
    """The canonical name of the country a person or a body of the actor data belongs to (a
    ministry, an army, a seat of government: "Kremlin" is Russia's), None for a place, an actor
    the data lacks, or one with no country."""
    if not actor_id or not actor_id.startswith(("per:", "org:", "loc:")):
        return None
    from ...resources.actors import load_kb
    try:
        kb = load_kb("it")
        row = kb.get(actor_id)
        home = kb.get(row.country) if row is not None and row.country else None
    except Exception:  # no actor data: no one's country is known
        return None
    return home.name if home is not None else None


def _adjective_of(u) -> str | None:
    from ...resources.actors import adjective_of
    return adjective_of(u.actor_id, u.name)


def unnamed_agent(an: Analysis, p: Predicate, order: Sequence[int]) -> Party | None:
    """The crowd that acts when the text names no one (a frame's ``unnamed_agent``: "le proteste
    contro il governo" are the act of "Tunisian protesters"), named after the country at stake:
    the nearest country or city of the cue's sentence, else ``order`` (the article's countries,
    most named first)."""
    template = p.frame.unnamed_agent
    if not template:
        return None
    c = an.clauses[p.clause]
    lo, hi = an.sentences[c.sentence] if c.sentence < len(an.sentences) else (c.start_tok, c.end_tok)
    near = sorted((abs(u.head_tok - p.tok), k) for k, u in enumerate(an.units)
                  if lo <= u.head_tok < hi and u.label in ("GPE", "LOC"))
    for _, k in near:
        adj = _adjective_of(an.units[k])
        if adj:
            return Party(template.format(adj), None, "ORG", p.tok, "unnamed_group")
    for k in order:
        adj = _adjective_of(an.units[k])
        if adj:
            return Party(template.format(adj), None, "ORG", p.tok, "unnamed_group_article")
    return None


def _governor_agent(an: Analysis, p: Predicate, c: Clause, quotes: Sequence[Quote]) -> list[Party]:
    """The agent of the verb that governs a noun predicate: the noun is its object or stands in
    its complements ("ha espresso la sua condanna", "hanno avuto un colloquio con")."""
    head = c.head
    if head is None:
        return clause_agent(an, c, an.tokens[p.tok].start, quotes, p.frame.speech) if p.frame.speech else []
    if p.tok < head.start_tok:
        return []  # the noun is (in) the subject: "l'invasione russa è iniziata"
    if head.passive or head.lemma in ("esserci", "svolgere", "tenere") and head.reflexive:
        return []  # "è stato raggiunto un accordo", "si è svolto un incontro": no agent
    # a predicate noun or adjective of a copula is said of its subject: "la Russia è pronta a"
    return clause_agent(an, c, an.tokens[p.tok].start, quotes, p.frame.speech)
