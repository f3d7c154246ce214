"""Entity mentions: people, organisations, countries and cities, places, named events and documents.

Stage ``cronaca.entities.rules.v1``. No Italian NER model can be used offline, so mentions come
from the actor knowledge base (:mod:`cronaca.resources.actors`) plus rules for the names it lacks:

1. One pass over the tokens probes the KB's token-keyed index for the longest known name at each
   position (case rules: "Usa" is a country, "usa" a verb).
2. Capitalised runs the KB does not know ("Wendy R. Sherman") become candidates: known Italian
   words and sentence-initial capitals are dropped; a typo of a known person ("Maria Zakharo") is
   matched by edit distance; the rest are typed from cues (a given name, "il portavoce", a head
   noun such as "Ministero" or "Mar") and get a provisional id (``per:~wendy-sherman``).
3. Within the article, a surname alone ("Sherman") resolves to the full name given earlier, which
   beats the KB's surname index and the city table ("Ferrara" the diplomat, not the town).
4. A capital that stands for its government (Mosca, Washington, Kiev) is the country when it acts
   and the city in a dateline or after a locative ("a Mosca").
5. The role the article states next to a person ("il portavoce del Cremlino Dmitry Peskov",
   "Sherman, vice segretario di Stato,") is kept on the mention.

:func:`resolve_description` maps a role description ("il capo della diplomazia russa") to the
person: one the article gave that role, else the holder of the office at the publication date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import simplemma
from rapidfuzz import fuzz, process

from ..resources.actors import ActorKB, Entry, languages, load_kb, slug
from ..types import Actor, Document, Mention
from .tokens import Token, keys, tokenize

STAGE = "cronaca.entities.rules.v1"

__all__ = ["STAGE", "annotate", "find_mentions", "resolve_description", "parse_role"]

_SENT_END = frozenset(".!?:;«»\"“”()[]—–-•|")
_WORD_START = re.compile(r"[^\W\d_]")
_FUZZY_CUTOFF = 88.0
_FUZZY_SINGLE = 90.0
_FUZZY_MULTI = 92.0  # a misspelt name of several words: "Villa La Grande" is Villa La Grange
_FUZZY_SINGLE_PER = 93.0  # a surname: "Prighozhin" is Prigozhin, "Pandora" is not Pandor


# --------------------------------------------------------------------------------------------
# lexicon views, built once per KB


class _Lex:
    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb
        lx = kb.lexicon
        self.person_cues = frozenset(w.lower() for w in lx.get("person_cues", []))
        self.org_heads = frozenset(lx.get("org_heads", []))
        self.gpe_heads = frozenset(lx.get("gpe_heads", []))
        self.loc_heads = frozenset(lx.get("loc_heads", []))
        self.event_heads = frozenset(lx.get("event_heads", []))
        self.misc_heads = frozenset(lx.get("misc_heads", []))
        self.particles = frozenset(lx.get("name_particles", []))
        self.arabic_articles = frozenset(lx.get("arabic_articles", []))
        # heads whose Italian complements continue a name ("Times" takes none: "del New York Times sulla ...")
        english = frozenset(lx.get("english_heads", []))
        self.name_heads = (self.org_heads | self.loc_heads | self.event_heads | self.misc_heads) - english
        self.inst_heads = self.name_heads | frozenset(lx.get("state_heads", []))
        # first words of names that may be written in lower case ("mar Nero", "ministero degli Esteri russo")
        self.lower_first = frozenset(k[0] for k, es in kb.index.items() if any(not e.caps or e.caps[0] == 0 for e in es))
        self.all_heads = self.org_heads | self.gpe_heads | self.loc_heads | self.event_heads | self.misc_heads
        self.group_names = frozenset(lx.get("group_names", []))
        self.role_phrases = tuple(lx.get("role_phrases", []))
        self.title_holders = {t: tuple(v) for t, v in lx.get("title_holders", {}).items()}
        self.title_keys = {keys(t): v for t, v in self.title_holders.items()}
        self.title_first = frozenset(k[0] for k in self.title_keys)
        self.government_heads = frozenset(lx.get("government_heads", ["Governo"]))
        self.name_adjectives = frozenset(lx.get("name_adjectives", []))
        self.not_name_adjectives = frozenset(lx.get("not_name_adjectives", []))
        self.name_adjective_suffixes = tuple(lx.get("name_adjective_suffixes", []))
        self.name_preps = frozenset(lx.get("name_prepositions", []))
        self.articles_bare = frozenset(lx.get("articles_bare", []))
        self.not_complements = frozenset(lx.get("not_complements", []))
        self.prenominal = frozenset(lx.get("prenominal_adjectives", []))
        self.state_heads = frozenset(lx.get("state_heads", []))
        self.never = frozenset(lx.get("never_names", []))
        self.literal1 = frozenset(lx.get("literal_place_before", []))
        self.literal2 = tuple(keys(p) for p in lx.get("literal_place_before_2", []))
        self.literal2_by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.literal2:
            self.literal2_by_last.setdefault(phrase[-1], []).append(phrase)
        self.dative = frozenset(lx.get("dative_before", []))
        self.military = frozenset(lx.get("military_place_before", []))
        self.military_preps = frozenset(lx.get("military_place_prepositions", []))
        self.dateline_max = int(lx.get("dateline_max_chars", 40))
        self.elisions = frozenset(lx.get("elisions", []))
        self.lower_loc_heads = frozenset(lx.get("lower_loc_heads", []))
        self.nest_in = frozenset(lx.get("nest_in", []))
        self.nest_kinds = frozenset(lx.get("nest_kinds", []))
        self.org_cues = frozenset(lx.get("org_cues_before", []))
        self.title_fw = frozenset(lx.get("title_function_words", []))
        self.doc_heads = frozenset(lx.get("doc_title_heads", []))
        self.place_cues = frozenset(lx.get("place_cues_before", []))
        self.speech_after = frozenset(lx.get("speech_verbs_after", []))
        self.articles = frozenset(lx.get("articles", []))
        self.lower_doc_heads = frozenset(lx.get("lower_doc_heads", []))
        self.lower_event_heads = frozenset(lx.get("lower_event_heads", []))
        self.region_heads = frozenset(lx.get("region_heads", []))
        self.ministry_heads = frozenset(lx.get("ministry_heads", []))
        self.ministry_offices = tuple(sorted((tuple(o.split()) for o in lx.get("ministry_offices", [])), key=len, reverse=True))
        persons = [(name, a.id) for a in kb.actors.values() if a.kind == "PER"
                   for name in a.variants if " " in name]
        self.person_choices = [p[0].lower() for p in persons]
        self.person_ids = [p[1] for p in persons]
        singles = {}
        for k, entries in kb.index.items():
            if len(k) == 1 and len(k[0]) >= 6 and k[0].isalpha():
                ok = [e for e in entries if kb.actors[e.actor_id].kind in ("PER", "GPE", "LOC", "ORG")]
                if len({e.actor_id for e in ok}) == 1:
                    singles[k[0]] = ok[0].actor_id
        for k, ids in kb.surnames.items():
            if len(ids) == 1 and len(k) >= 6 and k.isalpha():
                singles.setdefault(k, ids[0])
        self.near_single = _Near(singles.items(), 1.23, _FUZZY_SINGLE).lookup
        self.near_person = _Near(zip(self.person_choices, self.person_ids), 1.3, _FUZZY_CUTOFF).lookup
        # known names of several words (not people's), for misspellings of them ("Villa La Grande")
        multi = []
        for k, entries in kb.index.items():
            if len(k) > 1:
                ids = {e.actor_id for e in entries if e.curated and kb.actors[e.actor_id].kind != "PER"}
                if len(ids) == 1:
                    multi.append((" ".join(k), next(iter(ids))))
        self.near_multi = _Near(multi, 1.12, _FUZZY_MULTI).lookup
        self.anaphor_heads = (self.all_heads - english) \
            - frozenset(lx.get("not_anaphor_heads", []))
        # the head nouns a known body's Italian names open with ("Agenzia" for the IAEA)
        self._heads_of: dict[str, frozenset[str]] = {}
        for aid, actor in kb.actors.items():
            if actor.kind in ("ORG", "EVENT", "MISC", "LOC"):
                hs = frozenset(v.split()[0] for v in actor.variants
                               if " " in v and v.split()[0] in self.anaphor_heads)
                if hs:
                    self._heads_of[aid] = hs
        self.offices = _office_regex(lx.get("offices", {}))
        self.office_key = {p.lower(): k for k, ps in lx.get("offices", {}).items() for p in ps}
        cues = sorted((re.escape(c) for c in self.person_cues), key=len, reverse=True)
        self.cue_word = re.compile(r"(?<![\w])(?:vice\s?|vice-)?(?:" + "|".join(cues) + r")(?![\w])", re.IGNORECASE)
        self.role_after = re.compile(
            r"^\s*[,(]\s*(?:(?:il|la|lo|l['’]|ex|già|attuale)\s*)*(?P<role>(?:vice\s?)?(?:" + "|".join(cues)
            + r")\b[^,.;:!?«»\"“”()\n]*)", re.IGNORECASE)

    def heads_of(self, actor_id: str) -> frozenset[str]:
        return self._heads_of.get(actor_id, frozenset())


class _Near:
    """Known names bucketed by initial and length, for the one a misspelling is nearest to.

    fuzz.ratio of two strings can reach ``cutoff`` only when their lengths differ by a bounded
    factor, so only the buckets within ``spread`` of the query's length are scored.
    """

    def __init__(self, names, spread: float, cutoff: float) -> None:
        self.buckets: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for name, aid in names:
            if name:
                self.buckets.setdefault((name[0], len(name)), []).append((name, aid))
        self.spread, self.cutoff = spread, cutoff
        self.lookup = lru_cache(maxsize=16384)(self._lookup)

    def _lookup(self, key: str, cutoff: float | None = None) -> tuple[str, float] | None:
        """(actor id, score) of the known name ``key`` is nearest to, or None below the cutoff."""
        lo, hi = int(len(key) / self.spread), int(len(key) * self.spread) + 1
        cands = [c for n in range(lo, hi + 1) for c in self.buckets.get((key[0], n), ())]
        if not cands:
            return None
        hit = process.extractOne(key, [c[0] for c in cands], scorer=fuzz.ratio,
                                 score_cutoff=self.cutoff if cutoff is None else cutoff)
        return (cands[hit[2]][1], hit[1]) if hit else None


def _office_regex(offices: dict) -> re.Pattern:
    phrases = sorted({p for ps in offices.values() for p in ps}, key=len, reverse=True)
    return re.compile(r"\b(?P<office>" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    return languages()


@lru_cache(maxsize=8)
def _lex(kb: ActorKB) -> _Lex:
    return _Lex(kb)


@lru_cache(maxsize=65536)
def _is_english_word(lower: str) -> bool:
    return simplemma.is_known(lower, lang="en")


@lru_cache(maxsize=65536)
def _is_word(lower: str) -> bool:
    """Is this a common Italian word (so a capitalised occurrence is probably not a name)?"""
    return simplemma.is_known(lower, lang="it")


# --------------------------------------------------------------------------------------------
# the finder


def _caps_ok(entry: Entry, toks: list[Token], i: int) -> bool:
    for j, need in enumerate(entry.caps):
        if need and not toks[i + j].text[:1].isupper():
            return False
        if need == 2 and not toks[i + j].text.isupper():
            return False
    return True


def _contiguous(text: str, toks: list[Token], i: int, n: int) -> bool:
    for j in range(i, i + n - 1):
        gap = text[toks[j].end:toks[j + 1].start]
        if len(gap) > 1 or "\n" in gap:
            return False
    return True


def _sentence_initial(text: str, toks: list[Token], i: int) -> bool:
    if i == 0:
        return True
    prev = toks[i - 1]
    if prev.text in _SENT_END or "\n" in text[prev.end:toks[i].start]:
        return True
    return prev.end == toks[i].start and prev.text[-1:].isalpha()  # glued: "UcrainaIl"


def _is_cap(tok: Token) -> bool:
    c = tok.text[0]
    return c.isupper() and c.isalpha()


def find_mentions(text: str, kb: ActorKB | None = None, published: str | None = None) -> list[Mention]:
    """Every entity mention in ``text`` (a body or a title), sorted by position. Pure."""
    kb = kb or load_kb("it")
    lx = _lex(kb)
    toks = tokenize(text)
    n = len(toks)
    ks = [t.key for t in toks]
    covered = [False] * n
    found: list[tuple[int, int, str, float]] = []  # token i, token j (excl.), actor id, confidence

    # 1. known names, longest match first; a name that a longer one starting inside it overlaps
    # gives way ("la Repubblica popolare di Donetsk" is not the newspaper "la Repubblica")
    hits: dict[int, tuple | None] = {}
    local: dict[int, str] = {}  # start of a hit by a name that needs its country named -> the country

    max_len = kb.max_len

    def hit_at(j: int):
        if j not in hits:
            hits[j] = _kb_hit(text, toks, ks, j, kb, published) if ks[j] in max_len and (
                ks[j] in lx.lower_first or toks[j].text[:1].isupper()) else None
        return hits[j]

    lower_first = lx.lower_first
    i = 0
    while i < n:
        if ks[i] not in max_len or (ks[i] not in lower_first and not toks[i].text[:1].isupper()):
            i += 1  # no name starts here, or none that may start in lower case ("di", "la", "ha")
            continue
        hit = hit_at(i)
        if hit and hit[0] > 1 and any(hit_at(j) and j + hits[j][0] > i + hit[0] for j in range(i + 1, i + hit[0])):
            hit = None
        if hit:
            length, aid = hit[:2]
            if len(hit) > 2:
                local[i] = hit[2]
            found.append((i, i + length, aid, 0.95))
            for j in range(i, i + length):
                covered[j] = True
            i += length
        else:
            i += 1

    # 1'. a title that names its holder: "il Papa", "il Pontefice" (the one in office at the date)
    if lx.title_holders:
        found += _title_holders(text, toks, covered, kb, lx, published)

    # 1a. a known surname inside a longer name is another person ("Brad Sherman", "Jean-Marie
    # Le Pen") or a variant of the same one ("Lula De Silva"): leave it to the rules below
    found = [f for f in found if not _longer_person(text, toks, f, covered, kb, lx)
             and not _inside_person(text, toks, f, covered, kb, lx)]

    # 1b'. a place that names a meeting or a massacre: "vertice di Madrid", "massacro di Bucha" are
    # one name (the place is no mention of its own)
    found = [_place_named_thing(text, toks, f, covered, kb, lx) for f in found]

    # 1b''. a ministry named by its office and country: "il ministero della Difesa russo", "il
    # dicastero degli Esteri di Pechino", "il ministero dell'Interno" (one actor per office and country)
    found = _ministries(text, toks, found, covered, kb, lx)

    # 1c. names of institutions: a capitalised head noun and its lower-case complements
    # ("Corte Suprema", "Autorità nazionale palestinese", "Consiglio supremo per la sicurezza
    # nazionale"); a known name that such words continue is another body ("Partito Democratico
    # Progressista" is not the Italian PD)
    doc_titles = _document_titles(text, toks, covered, lx)
    names: dict[str, str] = {}  # provisional actor id -> its name where the mention says more
    found = _institutions(text, toks, found, covered, kb, lx, doc_titles, names)

    # 1b. names inside an organisation's name count too ("Consiglio Permanente dell'OSCE")
    nested = []
    for a, b, aid, _ in found:
        actor = kb.actors.get(aid)
        if b - a > 1 and actor is not None and actor.kind in lx.nest_in and aid not in kb.opaque:
            nested += _inner(text, toks, ks, a, b, aid, kb, lx, published)
    found += nested

    # 2. capitalised runs nobody knows
    for a, b in _cap_runs(text, toks, covered, lx):
        res = _classify(text, toks, a, b, kb, lx)
        if res:
            a2, b2, aid, conf = res
            found.append((a2, b2, aid, conf))
            for j in range(a2, b2):
                covered[j] = True

    # 2b. titles of documents: "il Trattato tra la Federazione Russa e gli Stati Uniti d'America"
    found += [t for t in doc_titles if not covered[t[0]]]

    # 2c. "regione di Kursk", "regione autonoma del Kurdistan": the region's classifier noun is part
    # of the mention; the actor stays the place's (its name without the noun)
    found = [_with_region_noun(text, toks, f, covered, kb, lx) for f in found]

    # 3. names that count only when their actor is already named ("alleanza" -> NATO)
    present = {f[2] for f in found}
    if kb.context_names:
        for i in range(n):
            if covered[i]:
                continue
            for ck, entry in kb.context_names.items():
                aid = entry.actor_id
                if aid in present and tuple(ks[i:i + len(ck)]) == ck and _caps_ok(entry, toks, i):
                    found.append((i, i + len(ck), aid, 0.7))
                    for j in range(i, i + len(ck)):
                        covered[j] = True
                    break

    found.sort()
    if local:  # "Parlamento" is Italy's only where the text is about Italy
        countries = _countries([f for f in found if f[0] not in local], kb)
        kept = []
        for f in found:
            a, b, aid, conf = f
            if a not in local or local[a] in countries or aid != hits[a][1]:
                kept.append(f)
            elif b - a > 1:  # another country's "Camera dei deputati": a body all the same
                kept.append((a, b, f"{_kind_of(aid, kb).lower()}:~{slug(text[toks[a].start:toks[b - 1].end])}", 0.6))
        found = kept
    found = [f for f in _acronyms(toks, found, kb) if not _credit(text, toks, f, kb)]
    # 4. a head noun alone names the body named in full before: "la Commissione" after "Commissione
    # europea", "l'Agenzia" after "Aiea" (whose name is "Agenzia internazionale ...")
    found = _short_forms(text, toks, found, covered, kb, lx)
    return _resolve(text, toks, found, kb, lx, published, names)


def _countries(found: list, kb: ActorKB) -> set[str]:
    """The countries a text names, directly, through a capital or through one of their actors."""
    out = set()
    for _, _, aid, _ in found:
        actor = kb.actors.get(aid)
        if actor is None:
            continue
        if actor.kind == "GPE" and actor.external_ids.get("iso3166"):
            out.add(aid)
        for other in (kb.acts_as.get(aid), actor.country, actor.parent):
            if other:
                out.add(other)
    return out


def _short_forms(text: str, toks: list[Token], found: list, covered: list[bool], kb: ActorKB, lx: _Lex) -> list:
    heads = lx.anaphor_heads
    if not heads:
        return found
    # antecedents in text order: (start, head key, actor id)
    named: list[tuple[int, str, str]] = []
    for a, b, aid, _ in found:
        first = toks[a].text
        if b - a > 1 and first in heads:
            named.append((a, first, aid))
        actor = kb.actors.get(aid)
        if actor is not None and actor.kind != "PER":
            for head in lx.heads_of(aid):
                named.append((a, head, aid))
    out = []
    by_start = {f[0]: f for f in found}
    # "il ministero degli Esteri" after "il ministero degli Esteri cinese": the shorter form of a
    # name of several words, up to a capitalised word, names the same body
    prefixes: dict[tuple[str, ...], str] = {}
    for a, b, aid, _ in found:
        if b - a >= 4 and not aid.startswith("per:"):
            for m in range(3, b - a):
                if _is_cap(toks[a + m - 1]) and toks[a + m].text.islower():
                    prefixes.setdefault(tuple(x.key for x in toks[a:a + m]), aid)
    if prefixes:
        firsts = {k[0] for k in prefixes}
        inside = {j for a, b, _, _ in found for j in range(a, b)}
        for p in [i for i, t in enumerate(toks) if t.key in firsts]:
            if covered[p] or p in inside:
                continue
            for k, aid in prefixes.items():
                m = len(k)
                if tuple(x.key for x in toks[p:p + m]) == k and not any(covered[p:p + m]) \
                        and not (p + m < len(toks) and toks[p + m].text[:1].isupper()) \
                        and _contiguous(text, toks, p, m):
                    out.append((p, p + m, aid, 0.7))
                    for j in range(p, p + m):
                        covered[j] = True
                    break
    for p in [i for i, t in enumerate(toks) if t.text in heads]:
        t = toks[p]
        if _elided(toks, p, lx):
            continue
        hit = by_start.get(p)
        if hit is not None and hit[1] - hit[0] != 1:
            continue
        if hit is None and covered[p]:
            continue
        before = [n for n in named if n[0] < p and n[1] == t.text and (hit is None or n[2] != hit[2])]
        if not before:
            continue
        aid = before[-1][2]
        if hit is not None:
            by_start[p] = (p, p + 1, aid, 0.75)
        else:
            out.append((p, p + 1, aid, 0.7))
            covered[p] = True
    return sorted(list(by_start.values()) + out)


def _acronyms(toks: list[Token], found: list, kb: ActorKB) -> list:
    """"Forze di supporto rapido (Rsf)": the acronym in brackets after a name is that name, here
    and wherever else the article uses it."""
    by_start = {f[0]: f for f in found}
    same: dict[str, str] = {}
    added = []
    for a, b, aid, _ in found:
        if not (b + 2 < len(toks) and toks[b].text == "(" and toks[b + 2].text == ")"):
            continue
        word = toks[b + 1].text
        if _kind_of(aid, kb) not in ("ORG", "MISC", "EVENT", "GPE") or not 2 <= len(word) <= 6 \
                or not word[0].isupper() or not word.isalpha() or _is_word(word.lower()):
            continue
        inner = by_start.get(b + 1)
        if inner is None:
            added.append((b + 1, b + 2, aid, 0.8))
        elif inner[1] == b + 2 and inner[2] != aid and _kind_of(inner[2], kb) in ("ORG", "MISC", "EVENT") \
                and _kind_of(aid, kb) != "GPE":
            same[toks[b + 1].key] = aid
        else:
            continue
        same[toks[b + 1].key] = aid
    if not same:
        return found
    out = [(a, b, same[toks[a].key], conf) if b - a == 1 and toks[a].key in same else (a, b, aid, conf)
           for a, b, aid, conf in found]
    starts = {f[0] for f in out} | {f[0] for f in added}
    inside = {j for a, b, _, _ in out + added for j in range(a, b)}
    for i, t in enumerate(toks):  # the acronym again, wherever the rules above let it pass
        if t.key in same and i not in starts and i not in inside and t.text[:1].isupper():
            added.append((i, i + 1, same[t.key], 0.75))
    return sorted(out + added)


_DATELINE = re.compile(r"^\s*[A-ZÀ-Ý][\w'’ .-]{1,40},\s*\d{1,2}\s+\w+\.?(?:\s+\d{4})?\s*\($")


def _credit(text: str, toks: list[Token], hit, kb: ActorKB) -> bool:
    """An agency credit is no mention: "Roma, 7 ott. (Adnkronos) -", "... in Colombia - Reuters"."""
    a, b, aid, _ = hit
    if aid not in kb.media and not (aid.startswith("org:~") and b - a == 1):
        return False
    line_start = text.rfind("\n", 0, toks[a].start) + 1
    line_end = text.find("\n", toks[b - 1].end)
    line_end = len(text) if line_end < 0 else line_end
    if a > 0 and toks[a - 1].text == "(" and b < len(toks) and toks[b].text == ")" \
            and _DATELINE.match(text[line_start:toks[a - 1].end]):
        return True
    before = text[line_start:toks[a].start]
    if not before.strip() and re.match(r"\s*[-–—]\s", text[toks[b - 1].end:line_end]):
        return True  # "AGI - «Voglio ringraziare...»": the agency opening the wire
    return not text[toks[b - 1].end:line_end].strip() and bool(re.search(r"\S\s+[-–—|]\s*$", before))


def _kind_of(aid: str, kb: ActorKB) -> str:
    actor = kb.actors.get(aid)
    return actor.kind if actor else aid.split(":", 1)[0].upper()


def _title_holders(text, toks, covered, kb: ActorKB, lx: _Lex, published: str | None) -> list:
    out = []
    for i in [j for j, t in enumerate(toks) if t.key in lx.title_first]:
        t = toks[i]
        if covered[i] or not _is_cap(t):
            continue
        for k, (office, org) in lx.title_keys.items():
            if tuple(x.key for x in toks[i:i + len(k)]) == k and all(_is_cap(x) for x in toks[i:i + len(k)]):
                holder = kb.holder(kb.office_of(office), org, published)
                if holder is not None:
                    out.append((i, i + len(k), holder.id, 0.8))
                    for j in range(i, i + len(k)):
                        covered[j] = True
                break
    return out


def _kb_hit(text: str, toks: list[Token], ks: list[str], i: int, kb: ActorKB, published: str | None):
    """The longest known name starting at token ``i``: (length, actor id[, country it needs]) or None."""
    index, prefixes = kb.index, kb.prefixes
    n = len(toks)
    found = []
    m = 1
    while i + m <= n:
        key = tuple(ks[i:i + m])
        entries = index.get(key)
        if entries:
            found.append((m, entries))
        if key not in prefixes:
            break
        m += 1
    for length, entries in reversed(found):
        ok = [e for e in entries if e.curated and _caps_ok(e, toks, i)]
        if not ok:
            continue
        if length == 1 and _is_word(ks[i]) and _sentence_initial(text, toks, i) \
                and all(kb.actors[e.actor_id].kind == "PER" for e in ok):
            continue  # "Grandi manovre...": a surname that is also a word, opening a sentence
        if length == 1 or _contiguous(text, toks, i, length):
            aid = ok[0].actor_id if len(ok) == 1 else _choose(ok, kb, published)
            needs = next((e.needs for e in ok if e.actor_id == aid), None)
            return (length, aid, needs) if needs else (length, aid)
    return None


def _longer_person(text: str, toks: list[Token], hit, covered: list[bool], kb: ActorKB, lx: _Lex) -> bool:
    """Does a known person's name continue into words the KB did not match? Uncovers it if so."""
    a, b, aid, _ = hit
    if not aid.startswith("per:"):
        return False
    n = len(toks)
    given = a > 0 and (toks[a - 1].text in kb.firstnames or (  # "Jean-Marie"
        a > 2 and toks[a - 2].text == "-" and toks[a - 3].text in kb.firstnames and _is_cap(toks[a - 1])
        and toks[a - 3].end == toks[a - 2].start and toks[a - 2].end == toks[a - 1].start))
    left = given and not covered[a - 1] and _contiguous(text, toks, a - 1, 2)
    # "Maria Alekseyevna Lvova-Belova": a given name and a patronymic or middle name before it
    left = left or (a > 1 and _is_cap(toks[a - 1]) and not _is_word(toks[a - 1].key) and not covered[a - 1]
                    and toks[a - 2].text in kb.firstnames and not covered[a - 2] and _contiguous(text, toks, a - 2, 3))
    # "Bashar al Assad": a given name and a particle before the surname
    left = left or (a > 1 and (toks[a - 1].key in lx.arabic_articles
                               or toks[a - 1].key in lx.particles and toks[a - 1].key not in lx.articles)
                    and _is_cap(toks[a - 2]) and not covered[a - 2] and not covered[a - 1]
                    and not _is_word(toks[a - 2].key) and _contiguous(text, toks, a - 2, 3))
    right = b + 1 < n and not covered[b] and not covered[b + 1] and toks[b].key in lx.particles \
        and _is_cap(toks[b + 1]) and _contiguous(text, toks, b - 1, 3) and toks[b].key not in lx.articles
    # "Woepke Hoekstra", "Xi Jiping": a misspelt given name or surname beside a known one
    typo = (a > 0 and not covered[a - 1] and _is_cap(toks[a - 1]) and not _is_word(toks[a - 1].key)
            and _contiguous(text, toks, a - 1, 2) and _same_person(text[toks[a - 1].start:toks[b - 1].end], aid, lx)) \
        or (b < n and not covered[b] and _is_cap(toks[b]) and not _is_word(toks[b].key)
            and _contiguous(text, toks, b - 1, 2) and _same_person(text[toks[a].start:toks[b].end], aid, lx))
    if left or right or typo:
        for j in range(a, b):
            covered[j] = False
        return True
    return False


