"""Who is speaking: resolve the speaker of a reporting clause to a canonical actor.

Italian news names its speakers in a few recurring ways, and each has its own resolution:

1. A named subject before the cue ("Il portavoce del Cremlino Dmitry Peskov ha affermato"): the
   mention nearest to the cue that is not the object of a preposition ("con Lavrov", "del
   Cremlino"); coordinated subjects ("Kiev ed i Paesi occidentali hanno espresso") give several.
2. A named subject after an inverted cue ("…», ha detto Kozak"; "Lo ha detto la ministra degli
   Esteri, Liz Truss").
3. A description instead of a name ("il capo della diplomazia russa", "il leader della Nato"):
   the person of this article whose stated role shares the most words with it, else the last
   person who spoke, else the office holder from the actor knowledge base when the entity stage
   offers one.
4. Collective and unnamed sources, from the lexicon: "la parte russa" -> Russia, "i media
   statunitensi" -> U.S. media, "Funzionari" -> unnamed officials, "i funzionari della NATO" ->
   NATO.
5. No subject at all (pro-drop, "Ha poi sottolineato che…", "È stato sottolineato che…", "…»,
   ha detto."): the topic carried over from the previous clauses (:class:`Topic`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..types import Document, Mention
from .reporting import Lexicon, load_lexicon

log = logging.getLogger(__name__)

SPEAKER_LABELS = frozenset({"PER", "ORG", "GPE"})
_WORD = re.compile(r"[\w'’]+")
_STOP_PREFIXES = frozenset({"dell", "dall", "dell'", "nell", "sull", "dell’", "dall’", "nell’", "sull’",
                            "degl", "dagl", "negl", "sugl", "alla", "dalla",
                            "della", "delle", "dello", "quel", "ques", "anch", "sono", "come", "stat"})
_DET = r"(?:il|lo|la|l['’]|i|gli|le|un|uno|una|un['’])"


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical actor plus the span that names it, when there is one."""

    actor_id: str | None
    name: str
    start: int | None = None
    end: int | None = None
    label: str | None = None


@dataclass(slots=True)
class Topic:
    """Who the text is currently about: the fallback for clauses with no subject.

    Local to one call of the quote finder (never shared between documents).
    """

    speakers: tuple[Speaker, ...] = ()

    def set(self, speakers: Sequence[Speaker]) -> None:
        if speakers:
            self.speakers = tuple(speakers)


def speaker_of(m: Mention) -> Speaker:
    return Speaker(m.actor_id, m.actor_name, m.start, m.end, m.label)


def _ends_with_elision(text: str, pos: int) -> str:
    """The elided article or preposition glued to a mention ("dell'Alleanza" -> "dell'")."""
    m = re.search(r"(\w+['’])$", text[max(0, pos - 12):pos])
    return m.group(1).lower() if m else ""


def is_eligible(m: Mention, text: str, lex: Lexicon) -> bool:
    """Can this mention be the subject of a clause? Not when a preposition governs it, right
    before it or before its article ("alla Nato", "con la Francia", "per l'Onu")."""
    if m.label not in SPEAKER_LABELS:
        return False
    elided = _ends_with_elision(text, m.start)
    if elided and elided in lex.prepositions:
        return False
    words = [w.lower() for w in _WORD.findall(text[max(0, m.start - 40):m.start])]
    if not elided and words and words[-1] in lex.prepositions:
        return False
    return not (len(words) >= 2 and words[-1] in _articles(lex.language) and words[-2] in lex.prepositions)


@lru_cache(maxsize=4)
def _articles(language: str) -> frozenset[str]:
    from .syntax import syntax_lexicon
    articles = syntax_lexicon(language).articles
    return frozenset(articles) | {a.replace("'", "’") for a in articles}


def _stems(s: str, lex: Lexicon) -> set[str]:
    out = set()
    for w in _WORD.findall(s.lower()):
        w = re.split(r"['’]", w)[-1]  # "l'ambasciatrice" -> "ambasciatrice"
        if len(w) < 4 or w in lex.prepositions:
            continue
        stem = w[:4]
        if stem not in _STOP_PREFIXES:
            out.add(stem)
    return out


