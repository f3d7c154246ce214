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
   A meeting announced with no parties ("i colloqui si svolgeranno a Ginevra il 9 gennaio", a
   future verb and a date of its own) is held by a joint body's members ("nell'ambito del
   Consiglio Russia-Nato"), by the article's main side and a hosting body ("in seno all'Osce",
   "consultazioni presso la sede dell'Osce"), else by the states of the article's last pair;
   "prima … e poi …" gives one meeting per stage.
6. **Dedup** on PLOVER's identity key (type, {source, target}, date): several sentences about one
   instance make one event, the first (earliest) evidence kept.
7. **Document filters** (:mod:`cronaca.nlp.eventfilters`): a person and their own state are one
   side (no "Putin meets Russia"); an act a named person reports for their side is theirs
   ("L'Ue sostiene … Lo ha ribadito Borrell"); a rejection aimed at the accused answers the
   accuser; an untargeted repeat of a targeted act is dropped.

Modules: :mod:`~cronaca.nlp.eventlex` (lexicon, tokens, clauses, actors, role re-mentions),
:mod:`~cronaca.nlp.eventcues` (cues and assertion), :mod:`~cronaca.nlp.eventargs` (source and
target), :mod:`~cronaca.nlp.eventfilters`; this module holds the cascade and the stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from ..types import Document, Event, Quote, TimeRef
from .aspect import aspect
from .eventargs import (
    _about,
    _between_pair,
    _border_target,
    _earlier_target,
    _group_right,
    _later_target,
    _person,
    arguments,
    attachment,
    forum_target,
    host_target,
    sentence_subjects,
)
from .eventcues import (
    _INFINITIVE,
    _window,
    anaphoric_meeting,
    denial_frame,
    find_cues,
    governed,
    hypothetical,
    negated,
    nominal,
)
from .eventfilters import affiliations, clean
from .eventlex import (  # noqa: F401
    HOSTILE,
    SPEECH_ACTS,
    Actor,
    Cue,
    EventLexicon,
    Tok,
    _lemma,
    _tok_index,
    actors,
    clauses,
    lexicon,
    sentence_spans,
    tokenize,
)
from .times import parse_published, tense

STAGE = "cronaca.events.rules.v1"


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
        t = aspect(text, pos) or ("past" if reported_past else t)
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




def _previous_sentence(si: int, sents: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    """The sentence before, when it is in the same paragraph (no blank line between)."""
    if si == 0:
        return None
    prev = sents[si - 1]
    return prev if "\n\n" not in text[prev[1]:sents[si][0]] else None


_PAST_SPEECH = re.compile(r"\b(?:ha|hanno|aveva|avevano)\s+(?:\w+\s+)?\w+(?:at|ut|it|ss|tt)[oaie]\b", re.IGNORECASE)


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
    acts, places = actors(doc, toks, lex, lang)
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
    scheduled: list[tuple] = []  # "i colloqui si svolgeranno a Ginevra": parties from context
    for k, (i, cue) in enumerate(cues):
        clause = clause_of.get(i)
        if clause is None:
            continue
        if anaphoric_meeting(i, cue, toks, lex, clause):
            if last_pair is not None and _FUTURE.search(text, toks[clause.start_tok].start, toks[clause.end_tok - 1].end):
                scheduled.append((i, cue, clause, last_pair))
            continue
        if cue.type in ("ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "CONSULT", "AGREE") and governed(
                i, cues, k, clause, toks) and not _troops_state(i, cue, toks, lex):
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
        group, target = arguments(i, cue, clause, toks, acts, lex, is_noun, places)
        body = _hosting_body(i, clause, toks, acts) if etype == "CONSULT" and is_noun else None
        if body is not None and last_pair is not None:
            # "consultazioni presso la sede dell'Osce": the body and the article's main side
            main = _main_side(_pair_states(last_pair, doc, lex, text), doc)
            if main is not None and main.name != body.name:
                group, target = [main], body
                cspan = (toks[i].start, cspan[1])  # its own meeting, not the clause's first
        if is_noun and (clause.start_tok, etype) in done and not (
                etype == "CONSULT" and (body is not None or any(_BILATERAL.match(a.name) for a in group))):
            # "ha colpito Kiev con missili": one act per clause, the verb's; a joint body's
            # meeting ("seguiti da una riunione del Consiglio Nato-Russia") is another one
            continue
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
                             or not any(sent[0] <= a.start < toks[i].start and attachment(
                                 a, toks, lex, clause.start_tok) == "free" for a in acts))):
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
            target = _border_target(sent, toks, acts, lex, {a.name for a in group}, places, i)
        if target is None and etype in SPEECH_ACTS and etype != "REJECT":
            target = _later_target(i, sent, toks, acts, lex, {a.name for a in group})
            if target is None and etype == "DISAPPROVE":
                target = _earlier_target(i, sent, toks, acts, lex, {a.name for a in group})
        if target is None and len(group) == 1 and (
                etype in SPEECH_ACTS - {"REJECT"} or etype == "COOPERATE" and cue.mutual):
            # "X a Mosca chiederà …", "esercitazione congiunta in Bielorussia": the host state
            target = host_target(i, sent, toks, places, group[0], lex, lang, etype != "COOPERATE")
            if target is None and etype != "COOPERATE":
                target = forum_target(i, clause, toks, acts, lex, group[0])
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
        if etype == "CONSULT" and len(group) == 2 and target is not None and _BILATERAL.match(target.name):
            # "Russia e Usa hanno tenuto colloqui, seguiti da una riunione del Consiglio Nato-Russia":
            # the joint body is the next meeting's; this one is between the two subjects
            group, target = [group[0]], group[1]
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
    for i, cue, clause, pair in scheduled:
        sides = _pair_states(pair, doc, lex, text)
        if sides is None:
            continue
        main = _main_side(sides, doc)
        sides = (main, sides[1] if sides[0] is main else sides[0])  # main side first
        for a, b in _segments(i, clause, toks):
            src, tgt = _meeting_parties(a, b, toks, acts, lex, sides)
            if src is None or tgt is None or src.name == tgt.name:
                continue
            span = (toks[a].start, toks[b - 1].end)
            if not _refs_in(times, *span):
                continue  # no date of its own: a re-mention of the meeting already coded
            date, precision = event_date(toks[i].start if a <= i else span[0], span, span, times, cue,
                                         text, art.sentences, art.published, lex, False, None, False)
            key = ("CONSULT", frozenset({src.name, tgt.name}), date)
            if key in seen:
                continue
            seen.add(key)
            place, place_id = event_place(span, span, places)
            events.append(Event(
                "CONSULT", span[0], span[1], text[span[0]:span[1]], src.id, src.name, tgt.id, tgt.name,
                date, precision, place_id, place, toks[i].low, cue.mode, False, False, STAGE, 0.6))
    return clean(events, doc.mentions, lex.demonyms, text, doc.quotes, lex.institutions or {},
                 lex.format_words)