def _inside_person(text: str, toks: list[Token], hit, covered: list[bool], kb: ActorKB, lx: _Lex) -> bool:
    """"Abdel Fatah el-Sissi": a one-word name of something else between a given name and a
    surname is part of the person's name. Uncovers it if so."""
    a, b, aid, _ = hit
    n = len(toks)
    if b - a != 1 or aid.startswith("per:") or a == 0 or b >= n:
        return False
    if toks[a - 1].text not in kb.firstnames or covered[a - 1] or not _contiguous(text, toks, a - 1, 2):
        return False
    after = toks[b]
    if covered[b] or not _contiguous(text, toks, a, 2) or not (
            _is_cap(after) and not _is_word(after.key)
            or after.key in lx.arabic_articles and _hyphened_article(toks, b, covered, lx)):
        return False
    covered[a] = False
    return True


def _same_person(surface: str, aid: str, lx: _Lex) -> bool:
    hit = lx.near_person(surface.lower(), _FUZZY_CUTOFF)
    return bool(hit) and hit[0] == aid


def _with_region_noun(text: str, toks: list[Token], hit, covered: list[bool], kb: ActorKB, lx: _Lex):
    a, b, aid, conf = hit
    if a < 2 or _kind_of(aid, kb) not in ("GPE", "LOC"):
        return hit
    k = a - 1
    if toks[k].text in ("'", "’"):
        k -= 1
    if k < 1 or toks[k].key not in lx.name_preps:
        return hit
    k -= 1
    while k > 0 and toks[k].text.islower() and (toks[k].key in kb.demonyms or toks[k].key in lx.name_adjectives
                                                 or toks[k].key.endswith(lx.name_adjective_suffixes)):
        k -= 1  # "regione autonoma del", "regione russa di"
    if toks[k].key not in lx.region_heads or not toks[k].text.islower() or covered[k] \
            or not _contiguous(text, toks, k, a - k):
        return hit
    for j in range(k, a):
        covered[j] = True
    return (k, b, aid, conf)


