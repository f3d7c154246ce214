"""Candidate events: every reading of a predicate the grammar allows, with the features a model
needs to choose among them.

The rules of :mod:`~.arguments` give each predicate one reading (its *primary* source and
target). Where they are wrong it is mostly because a sentence is built in a way no rule
foresaw, so the candidates also include the alternatives a reader would consider: the speaker of
the quotation the cue stands in, the topic of the previous sentence, the other actors of the
clause and of the sentence, and no target at all. Each candidate carries sparse features (how each
party was found, the predicate's lemma, tense and clause, whether it is asserted, the content
words around the cue, each party's rank among the article's actors and how often the text names
the two together) so that a model trained on annotated articles (:mod:`~.model`) can prefer the
reading annotators chose. Without a model the primary readings of asserted predicates are the
events.

Quotations are candidates too: a statement that criticises, praises, demands, rejects or threatens
is an event of its speaker even when no event word announces it ("«È un affronto a tutti i paesi»,
ha detto Pompeo"), so each quotation gives one candidate per stance type and party, with features
from its words and whether its words name who acts (a quotation that reports another's act,
"che Putin ha accusato Kiev", is no stance of its speaker).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Mapping, Sequence

from ...types import Document, Quote
from ..syntax import Analysis, Clause
from ..syntax.lexicon import SyntaxLexicon
from ..syntax.units import token_index
from .arguments import Party, clause_agent, home_country, noun_parties, unnamed_agent, verb_parties
from .assertion import assertion, word_assertion
from .groups import NOUN_WINDOW, group_at, members
from .lexicon import SPEECH_TYPES, Frame, FrameLexicon
from .predicates import Predicate, find_predicates

#: Stances a quotation can express as an event of its speaker.
STANCE_TYPES = ("DISAPPROVE", "SUPPORT", "DEMAND", "REJECT", "THREATEN", "COOPERATE")
MAX_SOURCES = 6
MAX_TARGETS = 8


@dataclass(slots=True)
class Candidate:
    type: str
    source: Party
    target: Party | None
    tok: int  # cue token (or the quotation's first token)
    clause: int
    primary: bool
    negated: bool
    hypothetical: bool
    predicate: Predicate | None  # None for a quotation's stance
    features: list[str] = field(default_factory=list)
    #: The features every reading of the cue shares (its predicate's, the words around it): one
    #: tuple per cue, so that a model sums their weights once per cue, not once per reading.
    shared: tuple[str, ...] = ()
    #: a reading the grammar rules out as an act (a verb of talking with no partner: speech, no
    #: talks): a model still learns from it, ``select`` never takes it
    no_act: bool = False
    #: an act addressed to someone (:data:`UNADDRESSED`) read with its agent and no addressee: a
    #: model chooses among the cue's other readings instead (the rules alone keep it)
    unaddressed: bool = False

    def all_features(self) -> list[str]:
        return [*self.shared, *self.features]


#: The bucket of each count 0..7 (a table: buckets are read for every candidate).
_BUCKETS = ("0", "1", "2", "2", "4", "4", "4", "4")


def _bucket(n: int) -> str:
    return "0" if n <= 0 else _BUCKETS[n] if n < 8 else "8"


def _sentence_units(an: Analysis, si: int, heads: Sequence[int]) -> list[int]:
    """Units of sentence ``si`` (``heads``: every unit's head token, in text order)."""
    a, b = an.sentences[si]
    return list(range(bisect_left(heads, a), bisect_left(heads, b)))


def _topics(an: Analysis) -> list[list[Party]]:
    """Per sentence, the explicit agent of the last main clause of the two sentences before it
    (one pass over the clauses: the stage stays linear in the length of the text)."""
    last_by_sentence: dict[int, Party] = {}
    for c in an.clauses:
        if c.parent is None and c.agent and not c.agent_inherited:
            u = an.units[c.agent[0]]
            last_by_sentence[c.sentence] = Party(u.name, u.actor_id, u.label, u.head_tok, "topic")
    out: list[list[Party]] = []
    for si in range(len(an.sentences)):
        found = last_by_sentence.get(si - 1) or last_by_sentence.get(si - 2)
        out.append([found] if found else [])
    return out


def _party(an: Analysis, k: int, how: str) -> Party:
    u = an.units[k]
    return Party(u.name, u.actor_id, u.label, u.head_tok, how)


def _dedupe(parties: list[Party]) -> list[Party]:
    seen: set[str] = set()
    out = []
    for p in parties:
        if p.name not in seen:
            seen.add(p.name)
            out.append(p)
    return out


def _near(an: Analysis, idx: list[int], tok: int, n: int) -> list[int]:
    return sorted(idx, key=lambda k: abs(an.units[k].head_tok - tok))[:n]


def predicate_candidates(doc: Document, an: Analysis, lex: FrameLexicon, slex: SyntaxLexicon) -> list[Candidate]:
    out: list[Candidate] = []
    tokens = an.tokens
    heads = [u.head_tok for u in an.units]
    topics = _topics(an)
    prot = protagonists(an)
    countries = _countries(an)
    role_people = _people_of_roles(an, slex)
    time_starts = sorted(t.start for t in doc.times)
    # a complex preposition's words but its last ("nei confronti", as in "nei confronti Putin")
    preps = [w[:-1] if len(w) > 2 else w for w in slex.complex_prepositions]
    unit_tokens = {k for u in an.units for k in range(u.start_tok, u.end_tok)}
    talk_only: set[int] = set()
    time_tokens = {k for t in doc.times for k in range(token_index(tokens, t.start), token_index(tokens, t.end))}
    preds, warned = _with_threats(an, find_predicates(an, lex, preps), slex)
    for p in preds:
        if p.frame.pos == "verb" and p.frame.type == "CONSULT" and (
                an.tokens[p.tok].lemma in lex.party_object_verbs or an.tokens[p.tok].lemma + "si" in lex.party_object_verbs
        ) and _thing_object(an, p, lex, slex, unit_tokens, time_tokens):
            continue  # "ha ricevuto 57 milioni di voti", "convoca le elezioni": no meeting
        if p.frame.pos == "verb" and p.frame.type == "CONSULT" and an.tokens[p.tok].lemma in lex.partner_verbs \
                and not _partnered(an, p, lex):
            talk_only.add(p.tok)  # "ha parlato dell'espansione dei Brics", "parlando ai media": speech, no talks
        cl = an.clauses[p.clause]
        negated, hypothetical = assertion(an, p, slex, _says_when(time_starts, tokens[cl.start_tok].start,
                                                                   tokens[cl.end_tok - 1].end))
        if p.frame.type == "THREATEN" and p.tok in warned:
            negated = False  # "non concederemo l'approdo": the refusal is the warning
        first = len(out)  # this predicate's candidates are out[first:]
        if p.frame.pos == "verb":
            sources, targets = verb_parties(an, p, doc.quotes)
        else:
            sources, targets = noun_parties(an, p, doc.quotes)
        if p.frame.type == "THREATEN" and p.tok in warned:
            warner = _warner(an, p, doc.quotes)
            if warner is not None:  # "Salvini ha scritto che l'Italia non concederà l'approdo": Salvini warns
                sources = [warner]
        crowd = unnamed_agent(an, p, countries)
        if crowd is not None:  # the crowd acts where the text names no one ("le proteste contro X")
            if not sources:
                sources = [crowd]
            elif crowd.name not in {s_.name for s_ in sources}:
                sources = [*sources, crowd._replace(how="unnamed_group_alt")]
        c = an.clauses[p.clause]
        pos = tokens[p.tok].start
        base = tuple(_predicate_features(an, p, negated, hypothetical, len(sources), len(targets))
                     + _context_features(an, p))
        denial = (_denial(an, p, negated, hypothetical, doc.quotes, sources) or _willingness(an, p, sources, targets, negated)
                  or _refusal(an, p, sources, targets, negated, hypothetical))
        if denial is not None:
            out.append(denial)
        if p.rank > 0:  # an alternative type for the cue: its own reading only
            for s_ in sources:
                for t_ in (targets or [None]):
                    if t_ is None or t_.name != s_.name:
                        out.append(Candidate(p.frame.type, s_, t_, p.tok, p.clause, False, negated, hypothetical, p,
                                             [*_party_features(p.frame, s_, t_, True),
                                              *_position_features(p.frame.type, p.tok, s_, t_, prot)], base))
            continue
        alt_sources = list(sources)
        alt_sources += clause_agent(an, c, pos, doc.quotes, True)
        sent_units = _sentence_units(an, c.sentence, heads)
        free_before = [k for k in sent_units if an.units[k].case == "" and an.units[k].head_tok < p.tok]
        alt_sources += [_party(an, k, "sentence_free") for k in _near(an, free_before, p.tok, 3)]
        people = [k for k in sent_units if an.units[k].label == "PER" and k not in free_before]
        alt_sources += [_party(an, k, "sentence_person") for k in _near(an, people, p.tok, 2)]
        alt_sources += topics[c.sentence] if c.sentence < len(topics) else []
        alt_sources = _dedupe(alt_sources)[:MAX_SOURCES]
        alt_sources += _role_people(alt_sources, role_people)
        alt_targets: list[Party | None] = list(targets)
        in_clause = [k for k in c.units if an.units[k].head_tok != p.tok]
        alt_targets += [_party(an, k, "clause_" + (an.units[k].case or "free")) for k in _near(an, in_clause, p.tok, 4)]
        others = [k for k in sent_units if k not in c.units]
        alt_targets += [_party(an, k, "sentence_" + (an.units[k].case or "free")) for k in _near(an, others, p.tok, 5)]
        alt_targets = [t for t in _dedupe([t for t in alt_targets if t is not None])][:MAX_TARGETS]
        alt_targets += _role_people(alt_targets, role_people)
        primary_pairs = {(s.name, t.name if t else None) for s in sources for t in (targets or [None])}
        if p.frame.mutual:
            group = _dedupe(sources + targets)
            if len(group) > 2:  # "i tre Paesi": one event per pair
                primary_pairs |= {(a.name, b.name) for i, a in enumerate(group) for b in group[i + 1:]}
        for s in alt_sources:
            for t in [None, *alt_targets]:
                if t is not None and t.name == s.name:
                    continue
                primary = p.rank == 0 and (s.name, t.name if t else None) in primary_pairs
                feats = [*_party_features(p.frame, s, t, primary), *_position_features(p.frame.type, p.tok, s, t, prot)]
                out.append(Candidate(p.frame.type, s, t, p.tok, p.clause, primary, negated, hypothetical, p, feats,
                                     base))
        if not p.frame.mutual and _one_side(an, p, sources):
            side = {s_.name for s_ in sources}
            for x in out[first:]:
                if x.target is not None and x.source.name in side and x.target.name in side:
                    x.no_act = True  # "Francia e Germania hanno condannato l'attacco": no act between them
        if p.frame.mutual and p.rank == 0:
            out += _group_phrase_pairs(an, p, heads, lex, base, bool(primary_pairs - {(s.name, None) for s in sources}),
                                       negated, hypothetical)
        if p.frame.mutual:
            group = _dedupe(sources + targets)
            own = {(x.source.name, x.target.name if x.target else None) for x in out[first:]}
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    if (a.name, b.name) in own or (b.name, a.name) in own:
                        continue
                    feats = [*_party_features(p.frame, a, b, p.rank == 0), "pair_from_group"]
                    out.append(Candidate(p.frame.type, a, b, p.tok, p.clause, p.rank == 0, negated, hypothetical, p,
                                         feats, base))
    for c in out:
        if c.target is None and c.predicate is not None and c.source.how in ("subject", "inherited") \
                and c.type not in UNADDRESSED:
            c.unaddressed = True  # "la Russia ha respinto la richiesta": whom the act addresses is not found
        if c.type == "CONSULT" and c.predicate is not None and c.predicate.tok in talk_only:
            c.no_act = True
        if c.type in ADDRESSED and c.target is not None and c.target.how in _PLACE_HOWS and c.target.label in _PLACES:
            c.no_act = True  # "ha condannato le violenze in Libia": where, not whom
    return out


#: Acts a party does without addressing another: force and movement ("le forze russe hanno
#: bombardato la città", "gli Stati Uniti hanno evacuato l'ambasciata", "migliaia hanno protestato"),
#: and cooperation, whose commitment may name no partner ("l'impegno a favorire una soluzione").
#: Any other act whose agent the clause names (or inherits) and whose addressee no rule finds is,
#: for a model, no event of its own: the reading that names the addressee, where there is one,
#: stands instead (``Candidate.unaddressed``).
UNADDRESSED = frozenset({"ASSAULT", "RETREAT", "MOBILIZE", "PROTEST", "COOPERATE"})

#: Acts of word or of accord: their other party is whom they address or bind, and a place after
#: "in" ("ha condannato le violenze in Libia", "l'accordo firmato in Etiopia") is where they happen.
ADDRESSED = SPEECH_TYPES | {"AGREE", "COOPERATE"}
#: Alternative readings that take a unit named after "in" in the clause or the sentence.
_PLACE_HOWS = frozenset({"clause_in", "sentence_in"})
_PLACES = frozenset({"GPE", "LOC"})


#: Acts that, announced under a condition, threaten ("imporremo sanzioni se invaderete",
#: "colpiremo in caso di attacco"): the act itself is not done, the warning is.
PUNITIVE = frozenset({"ASSAULT", "COERCE", "SANCTION"})
#: Acts whose refusal, announced under a condition, threatens ("in caso di rifiuto non concederemo
#: l'approdo", "se non cambierete rotta non riceverete più aiuti").
WITHHELD = frozenset({"AID", "CONCEDE"})
#: Tenses of an act announced, not done ("imporranno", "interverrebbero"), or the content of
#: an option or a readiness ("l'opzione di adottare sanzioni", "pronti a colpire").
ANNOUNCED = frozenset({"future", "conditional", "infinitive"})


def _with_threats(an: Analysis, preds: list[Predicate], slex: SyntaxLexicon) -> tuple[list[Predicate], set[int]]:
    """The predicates, each punitive act announced under a condition followed by its threat: "gli
    Stati Uniti imporranno sanzioni se la Russia invaderà", "l'opzione di adottare sanzioni in
    caso di escalation", "in caso di diniego l'Italia non concederà l'approdo" warn of the act
    (THREATEN; the act's own reading is a hypothetical one). The act must be the consequence, not
    the condition ("se la Russia invaderà" is no threat), and announced: a verb in the future or
    the conditional, or an infinitive, or a noun of a clause whose verb is one. Also the first
    tokens of the threats so made."""
    out: list[Predicate] = []
    warned: set[int] = set()
    for p in preds:
        out.append(p)
        if p.frame.type in PUNITIVE | WITHHELD and _conditioned(an, p, slex):
            out.append(p._replace(frame=replace(p.frame, type="THREATEN", speech=True), rank=0))
            warned.add(p.tok)
    return out, warned


def _warner(an: Analysis, p: Predicate, quotes: Sequence[Quote]) -> Party | None:
    """Who warns of an act announced in reported speech: the speaker of the quotation it stands
    in, or the subject of the verb whose "che" clause holds it ("Biden ha detto che gli Stati
    Uniti imporranno sanzioni se": Biden warns, as a speech act's source is its speaker)."""
    c: Clause | None = an.clauses[p.clause]
    seen = 0
    while c is not None and seen < 10:
        if c.kind == "quoted":
            spk = clause_agent(an, c, an.tokens[p.tok].start, quotes, True)
            return spk[0] if spk else None
        if c.kind == "complement" and c.parent is not None:
            gov = an.clauses[c.parent]
            if gov.agent and gov.kind != "quoted":
                return _party(an, gov.agent[0], "governor")
            # "spiegando che … e che l'Italia non concederà": a "che" clause coordinated to
            # another hangs on it; the speaker is further up
        c = an.clauses[c.parent] if c.parent is not None else None
        seen += 1
    return None


def _conditioned(an: Analysis, p: Predicate, slex: SyntaxLexicon) -> bool:
    """Whether predicate ``p`` is an act announced under a condition (:func:`_with_threats`): a
    conditional clause ("se", "qualora") hangs on its clause or on one above it, or its sentence
    has a conditional phrase of the language before a noun ("in caso di escalation")."""
    c = an.clauses[p.clause]
    chain: list[Clause] = []
    x: Clause | None = c
    while x is not None and len(chain) < 10:
        chain.append(x)
        x = an.clauses[x.parent] if x.parent is not None else None
    if any(k.conditional for k in chain):
        return False  # the act is the condition ("se la Russia invaderà")
    head = p.group if p.group is not None else c.head
    if head is None or head.tense not in ANNOUNCED:
        return False
    if head.negated != (p.frame.type in WITHHELD):
        return False  # a punitive act denied, or an aid or a concession given, threatens nothing
    lo, hi = an.sentences[c.sentence]
    lows = [t.low.replace("’", "'") for t in an.tokens[lo:hi]]
    phrases = [tuple(m.split()) for m in slex.conditional_markers if " " in m]  # "in caso", "nel caso"
    at = [i for i in range(len(lows)) for ph in phrases if tuple(lows[i:i + len(ph)]) == ph
          and i + len(ph) < len(lows) and lows[i + len(ph)] in ("di", "d'")]
    if any(lo + i < p.tok <= lo + i + 4 for i in at):
        return False  # "in caso di attacco": the condition's own noun
    ids = {k.index for k in chain}
    if any(k.conditional and k.sentence == c.sentence and k.parent in ids for k in an.clauses):
        return True
    return bool(at)


def _thing_object(an: Analysis, p: Predicate, lex: FrameLexicon, slex: SyntaxLexicon, unit_tokens: set[int],
                  time_tokens: set[int]) -> bool:
    """Whether the verb's direct object is a thing: the phrase right after the verb group (its
    time skipped: a time expression, a noun of the calendar; up to a preposition, a verb or a
    punctuation mark) has a common noun and neither an actor nor a word for people ("57 milioni
    di voti", "le elezioni", "la richiesta"; not "il presidente", "le massime autorità", "Petrov")."""
    g = p.group
    if g is None or g.passive or g.reflexive:
        return False
    c = an.clauses[p.clause]
    noun = False
    for k in range(g.end_tok, min(c.end_tok, g.end_tok + 8)):
        t = an.tokens[k]
        if k in time_tokens or t.lemma in lex.calendar_nouns or t.low in lex.calendar_nouns:
            continue
        if k in unit_tokens or t.low in slex.person_nouns or t.lemma in slex.person_nouns \
                or t.low in slex.collective_nouns or t.lemma in slex.collective_nouns:
            return False
        if t.pos in ("DET", "NUM", "ADJ", "ADV"):
            continue
        if t.pos != "NOUN":
            break
        noun = True
    return noun


def _partnered(an: Analysis, p: Predicate, lex: FrameLexicon) -> bool:
    """Whether a verb of talking has a partner: a partner word after it in its clause ("con
    Lavrov", "tra i due"), or several subjects (coordinated, or a verb in the plural: "Biden e Xi
    hanno parlato", "i due leader hanno discusso")."""
    c = an.clauses[p.clause]
    if any(an.tokens[k].low in lex.partner_words for k in c.tokens if k > p.tok):
        return True
    if len(c.agent) > 1:
        return True
    g = p.group
    return g is not None and not g.reflexive and any(
        an.tokens[k].low.endswith("no") and an.tokens[k].pos in ("VERB", "AUX") for k in range(g.start_tok, g.end_tok))


#: Words that make an act between coordinated parties reciprocal ("si sono accusati a vicenda").
RECIPROCAL = frozenset({"vicenda", "reciprocamente", "reciproco", "reciproca", "reciproci", "reciproche"})


def _one_side(an: Analysis, p: Predicate, sources: Sequence[Party]) -> bool:
    """Whether the several agents of a one-way act stand on one side of it: the members of a
    coordination ("Francia e Germania hanno condannato l'attacco", "le sanzioni di Usa e Ue"),
    who act together, not on each other, unless the clause makes the act reciprocal (a reflexive
    verb, "a vicenda", "reciprocamente")."""
    if len(sources) < 2:
        return False
    g = p.group
    if g is not None and g.reflexive:
        return False
    c = an.clauses[p.clause]
    return not any(an.tokens[k].low in RECIPROCAL for k in c.tokens)


def _says_when(time_starts: Sequence[int], a: int, b: int) -> bool:
    """Whether a time expression starts between characters ``a`` and ``b`` (a clause's span)."""
    k = bisect_left(time_starts, a)
    return k < len(time_starts) and time_starts[k] < b


def _people_of_roles(an: Analysis, slex: SyntaxLexicon) -> dict[int, Party]:
    """For each role description the entity stage could only resolve to a country ("il
    presidente francese", "il leader siriano", "il presidente Usa": the unit is France, Syria,
    the United States), the person of that country the article names most: who holds the role
    there, as the text knows them (keyed by the unit's head token)."""
    best: dict[str, tuple[int, int]] = {}  # country -> (times named, unit) of its most named person
    counts: dict[str, int] = {}
    for u in an.units:
        if u.label == "PER" and u.kind == "name":
            counts[u.name] = counts.get(u.name, 0) + 1
    for k, u in enumerate(an.units):
        if u.label == "PER" and u.kind == "name":
            home = home_country(u.actor_id)
            if home and (home not in best or counts[u.name] > best[home][0]):
                best[home] = (counts[u.name], k)
    out: dict[int, Party] = {}
    for u in an.units:
        role = u.kind == "role" or any(an.tokens[k].low in slex.person_nouns for k in range(u.start_tok, u.head_tok))
        if role and u.label == "GPE" and u.name in best:
            person = an.units[best[u.name][1]]
            out[u.head_tok] = Party(person.name, person.actor_id, "PER", u.head_tok, "role_person")
    return out


def _role_people(parties: Sequence[Party | None], role_people: dict[int, Party]) -> list[Party]:
    """The people :func:`_people_of_roles` finds behind the parties that are role descriptions
    resolved to a country, as alternative readings."""
    if not role_people:
        return []
    names = {p.name for p in parties if p is not None}
    out = []
    for p in parties:
        person = role_people.get(p.tok) if p is not None else None
        if person is not None and person.name not in names:
            names.add(person.name)
            out.append(person)
    return out


def _countries(an: Analysis) -> list[int]:
    """One unit per country or place the text names, most named first (ties: first named)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for k, u in enumerate(an.units):
        if u.label == "GPE":
            counts[u.name] = counts.get(u.name, 0) + 1
            first.setdefault(u.name, k)
    return [first[n] for n in sorted(counts, key=lambda n: (-counts[n], first[n]))]


def _group_phrase_pairs(an: Analysis, p: Predicate, heads: Sequence[int], lex: FrameLexicon, base: tuple[str, ...],
                        has_pair: bool, negated: bool, hypothetical: bool) -> list[Candidate]:
    """Talks or an accord of a plural phrase that stands for actors named before ("I tre Paesi
    hanno firmato", "l'incontro tra i due leader"): one candidate per pair of its members
    (:mod:`~.groups`); primary when the clause named no pair of its own."""
    c = an.clauses[p.clause]
    hi = c.end_tok if p.frame.pos == "verb" else min(c.end_tok, p.end_tok + NOUN_WINDOW)
    found = group_at(an, c.start_tok, hi, lex.groups)
    if found is None:
        return []
    tok, size, label = found
    group = members(an, heads, tok, c.sentence, size, label, "group_phrase")
    out = []
    for i, a in enumerate(group):
        for b in group[i + 1:]:
            feats = [*_party_features(p.frame, a, b, not has_pair), "pair_from_group_phrase"]
            out.append(Candidate(p.frame.type, a, b, p.tok, p.clause, not has_pair, negated, hypothetical, p, feats,
                                 base))
    return out


#: Hostile acts whose denial is a rejection ("non abbiamo intenzione di attaccare").
HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION"})
#: Governors that state an intention ("non ha intenzione di", "non intende", "non vuole").
INTENTION = frozenset({"avere", "intendere", "volere", "pensare", "prevedere", "progettare", "pianificare",
                       "essere", "cercare", "puntare"})


#: Words that deny the noun they stand before ("nessun attacco è stato lanciato").
_NEG_DETERMINERS = frozenset({"nessun", "nessuna", "nessuno", "alcun", "alcuna", "niente", "senza"})


def _no_denied_act(an: Analysis, p: Predicate, c: Clause) -> bool:
    """A noun cue under a negated verb that denies no act named by it: the predicate of a negated
    copula ("non è una guerra", "questa non è la nostra guerra": what something is called, not an
    act said not to happen; "non c'è stato alcun attacco" keeps its "ci") or the subject before a
    negated verb with no negative word of its own ("la guerra non ha vincitori": something said
    of the act)."""
    head = c.head
    if head is None or not head.negated:
        return False
    tokens = an.tokens
    before = [t.low for t in tokens[max(c.start_tok, p.tok - 3):p.tok]]
    if any(w in _NEG_DETERMINERS for w in before):
        return False
    if p.tok < head.start_tok:
        return True
    lead = [t.low for t in tokens[max(c.start_tok, head.start_tok - 2):head.start_tok]]
    return head.lemma == "essere" and not any(w in ("ci", "c'", "c’", "vi") for w in lead) and not any(
        t.low in ("ci", "c'", "c’", "vi") for t in tokens[head.start_tok:head.end_tok])


def _denial(an: Analysis, p: Predicate, negated: bool, hypothetical: bool, quotes, sources: Sequence[Party] = ()
            ) -> Candidate | None:
    """A denied intention of a hostile act is a rejection by whoever denies it ("Petrov ha ribadito
    che Mosca non ha intenzione di attaccare Kiev": REJECT by Petrov, no accuser named); a pledge
    not to deploy concedes ("Washington non ha intenzione di schierare armi": CONCEDE by
    Washington). A hostile act only said not to happen or not to have happened is a denial when
    it is the speaker's own ("Petrov ha detto che Mosca non ha attaccato", by Moscow's man); of
    another ("ha detto che Rossi non sarà arrestato", "i razzi non hanno colpito la nave",
    "nessun attacco giustifica") it is a negated act, no denial of an alleged act: no event."""
    t = p.frame.type
    if t not in HOSTILE and t != "MOBILIZE":
        return None
    c = an.clauses[p.clause]
    intent = None
    if c.kind == "infinitive" and c.parent is not None:
        gov = an.clauses[c.parent]
        if gov.head is not None and gov.head.negated and gov.head.lemma in INTENTION:
            intent = gov
    if intent is None and not negated:
        return None
    if intent is None and p.group is None and _no_denied_act(an, p, c):
        return None
    holder = intent or c
    if t == "MOBILIZE":
        actor = clause_agent(an, holder, an.tokens[p.tok].start, quotes, False)
        if not actor:
            return None
        return Candidate("CONCEDE", actor[0], None, p.tok, p.clause, True, False, False, p,
                         ["type=CONCEDE", "denial=pledge", f"cue={an.tokens[p.tok].lemma}|CONCEDE", "primary=True"])
    speaker = None
    if holder.parent is not None:
        gov = an.clauses[holder.parent]
        if gov.agent and gov.head is not None and gov.head.lemma in _SPEECH_LEMMAS:
            speaker = Party(an.units[gov.agent[0]].name, an.units[gov.agent[0]].actor_id,
                            an.units[gov.agent[0]].label, an.units[gov.agent[0]].head_tok, "speaker")
    if speaker is None:
        spk = clause_agent(an, holder, an.tokens[p.tok].start, quotes, True) if _quoted(an, holder.index) else []
        speaker = spk[0] if spk else None
    if speaker is None and intent is not None and intent.agent:
        u = an.units[intent.agent[0]]
        speaker = Party(u.name, u.actor_id, u.label, u.head_tok, "subject")
    if speaker is None:
        return None
    if intent is None and not _own_act(speaker, sources):
        return None  # another's act said not to happen ("ha detto che Rossi non sarà arrestato") is no denial
    return Candidate("REJECT", speaker, None, p.tok, p.clause, True, False, False, p,
                     ["type=REJECT", "denial=reject", f"denied={t}", "primary=True"])


def _own_act(speaker: Party, sources: Sequence[Party]) -> bool:
    """Whether the act's agent is the speaker or the country the speaker serves."""
    home = home_country(speaker.actor_id)
    return any(s.name == speaker.name or home is not None and s.name == home for s in sources)


#: Governors of a wanted meeting or agreement ("vuole incontrare", "pronti a tenere colloqui").
WANTING = frozenset({"volere", "desiderare", "sperare", "auspicare", "proporre", "offrire", "intendere", "cercare",
                     "pronto", "disposto", "disponibile", "favorevole", "aperto", "essere", "dirsi"})


def _willingness(an: Analysis, p: Predicate, sources: list[Party], targets: list[Party], negated: bool
                 ) -> Candidate | None:
    """Talks or an agreement that someone wants, offers or is ready for are a willingness to
    cooperate, not talks: "gli Stati Uniti sono pronti a tenere colloqui con i russi"."""
    if p.frame.type not in ("CONSULT", "AGREE") or negated or not sources:
        return None
    c = an.clauses[p.clause]
    if c.kind != "infinitive" or c.parent is None:
        return None
    gov = an.clauses[c.parent]
    words = {an.tokens[k].lemma for k in gov.tokens} | {an.tokens[k].low for k in gov.tokens}
    if gov.head is None or not (gov.head.lemma in WANTING or words & WANTING) or gov.head.negated:
        return None
    t = targets[0] if targets else None
    return Candidate("COOPERATE", sources[0], t, p.tok, p.clause, True, False, False, p,
                     ["type=COOPERATE", "willingness", f"cue={an.tokens[p.tok].lemma}|COOPERATE", "primary=True",
                      f"tgt={'none' if t is None else t.how}|COOPERATE"])


#: Acts whose negation is a refusal ("non accetta", "non firmerà", "non riconosce").
ACCEPTING = frozenset({"AGREE", "SUPPORT", "COOPERATE"})


def _refusal(an: Analysis, p: Predicate, sources: list[Party], targets: list[Party], negated: bool,
             hypothetical: bool) -> Candidate | None:
    """An acceptance, an endorsement or a cooperation that its subject says it does not give is
    a refusal: "Kiev non accetta le condizioni di Mosca" is REJECT by Kiev (of Moscow). Only for
    verbs, asserted as negated (not conditional): "se non firmerà" refuses nothing yet."""
    if p.frame.type not in ACCEPTING or p.frame.pos != "verb" or not negated or hypothetical or not sources:
        return None
    t = targets[0] if targets else None
    return Candidate("REJECT", sources[0], t, p.tok, p.clause, True, False, False, p,
                     ["type=REJECT", "denial=refusal", f"refused={p.frame.type}", "primary=True",
                      f"cue={an.tokens[p.tok].lemma}|REJECT", f"tgt={'none' if t is None else t.how}|REJECT"])


_SPEECH_LEMMAS = frozenset({"dire", "affermare", "dichiarare", "ribadire", "sottolineare", "assicurare", "garantire",
                            "precisare", "spiegare", "ripetere", "negare", "smentire", "escludere", "aggiungere",
                            "osservare", "ricordare", "chiarire", "insistere", "confermare", "replicare"})


def _predicate_features(an: Analysis, p: Predicate, negated: bool, hypothetical: bool, ns: int, nt: int) -> list[str]:
    f = p.frame
    t = f.type
    tok = an.tokens[p.tok]
    c = an.clauses[p.clause]
    head = p.group if p.group is not None else c.head
    tense = head.tense if head is not None else "none"
    quoted = _quoted(an, c.index)
    first_sentence = c.sentence == 0
    feats = [
        f"type={t}", f"cue={tok.lemma}|{t}", f"pos={f.pos}|{t}", f"tense={tense}|{t}", f"tense={tense}",
        f"clause={c.kind}|{t}", f"clause={c.kind}", f"quoted={quoted}|{t}", f"mutual={f.mutual}",
        f"negated={negated}", f"hypothetical={hypothetical}", f"negated={negated}|{t}",
        f"n_sources={_bucket(ns)}", f"n_targets={_bucket(nt)}", f"first_sentence={first_sentence}",
        f"multiword={p.end_tok - p.tok > 1}", f"rank={min(p.rank, 2)}|{t}",
    ]
    if head is not None and head.modal:
        feats.append(f"modal={head.modal}")
    if head is not None and head.passive:
        feats.append("passive")
    return feats


#: Content words within this many tokens of the cue (inside its sentence) describe its setting.
CONTEXT_WINDOW = 6
_CONTENT_POS = frozenset({"NOUN", "VERB"})


def _context_features(an: Analysis, p: Predicate) -> list[str]:
    """The content words around the cue, with its type ("ctx=truppa|MOBILIZE"): what the sentence
    is about tells which reading of an ambiguous cue the writer meant ("attaccare" troops or a
    decision) and whether the cue is an act at all, beyond the cue's own lemma."""
    return list(_context_strings(_context_lemmas(an, p), p.frame.type))


def _context_lemmas(an: Analysis, p: Predicate) -> frozenset[str]:
    """Lemmas of the nouns and verbs within :data:`CONTEXT_WINDOW` tokens of the cue, in its
    sentence (the cue's own words left out: its lemma is a feature already)."""
    c = an.clauses[p.clause]
    lo, hi = an.sentences[c.sentence] if c.sentence < len(an.sentences) else (c.start_tok, c.end_tok)
    lo, hi = max(lo, p.tok - CONTEXT_WINDOW), min(hi, p.end_tok + CONTEXT_WINDOW)
    tokens = an.tokens
    return frozenset(tokens[k].lemma for k in range(lo, hi)
                     if (k < p.tok or k >= p.end_tok) and tokens[k].pos in _CONTENT_POS and len(tokens[k].lemma) > 2)


@lru_cache(maxsize=65536)
def _context_strings(lemmas: frozenset[str], typ: str) -> tuple[str, ...]:
    return tuple(sorted(f"ctx={w}|{typ}" for w in lemmas))


def _salience(an: Analysis) -> dict[str, int]:
    """How often the text names each actor: the protagonists of an article are its events' parties."""
    counts: dict[str, int] = {}
    for u in an.units:
        counts[u.name] = counts.get(u.name, 0) + 1
    return counts


_UNNAMED = ("0", 0)  # the standing of a party the text does not name (a quotation's speaker)


@dataclass(slots=True)
class Protagonists:
    """Who an article is about: each actor's rank by how often it is named (1 = most), and how
    many sentences name each pair of actors together. An article reports the acts between its
    protagonists; a pair named together once, in passing, rarely makes an event."""
    rank: dict[str, int]
    together: dict[tuple[str, str], int]
    standing: dict[str, tuple[str, int]]  # name -> (salience bucket, rank capped at 4), for the features

    def pair(self, a: str, b: str) -> int:
        return self.together.get((a, b) if a < b else (b, a), 0)

    def together_bucket(self, a: str, b: str) -> str:
        return _bucket(self.together.get((a, b) if a < b else (b, a), 0))


def protagonists(an: Analysis) -> Protagonists:
    """The actors' ranks (tied counts share a rank) and the sentences naming each pair; a
    sentence that names more than a dozen actors is a list and relates none of them (computed
    once per analysis: the predicates' and the quotations' candidates share it)."""
    last = _LAST_PROTAGONISTS.get("an")
    if last is not None and last[0] is an:
        return last[1]
    found = _protagonists(an, _salience(an))
    _LAST_PROTAGONISTS["an"] = (an, found)
    return found


_LAST_PROTAGONISTS: dict[str, tuple[Analysis, Protagonists]] = {}


def _protagonists(an: Analysis, salience: dict[str, int]) -> Protagonists:
    order = sorted(salience, key=lambda n: -salience[n])
    rank: dict[str, int] = {}
    for i, n in enumerate(order):
        rank[n] = rank[order[i - 1]] if i and salience[order[i - 1]] == salience[n] else i + 1
    together: dict[tuple[str, str], int] = {}
    heads = [u.head_tok for u in an.units]
    for a, b in an.sentences:
        names = sorted({u.name for u in an.units[bisect_left(heads, a):bisect_left(heads, b)]})
        if len(names) > 12:
            continue  # a list of names, not a sentence about their relations
        for i, x in enumerate(names):
            for y in names[i + 1:]:
                together[(x, y)] = together.get((x, y), 0) + 1
    standing = {n: (_bucket(k), min(rank[n], 4)) for n, k in salience.items()}
    return Protagonists(rank, together, standing)


def _pair_features(typ: str, s: Party, t: Party | None, prot: Protagonists) -> list[str]:
    """Features of the pair as the whole article sees it: each party's rank among the actors
    (0: not named in the text, a quotation's speaker known by another name) and how many
    sentences name the two together (memoised strings, like :func:`_party_strings`)."""
    sr = prot.standing.get(s.name, _UNNAMED)[1]
    if t is None:
        return list(_pair_strings(typ, sr, None, None))
    return list(_pair_strings(typ, sr, prot.standing.get(t.name, _UNNAMED)[1], prot.together_bucket(s.name, t.name)))


@lru_cache(maxsize=4096)
def _pair_strings(typ: str, src_rank: int, tgt_rank: int | None, together: str | None) -> tuple[str, ...]:
    feats = [f"src_rank={src_rank}", f"src_rank={src_rank}|{typ}"]
    if tgt_rank is not None:
        feats += [f"tgt_rank={tgt_rank}", f"ranks={min(src_rank, tgt_rank)}>{max(src_rank, tgt_rank)}",
                  f"together={together}", f"together={together}|{typ}"]
    return tuple(feats)


def _position_features(typ: str, tok: int, s: Party, t: Party | None, prot: Protagonists) -> tuple[str, ...]:
    src_dist = _bucket(abs(s.tok - tok) // 3) if s.tok >= 0 else None
    src_salience, src_rank = prot.standing.get(s.name, _UNNAMED)
    if t is None:
        return _position_strings(typ, src_salience, s.how, src_dist, src_rank, None, None, None, None, None)
    tgt_dist = _bucket(abs(t.tok - tok) // 3) if t.tok >= 0 else None
    tgt_salience, tgt_rank = prot.standing.get(t.name, _UNNAMED)
    return _position_strings(typ, src_salience, s.how, src_dist, src_rank, t.how, tgt_salience, tgt_dist, tgt_rank,
                             prot.together_bucket(s.name, t.name))


@lru_cache(maxsize=65536)
def _position_strings(typ: str, src_salience: str, src_how: str, src_dist: str | None, src_rank: int,
                      tgt_how: str | None, tgt_salience: str | None, tgt_dist: str | None, tgt_rank: int | None,
                      together: str | None) -> tuple[str, ...]:
    """The position features from their few bucketed values (memoised: a text has ~100 times
    more candidates than distinct combinations; ``tgt_how`` None: no target), with the pair's
    standing in the article (:func:`_pair_strings`)."""
    feats = [f"src_salience={src_salience}", f"pair={src_how}>{tgt_how if tgt_how is not None else 'none'}|{typ}"]
    if src_dist is not None:
        feats.append(f"src_dist={src_dist}")
    if tgt_how is not None:
        feats.append(f"tgt_salience={tgt_salience}")
        if tgt_dist is not None:
            feats.append(f"tgt_dist={tgt_dist}")
    return tuple(feats) + _pair_strings(typ, src_rank, tgt_rank, together)


def _quoted(an: Analysis, ci: int) -> bool:
    seen = 0
    c = an.clauses[ci]
    while seen < 8:
        if c.kind == "quoted":
            return True
        if c.parent is None:
            return False
        c = an.clauses[c.parent]
        seen += 1
    return False


def _party_features(f: Frame, s: Party, t: Party | None, primary: bool) -> tuple[str, ...]:
    if t is None:
        return _party_strings(f.type, s.how, s.label, primary, None, None, None)
    after = t.tok > s.tok if s.tok >= 0 and t.tok >= 0 else None
    return _party_strings(f.type, s.how, s.label, primary, t.how, t.label, after)


@lru_cache(maxsize=65536)
def _party_strings(typ: str, src_how: str, src_label: str, primary: bool, tgt_how: str | None,
                   tgt_label: str | None, after: bool | None) -> tuple[str, ...]:
    """The party features from the parties' rules and labels (memoised like
    :func:`_position_strings`; ``tgt_how`` None: no target, ``after`` None: no order known)."""
    feats = [f"src_how={src_how}|{typ}", f"src_how={src_how}", f"src_label={src_label}|{typ}", f"primary={primary}",
             f"primary={primary}|{typ}"]
    if tgt_how is None:
        feats += [f"tgt=none|{typ}", "tgt=none"]
    else:
        feats += [f"tgt_how={tgt_how}|{typ}", f"tgt_how={tgt_how}", f"tgt_label={tgt_label}|{typ}",
                  f"labels={src_label}>{tgt_label}"]
        if after is not None:
            feats.append(f"tgt_after={after}")
    return tuple(feats)


# -- quotations ---------------------------------------------------------------------------------

#: Stances a denial does not undo: a refusal is itself a negation, and a threat is often one ("non
#: resteremo a guardare").
_DENIABLE_STANCES = frozenset({"SUPPORT", "DISAPPROVE", "COOPERATE", "DEMAND"})


def quote_candidates(doc: Document, an: Analysis, stance_words: dict[str, frozenset[str]],
                     slex: SyntaxLexicon | None = None, lex: FrameLexicon | None = None) -> list[Candidate]:
    """One candidate per quotation, stance type and party (module docstring). With ``slex``, a
    praise, a criticism, an offer or a demand whose every word in the quotation is denied ("non
    consideriamo X una minaccia", "non ci saranno negoziati", "non chiederemo il permesso") is no
    stance: its readings are marked ``no_act``. A word of a name (a mention: "la Guerra fredda", "le
    Forze di supporto rapido") or of a cue of several words of another type (``lex``'s frames:
    "cessate il fuoco" is an agreement, no threat) expresses no stance."""
    out: list[Candidate] = []
    tokens = an.tokens
    cue_index = lex.multiword if lex is not None else {}
    spans = sorted((m.start, m.end) for m in doc.mentions)
    heads = [u.head_tok for u in an.units]  # units are in text order
    prot = protagonists(an)
    for q in doc.quotes:
        if not q.speaker:
            continue
        a, b = token_index(tokens, q.start), token_index(tokens, q.end)
        if b <= a:
            continue
        lemmas = {t.lemma for t in tokens[a:b] if t.pos not in ("PUNCT", "QUOTE", "DET", "ADP")}
        ci = an.clause_of[a]
        si = an.clauses[ci].sentence if ci >= 0 else 0
        sa, sb = an.sentences[si] if an.sentences else (a, b)
        lo, hi = bisect_left(heads, min(a, sa)), bisect_left(heads, max(b, sb))
        inside = [k for k in range(lo, hi) if a <= heads[k] < b and an.units[k].name != q.speaker]
        around = [k for k in range(lo, hi) if sa <= heads[k] < sb and not a <= heads[k] < b
                  and an.units[k].name != q.speaker]
        src = Party(q.speaker, q.speaker_id, "PER", -1, "quote_speaker")
        targets: list[Party | None] = [None] + [_party(an, k, "quote_inside") for k in inside[:4]] + \
            [_party(an, k, "quote_sentence") for k in around[:2]]
        cue = (q.cue or "").lower().split()
        agents = _quoted_agents(an, a, b)
        reported = any(an.units[k].name != q.speaker for k in agents)
        base = [f"kind={q.kind}", f"qlen={_bucket(len(lemmas) // 4)}", f"qreport={reported}"]
        named = _named_tokens(tokens, a, b, spans)
        if named or cue_index:
            cued = _cue_tokens(tokens, a, b, cue_index)
            own = {typ: _stance_lemmas(tokens, a, b, named | {k for t2, ks in cued.items() if t2 != typ for k in ks})
                   for typ in STANCE_TYPES}
        else:
            own = {typ: lemmas for typ in STANCE_TYPES}
        all_hits = {typ: len(own[typ] & stance_words.get(typ, frozenset())) for typ in STANCE_TYPES}
        quote_lemmas = [t.lemma for t in tokens[a:b]] if any(all_hits.values()) else []
        for typ in STANCE_TYPES:
            words = stance_words.get(typ, frozenset())
            hits = all_hits[typ]
            if not hits:
                continue  # a stance needs at least one word that expresses it
            feats_t = base + [f"stance={typ}", f"stance_hits={_bucket(hits)}|{typ}",
                              f"stance_lead={_stance_lead(all_hits, typ)}|{typ}"]
            feats_t += [f"qlemma={w}|{typ}" for w in sorted(own[typ] & words)]
            feats_t += [f"qcue={w}|{typ}" for w in cue[-1:]]
            at = [a + i for i, w in enumerate(quote_lemmas) if w in words and w in own[typ]]
            denied = slex is not None and typ in _DENIABLE_STANCES and bool(at) and all(
                word_assertion(an, k, slex)[0] for k in at)
            for t in _dedupe_optional(targets):
                feats = feats_t + ([f"qtgt=none|{typ}", f"qreport={reported}|{typ}"] if t is None else
                                   [f"qtgt={t.how}|{typ}", f"qtgt_label={t.label}|{typ}",
                                    f"qtgt_agent={any(an.units[k].head_tok == t.tok for k in agents)}|{typ}",
                                    f"qtgt_near={_near_stance(at, t.tok)}|{typ}"])
                out.append(Candidate(typ, src, t, a, ci, False, False, False, None,
                                     feats + _pair_features(typ, src, t, prot), no_act=denied))
    return out


def _named_tokens(tokens: Sequence, a: int, b: int, spans: Sequence[tuple[int, int]]) -> set[int]:
    """The tokens from ``a`` to ``b`` inside a mention (``spans``: the mentions' (start, end), in order)."""
    if not spans or b <= a:
        return set()
    lo, hi = tokens[a].start, tokens[b - 1].end
    inside = [(s, e) for s, e in spans[max(0, bisect_left(spans, (lo, 0)) - 1):bisect_left(spans, (hi, 0))]
              if e > lo]
    return {k for k in range(a, b) for s, e in inside if s <= tokens[k].start and tokens[k].end <= e}


def _cue_tokens(tokens: Sequence, a: int, b: int,
                index: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]) -> dict[str, set[int]]:
    """The tokens from ``a`` to ``b`` inside a multi-word cue, by the cue's type (one pass over
    the quotation for every type: a pass per type and quotation was a fifth of the event stage)."""
    out: dict[str, set[int]] = {}
    if not index:
        return out
    low = [t.low.replace("’", "'") for t in tokens[a:b]]
    for i, word in enumerate(low):
        for ph, typ in index.get(word, ()):
            if tuple(low[i:i + len(ph)]) == ph:
                out.setdefault(typ, set()).update(range(a + i, a + i + len(ph)))
    return out


def _stance_lemmas(tokens: Sequence, a: int, b: int, skipped: set[int]) -> set[str]:
    """The lemmas of the quotation's content words (tokens ``a`` to ``b``) but ``skipped`` (the
    words of a name, and of cues of several words of other types)."""
    return {tokens[k].lemma for k in range(a, b)
            if k not in skipped and tokens[k].pos not in ("PUNCT", "QUOTE", "DET", "ADP")}


def _near_stance(at: Sequence[int], tok: int) -> str:
    """How far (bucketed, in steps of three tokens) a quotation's party is from the nearest word of
    the stance: criticism, praise or a demand is aimed at the actor its words stand next to
    ("un crimine della Russia"), less at one the quotation names in another sentence."""
    if not at or tok < 0:
        return "none"
    return _bucket(min(abs(k - tok) for k in at) // 3)


def _stance_lead(hits: dict[str, int], typ: str) -> str:
    """How a quotation's words for one stance compare with its words for the others: "sole" (no
    other stance's words), "top" (the most, ties included) or "minor". A quotation mostly
    critical that thanks someone in passing is a criticism, not praise; the model learns how
    far a minor stance still is one."""
    own = hits[typ]
    others = [n for t, n in hits.items() if t != typ]
    if not any(others):
        return "sole"
    return "top" if own >= max(others) else "minor"


def _quoted_agents(an: Analysis, a: int, b: int) -> set[int]:
    """The units that are the explicit agents of the clauses between tokens ``a`` and ``b``: a
    quotation whose words name who acts ("che Putin ha accusato Kiev") reports that actor's act,
    it is no stance of its speaker against them."""
    out: set[int] = set()
    seen: set[int] = set()
    for k in range(a, b):
        ci = an.clause_of[k]
        if ci < 0 or ci in seen:
            continue
        seen.add(ci)
        c = an.clauses[ci]
        if c.agent and not c.agent_inherited:
            out.update(c.agent)
    return out


def _dedupe_optional(parties: Sequence[Party | None]) -> list[Party | None]:
    seen: set[str | None] = set()
    out: list[Party | None] = []
    for p in parties:
        key = p.name if p else None
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def quotes_of(doc: Document) -> Sequence[Quote]:
    return doc.quotes
