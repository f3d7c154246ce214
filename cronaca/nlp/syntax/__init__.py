"""A shallow analysis of the clauses of a text, shared by the quote and event stages.

Who said something and who did something to whom are the same question asked of a clause: what
is the subject of this verb (through auxiliaries, clitics, modals, pro-drop and passives with
"da"), what is its object, what stands under "con", "a", "tra X e Y", "contro". No parser for
Italian can be installed offline, so this package builds the part of one those stages need:

1. :mod:`~.tagging`: tokens with a coarse part of speech (closed classes from ``syntax.json``,
   verbs by lemma and ending, nouns against verbs by their left neighbour);
2. :mod:`~.units`: the actor phrases (entity mentions with their role words, demonyms standing
   for a country, resolved role descriptions, groups no name designates, subject pronouns) and the
   preposition governing each;
3. :mod:`~.clauses`: clauses, what opened each and which clause it depends on, and their verb
   groups (tense, negation, modality, voice);
4. :mod:`~.arguments`: subject, object, agent, patient and obliques per clause, and the subject a
   clause inherits when it names none (relative antecedent, infinitive controller, coordinated
   or gerund clause, the topic of a pro-drop main clause).

:func:`analyse` is a pure function of a :class:`~cronaca.types.Document` (its text, sentences
and entity mentions). Both stages call it; a small per-process cache keyed by the article id
and its mentions makes the second call free.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ...types import Document, Mention
from ..quotemarks import pair_quotes
from .arguments import assign, inherit
from .clauses import Clause, VerbGroup, segment, verb_groups
from .lexicon import SyntaxLexicon, syntax_lexicon
from .tagging import Token, tag
from .units import Unit, build_units, token_index

__all__ = ["Analysis", "Clause", "Token", "Unit", "VerbGroup", "analyse", "analyse_text", "syntax_lexicon"]


@dataclass(frozen=True, slots=True)
class Analysis:
    tokens: list[Token]
    sentences: list[tuple[int, int]]  # token ranges
    units: list[Unit]
    clauses: list[Clause]
    clause_of: list[int]  # token index -> clause index (-1 for none)
    text: str = ""

    def clause_at(self, tok: int) -> Clause | None:
        ci = self.clause_of[tok] if 0 <= tok < len(self.clause_of) else -1
        return self.clauses[ci] if ci >= 0 else None

    def units_of(self, idx: Sequence[int]) -> list[Unit]:
        return [self.units[i] for i in idx]


@lru_cache(maxsize=8)
def demonyms(lang: str = "it") -> dict[str, str]:
    """Lower-case demonym -> canonical country name, from the actor data and the syntax lexicon."""
    out: dict[str, str] = {}
    try:
        from ...resources.actors import load_kb
        kb = load_kb(lang)
        for dem, aid in kb.demonyms.items():
            actor = kb.actors.get(aid)
            if actor is not None:
                out[dem] = actor.name
    except Exception:  # a language without actor data keeps the lexicon's list
        pass
    for dem, name in syntax_lexicon(lang if lang in _languages() else "it").demonyms.items():
        out.setdefault(dem, name)
    return out


def _sentence_ranges(tokens: list[Token], spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        a, b = token_index(tokens, s), token_index(tokens, e)
        if b > a:
            out.append((a, b))
    return out


def _quotation_map(text: str, tokens: list[Token]) -> list[int]:
    qmap = [-1] * len(tokens)
    for qi, q in enumerate(x for x in pair_quotes(text) if x.depth == 0):
        a, b = token_index(tokens, q.inner_start), token_index(tokens, q.inner_end)
        for k in range(a, b):
            qmap[k] = qi
    return qmap


def analyse_text(text: str, sentence_spans: Sequence[tuple[int, int]], mentions=(), lang: str = "it",
                 extra_units: Sequence[tuple[int, int, str, str | None, str, str]] = (),
                 tokens: list[Token] | None = None) -> Analysis:
    """The analysis of ``text`` given its sentences (character spans) and entity mentions
    (``tokens``: the text already tagged with those mentions as names)."""
    lex: SyntaxLexicon = syntax_lexicon(lang if lang in _languages() else "it")
    if tokens is None:
        tokens = tag(text, lex, lang, [(m.start, m.end) for m in mentions])
    sentences = _sentence_ranges(tokens, sentence_spans or [(0, len(text))])
    qmap = _quotation_map(text, tokens)
    mentions = [m for m in mentions if not (m.label == "GPE" and _in_dateline(text, m.start, m.end))]
    units = build_units(tokens, mentions, lex, demonyms(lang), extra_units)
    clauses: list[Clause] = []
    clause_of = [-1] * len(tokens)
    for si, (a, b) in enumerate(sentences):
        for c in segment(tokens, a, b, si, lex, len(clauses), qmap):
            c.verbs = verb_groups(tokens, c.start_tok, c.end_tok, lex)
            clauses.append(c)
    for c in clauses:
        for k in c.tokens:
            clause_of[k] = c.index
        if c.verbs:  # the clause's tokens as a set once, not once per verb group
            members = set(c.tokens)
            c.verbs = [v for v in c.verbs if v.head in members]
    assign(clauses, tokens, units, lex, clause_of)
    inherit(clauses, units, tokens, lex, [c.sentence for c in clauses])
    return Analysis(tokens, sentences, units, clauses, clause_of, text)


#: What follows the place of a dateline: a date ("MOSCA, 30 dicembre", "ROMA, 14 giu."), a weekday, a
#: dash ("BRUXELLES –") or an agency in brackets ("ROMA (ANSA) -").
_DATELINE_TAIL = re.compile(r"\s*(?:,\s*\d|,\s*\w+\s+\d|\s*[-–—]|\s*\(|,\s*(?:lunedì|martedì|mercoledì|giovedì|venerdì|"
                            r"sabato|domenica)\b)", re.IGNORECASE)


def _in_dateline(text: str, start: int, end: int) -> bool:
    """Is the place at ``start``..``end`` the dateline that opens a line ("ROMA, 12 gennaio -")?
    It says where the report was filed: no clause has it as subject or object, so it is no unit
    (left in, it is the subject of the first sentence: "ROMA - Il ministro ha incontrato ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and bool(_DATELINE_TAIL.match(text, end, end + 40))


def role_phrases(tokens: Sequence[Token], lex: SyntaxLexicon, dems: dict[str, str],
                 taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans of role descriptions with no name after them ("il ministro degli Esteri
    russo", "la portavoce della Casa Bianca", "al presidente francese": a short preposition with
    its article is no bare "a"): the phrases a stage may resolve to a person."""
    covered = {k for a, b in taken for k in range(a, b)}
    out = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        if t.low in lex.person_nouns and t.pos == "NOUN" and i > 0 and (
                tokens[i - 1].pos in ("DET", "ADJ") or tokens[i - 1].pos == "ADP" and (
                    len(tokens[i - 1].low) > 2 or lex.prepositions.get(tokens[i - 1].low, tokens[i - 1].low)
                    != tokens[i - 1].low)) \
                and i not in covered:
            j = i + 1
            while j < n:
                x = tokens[j]
                if x.low in dems or x.low in ("generale", "esteri", "affari", "difesa") or x.low in lex.person_nouns:
                    j += 1
                elif x.pos == "ADP" and lex.prepositions.get(x.low) == "di" and j + 1 < n and (
                        tokens[j + 1].pos in ("PROPN", "NOUN") and tokens[j + 1].low not in lex.not_verbs
                        or tokens[j + 1].pos == "PROPN"):
                    j += 2
                else:
                    break
            nxt = tokens[j] if j < n else None
            named_after = nxt is not None and (j in covered or nxt.pos == "PROPN" or
                                               nxt.low == "," and j + 1 < n and (j + 1) in covered)
            if not named_after and not any(k in covered for k in range(i, j)):
                out.append((i, j))
            i = j
            continue
        i += 1
    return out


_CACHE: OrderedDict[tuple, Analysis] = OrderedDict()
_CACHE_SIZE = 4


def resolved_roles(doc: Document, tokens: list[Token]) -> list[tuple[int, int, str, str | None, str, str]]:
    """Role descriptions of the document resolved to the person they designate ("il capo della
    diplomazia russa" -> the foreign minister the article names, else the office holder at the
    publication date), or to the country their demonym names."""
    art = doc.article
    lang = art.language if art.language in _languages() else "it"
    lex = syntax_lexicon(lang)
    taken = [(token_index(tokens, m.start), max(token_index(tokens, m.start) + 1, token_index(tokens, m.end)))
             for m in doc.mentions]
    dems = demonyms(lang)
    out = []
    try:
        from ..entities import resolve_description
    except ImportError:  # the entity stage is optional
        resolve_description = None  # type: ignore[assignment]
    for a, b in role_phrases(tokens, lex, dems, taken):
        s, e = tokens[a].start, tokens[b - 1].end
        desc = art.text[s:e]
        found = None
        if resolve_description is not None:
            try:
                found = resolve_description(desc, doc)
            except Exception:  # resolution is a refinement: never lose the document over it
                found = None
        if found is not None:
            out.append((s, e, found.actor_name, found.actor_id, "PER", "role"))
            continue
        country = next((dems[tokens[k].low] for k in range(a, b) if tokens[k].low in dems), None)
        if country is not None:
            out.append((s, e, country, None, "GPE", "role"))
    return out


def body_roles(doc: Document, tokens: list[Token]) -> tuple[list[tuple[int, int, str, str | None, str, str]],
                                                             set[int]]:
    """Roles in a body with no name after them ("il presidente del Consiglio ha detto", "il
    portavoce del Cremlino ha smentito") that stand for a person the article names: the one it
    gave that office, else the office holder of the actor data at the publication date when the
    article names them too. Such a phrase is that person, not the body: returns the person units
    (spans as :func:`resolved_roles` gives them) and the indices of the body mentions they replace.
    A holder the article never names is left out: the body then acts (an article that names no
    one in the office reports the body's act, not a person's)."""
    art = doc.article
    lang = art.language if art.language in _languages() else "it"
    lex = syntax_lexicon(lang)
    named = {m.actor_id for m in doc.mentions if m.label == "PER"}
    if not named:
        return [], set()
    ordered = sorted(range(len(doc.mentions)), key=lambda k: doc.mentions[k].start)
    out, drop = [], set()
    for n, k in enumerate(ordered):
        m = doc.mentions[k]
        if m.label not in ("ORG", "GPE"):
            continue
        a = token_index(tokens, m.start)
        if a < 2 or tokens[a - 1].pos != "ADP" or lex.prepositions.get(tokens[a - 1].low) != "di":
            continue
        p = a - 2
        while p > 0 and a - 2 - p < 2 and tokens[p].low not in lex.person_nouns and tokens[p].pos == "ADJ":
            p -= 1  # "il segretario generale della Nato"
        if tokens[p].low not in lex.person_nouns or tokens[p].pos != "NOUN":
            continue
        after = doc.mentions[ordered[n + 1]] if n + 1 < len(ordered) else None
        if after is not None and after.label == "PER" and not art.text[m.end:after.start].strip(" ,"):
            continue  # "il portavoce del Cremlino(,) Dmitry Peskov": the name is the unit
        start = tokens[p - 1].start if p > 0 and tokens[p - 1].pos == "DET" else tokens[p].start
        found = _office_holder(art.text[tokens[p].start:m.end], m, doc, named, lang)
        if found is None:
            continue
        out.append((start, m.end, found[0], found[1], "PER", "role"))
        drop.add(k)
        # "i leader di Russia e Ucraina": each body coordinated with the first has its own holder
        prev = m
        for j in ordered[n + 1:n + 4]:
            nxt = doc.mentions[j]
            if nxt.label not in ("ORG", "GPE") or art.text[prev.end:nxt.start].strip().lower() not in (",", "e", "ed"):
                break
            other = _office_holder(f"{tokens[p].text} di {nxt.text}", nxt, doc, named, lang)
            if other is None:
                break
            out.append((nxt.start, nxt.end, other[0], other[1], "PER", "role"))
            drop.add(j)
            prev = nxt
    return out, drop


def _office_holder(desc: str, body: Mention, doc: Document, named: set[str], lang: str) -> tuple[str, str] | None:
    """Who holds the office ``desc`` names in the body it names (the mention ``body`` when the
    office parser reads no organisation: "presidente del Consiglio"): the holder at the
    publication date by the actor data, else a person the article gave the same office in the same
    body; only a person the article names (``named``: their actor ids). (name, actor id) or None."""
    from ...resources.actors import load_kb
    from ..entities import _holder, _org_matches, parse_role
    kb = load_kb(lang)
    parsed = parse_role(desc, kb)
    if not parsed:
        return None
    office, org = parsed
    org = org or kb.acts_as.get(body.actor_id, body.actor_id)
    holder = _holder(kb, office, org, doc.article.published)
    if holder is not None and holder.id in named:
        return next(m.actor_name for m in doc.mentions if m.actor_id == holder.id), holder.id
    for m in doc.mentions:
        if m.label == "PER" and m.role and m.actor_id in named:
            theirs = parse_role(m.role, kb)
            if theirs and theirs[0] == office and theirs[1] is not None and _org_matches(kb, org, theirs[1]):
                return m.actor_name, m.actor_id
    return None


def group_units(doc: Document, tokens: list[Token]) -> list[tuple[int, int, str, str | None, str, str]]:
    """The groups the text designates by a plural noun, no name (``unnamed_groups`` of the
    syntax lexicon), named in English as the actor data names actors: by the demonym after the
    noun ("ribelli siriani": "Syrian rebels"), by the side a modifier names ("separatisti
    filorussi": "Pro-Russian separatists"; a bare noun of that kind later in the text is the same
    group), or, for crowds, by the country at stake: the nearest one of the sentence, else the
    one the text names most ("i manifestanti" in an article on Tunisia: "Tunisian protesters")."""
    art = doc.article
    lang = art.language if art.language in _languages() else "it"
    lex = syntax_lexicon(lang)
    if not lex.unnamed_groups and not lex.group_phrases:
        return []
    from ...resources.actors import adjective_of

    dems = demonyms(lang)
    taken = {k for m in doc.mentions
             for k in range(token_index(tokens, m.start), max(token_index(tokens, m.start) + 1,
                                                               token_index(tokens, m.end)))}
    places = sorted((m.start, m.actor_id, m.actor_name) for m in doc.mentions if m.label == "GPE")
    counts: dict[tuple[str | None, str], int] = {}
    for _, aid, name in places:
        counts[(aid, name)] = counts.get((aid, name), 0) + 1
    at_stake = next((adj for adj in (adjective_of(a, n) for a, n in sorted(counts, key=lambda x: -counts[x]))
                     if adj), None)
    sentences = [(x.start, x.end) for x in art.sentences] or [(0, len(art.text))]
    sided = next((lex.group_modifiers[tokens[i + 1].low] for i in range(len(tokens) - 1)
                  if tokens[i].low in lex.unnamed_groups and tokens[i + 1].low in lex.group_modifiers), None)
    out = []
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, fixed in lex.group_phrases.items():
        by_first.setdefault(words[0], []).append((words, fixed))
    for i, t in enumerate(tokens):
        for words, fixed in by_first.get(t.low, ()):
            n = len(words)
            if tuple(x.low for x in tokens[i:i + n]) == words and not any(k in taken for k in range(i, i + n)):
                out.append((t.start, tokens[i + n - 1].end, fixed, None, "ORG", "group"))
        entry = lex.unnamed_groups.get(t.low)
        if entry is None or i in taken or (i and tokens[i - 1].pos == "NOUN"):
            continue  # "forze ribelli": an adjective of another noun
        noun, bare = entry
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        end, name = t.end, None
        if nxt is not None and nxt.low in lex.group_modifiers:
            end, name = nxt.end, lex.group_modifiers[nxt.low]
        elif nxt is not None and nxt.low in dems and nxt.pos != "PROPN" and (i + 1) not in taken:
            adj = adjective_of(None, dems[nxt.low])
            end, name = nxt.end, f"{adj} {noun}" if adj else None
        elif nxt is not None and (nxt.pos == "PROPN" or (i + 1) in taken):
            continue  # "i ribelli Houthi": the name is the actor
        elif bare:
            lo, hi = next(((a, b) for a, b in sentences if a <= t.start < b), (t.start, t.end))
            near = sorted((abs(pos - t.start), aid, n) for pos, aid, n in places if lo <= pos < hi)
            adj = next((x for x in (adjective_of(aid, n) for _, aid, n in near) if x), at_stake)
            name = f"{adj} {noun}" if adj else None
        else:
            name = sided
        if name:
            out.append((t.start, end, name, None, "ORG", "group"))
    return out


def analyse(doc: Document) -> Analysis:
    """The analysis of a document's body, role descriptions resolved (cached per process for
    the last few documents)."""
    art = doc.article
    key = (art.id, hash(art.text), hash(tuple(doc.mentions)))
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    spans = [(s.start, s.end) for s in art.sentences]
    lang = art.language if art.language in _languages() else "it"
    tokens = tag(art.text, syntax_lexicon(lang), lang, [(m.start, m.end) for m in doc.mentions])
    bodies, replaced = body_roles(doc, tokens)
    extra = bodies + resolved_roles(doc, tokens) + group_units(doc, tokens)
    mentions = [m for k, m in enumerate(doc.mentions) if k not in replaced] if replaced else doc.mentions
    result = analyse_text(art.text, spans, mentions, art.language, extra, tokens)
    _CACHE[key] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from importlib import resources
    base = resources.files("cronaca.resources").joinpath("lexicons")
    return frozenset(p.name for p in base.iterdir() if p.joinpath("syntax.json").is_file())