def _bare_place(toks: list[Token], a: int, b: int, lx: _Lex) -> int:
    """Where the place name starts in a mention opened by a region noun ("regione di Kursk" -> Kursk)."""
    if toks[a].key not in lx.region_heads:
        return a
    for j in range(a + 1, b):
        if _is_cap(toks[j]):
            return j
    return a


def _ministries(text: str, toks: list[Token], found: list, covered: list[bool], kb: ActorKB, lx: _Lex) -> list:
    n = len(toks)
    starts = {f[0]: f for f in found}
    out = []
    for i in [j for j, t in enumerate(toks) if t.key in lx.ministry_heads]:
        t = toks[i]
        if covered[i] or not t.text.islower() or i + 2 >= n:
            continue
        j = i + 1
        if toks[j].key not in lx.name_preps:
            continue
        j += 1
        if j < n and toks[j].text in ("'", "’"):
            j += 1
        office = next((k for k in lx.ministry_offices if tuple(x.text for x in toks[j:j + len(k)]) == k), None)
        if office is None or any(covered[i:j + len(office)]) or not _contiguous(text, toks, i, j + len(office) - i):
            continue
        end = j + len(office)
        country = None
        if end < n and toks[end].key in kb.demonyms and _contiguous(text, toks, end - 1, 2):
            country, end = kb.demonyms[toks[end].key], end + 1
        elif end + 1 < n and toks[end].key in lx.name_preps:
            k = end + 1
            if k < n and toks[k].text in ("'", "’"):
                k += 1
            owner = starts.get(k)
            if owner and _kind_of(owner[2], kb) == "GPE" and _contiguous(text, toks, end - 1, owner[1] - end + 1):
                country = kb.acts_as.get(owner[2], owner[2])
                end = owner[1]
                found = [f for f in found if f[0] != k]  # "di Pechino" is part of the ministry's name
        office_slug = slug(" ".join(office))
        aid = f"org:~ministero-{office_slug}" + (f"-{country.split(':')[-1]}" if country else "")
        if country is None:  # "il ministero degli Esteri" after "il ministero degli Esteri cinese"
            before = [f for f in found + out if f[0] < i and _office_of_span(toks, f[0], f[1], lx) == office]
            if before:
                aid = max(before)[2]
        for known in kb.index.get(tuple(x.key for x in toks[i:end]), ()):  # a ministry the data lists
            if kb.actors[known.actor_id].kind == "ORG":
                aid = known.actor_id
                break
        out.append((i, end, aid, 0.7))
        for k in range(i, end):
            covered[k] = True
    return found + out


