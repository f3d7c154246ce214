"""PLOVER events: who did what to whom, when and where (stage ``cronaca.events.frames.v2``).

One pass, on the clause analysis that the quote stage shares (:mod:`cronaca.nlp.syntax`):

1. :mod:`~.predicates` — the verbs and nouns that announce an event, by the language's frame
   lexicon (``resources/lexicons/<lang>/event_frames.json``);
2. :mod:`~.assertion` — whether each is asserted (not negated, conditional, hypothetical, or the
   content of a request or an intention);
3. :mod:`~.arguments` — source and target from the clause's grammar: subject / passive agent /
   inherited subject, object, prepositional complements, a noun's own phrase;
4. :mod:`~.dating` — the date from the text (own time expression, sentence, the day's news at the
   publication date's precision), never guessed;
5. :mod:`~.filters` — one event per PLOVER identity, no event between a person and their own side.

A compound party ("Francia e Germania") gives one event per member. The place is a city or
region named under "a"/"in" in the clause. Negated and hypothetical events are kept (flagged) for
analysts who want them; the gold sense of "event" leaves them out.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from ...types import Document, Event
from ..syntax import Analysis, analyse, demonyms, syntax_lexicon
from .arguments import home_country, is_city
from .candidates import Candidate, predicate_candidates, quote_candidates
from .dating import event_date, quote_date, same_instance
from .filters import affiliations, clean
from .lexicon import frame_lexicon
from .model import EventModel, load_model

STAGE = "cronaca.events.frames.v2"

__all__ = ["STAGE", "annotate", "annotate_with", "candidates", "find_events", "select"]


def _place(an: Analysis, clause: int, doc: Document, starts: list[int]) -> tuple[str | None, str | None]:
    """A city or region named under "a"/"in" in the clause ("a Ginevra", "nella capitale");
    ``starts`` are the mentions' starts, in order."""
    c = an.clauses[clause]
    lo, hi = an.tokens[c.start_tok].start, an.tokens[c.end_tok - 1].end
    for m in doc.mentions[bisect_left(starts, lo):bisect_left(starts, hi)]:
        if m.label in ("GPE", "LOC"):
            before = doc.article.text[max(0, m.start - 6):m.start].lower()
            if before.rstrip().endswith((" a", " in", "nella", "nel", " ad", "all'", "all’", "presso")):
                return m.actor_name, m.actor_id
    return None, None


def candidates(doc: Document) -> tuple[Analysis, list[Candidate]]:
    """The analysis of ``doc`` and every candidate event in it (:mod:`~.candidates`)."""
    art = doc.article
    lang = _lang(art.language)
    if any(a.start > b.start for a, b in zip(doc.quotes, doc.quotes[1:])):
        doc = replace(doc, quotes=tuple(sorted(doc.quotes, key=lambda q: q.start)))
    an = analyse(doc)
    lex = frame_lexicon(lang)
    cands = predicate_candidates(doc, an, lex, syntax_lexicon(lang))
    cands += quote_candidates(doc, an, lex.stance_words, syntax_lexicon(lang), lex)
    sides = affiliations(doc.mentions, demonyms(lang), art.text)
    return an, _places(_other_side(_named(an, _no_media(cands, lang)), sides))


def _no_media(cands: list[Candidate], lang: str) -> list[Candidate]:
    """Mark ``no_act`` the readings with a news organisation for a party (the actor data's
    ``media``): an outlet or an agency reports acts ("citato dalla Tass", "scrive al Jazeera",
    "riferisce il Times"), it is neither who acts nor whom an act is aimed at."""
    from ...resources.actors import load_kb
    from ..names import NEWS_PREFIX

    media = load_kb(lang).media

    def news(aid: str) -> bool:
        return aid in media or bool(aid and aid.startswith(NEWS_PREFIX))

    for c in cands:
        if news(c.source.actor_id) or c.target is not None and news(c.target.actor_id):
            c.no_act = True
    return cands


