"""PLOVER events from Italian news (stage ``cronaca.events.rules.v1``).

Who did what to whom, when and where, coded with the PLOVER types (:mod:`cronaca.nlp.plover`).
No Italian parser exists offline, so the stage works on what earlier stages give it — sentence
spans, entity mentions linked to actors, quotations with their speakers, normalised times — plus a
cue lexicon by lemma (``resources/lexicons/<lang>/events.json``). The cascade, per cue:

1. **Find cues.** Tokens are lemmatised once (simplemma, cached); a token whose lemma or form is
   in the lexicon, and whose context satisfies the entry (``next``/``prev``/``near``/``not_near``),
   is a cue. The first entry that fits wins, so the lexicon order encodes priority.
2. **Clause.** Arguments are looked for in the cue's clause (the sentence cut at ``;``, ``:`` and
   contrastive conjunctions) so "…, ma ha detto che" does not lend one clause's subject to another.
3. **Assertion.** A negation shortly before the cue, or a conditional/hypothetical marker in the
   clause, means the act did not happen: the event is not emitted. Threats are acts in themselves
   and are kept. A *negated hostile act* in reported speech ("la Russia non minaccia nessuno",
   "non ha intenzione di attaccare") is a denial -> REJECT by the speaker; a negated deployment is
   CONCEDE by its subject.
4. **Actors.** Source = the nearest actor (or coordinated group) before the cue; passive agents
   ("respinte dal Cremlino"), "tra A e B", "con B" and owners of nominal cues ("le richieste russe")
   override it. With no subject (pro-drop, passive readouts) the source is the quotation's speaker,
   the speaker of the sentence's reporting verb, or the previous sentence's subject. Compound
   subjects give one event per actor.
   Complements of a speech act ("ha negato di voler attaccare", "disponibilità a proseguire la
   discussione") and definite re-mentions of a meeting with no parties ("i colloqui") are not
   new events. Judgements in reported speech ("è sconsiderata") are DISAPPROVE by the speaker;
   obligations ("la Russia deve ritirarsi") are DEMAND by the speaker.
5. **Date.** A time expression in the clause, else in the sentence ("dal 2017" is a bound, not a
   date), else a past day stated in the previous sentence of the paragraph, else the publication
   date — its month for troop build-ups and present-tense demands (``ongoing`` cues), the last
   announced future day (or the month) for plans.
6. **Dedup** on PLOVER's identity key (type, {source, target}, date): several sentences about one
   instance make one event, the first (earliest) evidence kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, NamedTuple

import simplemma

from ..errors import ResourceError
from ..types import Document, Event, Quote, Span, TimeRef
from .eventfilters import clean
from .times import parse_published, tense

STAGE = "cronaca.events.rules.v1"
HOSTILE = frozenset({"THREATEN", "ASSAULT", "COERCE"})
#: Types whose source is whoever speaks: a pro-drop or passive clause takes the speaker or topic.
SPEECH_ACTS = frozenset({"DEMAND", "THREATEN", "DISAPPROVE", "REJECT"})
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENT = re.compile(r"(?<![\s(][A-Z]\.)(?<=[.!?»”\"])\s+(?=[«“\"A-ZÀ-Ý])|\n+|(?<=[a-zà-ù][.!?])(?=[A-ZÀ-Ý][a-zà-ù])")


# -- resources ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Cue:
    type: str
    lemmas: frozenset[str]
    pos: str = "verb"
    next: frozenset[str] = frozenset()
    prev: frozenset[str] = frozenset()
    near: frozenset[str] = frozenset()
    not_near: frozenset[str] = frozenset()
    not_prev1: frozenset[str] = frozenset()
    gap: int = 3
    genitive: str = "agent"  # what "di X" after a nominal cue is: its agent or its patient
    window: int = 6
    speaker_source: bool = False  # obligations in reported speech: the speaker demands
    evaluative: bool = False  # judgements in reported speech: the speaker disapproves
    mutual: bool = False
    ongoing: bool = False
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class EventLexicon:
    cues: dict[str, tuple[Cue, ...]]  # lemma or form -> candidate cue entries, in lexicon order
    demonyms: dict[str, str]
    actor_nouns: frozenset[str]
    negation: frozenset[str]
    negation_window: int
    hypothetical: frozenset[str]
    hypothetical_window: int
    clause_breaks: frozenset[str]
    coordinators: frozenset[str]
    passive_agents: frozenset[str]
    place_preps: frozenset[str]
    between: frozenset[str]
    with_: frozenset[str]
    speech: frozenset[str]
    denial_frames: frozenset[str]
    participants: frozenset[str]
    locative: frozenset[str]
    genitive: frozenset[str]
    member_nouns: frozenset[str]
    prepositions: frozenset[str]
    indefinite_past: frozenset[str]
    determiners: frozenset[str]
    auxiliaries: frozenset[str]
    modals: frozenset[str]
    since: frozenset[str]
    modals_conditional: frozenset[str]
    media_markers: frozenset[str]
    role_nouns: frozenset[str]
    accusation_nouns: frozenset[str] = frozenset()
    denial_words: frozenset[str] = frozenset()
    conditional_exempt: frozenset[str] = frozenset()
    denial_verbs: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    institutions: dict[str, str] | None = None  # "Kremlin" -> "Russia": one side


@lru_cache(maxsize=8)
def lexicon(lang: str = "it") -> EventLexicon:
    """Load the cue lexicon of ``lang`` once per process."""
    try:
        raw = json.loads(resources.files("cronaca.resources").joinpath(
            f"lexicons/{lang}/events.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        raise ResourceError(f"event lexicon for language {lang!r} is missing or malformed: {exc}") from exc
    index: dict[str, list[Cue]] = {}
    for entry in raw["cues"]:
        fs = {k: frozenset(w.lower() for w in entry.get(k, ())) for k in ("next", "prev", "near", "not_near", "not_prev1")}
        cue = Cue(entry["type"], frozenset(w.lower() for w in entry["lemmas"]), entry.get("pos", "verb"),
                  gap=int(entry.get("gap", 3)), mutual=bool(entry.get("mutual")),
                  ongoing=bool(entry.get("ongoing")), mode=entry.get("mode"),
                  genitive=entry.get("genitive", "agent"), window=int(entry.get("window", 6)),
                  speaker_source=bool(entry.get("speaker_source")),
                  evaluative=bool(entry.get("evaluative")), **fs)
        for w in cue.lemmas:
            index.setdefault(w, []).append(cue)
    fz = lambda k: frozenset(w.lower() for w in raw.get(k, ()))  # noqa: E731
    return EventLexicon(
        {k: tuple(v) for k, v in index.items()}, dict(raw["demonyms"]), fz("actor_nouns"),
        fz("negation"), int(raw.get("negation_window", 5)), fz("hypothetical"),
        int(raw.get("hypothetical_window", 8)), fz("clause_breaks"), fz("coordinators"),
        fz("passive_agents"), fz("place_preps"), fz("between"), fz("with"), fz("speech_lemmas"),
        fz("denial_frames"), fz("participants"), fz("locative"), fz("genitive"),
        fz("member_nouns"), fz("prepositions"), fz("indefinite_past"),
        fz("determiners"), fz("auxiliaries"), fz("modals"), fz("since"), fz("modals_conditional"),
        fz("media_markers"), fz("role_nouns"), fz("accusation_nouns"), fz("denial_words"),
        fz("conditional_exempt"), fz("denial_verbs"), fz("light_verbs"),
        dict(raw.get("institutions", {})))


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    try:
        return simplemma.lemmatize(word, lang=lang).lower()
    except ValueError:  # a language simplemma does not know
        return word


# -- the document as the rules see it -----------------------------------------------------------

class Tok(NamedTuple):
    start: int
    end: int
    low: str
    lemma: str


class Actor(NamedTuple):
    """An actor occurrence: a mention, or a demonym standing for its country ("truppe russe")."""

    start: int
    end: int
    name: str
    id: str | None
    label: str
    tok: int  # index of its first token


class Clause(NamedTuple):
    start_tok: int
    end_tok: int  # exclusive
    sentence: int


def tokenize(text: str, lang: str) -> list[Tok]:
    """Word and punctuation tokens with lower-case form and lemma (NamedTuples: this is the hot loop)."""
    low = text.lower()  # same length as text for Italian; offsets stay valid
    if len(low) != len(text):
        low = "".join(c.lower()[0] for c in text)
    out: list[Tok] = []
    add = out.append
    for m in _TOKEN.finditer(low):
        w = m.group()
        add(Tok(m.start(), m.end(), w, _lemma(w, lang)))
    return out


def sentence_spans(text: str, given: tuple[Span, ...]) -> list[tuple[int, int]]:
    """The article's sentences, or a plain split when the cleaner gave none (tests, raw text)."""
    if given:
        return [(s.start, s.end) for s in given]
    spans, last = [], 0
    for m in _SENT.finditer(text):
        if m.start() > last:
            spans.append((last, m.start()))
        last = m.end()
    if last < len(text):
        spans.append((last, len(text)))
    return [s for s in spans if text[s[0]:s[1]].strip()]