def _office_of_span(toks: list[Token], a: int, b: int, lx: _Lex):
    """The office a ministry's mention names ("Esteri" in "ministero degli Esteri cinese")."""
    if b - a < 3 or toks[a].key not in lx.ministry_heads:
        return None
    j = a + 2 + (toks[a + 2].text in ("'", "’"))
    return next((k for k in lx.ministry_offices if tuple(x.text for x in toks[j:j + len(k)]) == k), None)


def _place_named_thing(text: str, toks: list[Token], hit, covered: list[bool], kb: ActorKB, lx: _Lex):
    a, b, aid, conf = hit
    actor = kb.actors.get(aid)
    if a < 2 or actor is None or not (actor.kind == "LOC" or actor.kind == "GPE" and actor.country):
        return hit
    prep, head = toks[a - 1], toks[a - 2]
    if prep.key not in ("di", "a") or not head.text.islower() or not _contiguous(text, toks, a - 2, b - a + 2):
        return hit
    if head.key not in lx.lower_event_heads:
        return hit  # ("memorandum di Minsk": the city, for the annotators; "accordi di Minsk" is known)
    kind = "event"
    covered[a - 2] = covered[a - 1] = True
    return (a - 2, b, f"{kind}:~{slug(text[head.start:toks[b - 1].end])}", 0.6)