#: A future verb ("si svolgeranno", "inizieranno", "si terrà"): a meeting announced, not recalled.
_FUTURE = re.compile(r"\b\w+(?:rà|ranno)\b", re.IGNORECASE)
#: Words that open the next stage of a schedule ("prima a Ginevra … e poi a Bruxelles").
_NEXT_STAGE = frozenset({"poi", "successivamente", "infine", "quindi"})
#: "in seno all'Osce", "presso l'Osce": the body hosting the talks is the other party.
_WITHIN = frozenset({"seno", "presso", "nell'ambito", "ambito"})


def _hosting_body(i: int, clause, toks: list[Tok], acts: list[Actor]) -> Actor | None:
    """The organisation hosting a meeting: "presso (la sede di Vienna del)l'Osce", "in seno a"."""
    for k in range(i + 1, min(i + 3, clause.end_tok)):
        if toks[k].low in _WITHIN:
            return next((x for x in acts if k < x.tok <= k + 8 and x.tok < clause.end_tok
                         and x.label == "ORG" and not _BILATERAL.match(x.name)), None)
    return None


def _main_side(sides: tuple[Actor, Actor] | None, doc: Document) -> Actor | None:
    """Of the two sides, the one the article names most: the protagonist whose talks with a
    hosting body ("in seno all'Osce") the article reports."""
    if sides is None:
        return None
    counts: dict[str, int] = {}
    for m in doc.mentions:
        counts[m.actor_name] = counts.get(m.actor_name, 0) + 1
    return max(sides, key=lambda a: (a.label == "GPE", counts.get(a.name, 0)))


def _pair_states(pair: tuple[Actor, Actor], doc: Document, lex: EventLexicon, text: str
                 ) -> tuple[Actor, Actor] | None:
    """The two sides of the article's last meeting, as states: talks announced by two leaders are
    held by their countries' delegations, not by the leaders themselves."""
    sides = affiliations(doc.mentions, lex.demonyms, text)
    out = []
    for a in pair:
        if a.label != "PER":
            out.append(a)
            continue
        states = sorted(sides.get(a.name, ()))
        out.append(Actor(a.start, a.end, states[0], None, "GPE", a.tok) if len(states) == 1 else None)
    if out.count(None) == 1:
        # one leader with no stated country ("Vladimir Putin"): the state the article names most
        # besides the other side's
        known = next(x for x in out if x is not None)
        counts: dict[str, int] = {}
        for m in doc.mentions:
            if m.label == "GPE" and m.actor_name != known.name:
                counts[m.actor_name] = counts.get(m.actor_name, 0) + 1
        if not counts:
            return None
        k = out.index(None)
        out[k] = Actor(pair[k].start, pair[k].end, max(counts, key=counts.get), None, "GPE", pair[k].tok)
    if None in out:
        return None
    return (out[0], out[1]) if out[0].name != out[1].name else None