def _tok_index(toks: list[Tok], pos: int) -> int:
    """Index of the first token starting at or after ``pos`` (binary search)."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def clauses(toks: list[Tok], sents: list[tuple[int, int]], lex: EventLexicon) -> list[Clause]:
    out = []
    for si, (s, e) in enumerate(sents):
        a, b = _tok_index(toks, s), _tok_index(toks, e)
        cur = a
        for i in range(a, b):
            t = toks[i].low
            if t in (";", ":") or (t in lex.clause_breaks and i > cur + 2):
                if i > cur:
                    out.append(Clause(cur, i, si))
                cur = i if t not in (";", ":") else i + 1
        if cur < b:
            out.append(Clause(cur, b, si))
    return out


def actors(doc: Document, toks: list[Tok], lex: EventLexicon) -> tuple[list[Actor], list[Actor]]:
    """(actors, places): mentions split by use, plus demonyms after an actor noun."""
    acts: list[Actor] = []
    places: list[Actor] = []
    by_name = {m.actor_name: m.actor_id for m in doc.mentions}
    for m in doc.mentions:
        i = _tok_index(toks, m.start)
        prev = toks[i - 1].low if i > 0 else ""
        a = Actor(m.start, m.end, m.actor_name, m.actor_id, m.label, i)
        if m.label in ("LOC", "EVENT", "MISC"):
            if m.label == "LOC":
                places.append(a)
            continue
        if m.label == "GPE" and prev in lex.place_preps and prev != "di":
            places.append(a)  # "a Ginevra": where, not who
            continue
        if m.label == "ORG" and any(toks[j].low in lex.media_markers for j in range(max(0, i - 3), i)):
            continue  # "ricorda la Tass", "il quotidiano The Times": who reports, not who acts
        acts.append(a)
    covered = {i for a in acts for i in range(a.tok, _tok_index(toks, a.end))}
    starts = {a.tok for a in acts}
    prev_was_actor = False
    for i, t in enumerate(toks):
        name = lex.demonyms.get(t.low)
        if name is None or i in covered:
            prev_was_actor = prev_was_actor and t.low in lex.coordinators
            continue
        back = [toks[j].low for j in range(max(0, i - 2), i)]
        if i + 1 in starts:  # "il presidente russo Vladimir Putin": the person is the actor
            prev_was_actor = False
            continue
        people = bool(back) and back[-1] in _PLURAL_ARTICLES and t.low.endswith(("i", "e"))
        if people or any(w in lex.actor_nouns for w in back) or (
                prev_was_actor and back and back[-1] in ("e", "ed")):
            acts.append(Actor(t.start, t.end, name, by_name.get(name), "GPE", i))
            prev_was_actor = True
        else:
            prev_was_actor = False
    acts.sort(key=lambda a: a.start)
    return acts, places


#: "con i russi", "gli americani": a plural demonym used as a noun is its country's side.
_PLURAL_ARTICLES = frozenset({"i", "gli", "le", "ai", "agli", "alle", "dai", "dagli", "dalle",
                              "dei", "degli", "delle", "coi"})


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
        if j < clause.start_tok or i - j > 8:
            break
        heads = SPEECH_ACTS | ({"COOPERATE"} if me in ("CONSULT", "AGREE") else set())
        if c.type in heads and any(t.low in ("di", "a", "ad", "che") for t in toks[j + 1:i]):
            return True
    return False


def anaphoric_meeting(i: int, cue: Cue, toks: list[Tok], lex: EventLexicon, clause: Clause) -> bool:
    """"i colloqui", "questa riunione", "al vertice" with no "tra"/"con" after: a reference back to
    a meeting already coded, whose parties this clause does not restate."""
    if cue.type != "CONSULT" or cue.pos != "noun":
        return False
    j = _prev_word(toks, i)
    if j < 0 or toks[j].low in ("un", "una", "uno", "nuovo", "nuova", "serie") or toks[j].low not in lex.determiners:
        return False
    after = {t.low for t in toks[i + 1:min(i + 6, clause.end_tok)]}
    return not (after & (lex.between | {"con", "col"}))


# -- arguments ----------------------------------------------------------------------------------

def _prev_word(toks: list[Tok], i: int) -> int:
    """Index of the word before token ``i``, skipping elision apostrophes ("dell'Ucraina")."""
    j = i - 1
    while j >= 0 and toks[j].low in ("'", "’"):
        j -= 1
    return j


def _end_tok(toks: list[Tok], a: Actor) -> int:
    return _tok_index(toks, a.end)


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
        demonym = toks[a.tok].low in lex.demonyms and a.end - a.start == len(toks[a.tok].low)
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
    # 1. Passive: "accuse respinte con veemenza dal Cremlino".
    if not is_noun and re.search(r"(?:at|ut|it|int|ess|ost)[oaie]$", t.low):
        for j in range(i + 1, min(i + 5, clause.end_tok)):
            if toks[j].low in lex.passive_agents:
                agent = [a for a in right if a.tok > j][:1]
                if agent and agent[0].tok <= j + 4:
                    tgt = left_all[-1] if left_all else None
                    return [_person(agent[0], acts, toks)], tgt
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
            rest = [a for a in right if a.tok > agent.tok and a.name != agent.name
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


# -- speakers -----------------------------------------------------------------------------------

def quote_speaker(pos: int, quotes: Iterable[Quote]) -> tuple[str | None, str | None]:
    for q in quotes:
        if q.speaker and q.start <= pos < q.end:
            return q.speaker, q.speaker_id
    return None, None


def sentence_speaker(s: tuple[int, int], toks: list[Tok], acts: list[Actor], lex: EventLexicon,
                     quotes: Iterable[Quote]) -> Actor | None:
    """The actor of the sentence's reporting verb ("X ha affermato che", "secondo X", "ha detto
    il ministro X"); None when the sentence names none (pro-drop: the caller uses the topic)."""
    for q in quotes:
        if q.speaker and q.cue_start is not None and s[0] <= q.cue_start < s[1]:
            return Actor(q.cue_start, q.cue_start, q.speaker, q.speaker_id, "PER", 0)
    a, b = _tok_index(toks, s[0]), _tok_index(toks, s[1])
    inside = [x for x in acts if a <= x.tok < b]
    for i in range(a, b):
        if toks[i].low in lex.speech or toks[i].lemma in lex.speech:
            if toks[i].low == "secondo":
                after = [x for x in inside if i < x.tok <= i + 6]
                if after and attachment(after[0], toks, lex, i + 1) == "gen":
                    return None  # "secondo il portavoce di X": X's spokesperson, not X
                return _person(after[0], acts, toks) if after else None
            before = [x for x in inside if x.tok < i and attachment(x, toks, lex, a) == "free"]
            if before:
                return _prefer_person(before)
            after = [x for x in inside if i < x.tok <= i + 6 and attachment(x, toks, lex, a) == "free"]
            if after:
                return _person(after[0], acts, toks)
    return None