def _institutions(text: str, toks: list[Token], found: list, covered: list[bool], kb: ActorKB, lx: _Lex,
                  doc_titles: list, names: dict[str, str]) -> list:
    heads = {a: (b, aid) for a, b, aid, _ in found}
    titles = {t[0] for t in doc_titles}  # their own rule reads them
    spans = []
    drop: set[int] = set()
    nested: set[int] = set()
    n = len(toks)
    trig = lx.inst_heads
    cands = sorted({i for i, t in enumerate(toks) if t.text in trig}
                   | {a for a, (b, _) in heads.items() if toks[b - 1].text in trig})
    upto = 0  # tokens before this index belong to a name found already
    for i in cands:
        if i < upto:
            continue
        t = toks[i]
        hit = heads.get(i)
        if covered[i] and not hit:
            continue
        if hit and hit[0] - 1 > i and toks[hit[0] - 1].text in trig:
            # a known name ending in a head the text continues: "la Repubblica islamica dell'Iran"
            # is no newspaper, "Forze armate ucraine" no mere "Forze armate"
            h, e = hit[0] - 1, hit[0]
            state = _state_name(text, toks, h, heads, kb, lx) if toks[h].text in lx.state_heads else None
            j = e if state or toks[h].text not in lx.name_heads else _institution_end(text, toks, h, e, covered, kb, lx)
            if state or j > e:
                drop.add(i)
                end, aid = state or (j, f"{_head_kind(toks[h].text, lx).lower()}:~{slug(text[toks[h].start:toks[j - 1].end])}")
                spans.append((h, end, aid, 0.9 if state else 0.6))
                upto = end
                continue
        if not hit and t.text in lx.state_heads:
            state = _state_name(text, toks, i, heads, kb, lx)
            if state:
                spans.append((i, state[0], state[1], 0.9))
                upto = state[0]
                continue
        if t.text in lx.name_heads and i not in titles and not _elided(toks, i, lx) \
                and (not hit or kb.actors[hit[1]].kind in ("ORG", "EVENT", "MISC", "LOC")):
            start = hit[0] if hit else i + 1  # a known name is continued only past its end
            if hit and hit[0] - i > 1 and not (start < n and _name_adjective(toks[start], kb, lx)):
                upto = start  # ... and only by an adjective ("Partito Democratico Progressista")
                continue
            j = _institution_end(text, toks, i, start, covered, kb, lx)
            if not hit and t.text in lx.government_heads and i + 1 < n and toks[i + 1].key in kb.demonyms \
                    and _contiguous(text, toks, i, 2) and (j == i + 1 or j == i + 2):
                # "il Governo italiano", "il Governo etiope": the state acting
                spans.append((i, i + 2, kb.demonyms[toks[i + 1].key], 0.8))
                upto = i + 2
                continue
            if j > start:
                # "Comitato per la sicurezza nazionale dell'Ucraina": the state it belongs to is part
                # of the mention, not of its name; the state stays a mention of its own
                end, bare = j, text[t.start:toks[j - 1].end]
                if toks[j - 1].text.islower() and j < n and toks[j].key in lx.name_preps and toks[j].key != "per":
                    k = j + 1
                    if k < n and toks[k].text in ("'", "’"):
                        k += 1
                    if k < n and toks[k].key in lx.articles_bare:
                        k += 1
                    owner = heads.get(k)
                    if owner and _kind_of(owner[1], kb) == "GPE" and _contiguous(text, toks, j - 1, owner[0] - j + 1):
                        end = owner[0]
                        nested.add(k)
                aid = f"{_head_kind(t.text, lx).lower()}:~{slug(bare)}"
                if end > j:
                    names[aid] = bare
                spans.append((i, end, aid, 0.6))
                upto = end
                continue
        if hit:
            upto = hit[0]
    if not spans:
        return found
    for a, b, _, _ in spans:
        for k in range(a, b):
            covered[k] = True
    for i in drop:
        for k in range(i, heads[i][0]):
            covered[k] = False
    for a, b, _, _ in spans:
        for k in range(a, b):
            covered[k] = True
    kept = [f for f in found if f[0] not in drop and (f[0] in nested or not any(a <= f[0] < b for a, b, _, _ in spans))]
    return kept + spans


def _state_name(text: str, toks: list[Token], i: int, heads: dict, kb: ActorKB, lx: _Lex):
    """A state's formal name: "Regno dell'Arabia Saudita", "Repubblica islamica dell'Iran",
    "Repubblica Democratica Popolare di Corea" -> (end, the country's id)."""
    n = len(toks)
    j = i + 1
    while j < n and j - i < 5 and _name_adjective(toks[j], kb, lx) and _contiguous(text, toks, j - 1, 2):
        j += 1
    if j >= n or toks[j].key not in lx.name_preps:
        return None
    k = j + 1
    if k < n and toks[k].text in ("'", "’"):
        k += 1
    if k < n and toks[k].key in lx.articles_bare:
        k += 1
    if k in heads:
        end, aid = heads[k]
        actor = kb.actors.get(aid)
        if actor and actor.kind == "GPE" and actor.external_ids.get("iso3166") and _contiguous(text, toks, i, end - i):
            return end, aid
    return None


def _head_kind(head: str, lx: _Lex) -> str:
    for kind, group in (("ORG", lx.org_heads), ("GPE", lx.gpe_heads), ("LOC", lx.loc_heads),
                        ("EVENT", lx.event_heads), ("MISC", lx.misc_heads)):
        if head in group:
            return kind
    return "ORG"


def _institution_end(text: str, toks: list[Token], i: int, start: int, covered: list[bool],
                     kb: ActorKB, lx: _Lex) -> int:
    """Where the name a head noun opens ends (``start`` if it has no lower-case complement).

    Head, then adjectives ("supremo", "nazionale", "armate", "palestinese") and up to two
    complements of a preposition ("per la sicurezza nazionale", "di transizione", "delle
    piccole isole"); never a verb, a time word, a name of its own or a line break.
    """
    n = len(toks)
    j, end, plain, complements = i + 1, i + 1, 0, 0
    while j < n and j - i <= 9 and _contiguous(text, toks, j - 1, 2):
        t = toks[j]
        if covered[j] and j >= start:
            break
        if _name_adjective(t, kb, lx) and not (complements and t.key in kb.demonyms):
            j += 1
            end = j
            if t.key not in kb.demonyms:
                plain += 1
            continue
        if t.key in lx.name_preps and complements < 2 and j + 1 < n:
            k = j + 1
            if toks[k].text == "'" or toks[k].key in lx.articles_bare:
                k += 1
            if k < n and toks[k].text.isdigit() and len(toks[k].text) == 4 and toks[i].text in lx.event_heads:
                j = end = k + 1  # "Mondiali di calcio del 2022"
                break
            # the complement keeps the name's case ("Camera dei Deputati", not "... per le esequie")
            # and is no head of a name of its own ("Comando Orientale dell'Esercito ...")
            if k < n and (not covered[k] or k < start) and _complement_noun(toks[k], lx) \
                    and _contiguous(text, toks, j, k - j + 1) \
                    and (j - 1 == i or toks[k].text[0].isupper() == toks[j - 1].text[0].isupper()) \
                    and toks[k].text not in lx.name_heads:
                if toks[k].key in lx.prenominal and k + 1 < n and (not covered[k + 1] or k + 1 < start) \
                        and _complement_noun(toks[k + 1], lx) and _contiguous(text, toks, k, 2):
                    k += 1  # "delle piccole isole": an adjective before the noun
                j = k + 1
                end = j
                plain += 1
                complements += 1
                # "sullo sviluppo e migrazioni", "per la salvaguardia e la restaurazione"
                if j + 1 < n and toks[j].key == "e" and toks[j - 1].text.islower():
                    k = j + 1
                    if toks[k].key in lx.articles_bare:
                        k += 1
                    if k < n and toks[k].text.islower() and _complement_noun(toks[k], lx) \
                            and _contiguous(text, toks, j, k - j + 1):
                        j = k + 1
                        end = j
                continue
        break
    if end <= start or not plain or text[toks[i].start:toks[end - 1].end].lower().startswith(lx.role_phrases):
        return start
    return end


def _name_adjective(t: Token, kb: ActorKB, lx: _Lex) -> bool:
    """A word that can continue an institution's name: "nazionale", "Suprema", "armate", "yemenite"."""
    w = t.key
    if not t.text.isalpha() or len(w) < 4 or w in lx.not_name_adjectives:
        return False
    if t.text[0].isupper() and not _is_word(w):
        return False  # a capitalised name, not an adjective
    if w in lx.name_adjectives or w in kb.demonyms:
        return True
    if w.endswith(lx.name_adjective_suffixes):
        lemma = _lemma(w)  # "la Commissione replica": a verb, not "-ica" as in "islamica"
        return not ((w[-1] in "ae" or w.endswith("ano")) and lemma != w and lemma.endswith(("are", "ere", "ire")))
    return False


def _complement_noun(t: Token, lx: _Lex) -> bool:
    """A lower-case noun after a preposition in a name: "sicurezza", "transizione", "isole"."""
    w = t.text
    if not w.isalpha() or len(w) < 3 or w in lx.not_complements or w in lx.name_preps or w in lx.articles:
        return False
    if not w.islower() and not (w[0].isupper() and w[1:].islower()):
        return False
    return _is_word(w.lower()) and not (w.endswith(("are", "ere", "ire")) and _lemma(w.lower()) == w.lower())


def _inner(text, toks, ks, a, b, outer, kb: ActorKB, lx: _Lex, published):
    out = []
    i = a + 1
    while i < b:
        longest = kb.max_len.get(ks[i]) or 0
        for length in range(min(longest, b - i), 0, -1):
            entries = [e for e in kb.index.get(tuple(ks[i:i + length]), ())
                       if e.curated and e.actor_id != outer and _caps_ok(e, toks, i)]
            kinds = {kb.actors[e.actor_id].kind for e in entries}
            # only a name the outer one governs: "dell'OSCE", "in Ucraina", "NATO-Russia"
            linked = ks[i - 1] in lx.particles or ks[i - 1] in ("-", "'", "in")
            if entries and kinds & lx.nest_kinds and linked:
                out.append((i, i + length, _choose(entries, kb, published), 0.9))
                i += length - 1
                break
        i += 1
    return out


def _choose(entries: list[Entry], kb: ActorKB, published: str | None) -> str:
    ids = list(dict.fromkeys(e.actor_id for e in entries))
    if len(ids) == 1 or not published:
        return ids[0]
    for aid in ids:  # a person holding office at the date beats a namesake
        actor = kb.actors.get(aid)
        if actor and any((not r.start or r.start <= published) and (not r.end or published[:len(r.end)] <= r.end)
                         for r in actor.roles):
            return aid
    return ids[0]


