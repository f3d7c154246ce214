"""The event stage's view of a document: cue lexicon, tokens, clauses and actor occurrences.

Shared by :mod:`cronaca.nlp.eventcues` (cue finding), :mod:`cronaca.nlp.eventargs` (argument
attachment) and :mod:`cronaca.nlp.events` (the stage). The lexicon is a data file
(``resources/lexicons/<lang>/events.json``) loaded once per process.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import simplemma

from ..errors import ResourceError
from ..types import Document, Span

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
    act_nouns: frozenset[str] = frozenset()  # forms of nominal cues ("richieste", "invasione")
    format_words: frozenset[str] = frozenset()  # last word of a negotiating format's actor name
    quantifiers: frozenset[str] = frozenset()  # "da tutti i membri dell'Ue": heads of an agent phrase
    including: frozenset[str] = frozenset()  # "compreso Borrell": a named member of the agent
    troop_nouns: frozenset[str] = frozenset()  # "truppe ammassate": a build-up described as a state
    #: "alla riunione del Consiglio di sicurezza ha chiesto …": a speech made to a body's meeting
    forum_nouns: frozenset[str] = frozenset()
    #: "la sede di Vienna", "il vertice di Bucarest": nouns after which "di" + a city is a place
    venue_nouns: frozenset[str] = frozenset()
    #: "seguito da", "poi": what follows is a later step, not on the day just named
    sequence_markers: frozenset[str] = frozenset()


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
    fz = lambda k: frozenset(w.lower() for w in raw.get(k, ()))
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
        dict(raw.get("institutions", {})),
        frozenset(w for w, cs in index.items() if any(c.pos == "noun" for c in cs)),
        fz("format_words"), fz("quantifiers"), fz("including"), fz("troop_nouns"),
        fz("forum_nouns"), fz("venue_nouns"), fz("sequence_markers"))


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
    #: an adjective standing for its country ("russe"), not a name: "l'invasione russa" names
    #: the agent, while "l'invasione dell'Ucraina" (a name, though spelled like "ucraina") the victim
    demonym: bool = False


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


def actor_kb(lang: str):
    """The actor knowledge base of ``lang`` (cached per process), or ``None`` without one."""
    from ..resources.actors import load_kb
    try:
        return load_kb(lang)
    except (ResourceError, OSError):  # a language without actor data only loses this refinement
        return None


def _venue_of(i: int, toks: list[Tok], lex: EventLexicon) -> bool:
    """Is token ``i`` the "X" of "la sede di X", "il vertice di X" (a venue, then "di")?"""
    return i > 1 and toks[i - 1].low in lex.genitive and toks[i - 2].low in lex.venue_nouns


def _is_city(actor_id: str | None, lang: str) -> bool:
    """A town or city of the knowledge base (it has a country), not a state: "il vertice di
    Bucarest" is a place, while "i colloqui di Russia e Stati Uniti" name the parties."""
    kb = actor_kb(lang)
    row = kb.get(actor_id) if kb is not None and actor_id else None
    return row is not None and row.kind == "GPE" and row.country is not None


def actors(doc: Document, toks: list[Tok], lex: EventLexicon,
           lang: str = "it") -> tuple[list[Actor], list[Actor]]:
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
        if m.label == "GPE" and _venue_of(i, toks, lex) and _is_city(m.actor_id, lang):
            places.append(a)  # "la sede di Vienna dell'OSCE", "il vertice di Bucarest"
            continue
        if m.label == "ORG" and any(toks[j].low in lex.media_markers for j in range(max(0, i - 3), i)):
            continue  # "ricorda la Tass", "il quotidiano The Times": who reports, not who acts
        acts.append(a)
    covered = {i for a in acts for i in range(a.tok, _tok_index(toks, a.end))}
    nouns = lex.act_nouns
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
        # "le proposte di sicurezza russe": a demonym qualifying an act noun is its agent
        of_act = any(toks[j].low in nouns for j in range(max(0, i - 3), i))
        if people or of_act or any(w in lex.actor_nouns for w in back) or (
                prev_was_actor and back and back[-1] in ("e", "ed")):
            acts.append(Actor(t.start, t.end, name, by_name.get(name), "GPE", i, demonym=True))
            prev_was_actor = True
        else:
            prev_was_actor = False
    acts += role_mentions(doc, toks, lex, acts)
    acts.sort(key=lambda a: a.start)
    return acts, places


def role_mentions(doc: Document, toks: list[Tok], lex: EventLexicon, acts: list[Actor]) -> list[Actor]:
    """"Il segretario di Stato ha chiesto …" after "il segretario di Stato americano Antony
    Blinken": a role that only one person of the article holds refers back to that person
    (the entity stage links names, not descriptions)."""
    holders: dict[str, set[str]] = {}
    ids: dict[str, str] = {}
    for m in doc.mentions:
        if m.label != "PER" or not m.role:
            continue
        ids[m.actor_name] = m.actor_id
        words = _ROLE_WORD.findall(m.role.lower())
        while words and (words[-1] in lex.demonyms or words[-1] in lex.genitive):
            words.pop()
        for key in {" ".join(words), words[0] if words else ""} - {""}:
            holders.setdefault(key, set()).add(m.actor_name)
    if not holders:
        return []
    text = doc.article.text
    low = text.lower()
    taken = [(a.start, a.end) for a in acts]
    people = [m for m in doc.mentions if m.label == "PER"]
    out = []
    for key, names in holders.items():
        if len(names) != 1:
            continue
        (name,) = names
        for x in _occurrences(low, key):
            y = x + len(key)
            if (y < len(low) and low[y].isalnum()) or not _ARTICLE_BEFORE.search(" " + low[max(0, x - 8):x]):
                continue  # a longer word, or no article: not a definite description
            if any(s <= x < e or x <= s < y for s, e in taken):
                continue
            nxt = [p for p in people if y <= p.start <= y + 30]
            if nxt and _NAMED_AFTER.match(text[y:nxt[0].start]) and not _GEN_AFTER.match(text[y:nxt[0].start]):
                continue  # "il segretario di Stato americano Antony Blinken": the name is there
            out.append(Actor(x, y, name, ids.get(name), "PER", _tok_index(toks, x)))
            taken.append((x, y))
    return out


def _occurrences(low: str, key: str) -> list[int]:
    out, i = [], low.find(key)
    while i >= 0:
        out.append(i)
        i = low.find(key, i + 1)
    return out


_ROLE_WORD = re.compile(r"[\w.]+")
_ARTICLE_BEFORE = re.compile(r"\b(?:il|lo|la|l['’]|del|della|dello|al|alla|dal|dalla)\s*$")
_NAMED_AFTER = re.compile(r"^\s*(?:[\w.]+\s+)?,?\s*$")
_GEN_AFTER = re.compile(r"^\s*(?:di|del|della|dello|dei|degli|delle)\s+$", re.IGNORECASE)


#: "con i russi", "gli americani": a plural demonym used as a noun is its country's side.
_PLURAL_ARTICLES = frozenset({"i", "gli", "le", "ai", "agli", "alle", "dai", "dagli", "dalle",
                              "dei", "degli", "delle", "coi"})


def _prev_word(toks: list[Tok], i: int) -> int:
    """Index of the word before token ``i``, skipping elision apostrophes ("dell'Ucraina")."""
    j = i - 1
    while j >= 0 and toks[j].low in ("'", "’"):
        j -= 1
    return j


def _end_tok(toks: list[Tok], a: Actor) -> int:
    return _tok_index(toks, a.end)