def _prefer_person(cands: list[Actor], last: bool = True) -> Actor:
    people = [c for c in cands if c.label == "PER"]
    pool = people or cands
    return pool[-1] if last else pool[0]


# -- dates and places ---------------------------------------------------------------------------

def _refs_in(times: Iterable[TimeRef], a: int, b: int) -> list[TimeRef]:
    return [t for t in times if a <= t.start < b and t.value]


def event_date(pos: int, span: tuple[int, int], sent: tuple[int, int], times: list[TimeRef],
               cue: Cue, text: str, sentences, published: str | None, lex: EventLexicon,
               indefinite: bool = False, previous: tuple[int, int] | None = None,
               reported_past: bool = False) -> tuple[str | None, str | None]:
    """When the event happened or is scheduled (see the module docstring, step 5)."""
    for a, b in (span, sent):
        refs = [t for t in _refs_in(times, a, b) if not _since(t, lex)]
        if refs:
            best = min(refs, key=lambda t: abs(t.start - pos))
            return best.value, best.precision
    pub_day, y, m = parse_published(published)
    if y is None or m is None or indefinite:
        return None, None
    t = tense(text, pos, pos + 1, sentences)
    if cue.type == "MOBILIZE":
        return f"{y:04d}-{m:02d}", "month"  # a build-up is a state: the reference month
    if cue.ongoing:
        t = _ongoing_tense(text, pos) or ("past" if reported_past else t)
    if t != "future" and previous is not None and pub_day is not None:
        # "Il 28 marzo X ha dichiarato … . Egli ha sottolineato …": the story's day carries over.
        prior = [r for r in _refs_in(times, *previous) if r.precision == "day" and not _since(r, lex)
                 and r.value <= pub_day.isoformat()]
        if prior:
            return prior[-1].value, "day"
    if cue.ongoing and t != "past" or pub_day is None:
        return f"{y:04d}-{m:02d}", "month"
    if t == "future":
        # A plan without its own date: the last future day announced before it ("giovedì"),
        # else the reference month.
        ahead = [r for r in times if r.end <= pos and r.precision == "day" and r.value
                 and r.value > pub_day.isoformat()]
        return (ahead[-1].value, "day") if ahead else (f"{y:04d}-{m:02d}", "month")
    return pub_day.isoformat(), "day"