def _cap_runs(text: str, toks: list[Token], covered: list[bool], lx: _Lex):
    """Maximal runs of capitalised words (with initials, particles and hyphens inside)."""
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if covered[i] or not (_is_cap(t) or t.key in lx.arabic_articles and _hyphened_article(toks, i, covered, lx)) \
                or _elided(toks, i, lx):
            i += 1
            continue
        j = i + (3 if _hyphened_article(toks, i, covered, lx) else 1)
        while j < n and not covered[j] and "\n" not in text[toks[j - 1].end:toks[j].start]:
            t = toks[j]
            if _is_cap(t) and not _elided(toks, j, lx):
                if t.text in lx.kb.firstnames and (toks[j - 1].text not in lx.kb.firstnames or toks[i].text in lx.all_heads) \
                        and toks[j - 1].key not in lx.particles and len(toks[j - 1].text) > 1 \
                        and j + 1 < n and _is_cap(toks[j + 1]) and _contiguous(text, toks, j, 2):
                    break  # a person starts: "Fondazione Maxxi | Alessandro Giuli", "California | Brad Sherman"
                j += 1
            elif t.text == "." and len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper() \
                    and j + 1 < n and _is_cap(toks[j + 1]):
                j += 1  # middle initial "R."
            elif t.key in lx.arabic_articles and _hyphened_article(toks, j, covered, lx):
                j += 3  # "Hayat Tahrir al-Sham", "Abdel Fattah el-Sisi"
            elif t.key in lx.particles and j + 1 < n and _is_cap(toks[j + 1]) and not covered[j + 1] \
                    and "\n" not in text[t.end:toks[j + 1].start]:
                j += 2  # "Jaap de Hoop", "Ursula von der Leyen"
            elif t.text in ("-", "'", "’") and j + 1 < n and _is_cap(toks[j + 1]) and not covered[j + 1] \
                    and toks[j - 1].end == t.start and t.end == toks[j + 1].start:
                j += 2  # glued only: "Jean-Yves", "d'Eau"
            elif t.text == "-" and j + 1 < n and toks[j + 1].text.isdigit() and len(toks[j + 1].text) <= 4 \
                    and toks[j - 1].end == t.start and t.end == toks[j + 1].start:
                j += 2  # a model or a series: "Ka-52", "Hwasong-12", "F-35"
                break
            elif t.text == "-" and j + 1 < n and toks[j + 1].text.isalpha() and toks[j + 1].text.islower() \
                    and len(toks[j + 1].text) <= 4 and toks[j - 1].end == t.start and t.end == toks[j + 1].start \
                    and _is_cap(toks[j - 1]):
                j += 2  # a syllable of an East Asian given name: "Kim Jong-un", "Hou Yu-ih"
            else:
                break
        yield i, j
        i = j


def _hyphened_article(toks: list[Token], i: int, covered: list[bool], lx: _Lex) -> bool:
    """An Arabic article glued to a capitalised name: "al-Sham", "el-Sisi", "ad-Din"."""
    return (i + 2 < len(toks) and toks[i].key in lx.arabic_articles and toks[i + 1].text in ("-", "‐")
            and toks[i].end == toks[i + 1].start == toks[i + 2].start - 1 and _is_cap(toks[i + 2])
            and not covered[i + 1] and not covered[i + 2])


def _document_titles(text: str, toks: list[Token], covered: list[bool], lx: _Lex):
    """Capitalised document titles; the names inside them stay mentions of their own."""
    out = []
    n = len(toks)
    for i in [k for k, t in enumerate(toks) if t.text in lx.doc_heads]:
        t = toks[i]
        if covered[i] or _sentence_initial(text, toks, i):
            continue
        j, last_cap = i + 1, i
        while j < n and "\n" not in text[toks[j - 1].end:toks[j].start]:
            tj = toks[j]
            if tj.key == "e" and j + 1 < n and (toks[j + 1].key in lx.elisions or toks[j + 1].key in lx.title_fw) \
                    and any(x.text in lx.doc_heads for x in toks[j + 1:j + 4]):
                break  # "... e dell'Accordo ...": a second title starts
            if _is_cap(tj):
                last_cap = j
            elif tj.key in lx.title_fw:
                pass
            elif tj.text.islower() and any(_is_cap(x) for x in toks[j + 1:j + 4]) \
                    and all(x.key in lx.title_fw or _is_cap(x) for x in toks[j + 1:j + 4]):
                pass  # one lower-case word inside ("gli Stati membri dell'Organizzazione")
            else:
                break
            j += 1
        if last_cap > i:
            surface = text[t.start:toks[last_cap].end]
            out.append((i, last_cap + 1, f"misc:~{slug(surface)}", 0.6))
    return out


def _elided(toks: list[Token], i: int, lx: _Lex) -> bool:
    """An elided article or preposition ("L'", "Dell'"): never part of a name."""
    return i + 1 < len(toks) and toks[i + 1].key == "'" and toks[i].key in lx.elisions


def _classify(text: str, toks: list[Token], a: int, b: int, kb: ActorKB, lx: _Lex):
    # drop leading words that are not names ("Il", "Lunedì", a capitalised common word)
    if b - a >= 3 and toks[b - 1].text.isdigit() and toks[b - 2].text == "-" and _is_cap(toks[b - 3]):
        first = b - 3  # "Ka-52", "un F-35": the model is the name, whatever precedes it
        while first > a and (_is_cap(toks[first - 1]) or toks[first - 1].text == "-") \
                and toks[first - 1].text not in lx.never and not _is_word(toks[first - 1].key):
            first -= 1
        return first, b, f"misc:~{slug(text[toks[first].start:toks[b - 1].end])}", 0.6
    if text[toks[a].start:toks[b - 1].end].lower().startswith(lx.role_phrases):
        return None  # "Capo dello Stato": an office, not a place or a body
    words_all = [t for t in toks[a:b] if _WORD_START.match(t.text)]
    if len(words_all) >= 2 and all(t.text.isupper() for t in words_all) \
            and 2 * sum(_is_word(t.key) for t in words_all) >= len(words_all):
        return None  # a heading in capitals: "NO A NUOVI NEGOZIATI"
    covered0 = [False] * len(toks)
    while a < b:
        t = toks[a]
        if _hyphened_article(toks, a, covered0, lx) or (  # "al-Masri"; "Al Qaida" inside a sentence
                t.text in ("Al", "El") and b - a > 1 and _is_cap(toks[a + 1]) and not _sentence_initial(text, toks, a)):
            break
        if t.text in lx.never or t.text.title() in lx.never or t.text.upper() == t.text and len(t.text) == 1:
            a += 1
        elif a + 1 < b and toks[a + 1].text == "." and len(t.text) <= 4:  # "Amb.", "Sen."
            a += 2
        elif b - a > 1 and _is_word(t.key) and t.text not in kb.firstnames \
                and (_sentence_initial(text, toks, a) or not _WORD_START.match(toks[a + 1].text)):
            a += 1
        else:
            break
    while b > a and not _WORD_START.match(toks[b - 1].text):
        b -= 1
    if a >= b:
        return None
    # "lago Lemano", "palazzo Dolmabahce": a lower-case place noun is part of the name
    pre = a - 1
    if pre >= 0 and toks[pre].key in lx.particles and pre >= 1:
        pre -= 1  # "mare di Azov", "accordi di Minsk"
    if pre >= 0 and toks[pre].text.islower() and _contiguous(text, toks, pre, a - pre + 1):
        head = toks[pre].key
        if head in lx.lower_loc_heads:
            return pre, b, f"loc:~{slug(text[toks[pre].start:toks[b - 1].end])}", 0.6
        person = bool(kb.surnames.get(toks[a].key)) or toks[a].text in kb.firstnames
        if head in lx.lower_doc_heads and toks[pre].text not in ("formato",) and not person:
            return pre, b, f"misc:~{slug(text[toks[pre].start:toks[b - 1].end])}", 0.6
        if head in lx.lower_event_heads and toks[pre + 1].key in ("di", "a") and not person:
            return pre, b, f"event:~{slug(text[toks[pre].start:toks[b - 1].end])}", 0.6
    words = [t for t in toks[a:b] if _WORD_START.match(t.text)]
    surface = text[toks[a].start:toks[b - 1].end]
    single = len(words) == 1
    initial = _sentence_initial(text, toks, a)
    key = tuple(t.key for t in toks[a:b])

    # a generated city (never a part of a longer name)
    for e in kb.index.get(key, ()):
        if not e.curated and _caps_ok(e, toks, a) and not (single and _is_word(key[0])):
            return a, b, e.actor_id, 0.8  # ("Arabi" is a word, not a town of that name)
    if single:
        w = words[0]
        if _is_word(w.key) or w.text in lx.never or w.text.title() in lx.never or len(w.text) < 2 \
                or w.text.isdigit() or w.text in lx.group_names or w.text in lx.all_heads:
            # a common word, a people ("Rohingya"), a head noun alone ("Summit")
            return None
        # a surname the KB knows ("Lavrov") -- resolved again against the article later
        ids = kb.surnames.get(w.key, ())
        if len(ids) == 1:
            return a, b, ids[0], 0.8
        # a misspelling or another transliteration of a known one-word name ("Bierlorussia",
        # "Prighozhin", "Myamnmar"): long enough, same initial, nearly the same letters
        if not w.text.isupper() and _is_english_word(w.key) and w.text not in kb.firstnames:
            return None  # "Smart", "Next", "World": an English word, capitalised in a title or a brand
        if len(w.key) >= 6:
            near = lx.near_single(w.key)
            if near and (near[1] >= _FUZZY_SINGLE_PER or not near[0].startswith("per:")):
                return a, b, near[0], round(near[1] / 100 * 0.8, 3)
    else:
        # a typo or unlisted spelling of a known person
        hit = lx.near_person(surface.lower(), _FUZZY_CUTOFF)
        if not hit and len(words) > 2 and words[0].text in kb.firstnames:
            # a patronymic or middle name the data leaves out: "Maria Alekseyevna Lvova-Belova"
            last = b - 1
            while last - 2 >= a and toks[last - 1].text == "-" and toks[last - 2].end == toks[last - 1].start:
                last -= 2  # "Lvova-Belova" is one surname
            ends = f"{words[0].text} {text[toks[last].start:toks[b - 1].end]}".lower()
            hit = lx.near_person(ends, 95.0)
        if hit:
            return a, b, hit[0], round(hit[1] / 100 * 0.85, 3)
        near = lx.near_multi(" ".join(t.key for t in toks[a:b]))
        if near:
            return a, b, near[0], round(near[1] / 100 * 0.8, 3)
    if not single and all(_is_word(w.key) for w in words) and not (
            words[0].text in lx.org_heads and any(t.key in lx.particles for t in toks[a:b])) \
            and not (words[0].text in kb.firstnames and len(words) == 2) \
            and not (words[0].text in lx.name_heads and not initial and words[0].text not in lx.never):
        return None  # "Nuovo Anno": capitalised common words (not "Mario Rossi", "Fondazione Alba")
    kind = _guess_kind(text, toks, a, words, kb, lx)
    if kind is None or (single and initial and kind != "PER"):
        return None
    name = " ".join(w.text for w in words) if kind == "PER" else surface
    if kind == "PER" and len(words) > 2:
        # "Wendy R. Sherman" -> per:~wendy-sherman: initials do not make another person
        name = " ".join(w.text for w in words if len(w.text) > 1)
    return a, b, f"{kind.lower()}:~{slug(name)}", 0.6