def _named(an: Analysis, cands: list[Candidate]) -> list[Candidate]:
    """Drop the readings with a pronoun for a party ("lui", "loro"): a subject pronoun stands for
    the topic when the syntax finds one (:func:`~..syntax.arguments.inherit`); one left as it is
    names no actor, and a reading with it as a party is an event of nobody."""
    pronouns = {u.name for u in an.units if u.kind == "pronoun"}
    if not pronouns:
        return cands
    return [c for c in cands if c.source.name not in pronouns and (c.target is None or c.target.name not in pronouns)]


def _other_side(cands: list[Candidate], sides: dict[str, set[str]]) -> list[Candidate]:
    """Mark the readings whose target is the source's own side: a person and the state the
    article says they serve (:mod:`~.filters`), or the country of a person of the actor data, are
    one party, so "Putin -> Russia" ends as an untargeted event. The model learns from the mark
    how little such a reading says, so that one naming the real other party can win."""
    for c in cands:
        t = c.target
        if t is not None and (t.name in sides.get(c.source.name, ()) or c.source.name in sides.get(t.name, ())
                              or t.name == home_country(c.source.actor_id)
                              or c.source.name == home_country(t.actor_id)):
            c.features = [*c.features, "own_side", f"own_side|{c.type}"]
    return cands


def _places(cands: list[Candidate]) -> list[Candidate]:
    """Mark the readings with a town or city as a party (one the text names as a place, not as
    its government: "Mosca" acting is Russia already): a place is where an act happens, rarely
    who acts or whom it is aimed at, and the model learns how rarely."""
    for c in cands:
        if is_city(c.source.actor_id):
            c.features = [*c.features, "src_city"]
        if c.target is not None and is_city(c.target.actor_id):
            c.features = [*c.features, "tgt_city", f"tgt_city|{c.type}"]
    return cands


def select(cands: list[Candidate], model: EventModel | None, keep_unasserted: bool = False) -> list[tuple[Candidate, float]]:
    """The candidates that are events.

    With a model: per predicate (or quotation) and type, the best-scoring reading when it reaches
    the model's threshold, and the readings that differ from it only by a coordinated party ("A e
    B hanno firmato": one event each) and reach it too: those of the same shape (how each party
    was found) and, when the best is one of the rules' own readings, the rules' other readings (a
    meeting of "A e B" with "C e D" pairs each of A, B with each of C, D, found by other rules). A predicate is one act: its other
    readings are alternatives, not more events. A reading of an act addressed to someone with
    no addressee (``Candidate.unaddressed``) is not among them. Without a model: the primary
    readings of asserted predicates."""
    if model is None:
        return [(c, 0.6) for c in cands if c.primary and not c.no_act
                and (keep_unasserted or not (c.negated or c.hypothetical))]
    groups: dict[tuple[int, str, bool], list[tuple[Candidate, float]]] = {}
    shared: dict[int, float] = {}  # id of a cue's shared features -> their summed weights
    for c in cands:
        if (c.negated or c.hypothetical) and not keep_unasserted or c.no_act or c.unaddressed:
            continue  # an act that did not happen, or no act at all, is no event, whatever the score;
            # nor an act addressed to someone read without its addressee (the cue's other readings compete)
        k = id(c.shared)
        base = shared.get(k)
        if base is None:
            base = shared[k] = model.partial(c.shared)
        groups.setdefault((c.tok, c.type, c.predicate is None), []).append((c, model.score(c.features, base)))
    out = []
    for members in groups.values():
        members.sort(key=lambda x: -x[1])
        best, p = members[0]
        if p < model.threshold:
            if keep_unasserted and best.primary and (best.negated or best.hypothetical):
                out.append((best, p))
            continue
        out.append((best, p))
        for c, q in members[1:]:
            if q >= model.threshold and (best.primary and c.primary or c.source.how == best.source.how and (
                    (c.target.how if c.target else None) == (best.target.how if best.target else None))):
                out.append((c, q))
    return out