def collective(desc: str, text: str, start: int, mentions: Sequence[Mention],
               lex: Lexicon) -> Speaker | None:
    """Unnamed and collective sources ("Funzionari", "la parte russa", "i media statunitensi")."""
    low = desc.lower().strip()
    words = _WORD.findall(low)
    if not words:
        return None
    data = lex.data
    heads = set(data["collective_heads"])
    # "i funzionari della NATO", "fonti del Cremlino" -> the organisation they speak for
    head_idx = next((i for i, w in enumerate(words) if w in heads), None)
    if head_idx is not None:
        inner = [m for m in mentions if start <= m.start and m.end <= start + len(desc)
                 and m.label in SPEAKER_LABELS]
        if words[head_idx] in ("fonte", "fonti"):
            named = _national_source(words, head_idx, inner, lex)
            if named is not None:
                return named
        if inner and words[head_idx] != "media":
            return speaker_of(inner[0])
        nxt = words[head_idx + 1] if head_idx + 1 < len(words) else ""
        if words[head_idx] == "media":
            name = data["media"]["by_country"].get(nxt)
            return Speaker(None, name) if name else None
        if words[head_idx] == "parte" and nxt in data["parties"]:
            return Speaker(None, data["parties"][nxt])
    key = " ".join(w for w in words if w not in {"i", "gli", "le", "il", "la", "alcuni", "alcune"})
    name = data["unnamed_sources"].get(key)
    return Speaker(None, name) if name else None


def _national_source(words: list[str], head_idx: int, inner: Sequence[Mention], lex: Lexicon) -> Speaker | None:
    """"una fonte diplomatica di Kiev" -> Ukrainian diplomatic source, "fonti militari della Corea
    del Nord" -> North Korean military sources: an unnamed source of a country is named as the
    actor data names unnamed groups, by the country's adjective, the kind of source the words
    after the noun give (``source_qualifiers``) and its number. An organisation's sources speak
    for it ("fonti del Cremlino" -> Kremlin): None then, as when no country is named."""
    from ..resources.actors import adjective_of
    from .syntax import demonyms

    if any(m.label == "ORG" for m in inner):
        return None
    country = next((adjective_of(m.actor_id, m.actor_name) for m in inner if m.label == "GPE"), None)
    if country is None:
        dems = demonyms(lex.language)
        country = next((adjective_of(None, dems[w]) for w in words[head_idx + 1:] if w in dems), None)
    if country is None:
        return None
    quals = lex.data.get("source_qualifiers", {})
    qual = next((quals[w] for w in words[head_idx + 1:head_idx + 4] if w in quals), None)
    noun = "source" if words[head_idx] == "fonte" else "sources"
    return Speaker(None, " ".join(x for x in (country, qual, noun) if x))