def _segments(i: int, clause, toks: list[Tok]) -> list[tuple[int, int]]:
    """The clause from its start cut before each "poi"/"infine": one schedule stage each."""
    cuts = [k for k in range(i + 1, clause.end_tok) if toks[k].low in _NEXT_STAGE]
    bounds = [clause.start_tok, *cuts, clause.end_tok]
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _meeting_parties(a: int, b: int, toks: list[Tok], acts: list[Actor], lex: EventLexicon,
                     sides: tuple[Actor, Actor]) -> tuple[Actor | None, Actor | None]:
    """Parties of a partyless meeting in tokens a..b: a joint body's two members ("nell'ambito
    del Consiglio Russia-Nato"), the article's main side and the hosting body ("in seno
    all'Osce"), else the article's bilateral pair."""
    inside = [x for x in acts if a <= x.tok < b]
    for x in inside:
        if _BILATERAL.match(x.name):
            g, t = _bilateral([x], None)
            return g[0], t
    for k in range(a, b):
        if toks[k].low in _WITHIN:
            body = next((x for x in inside if k < x.tok <= k + 4 and x.label == "ORG"), None)
            if body is not None:
                return sides[0], body
    if any(x.label in ("GPE", "ORG", "PER") for x in inside):
        return None, None  # someone else is named: not the pair's talks
    return sides


_BILATERAL = re.compile(r"^([\w.]+)-([\w.]+) (?:Council|Commission|Committee|Summit|Forum)$")


def _bilateral(group: list[Actor], target: Actor | None) -> tuple[list[Actor], Actor | None]:
    """A meeting of a joint body ("Consiglio NATO-Russia") is a meeting of its two parties."""
    for a in [*group, target]:
        m = _BILATERAL.match(a.name) if a is not None else None
        if m:
            x, y = m.group(1), m.group(2)
            return [Actor(a.start, a.end, x, None, "ORG", a.tok)], Actor(a.start, a.end, y, None, "GPE", a.tok)
    return group, target


def _troops_state(i: int, cue, toks, lex) -> bool:
    """"ha esortato Mosca a ritirare le truppe ammassate al confine": a participle right after a
    troop noun describes a build-up that exists, not the act asked for; it is coded even inside
    the complement of a speech act."""
    return cue.type == "MOBILIZE" and i > 0 and toks[i - 1].low in lex.troop_nouns \
        and toks[i].low.endswith(("ati", "ate", "ito", "iti", "ite"))


def _speaker_actor(pos, sent, toks, acts, lex, quotes) -> Actor | None:
    name, aid = quote_speaker(pos, quotes)
    if name:
        return Actor(pos, pos, name, aid, "PER", 0)
    return sentence_speaker(sent, toks, acts, lex, quotes)


def annotate(doc: Document) -> Document:
    """Stage entry point: fill ``doc.events`` (asserted events only)."""
    return replace(doc, events=tuple(with_actor_ids(find_events(doc), doc)))


def with_actor_ids(events: Iterable[Event], doc: Document) -> list[Event]:
    """Give every named source and target its actor id.

    Some events name their parties through a joint body ("Consiglio NATO-Russia" -> NATO and
    Russia) and carry canonical names only; the linker merges events across articles by actor id,
    so the ids come from the article's own mentions, else from the knowledge base.
    """
    from ..resources.actors import load_kb

    ids = {m.actor_name: m.actor_id for m in doc.mentions}

    def actor_id(name: str | None, known: str | None) -> str | None:
        if known or not name:
            return known
        if name not in ids:
            kb = load_kb(doc.article.language)
            found = [e.actor_id for e in kb.lookup(name) if e.curated] or \
                [a.id for a in kb.actors.values() if a.name == name]
            ids[name] = found[0] if found else None
        return ids[name]

    return [replace(e, source_id=actor_id(e.source, e.source_id), target_id=actor_id(e.target, e.target_id))
            for e in events]


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    base = resources.files("cronaca.resources").joinpath("lexicons")
    return frozenset(p.name for p in base.iterdir() if p.joinpath("events.json").is_file())


__all__ = ["STAGE", "annotate", "find_events", "lexicon"]