def find_events(doc: Document, keep_unasserted: bool = False, model: EventModel | None | bool = True) -> list[Event]:
    """All events of ``doc``; negated and hypothetical ones only with ``keep_unasserted``.
    ``model=True`` uses the language's trained model when it has one; None forces the rules."""
    art = doc.article
    lang = _lang(art.language)
    text = art.text
    an, cands = candidates(doc)
    chosen = select(cands, load_model(lang) if model is True else (model or None), keep_unasserted)
    times = sorted(doc.times, key=lambda t: t.start)
    starts = [m.start for m in doc.mentions]
    if starts != sorted(starts):
        doc = replace(doc, mentions=tuple(sorted(doc.mentions, key=lambda m: m.start)))
        starts = [m.start for m in doc.mentions]
    out: list[Event] = []
    for c, p in chosen:
        if c.clause < 0:
            continue
        cl = an.clauses[c.clause]
        if c.predicate is not None:
            date, precision, rule = event_date(an, c.predicate, times, art.published, lang, _parties(c))
            cue = text[an.tokens[c.predicate.tok].start:an.tokens[c.predicate.end_tok - 1].end]
            mode = c.predicate.frame.mode
        else:
            date, precision, rule = quote_date(an, c.clause, times, art.published, lang)
            cue, mode = None, None
        place, place_id = _place(an, c.clause, doc, starts)
        a, b = an.tokens[cl.start_tok].start, an.tokens[cl.end_tok - 1].end
        tgt = c.target
        out.append(Event(
            c.type, a, b, text[a:b], c.source.actor_id, c.source.name,
            tgt.actor_id if tgt else None, tgt.name if tgt else None, date, precision,
            place_id, place, cue, mode, c.negated, c.hypothetical, STAGE, round(p, 3),
            rule if date is not None else None))
    out.sort(key=lambda e: (e.start, -e.confidence))
    return same_instance(clean(out, doc.mentions, demonyms(lang), text), art.published)


def _parties(c: Candidate) -> set[str]:
    """The canonical names of a reading's parties and of the countries they serve."""
    out: set[str] = set()
    for party in (c.source, c.target):
        if party is not None:
            out.add(party.name)
            home = home_country(party.actor_id)
            if home:
                out.add(home)
    return out


def _lang(language: str) -> str:
    return language if language in _languages() else "it"


def annotate(doc: Document) -> Document:
    """Stage entry point: fill ``doc.events``."""
    return replace(doc, events=tuple(with_actor_ids(find_events(doc), doc)))


def annotate_with(doc: Document, model: EventModel | None) -> Document:
    """The stage with another model (cross-validation, experiments); None for the rules alone."""
    return replace(doc, events=tuple(with_actor_ids(find_events(doc, model=model), doc)))


def with_actor_ids(events: list[Event], doc: Document) -> list[Event]:
    """Give every named party its actor id: from the article's mentions, else the knowledge
    base (quotation speakers and demonyms carry a canonical name only); the linker merges
    events across articles by id."""
    from ...resources.actors import load_kb

    ids = {m.actor_name: m.actor_id for m in doc.mentions}

    def actor_id(name: str | None, known: str | None) -> str | None:
        if known or not name:
            return known
        if name not in ids:
            lang = _lang(doc.article.language)
            found = [e.actor_id for e in load_kb(lang).lookup(name) if e.curated]
            ids[name] = found[0] if found else _canonical_ids(lang).get(name)
        return ids[name]

    return [replace(e, source_id=actor_id(e.source, e.source_id), target_id=actor_id(e.target, e.target_id))
            for e in events]


@lru_cache(maxsize=8)
def _canonical_ids(lang: str) -> dict[str, str]:
    """Canonical name -> actor id in the knowledge base (built once per process)."""
    from ...resources.actors import load_kb

    out: dict[str, str] = {}
    for a in load_kb(lang).actors.values():
        out.setdefault(a.name, a.id)
    return out


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    base = resources.files("cronaca.resources").joinpath("lexicons")
    return frozenset(p.name for p in base.iterdir() if p.joinpath("event_frames.json").is_file())