_PERFECT = re.compile(r"\b(?:ha|hanno|aveva|avevano|stat[oaie]|fu|furono)\s+(?:\w+\s+)?$", re.I)
_STATIVE = re.compile(r"\b(?:è|sono|sta|stanno|resta|restano|rimane|rimangono)\s+(?:\w+\s+)?$", re.I)


def _ongoing_tense(text: str, pos: int) -> str | None:
    """"sono ammassati" is a present state, "hanno ammassato" / "sono stati ammassati" a past act."""
    before = text[max(0, pos - 30):pos]
    if _PERFECT.search(before):
        return "past"
    if _STATIVE.search(before):
        return "present"
    return None


def _previous_sentence(si: int, sents: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    """The sentence before, when it is in the same paragraph (no blank line between)."""
    if si == 0:
        return None
    prev = sents[si - 1]
    return prev if "\n\n" not in text[prev[1]:sents[si][0]] else None


_PAST_SPEECH = re.compile(r"\b(?:ha|hanno|aveva|avevano)\s+(?:\w+\s+)?\w+(?:at|ut|it|ss|tt)[oaie]\b", re.I)


def _reported_past(sent: tuple[int, int], toks: list[Tok], lex: EventLexicon, quotes) -> bool:
    """Was the sentence's statement made in the past ("ha affermato che … chiede")? A demand
    reported that way dates to the statement, not to the reference month."""
    for q in quotes:
        if q.cue and q.cue_start is not None and sent[0] <= q.cue_start < sent[1]:
            return bool(_PAST_SPEECH.search(q.cue)) or q.cue.lower().startswith(("ha ", "hanno "))
    return False


def _since(t: TimeRef, lex: EventLexicon) -> bool:
    """"dal 2017", "sin dal 2014": a starting bound, not the date of the event."""
    if t.end_value:
        return False
    first = re.split(r"[\s'’]+", t.text.lower(), maxsplit=1)[0]
    return first in lex.since


def event_place(clause_span: tuple[int, int], sent: tuple[int, int], places: list[Actor]
                ) -> tuple[str | None, str | None]:
    for a, b in (clause_span, sent):
        for p in places:
            if a <= p.start < b and p.label == "GPE":
                return p.name, p.id
    return None, None


# -- the stage ----------------------------------------------------------------------------------

def find_events(doc: Document, keep_unasserted: bool = False) -> tuple[Event, ...]:
    """All PLOVER events of ``doc``; negated/hypothetical ones only with ``keep_unasserted``."""
    art = doc.article
    lang = art.language if art.language in _languages() else "it"
    lex = lexicon(lang)
    text = art.text
    toks = tokenize(text, lang)
    sents = sentence_spans(text, art.sentences)
    cls = clauses(toks, sents, lex)
    acts, places = actors(doc, toks, lex)
    times = sorted(doc.times, key=lambda t: t.start)
    clause_of = {}
    for c in cls:
        for i in range(c.start_tok, c.end_tok):
            clause_of[i] = c
    events: list[Event] = []
    seen: set[tuple] = set()
    topic: Actor | None = None
    topic_sent = -1
    last_pair: tuple[Actor, Actor] | None = None
    subjects = sentence_subjects(toks, sents, acts, lex)
    cues = find_cues(toks, lex)
    labels = {m.actor_name: m.label for m in doc.mentions}
    done: set[tuple[int, str]] = set()  # (clause start, type) already coded
    denied: set[int] = set()  # clauses whose accusation is denied ("le accuse sono infondate")
    for k, (i, cue) in enumerate(cues):
        clause = clause_of.get(i)
        if clause is None or anaphoric_meeting(i, cue, toks, lex, clause):
            continue
        if cue.type in ("ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "CONSULT", "AGREE") and governed(
                i, cues, k, clause, toks):
            continue
        sent = sents[clause.sentence]
        if clause.sentence != topic_sent:
            prior = [(si, a) for si, a in subjects.items() if si < clause.sentence]
            if prior and prior[-1][0] > topic_sent:
                topic_sent, topic = prior[-1]
        cspan = (toks[clause.start_tok].start, toks[clause.end_tok - 1].end)
        etype, neg = cue.type, negated(i, clause, toks, lex)
        hyp = hypothetical(i, clause, toks, lex, text) and etype != "THREATEN"
        is_noun = nominal(i, cue, toks, text, lex)
        if is_noun and (clause.start_tok, etype) in done:
            continue  # "ha colpito Kiev con missili": one act per clause, the verb's
        group, target = arguments(i, cue, clause, toks, acts, lex, is_noun, places)
        explicit = bool(group)
        extra_targets: list[Actor] = []
        if (cue.mutual and last_pair is not None and not any(clause.start_tok <= a.tok < i for a in acts)
                and _window(toks, clause.start_tok, i) & lex.participants):
            group, target = [last_pair[0]], last_pair[1]  # "i due leader hanno discusso"
        if cue.evaluative and clause.start_tok in denied:
            continue
        if (etype == "DISAPPROVE" and is_noun and toks[i].low in lex.accusation_nouns
                and _window(toks, i + 1, clause.end_tok) & lex.denial_words):
            # "le accuse contro X sono infondate, ha detto Y": Y denies; no accuser is named.
            spk = _speaker_actor(toks[i].start, sent, toks, acts, lex, doc.quotes)
            if spk is None:
                continue
            etype, group, target, explicit = "REJECT", [spk], None, False
            denied.add(clause.start_tok)
        elif cue.evaluative:
            spk = _speaker_actor(toks[i].start, sent, toks, acts, lex, doc.quotes)
            if spk is None and topic is not None and clause.sentence - topic_sent <= 1:
                spk = topic
            if spk is None:
                continue
            about = _about(i, clause, toks, acts, lex, spk.name)
            group, target, explicit = [spk], about, False
        elif cue.speaker_source:
            spk = _speaker_actor(toks[i].start, sent, toks, acts, lex, doc.quotes)
            if spk is None or (group and spk.name == group[0].name):
                continue
            extra_targets = group[1:]  # "Ucraina e Russia devono …": a demand on each
            group, target, explicit = [spk], (group[0] if group else target), False
        if neg and (etype in HOSTILE or etype == "MOBILIZE" or denial_frame(i, clause, toks, lex)):
            # A denial in reported speech: the speaker rejects; a pledge not to deploy concedes.
            if etype == "MOBILIZE":
                etype, neg, hyp = "CONCEDE", False, False
            else:
                spk = _speaker_actor(toks[i].start, sent, toks, acts, lex, doc.quotes) or (
                    group[0] if group else None)
                etype, neg, hyp = "REJECT", False, False
                group, target = ([spk] if spk else []), None
        if cue.type == etype and _INFINITIVE.match(toks[i].low) and (
                etype in ("ASSAULT", "COERCE") or etype == "MOBILIZE" and toks[i - 1].low == "di"):
            hyp = True  # "piani per invadere", "proposto di schierare": not an act
        if cue.mutual and target is None and (len(group) <= 1) and last_pair and (
                _window(toks, clause.start_tok, clause.end_tok) & lex.participants):
            group, target = [last_pair[0]], last_pair[1]  # "i Presidenti hanno convenuto"
        speechlike = not is_noun or etype in SPEECH_ACTS
        if not group:
            spk = None
            physical = is_noun and etype in (HOSTILE | {"MOBILIZE"}) - {"THREATEN"}
            if not physical and (speechlike or quote_speaker(toks[i].start, doc.quotes)[0]):
                spk = _speaker_actor(toks[i].start, sent, toks, acts, lex, doc.quotes)
                if (spk is not None and topic is not None and topic.label == "PER"
                        and labels.get(spk.name) != "PER" and clause.sentence - topic_sent <= 2
                        and (_window(toks, clause.start_tok, i) & lex.role_nouns
                             or not any(sent[0] <= a.start < toks[i].start for a in acts))):
                    # "Il segretario di Stato ha chiesto …" inside a ministry's statement: the
                    # act is the secretary's (the topic), not the ministry's.
                    spk = topic
                if spk is None and speechlike and topic is not None and clause.sentence - topic_sent <= 2:
                    spk = topic
            group = [spk] if spk else []
            if target is not None and spk is not None and target.name == spk.name:
                target = None
        if not group:
            continue
        if etype == "MOBILIZE" and cue.type == "MOBILIZE":
            # troops are massed *against* a border or territory, not against whoever is named
            # near them ("nel quadro della NATO", "in Bielorussia" is where, not whom)
            target = _border_target(sent, toks, acts, lex, {a.name for a in group}, places)
        if target is None and etype in SPEECH_ACTS and etype != "REJECT":
            target = _later_target(i, sent, toks, acts, lex, {a.name for a in group})
            if target is None and etype == "DISAPPROVE":
                target = _earlier_target(i, sent, toks, acts, lex, {a.name for a in group})
        if cue.mutual and target is None and etype in ("CONSULT", "AGREE") and len(group) == 1:
            continue  # a meeting or an agreement needs two parties; one alone is a mention
        if explicit and not is_noun:
            topic, topic_sent = group[0], clause.sentence
        if (neg or hyp) and not keep_unasserted:
            continue
        date, precision = event_date(toks[i].start, cspan, sent, times, cue, text,
                                     art.sentences, art.published, lex,
                                     bool(_window(toks, clause.start_tok, clause.end_tok) & lex.indefinite_past),
                                     _previous_sentence(clause.sentence, sents, text),
                                     _reported_past(sent, toks, lex, doc.quotes))
        place, place_id = event_place(cspan, sent, places)
        if etype == "CONSULT":
            group, target = _bilateral(group, target)
        if cue.mutual and target is not None and len(group) == 1:
            last_pair = (group[0], target)
        if target is not None and etype not in ("CONSULT", "AGREE"):
            # "colloqui con i presidenti A e B": one event per coordinated target
            more = _group_right([a for a in acts if a.tok >= target.tok], toks, lex)[1:]
            extra_targets += [a for a in more if a.name not in {g.name for g in group}]
        targets = [target, *extra_targets]
        if etype in ("COOPERATE", "SUPPORT", "AID") and explicit:
            between = _between_pair(i, clause, toks, acts, lex)
            if between and all(b.name not in {a.name for a in group} for b in between):
                targets = between  # "disponibile a ospitare un confronto tra A e B"
        for src, target in ((g, t) for g in group for t in targets):
            tgt = target if target is None or target.name != src.name else None
            key = (etype, frozenset({src.name, tgt.name if tgt else None}), date)
            if key in seen:
                continue
            seen.add(key)
            done.add((clause.start_tok, etype))
            events.append(Event(
                etype, cspan[0], cspan[1], text[cspan[0]:cspan[1]], src.id, src.name,
                tgt.id if tgt else None, tgt.name if tgt else None, date, precision, place_id, place,
                toks[i].low, cue.mode, neg, hyp, STAGE, 0.6 if (neg or hyp) else 0.7))
    return clean(events, doc.mentions, lex.demonyms, text, doc.quotes, lex.institutions or {})


_BILATERAL = re.compile(r"^([\w.]+)-([\w.]+) (?:Council|Commission|Committee|Summit|Forum)$")


def _bilateral(group: list[Actor], target: Actor | None) -> tuple[list[Actor], Actor | None]:
    """A meeting of a joint body ("Consiglio NATO-Russia") is a meeting of its two parties."""
    for a in [*group, target]:
        m = _BILATERAL.match(a.name) if a is not None else None
        if m:
            x, y = m.group(1), m.group(2)
            return [Actor(a.start, a.end, x, None, "ORG", a.tok)], Actor(a.start, a.end, y, None, "GPE", a.tok)
    return group, target


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
                   exclude: set[str], places: list[Actor] = ()) -> Actor | None:
    """Troops massed "al confine con l'Ucraina" or "sul territorio ucraino" are mobilised
    against Ukraine."""
    lo, hi = _tok_index(toks, sent[0]), _tok_index(toks, sent[1])
    bare = False
    for j in range(lo, hi):
        if toks[j].lemma in _FRONTIER or toks[j].low in _FRONTIER:
            bare = True
            nxt = toks[j + 1].low if j + 1 < len(toks) else ""
            if nxt in lex.demonyms and lex.demonyms[nxt] not in exclude:  # "territorio ucraino"
                return Actor(toks[j + 1].start, toks[j + 1].end, lex.demonyms[nxt], None, "GPE", j + 1)
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


def _speaker_actor(pos, sent, toks, acts, lex, quotes) -> Actor | None:
    name, aid = quote_speaker(pos, quotes)
    if name:
        return Actor(pos, pos, name, aid, "PER", 0)
    return sentence_speaker(sent, toks, acts, lex, quotes)


def annotate(doc: Document) -> Document:
    """Stage entry point: fill ``doc.events`` (asserted events only)."""
    return replace(doc, events=find_events(doc))


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    base = resources.files("cronaca.resources").joinpath("lexicons")
    return frozenset(p.name for p in base.iterdir() if p.joinpath("events.json").is_file())


__all__ = ["STAGE", "annotate", "find_events", "lexicon"]