@lru_cache(maxsize=4)
def _collective_head_re(language: str) -> re.Pattern[str]:
    """The head nouns of collective and unnamed sources: the ``collective_heads`` and the last
    word of every ``unnamed_sources`` phrase ("gli analisti", "testimoni", "osservatori")."""
    data = load_lexicon(language).data
    heads = set(data["collective_heads"]) | {k.split()[-1] for k in data["unnamed_sources"]}
    alt = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{alt})(?![\w'’])", re.IGNORECASE)


def description_at_end(text: str, lo: int, hi: int, lex: Lexicon) -> tuple[int, int] | None:
    """A determiner + role/collective noun phrase that ends at ``hi`` (the subject slot)."""
    seg_start = lo
    for m in re.finditer(r"[,;:.()\n–—]", text[lo:hi]):
        seg_start = lo + m.end()
    seg = text[seg_start:hi]
    if not seg.strip():
        return None
    role = lex.role_re.search(seg)
    coll = _collective_head_re(lex.language).search(seg)
    hit = min((h for h in (role, coll) if h), key=lambda h: h.start(), default=None)
    if hit is None:
        return None
    det = None
    for d in re.finditer(rf"(?<![\w'’]){_DET}(?:\s+|(?<=['’]))", seg[:hit.start()], re.IGNORECASE):
        det = d
    start = seg_start + (det.start() if det and len(seg[det.end():hit.start()].split()) <= 2
                         else hit.start())
    return start, hi


def resolve_description(desc: str, start: int, text: str, mentions: Sequence[Mention],
                        topic: Topic, lex: Lexicon, published: str | None = None,
                        doc: Document | None = None) -> Speaker | None:
    """A role description ("il capo della diplomazia russa") -> the person it designates."""
    coll = collective(desc, text, start, mentions, lex)
    if coll is not None:
        return coll
    if not lex.role_re.search(desc):
        return None
    # a mention inside the description ("il presidente Putin") is the speaker itself
    inner = [m for m in mentions if start <= m.start and m.end <= start + len(desc) and m.label == "PER"
             and is_eligible(m, text, lex)]
    if inner:
        return speaker_of(inner[-1])
    want = _stems(desc, lex)
    head = lex.role_re.search(desc)
    head_word = head.group(0).lower() if head else None
    office = _office(desc) if head_word not in _GENERIC_HEADS else None
    best, best_score = None, 0.0
    for m in mentions:
        if m.label != "PER" or not m.role:
            continue
        score = len(want & _stems(m.role, lex))
        theirs = _office(m.role) if office is not None else None
        if theirs is not None and theirs != office:
            pass  # the same noun for another office: "presidente del Consiglio" is not "presidente Usa"
        elif head_word and re.search(rf"(?<!\w){re.escape(head_word)}(?!\w)", m.role.lower()):
            score += 2  # same office noun: "il segretario …" ~ "segretario generale dell'ONU"
        elif theirs is not None and theirs == office:
            score += 3  # the same office in other words: "il presidente del Consiglio" ~ "premier"
        if score == 0:
            continue
        score += 0.5 if m.start < start else 0.0  # an earlier mention is the antecedent
        score -= abs(m.start - start) / 1e6  # nearer wins ties
        if score > best_score:
            best, best_score = m, score
    if best is not None and best_score >= 3.5:
        return speaker_of(best)  # the article gave this office to a person it named earlier
    holder = _kb_role_holder(desc, doc, need_org=True)
    if holder is not None:
        return holder
    if best is not None:
        return speaker_of(best)
    holder = _kb_role_holder(desc, doc, need_org=False)
    if holder is not None:
        return holder
    people = [s for s in topic.speakers if s.label in ("PER", None) and s.actor_id]
    if people:
        return people[0]
    return None


#: Role nouns that name no particular office ("il leader della Nato" is its secretary general):
#: their office is not compared.
_GENERIC_HEADS = frozenset(["leader", "capo", "numero uno", "responsabile", "rappresentante", "titolare",
                            "inquilino", "collega", "omologo", "omologa", "signora", "signor", "signore"])


@lru_cache(maxsize=512)
def _office(desc: str) -> str | None:
    """The office a role phrase names, by the entity stage's reading ("premier", "presidente del
    Consiglio", "capo del governo" -> head of government), or None."""
    try:
        from .entities import parse_role
    except ImportError:  # the entity stage is optional; without it only the words are compared
        return None
    parsed = parse_role(desc)
    return parsed[0] if parsed else None


def _kb_role_holder(desc: str, doc: Document | None, need_org: bool) -> Speaker | None:
    """Ask the entity stage who the description designates: a person this article gave that
    office to, else the office holder at the publication date in the actor knowledge base.

    With ``need_org`` only descriptions that name the office's country or organisation are
    asked ("il capo della diplomazia russa"): a bare "il leader" is better matched against the
    roles this article states."""
    if doc is None:
        return None
    try:
        from .entities import parse_role
        from .entities import resolve_description as entity_description
    except ImportError:  # the entity stage is optional
        return None
    try:
        parsed = parse_role(desc)
        if need_org and (not parsed or parsed[1] is None):
            return None
        named = _named_holder(parsed, doc) if parsed else None
        if named is not None:
            return named
        found = entity_description(desc, doc)
    except Exception:  # a failing helper must not lose the quote; the other rules still apply
        log.debug("role resolution failed for %r", desc, exc_info=True)
        return None
    if found is None:
        return None
    return Speaker(found.actor_id, found.actor_name, label="PER")


def _named_holder(parsed: tuple[str, str | None], doc: Document) -> Speaker | None:
    """The one person this article names who held the office at any time, by the actor knowledge
    base ("il ministro degli Esteri francese" in a report that names Laurent Fabius, whatever
    its date): a description points back to someone the text named."""
    from ..resources.actors import load_kb
    from .entities import _org_matches as same_org  # the entity stage's reading of "of that body"

    kb = load_kb("it")
    office, org = parsed
    offices = _offices_by_person(kb)
    people = {m.actor_id: m for m in doc.mentions if m.label == "PER" and m.actor_id}
    hits = [people[p] for p in people if any(o == office and same_org(kb, org, t) for o, t in offices.get(p, ()))]
    if len(hits) != 1:
        return None
    return Speaker(hits[0].actor_id, hits[0].actor_name, label="PER")


@lru_cache(maxsize=4)
def _offices_by_person(kb) -> dict[str, tuple[tuple[str, str | None], ...]]:
    """Person id -> the (office, organisation) pairs the knowledge base says they held."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for t in kb.tenures:
        out.setdefault(t.person_id, []).append((t.office, t.organisation))
    return {k: tuple(v) for k, v in out.items()}


def subject_before(text: str, lo: int, hi: int, mentions: Sequence[Mention], lex: Lexicon,
                   blocked: Sequence[tuple[int, int]] = ()) -> list[Speaker]:
    """The named subject of a clause whose verb starts at ``hi``; [] when none is named."""
    cands = [m for m in mentions if lo <= m.start and m.end <= hi and is_eligible(m, text, lex)
             and not any(b0 <= m.start < b1 for b0, b1 in blocked)]
    if not cands:
        return []
    people = [m for m in cands if m.label == "PER" and hi - m.end < 160]
    best = people[-1] if people else cands[-1]
    gap = text[best.end:hi]
    if re.search(r"[.;:]", gap) or len(gap) > 200:
        return []
    out = [best]
    # coordinated subjects: "Kiev ed i Paesi occidentali hanno espresso"
    prev = [m for m in cands if m.end <= best.start]
    while prev:
        link = text[prev[-1].end:out[0].start]
        if re.fullmatch(rf"\s+(?:e|ed)\s+(?:{_DET}\s*)?", link, re.IGNORECASE):
            out.insert(0, prev[-1])
            prev = [m for m in prev if m.end <= prev[-1].start]
        else:
            break
    return [speaker_of(m) for m in out]


#: Words after a reporting verb that name no one ("…», ha aggiunto poi, …", "…», ha detto da parte
#: sua."): what follows them says whether a subject is named at all.
INTERPOSED = re.compile(
    r"(?:\s*,?\s*(?:(?:da parte|dal canto|per parte) (?:su[ao]|loro|propri[ao]|mi[ao]|nostr[ao])|a (?:sua|loro) volta"
    r"|ancora|poi|invece|anche|inoltre|infine|intanto|oggi|ieri|stamani|stamattina|stasera|già|però|dunque"
    r"|quindi|tuttavia|comunque|allora|subito|\w{3,}mente)(?![\w'’]))+,?",
    re.IGNORECASE)


def skip_interposed(text: str, pos: int, hi: int) -> int:
    """Where the words after ``pos`` stop being :data:`INTERPOSED` adverbs and asides."""
    m = INTERPOSED.match(text, pos, hi)
    return m.end() if m else pos


def speaker_after(text: str, pos: int, hi: int, mentions: Sequence[Mention], lex: Lexicon,
                  topic: Topic, published: str | None = None,
                  doc: Document | None = None) -> tuple[list[Speaker], int]:
    """The subject named after an inverted cue; returns the speakers and where the phrase ends."""
    seg = re.match(r"[^,;:.()«»“”\"\n]*", text[pos:hi])
    seg_end = pos + (seg.end() if seg else 0)
    if not text[pos:seg_end].strip():
        return [], pos
    first = text[pos:seg_end].split()[0].lower()
    if first in lex.prepositions and first not in ("secondo",):
        return [], pos  # "…, chiede ai suoi partner": an object, not an inverted subject
    inside = [m for m in mentions if pos <= m.start and m.end <= seg_end and m.label in SPEAKER_LABELS]
    people = [m for m in inside if m.label == "PER" and not re.search(
        r"(?<![\w'’])(?:che|affinché|perché|se)(?![\w'’])", text[pos:m.start], re.IGNORECASE)]
    if people:
        return [speaker_of(people[0])], people[0].end
    named = [m for m in inside if is_eligible(m, text, lex)]
    lead = text[pos:seg_end]
    desc_match = re.match(rf"\s*(?:{_DET}\s*)?\S", lead, re.IGNORECASE)
    if named and named[0].start - pos < 40 and not re.search(
            r"(?<![\w'’])(?:che|affinché|perché|se|di|a|con|col|coi|contro|verso|tra|fra|per)(?![\w'’])",
            text[pos:named[0].start], re.IGNORECASE):  # "il negoziatore con gli Usa": no subject
        return [speaker_of(named[0])], named[0].end
    if desc_match and (lex.role_re.search(lead[:60]) or collective(lead, text, pos, mentions, lex)):
        # "la ministra degli Esteri, Liz Truss": the name follows the role after a comma
        appos = re.match(r",\s*", text[seg_end:hi])
        if appos:
            after = seg_end + appos.end()
            named_next = [m for m in mentions if m.start == after and m.label == "PER"]
            if named_next:
                return [speaker_of(named_next[0])], named_next[0].end
        desc_end = pos + len(lead.rstrip())
        for cut in re.finditer(r"\s+(?:a|in|dopo|durante|nel|nella|alla|al|parlando|entrando|incontrando)\s",
                               lead):
            if lex.role_re.search(lead[:cut.start()]):
                desc_end = pos + cut.start()
                break
        found = resolve_description(text[pos:desc_end].strip(), pos + len(lead) - len(lead.lstrip()),
                                    text, mentions, topic, lex, published, doc)
        if found is not None:
            return [found], desc_end
    return [], pos


# --------------------------------------------------------------------------------------------
# the speaker of a reporting verb, read off the shared clause analysis (cronaca.nlp.syntax)

_NP_TAGS = frozenset({"DET", "NOUN", "PROPN", "NUM"})
_OF = frozenset({"di", "del", "della", "dello", "dei", "degli", "delle", "dell'"})
#: Where words are published, never who speaks them ("ha scritto su Twitter il presidente").
_VENUES = frozenset({"twitter", "x", "facebook", "instagram", "telegram", "youtube", "tiktok", "truth",
                     "truth social", "weibo", "linkedin", "threads", "bluesky"})
_OPENING_TAGS = frozenset({"ADV", "PUNCT", "QUOTE", "CLITIC", "NEG", "CCONJ"})


def unit_speaker(u) -> Speaker:
    return Speaker(u.actor_id, u.name, u.start, u.end, u.label)


def _group_at(c, tok: int):
    for g in c.verbs:
        if g.start_tok <= tok < g.end_tok:
            return g
    return c.head


def _free(an, c, u: int, blocked: Sequence[tuple[int, int]] = ()) -> bool:
    unit = an.units[u]
    return unit.case == "" and unit.kind != "pronoun" and not any(a <= unit.start < b for a, b in blocked)


def _before_verb(an, c, g, blocked: Sequence[tuple[int, int]] = ()) -> list[int]:
    """The free phrases of clause ``c`` before its verb group ``g`` (the last coordinated group)."""
    pre = [u for u in c.units if _free(an, c, u, blocked) and an.units[u].end_tok <= g.start_tok]
    if not pre:
        return []
    grp = an.units[pre[-1]].group
    return [u for u in pre if an.units[u].group == grp]


def _np_before(an, c, g) -> tuple[int, int] | None:
    """A noun phrase right before the verb group that no actor unit covers ("L'analista ritiene",
    "il documento afferma"): the subject is named, but not as an actor. Token span or None."""
    toks = an.tokens
    k = g.start_tok - 1
    lo = c.start_tok
    while k >= lo and toks[k].pos in ("ADV", "NEG", "CLITIC"):
        k -= 1
    end = k + 1
    while k >= lo and (toks[k].pos in _NP_TAGS or toks[k].pos == "ADP" and toks[k].low in _OF):
        k -= 1
        if toks[k + 1].pos == "DET" and (k < lo or toks[k].pos != "ADP"):
            break  # a noun phrase opens at its article: "Nella regione di Donetsk | i separatisti hanno …"
    start = k + 1
    if start >= end or toks[end - 1].pos not in ("NOUN", "PROPN", "NUM"):
        return None
    if start > 0 and toks[start - 1].pos == "ADP":
        return None  # a prepositional phrase ("in un discorso alla nazione"), not a subject
    if not any(toks[x].pos in ("DET", "NOUN") for x in range(start, end)):
        return None
    return start, end


def _opens_clause(an, c, g) -> bool:
    return all(an.tokens[k].pos in _OPENING_TAGS for k in c.tokens if k < g.start_tok)


def _after_verb(an, c, g, blocked: Sequence[tuple[int, int]] = ()) -> list[int]:
    """The first free phrase after the verb group, read as an inverted subject ("…», ha detto il
    ministro X"; "Lo ha annunciato il Cremlino"): prepositional phrases, adverbs and commas may
    stand between, a complementizer or an infinitive marker may not."""
    toks = an.tokens
    for u in c.units:
        unit = an.units[u]
        if unit.start_tok < g.end_tok:
            continue
        if not _free(an, c, u, blocked) or unit.name.lower() in _VENUES:
            continue
        between = toks[g.end_tok:unit.start_tok]
        if any(t.pos in ("SCONJ", "VERB", "AUX", "MODAL", "QUOTE") or t.low in (":", ";", ".") for t in between):
            return []
        if any(a.pos == "DET" and b.pos == "NOUN" and (k == 0 or between[k - 1].pos != "ADP")
               and any(t.low == "," for t in between[k + 2:])
               for k, (a, b) in enumerate(zip(between, between[1:]))):
            return []  # "ha sottolineato il ministro, l'Italia …": a noun phrase no actor names is the subject
        grp = unit.group
        return [x for x in c.units if an.units[x].group == grp and an.units[x].start_tok >= g.end_tok]
    return []


def _name_before_verb(an, c, g) -> int | None:
    """A person named right before the verb group, whatever role words precede the name ("L'alto
    rappresentante dell'Ue per gli affari esteri Josep Borrell ha dichiarato")."""
    toks = an.tokens
    k = g.start_tok - 1
    while k >= c.start_tok and toks[k].pos in ("ADV", "NEG", "CLITIC"):
        k -= 1
    for u in c.units:
        unit = an.units[u]
        if unit.label == "PER" and unit.kind == "name" and unit.end_tok == k + 1 and unit.head_tok > 0 \
                and toks[unit.head_tok - 1].pos != "ADP":
            return u
    return None


def clause_subject(an, tok: int, inverted: bool = False, depth: int = 0,
                   blocked: Sequence[tuple[int, int]] = (),
                   invertible: frozenset[str] = frozenset()) -> tuple[list[int], str]:
    """The speaker of the reporting verb at token ``tok``: ``(units, how)``.

    ``how`` says what the grammar gave: ``subject`` (named before the verb), ``inverted`` (named
    after it: asked for with ``inverted``, or when a verb of ``invertible`` opens its clause:
    "…», ha detto X"; a verb that takes an object does not invert on its own: "Poi ringrazia
    l'Italia"), ``inherited``
    (a relative clause's antecedent, the subject of the clause a gerund or a coordinated verb
    continues; a main clause's pro-drop subject is left to the caller, who knows who spoke
    last), ``np`` (a noun phrase that names no actor is the subject: the caller may read it
    as a description), or ``none`` (pro-drop: the caller takes the topic)."""
    c = an.clause_at(tok)
    if c is None or depth > 4:
        return [], "none"
    g = _group_at(c, tok)
    if g is None:
        return [], "none"
    if inverted:  # the caller saw an inverted construction: the words after the verb come first
        post = _after_verb(an, c, g, blocked)
        if post:
            return post, "inverted"
    named = _name_before_verb(an, c, g)
    if named is not None:
        grp = an.units[named].group
        return [u for u in c.units if an.units[u].group == grp and an.units[u].end_tok <= g.start_tok], "subject"
    pre = _before_verb(an, c, g, blocked)
    if pre:
        return pre, "subject"
    if inverted or g.lemma in invertible and _opens_clause(an, c, g):
        post = _after_verb(an, c, g)
        if post:
            return post, "inverted"
    if _np_before(an, c, g) is not None:
        return [], "np"
    parent = an.clauses[c.parent] if c.parent is not None else None
    if c.kind == "relative" and c.agent_inherited and c.agent:
        return [u for u in c.agent if an.units[u].kind != "pronoun"], "inherited"
    if c.kind in ("gerund", "adverbial", "colon") and parent is not None:
        # a gerund after a comma continues the main clause of its sentence, not the relative or
        # complement clause it follows ("ha ribadito la posizione secondo cui …, aggiungendo che")
        while parent.kind in ("relative", "complement", "infinitive", "quoted") and parent.parent is not None:
            parent = an.clauses[parent.parent]
        if parent.head is not None:
            units, _ = clause_subject(an, parent.head.head, False, depth + 1, blocked, invertible)
            if units:
                return units, "inherited"
    if c.continues is not None:
        cont = an.clauses[c.continues]
        if cont.head is not None:
            units, how = clause_subject(an, cont.head.head, False, depth + 1, blocked, invertible)
            if units:
                return units, "inherited"
    return [], "none"