def _guess_kind(text: str, toks: list[Token], a: int, words: list[Token], kb: ActorKB, lx: _Lex):
    """Type a name the KB does not know, from its head word and the words around it."""
    head = words[0].text
    prev = toks[a - 1].key if a > 0 else ""
    end = a + 1
    while end < len(toks) and toks[end].start < words[-1].end:
        end += 1
    nxt = toks[end].key if end < len(toks) else ""
    if head in lx.org_heads or words[-1].text in lx.org_heads:
        return "ORG"
    if head in lx.gpe_heads:
        return "GPE"
    if head in lx.loc_heads:
        return "LOC"
    if head in lx.event_heads:
        return "EVENT"
    if head in lx.misc_heads:
        return "MISC"
    if head in kb.firstnames and len(words) >= 2:
        return "PER"
    if prev in lx.person_cues:
        return "PER"
    if prev in lx.org_cues:
        return "ORG"
    if len(words) == 1:
        w = head
        if w.isupper() and 2 <= len(w) <= 6:
            return "ORG"  # an acronym
        if prev in lx.place_cues:
            return "GPE"
        if prev in lx.articles or (prev == "'" and a > 1 and toks[a - 2].key in lx.elisions):
            return "ORG"  # "la Tass", "dell'Unian": Italian puts no article before people
        if nxt in lx.speech_after:
            return "PER"
        return "MISC"
    if any(simplemma.is_known(w.key, lang="en") for w in words[1:]) and head not in kb.firstnames \
            and simplemma.is_known(head.lower(), lang="en"):
        return "MISC"  # "Union Resolve", "Allied Resolve": an English-named thing, not a person
    if all(not _is_word(w.key) or w.key in lx.particles or w.key in lx.arabic_articles for w in words):
        return "PER"
    return None


# --------------------------------------------------------------------------------------------
# within-article resolution, metonyms, roles


def _unify(text: str, toks: list[Token], found: list) -> list:
    """One actor per name the article spells in several ways: a provisional name found with two
    types ("Sipa" as a body and as a thing), two spellings of one person ("Sergei"/"Sergey
    Vershinin"), a misspelt surname or place beside the name written right ("Krasnosselki")."""
    surf = {(a, b): text[toks[a].start:toks[b - 1].end] for a, b, _, _ in found}
    same: dict[str, str] = {}
    first_by_key: dict[str, str] = {}
    people: list[tuple[str, str]] = []  # (lower full name, id) in text order
    singles: list[tuple[str, str]] = []  # (lower one-word name, id) of known actors
    for a, b, aid, _ in found:
        if "~" in aid:
            key = aid.split("~", 1)[1]
            first_by_key.setdefault(key, aid)
            if first_by_key[key] != aid:
                same[aid] = first_by_key[key]
        s = surf[(a, b)].lower()
        if aid.startswith("per:") and b - a > 1:
            people.append((s, aid))
        elif "~" not in aid and b - a == 1:
            singles.append((s, aid))
    for a, b, aid, _ in found:
        if "~" not in aid or aid in same:
            continue
        s = surf[(a, b)].lower()
        if aid.startswith("per:") and b - a > 1:
            for other, oid in people:
                if oid != aid and fuzz.ratio(s, other) >= _FUZZY_SINGLE and oid not in same:
                    same[aid] = oid
                    break
        elif b - a == 1 and len(s) >= 5:
            for other, oid in people:
                if fuzz.ratio(s, other.split()[-1]) >= _FUZZY_CUTOFF:
                    same[aid] = oid
                    break
            else:
                for other, oid in singles:
                    if other[:1] == s[:1] and fuzz.ratio(s, other) >= _FUZZY_SINGLE:
                        same[aid] = oid
                        break
    if not same:
        return found
    return [(a, b, same.get(aid, aid), conf) for a, b, aid, conf in found]


def _resolve(text: str, toks: list[Token], found, kb: ActorKB, lx: _Lex, published: str | None,
             names: dict[str, str] | None = None) -> list[Mention]:
    found = _unify(text, toks, found)
    # surnames of people named in full in this article
    full: dict[str, str] = {}
    given: dict[str, set[str]] = {}
    for a, b, aid, _ in found:
        if aid.startswith("per:") and b - a > 1:
            last = toks[b - 1].key
            full.setdefault(last, aid)
            if toks[a].text in kb.firstnames:
                given.setdefault(toks[a].key, set()).add(aid)
    for k, ids in given.items():  # "caro Donald" after "Donald Trump": one person by that name
        if len(ids) == 1 and k not in full:
            full[k] = next(iter(ids))
    out: list[Mention] = []
    for a, b, aid, conf in found:
        alone = b - a == 1 or (b - a == 3 and toks[a].key in lx.arabic_articles and toks[a + 1].text == "-")
        if alone and toks[b - 1].key in full and aid != full[toks[b - 1].key] \
                and ("~" in aid or aid.startswith(("per:", "gpe:"))):
            # "Sherman" after "Wendy R. Sherman"; "Ferrara" after "Pasquale Ferrara"; "el-Sisi"
            aid, conf = full[toks[b - 1].key], 0.85
        start, end = toks[a].start, toks[b - 1].end
        if start > 0 and text[start - 1] in "@#" and (start == 1 or not text[start - 2].isalnum()):
            start -= 1  # "@ItalianNavy", "#BringBackOurGirls": the handle as written
        actor = kb.actors.get(aid)
        target = kb.acts_as.get(aid)
        if target and not _literal_place(text, toks, a, b, lx):
            actor = kb.actors.get(target)
            aid = target
        if actor is not None:
            label, name = actor.kind, actor.name
        else:
            label = aid.split(":", 1)[0].upper()
            words = text[toks[_bare_place(toks, a, b, lx)].start:end]
            name = " ".join(w for w in words.split() if not (len(w) == 2 and w.endswith("."))) \
                if label == "PER" else (names or {}).get(aid, words)
        role = _role_near(text, start, end, lx, actor) if label == "PER" else None
        out.append(Mention(start, end, text[start:end], label, aid, name, role, STAGE, conf))
    return out


def _literal_place(text: str, toks: list[Token], a: int, b: int, lx: _Lex) -> bool:
    """Is a city named as a place (dateline, "a Mosca") rather than as its government?"""
    line_start = text.rfind("\n", 0, toks[a].start) + 1
    if not text[line_start:toks[a].start].strip():  # dateline: "MOSCA, 30 dicembre –", "BRUXELLES –"
        after = text[toks[b - 1].end:toks[b - 1].end + lx.dateline_max]
        if re.match(r"\s*(?:,\s*\d|,\s*\w+\s+\d|\s*[-–—]|\s*\(|,\s*(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\b)",
                    after, re.IGNORECASE):
            return True
    p = a - 2 if a > 1 and toks[a - 1].key == "'" else a - 1  # "all'Aia", "nell'Avana"
    prev = toks[p].key if p >= 0 else ""
    if prev in lx.literal1:
        # "sostegno a Kiev", "ha chiesto a Mosca": a dative after a noun or verb of giving or
        # saying addresses the government, not the place
        return not (prev in ("a", "ad", "al", "alla", "all") and p > 0 and _dative_head(toks[p - 1].key, lx))
    if b + 2 < len(toks) and toks[b].text == "(" and _is_cap(toks[b + 1]) and toks[b + 2].text == ")":
        return True  # "Luanda (Angola)": a place and where it lies
    if prev == "da" and b + 1 < len(toks) and toks[b].key in ("a", "ad") and _is_cap(toks[b + 1]):
        return True  # "da Tel Aviv a Gerusalemme": a move between places
    # a city under siege or attack is the place: "assedia Tripoli", "l'offensiva su Kiev"
    if _lemma(prev) in lx.military or (prev in lx.military_preps and p > 0 and _lemma(toks[p - 1].key) in lx.military):
        return True
    for phrase in lx.literal2_by_last.get(prev, ()):
        m = len(phrase)
        if a >= m and tuple(t.key for t in toks[a - m:a]) == phrase:
            return True
    return False


def _dative_head(key: str, lx: _Lex) -> bool:
    return key in lx.dative or _lemma(key) in lx.dative


@lru_cache(maxsize=65536)
def _lemma(lower: str) -> str:
    return simplemma.lemmatize(lower, lang="it") if lower.strip() else lower


_GOVERNED = re.compile(r"\b(?:del|della|dello|dell['’]|di|al|alla|dal|dalla)\s*$", re.IGNORECASE)
_DANGLING = re.compile(r"\b(?:di|del|della|dello|dell['’]|degli|dei|delle|a|al|alla|da|dal|dalla|con|per|tra|fra)\s*$", re.IGNORECASE)


def _has_name(role: str, lx: "_Lex") -> bool:
    words = role.split()
    return any(w in lx.kb.firstnames and nxt[:1].isupper() for w, nxt in zip(words, words[1:]))


def _parse_role_lx(role: str, lx: "_Lex") -> str | None:
    m = lx.offices.search(role)
    return lx.office_key.get(m.group("office").lower()) if m else None

_ROLE_STOP = re.compile(r"\b(?:e(?!\s+(?:di|della|del|dei|degli|per|la)\b)|che|ha|hanno|è|sono|era|aveva|avrebbe|ed|ma|dopo|prima|mentre|quando|secondo|con|se|come|oggi|ieri)\b", re.IGNORECASE)


def _role_near(text: str, start: int, end: int, lx: _Lex, actor: Actor | None = None) -> str | None:
    """The role stated right before ("il portavoce del Cremlino X") or after ("X, portavoce di Y,")."""
    lo = max(0, start - 120)
    before = text[lo:start]
    cut = max(before.rfind(c) for c in ".;:!?«»\"“”()\n")
    if cut >= 0:
        before = before[cut + 1:]
    # the leftmost role word from which the text runs to the name without a verb or conjunction;
    # then the innermost one it governs: "consigliere del cancelliere Olaf Scholz" -> "cancelliere"
    cues = list(lx.cue_word.finditer(before))
    for n, m in enumerate(cues):
        role = before[m.start():].strip(" ,")
        if not role or _ROLE_STOP.search(role) or len(role.split()) > 14 or "," in role:
            continue
        if _DANGLING.search(role) or _has_name(role, lx):
            return None  # "portavoce di Vladimir Putin": the name is the complement, not the holder
        if actor is not None and actor.roles:
            # "consigliere del cancelliere Olaf Scholz": Scholz is the chancellor, not the adviser
            for later in cues[n + 1:]:
                if _GOVERNED.search(before[:later.start()]):
                    inner = before[later.start():].strip(" ,")
                    parsed = _parse_role_lx(inner, lx)
                    if parsed and any(lx.kb.office_of(r.title) == parsed for r in actor.roles):
                        return inner
        return role
    m = lx.role_after.match(text[end:end + 120])
    if m:
        role = m.group("role").strip(" ,")
        role = _ROLE_STOP.split(role)[0].strip(" ,")
        if role and len(role.split()) <= 14:
            return role
    return None


# --------------------------------------------------------------------------------------------
# role descriptions


_QUAL = re.compile(r"^\s*(?:(?:del|della|dello|dell['’]|degli|dei|di|delle)\s*(?P<name>[A-ZÀ-Ý][\w’'\-]*(?:\s+[A-ZÀ-Ý][\w’'\-]*)*(?:\s+d['’]America)?)|(?P<dem>\w+))")


def parse_role(role: str, kb: ActorKB | None = None) -> tuple[str, str | None] | None:
    """Read a role description as (office key, organisation id).

    "ministro degli Esteri russo" -> ("foreign_minister", "gpe:ru"); "portavoce del Cremlino" ->
    ("spokesperson", "org:kremlin"); "segretario di Stato americano" -> ("foreign_minister", "gpe:us").
    """
    kb = kb or load_kb("it")
    lx = _lex(kb)
    m = lx.offices.search(role)
    if not m:
        return None
    office = lx.office_key.get(m.group("office").lower())
    org = None
    rest = role[m.end():]
    # "capo della diplomazia russa": the qualifier may follow a further noun phrase
    q = _QUAL.match(rest)
    if q and q.group("dem") and q.group("dem").lower() in kb.demonyms:
        org = kb.demonyms[q.group("dem").lower()]
    elif q and q.group("name"):
        ents = kb.lookup(q.group("name"))
        if ents:
            org = ents[0].actor_id
            org = kb.acts_as.get(org, org)
    if org is None:
        for w in re.findall(r"\w+", rest)[:3]:
            if w.lower() in kb.demonyms:
                org = kb.demonyms[w.lower()]
                break
    if office == "foreign_minister" and m.group("office").lower().startswith("segretario di stato") and org is None:
        org = "gpe:us"
    if office == "foreign_minister" and "farnesina" in m.group("office").lower():
        org = "gpe:it"
    if "cremlino" in m.group("office").lower():
        org = "gpe:ru"
    if "casa bianca" in m.group("office").lower():
        org = "gpe:us"
    return office, org


def _org_matches(kb: ActorKB, want: str | None, have: str | None) -> bool:
    if want is None or have is None:
        return want == have or want is None
    if want == have:
        return True
    for x, y in ((want, have), (have, want)):
        a = kb.actors.get(x)
        if a and (a.parent == y or a.country == y):
            return True
    return False


def resolve_description(text: str, doc: Document, kb: ActorKB | None = None) -> Mention | None:
    """The person a role description stands for ("il capo della diplomazia russa" -> Lavrov).

    First a person this article gave that role to (its mentions' ``role``), then whoever held the
    office on the publication date according to the KB. Returns a Mention of that person whose
    span is the description's span in ``doc.article.text`` when found there (else 0, 0).
    """
    kb = kb or load_kb("it")
    parsed = parse_role(text, kb)
    if not parsed:
        return None
    office, org = parsed
    for m in doc.mentions:
        if m.label == "PER" and m.role:
            pr = parse_role(m.role, kb)
            if pr and pr[0] == office and (org is None or _org_matches(kb, org, pr[1])):
                return _desc_mention(text, doc, m.actor_id, m.actor_name)
    holder = _holder(kb, office, org, doc.article.published)
    if holder:
        return _desc_mention(text, doc, holder.id, holder.name)
    return None


def _holder(kb: ActorKB, office: str, org: str | None, date: str | None) -> Actor | None:
    found = kb.holder(office, org, date)
    if found or org is None:
        return found
    parent = kb.actors.get(org)
    if parent and parent.parent:
        return kb.holder(office, parent.parent, date)
    for t in kb.tenures:  # "portavoce del Cremlino": tenure org is the Kremlin, asked for Russia
        if t.office == office and _org_matches(kb, org, t.organisation):
            return kb.holder(office, t.organisation, date)
    return None


def _desc_mention(text: str, doc: Document, aid: str, name: str) -> Mention:
    body = doc.article.text
    i = body.find(text)
    start, end = (i, i + len(text)) if i >= 0 else (0, 0)
    return Mention(start, end, text, "PER", aid, name, text, STAGE, 0.7)


# --------------------------------------------------------------------------------------------
# the stage


def annotate(doc: Document) -> Document:
    """Stage ``cronaca.entities.rules.v1``: fill ``doc.mentions`` from the article body."""
    lang = doc.article.language if doc.article.language in _languages() else "it"
    kb = load_kb(lang, name_language=doc.article.language or None)  # another language's names, our rules
    mentions = find_mentions(doc.article.text, kb, doc.article.published)
    return replace(doc, mentions=tuple(mentions))
