"""What the entity rules read, built once per actor knowledge base: the lexicon's word lists as
sets (:class:`_Lex`), bucketed lookups of the known name a misspelling is nearest to
(:class:`_Near`), and the small token tests every rule shares (capitals, sentence starts,
elisions, contiguity).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import simplemma
from rapidfuzz import fuzz, process

from ..resources.actors import ActorKB, Entry, languages
from .tokens import Token, keys

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
        # simplemma loads a language's dictionary on its first use (about 2 s for English): load it
        # here, with the other resources, not in the middle of the first batch with an English name.
        simplemma.is_known("the", lang="en")
        lx = kb.lexicon
        self.person_cues = frozenset(w.lower() for w in lx.get("person_cues", []))
        self.org_heads = frozenset(lx.get("org_heads", []))
        self.gpe_heads = frozenset(lx.get("gpe_heads", []))
        self.loc_heads = frozenset(lx.get("loc_heads", []))
        self.event_heads = frozenset(lx.get("event_heads", []))
        self.misc_heads = frozenset(lx.get("misc_heads", []))
        self.particles = frozenset(lx.get("name_particles", []))
        self.of_particles = frozenset(lx.get("of_particles", []))
        self.arabic_articles = frozenset(lx.get("arabic_articles", []))
        # "Corriere del Ticino", "La Voz de Galicia": a newspaper's name, its article and complements
        self.newspaper_heads = frozenset(lx.get("newspaper_heads", []))
        self.newspaper_articles = frozenset(lx.get("newspaper_articles", []))
        # heads whose Italian complements continue a name ("Times" takes none: "del New York Times sulla ...")
        english = frozenset(lx.get("english_heads", []))
        self.name_heads = (self.org_heads | self.loc_heads | self.event_heads | self.misc_heads) - english
        # heads that close an English name ("Locarno Film Festival", "Hudson Institute")
        self.english_event_tails = frozenset(lx.get("english_event_tails", []))
        self.english_offices = frozenset(lx.get("english_offices", []))
        self.english_org_last = english - frozenset(("Times", "Post", "Journal", "News", "Tv", "TV", "Radio"))
        self.inst_heads = self.name_heads | frozenset(lx.get("state_heads", []))
        # first words of names that may be written in lower case ("mar Nero", "ministero degli Esteri russo")
        self.lower_first = frozenset(k[0] for k, es in kb.index.items() if any(not e.caps or e.caps[0] == 0 for e in es)
                                     or len(k) > 1 and any(_lower_head_ok(e, kb) for e in es))
        self.all_heads = self.org_heads | self.gpe_heads | self.loc_heads | self.event_heads | self.misc_heads
        self.group_names = frozenset(lx.get("group_names", []))
        self.english_tails = frozenset(lx.get("english_org_tails", []))
        # words an acronym skips ("Movimento per la rinascita democratica" -> Mrd), as token keys
        self.acronym_skip = frozenset(lx.get("acronym_skip_words", []))
        # heads a text names a body by alone ("della Marina"), words that end a document title
        # before a lone party ("con"), compass words that make a city's part a place ("Mosul Ovest")
        self.bare_body_heads = frozenset(lx.get("bare_body_heads", []))
        self.title_stop_words = frozenset(lx.get("title_stop_words", []))
        self.compass_words = frozenset(lx.get("compass_words", []))
        # titles of address written before a name ("Sheikh Tamim", "Mister Trump"): no given name
        self.honorifics = frozenset(lx.get("honorifics", []))
        # agencies a photo credit names after a slash ("JOHN SMITH/AFP/Getty Images")
        self.photo_agencies = frozenset(lx.get("photo_agencies", []))
        # canonical (English) names of curated actors of several words, for handles ("@ItalianNavy")
        self.canonical = {keys(a.name): aid for aid, a in kb.actors.items()
                          if " " in a.name and a.kind != "GPE" or a.kind == "GPE" and a.external_ids.get("iso3166")}
        self.role_phrases = tuple(lx.get("role_phrases", []))
        self.title_holders = {t: tuple(v) for t, v in lx.get("title_holders", {}).items()}
        self.title_keys = {keys(t): v for t, v in self.title_holders.items()}
        self.title_first = frozenset(k[0] for k in self.title_keys)
        self.government_heads = frozenset(lx.get("government_heads", ["Governo"]))
        # "Tribunale dell'Aja", "Duomo di Milano": a head and its place are one name
        self.city_heads = frozenset(lx.get("city_institution_heads", []))
        self.city_places = frozenset(lx.get("city_institution_places", []))
        # "su X": a name that is a letter or a word only after its cue
        self.cued_names = {k: v for k, v in lx.get("cued_names", {}).items() if v in kb.actors}
        self.cued_after = frozenset(lx.get("cued_names_after", []))
        self.name_adjectives = frozenset(lx.get("name_adjectives", []))
        self.not_name_adjectives = frozenset(lx.get("not_name_adjectives", []))
        self.name_adjective_suffixes = tuple(lx.get("name_adjective_suffixes", []))
        self.name_preps = frozenset(lx.get("name_prepositions", []))
        self.articles_bare = frozenset(lx.get("articles_bare", []))
        self.not_complements = frozenset(lx.get("not_complements", []))
        self.prenominal = frozenset(lx.get("prenominal_adjectives", []))
        self.state_heads = frozenset(lx.get("state_heads", []))
        self.never = frozenset(lx.get("never_names", [])) | frozenset(lx.get("common_acronyms", []))
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
        self.media_cues = frozenset(lx.get("media_cues_before", []))
        self.org_cue_complements = tuple(tuple(p.lower().split()) for p in lx.get("org_cue_complements", []))
        self.title_fw = frozenset(lx.get("title_function_words", []))
        self.doc_heads = frozenset(lx.get("doc_title_heads", []))
        self.place_cues = frozenset(lx.get("place_cues_before", []))
        self.settlement_nouns = frozenset(lx.get("settlement_nouns", []))
        self.english_place_tails = frozenset(lx.get("english_place_tails", []))
        self.foreign_place_heads = frozenset(lx.get("foreign_place_heads", []))
        # a legislature's own names, lower case, and the words that name any country's parliament
        self.legislature_names = tuple(n.lower() for n in lx.get("legislature_names", []))
        self.generic_parliaments = frozenset(lx.get("generic_parliaments", []))
        # people's names run together, as handles write them ("matteorenzi" -> Matteo Renzi)
        squashed: dict[str, set[str]] = {}
        for name, aid in kb.person_names.items():
            if " " in name:
                key = "".join(c for c in name if c.isalpha())
                if len(key) >= 8:
                    squashed.setdefault(key, set()).add(aid)
        self.squashed_people = {k: next(iter(v)) for k, v in squashed.items() if len(v) == 1}
        self.speech_after = frozenset(lx.get("speech_verbs_after", []))
        self.articles = frozenset(lx.get("articles", []))
        self.lower_doc_heads = frozenset(lx.get("lower_doc_heads", []))
        self.lower_event_heads = frozenset(lx.get("lower_event_heads", []))
        self.region_heads = frozenset(lx.get("region_heads", []))
        self.demonym_free_heads = frozenset(lx.get("demonym_free_heads", []))
        self.portfolio_preps = frozenset(lx.get("portfolio_prepositions", []))
        self.portfolio_titles = frozenset(lx.get("portfolio_titles", []))
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
        self.folded_people = _folded_people(kb)
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
        # titles that may open a capitalised run before the holder's name ("Primo Ministro X",
        # "Segretario di Stato X", "presidente della Repubblica X"), as token keys
        titles = {keys(c) for c in self.person_cues} | {keys(p) for ps in lx.get("offices", {}).values() for p in ps} \
            | {keys(p) for p in lx.get("office_of_title", {})} | {keys(p) for p in self.role_phrases}
        self.role_titles = frozenset(t for t in titles if t)
        self.role_title_len = max((len(t) for t in self.role_titles), default=0)
        self.role_title_words = frozenset(k for t in self.role_titles for k in t)
        self.offices = _office_regex(lx.get("offices", {}))
        self.office_key = {p.lower(): k for k, ps in lx.get("offices", {}).items() for p in ps}
        cues = sorted((re.escape(c) for c in self.person_cues), key=len, reverse=True)
        self.cue_word = re.compile(r"(?<![\w])(?:vice\s?|vice-)?(?:" + "|".join(cues) + r")(?![\w])", re.IGNORECASE)
        self.role_after = re.compile(
            r"^\s*[,(]\s*(?:(?:il|la|lo|l['’]|ex|già|attuale)\s*)*(?P<role>(?:vice\s?)?(?:" + "|".join(cues)
            + r")\b[^,.;:!?«»\"“”()\n]*)", re.IGNORECASE)

    def heads_of(self, actor_id: str) -> frozenset[str]:
        return self._heads_of.get(actor_id, frozenset())


# --------------------------------------------------------------------------------------------
# transliteration folding of people's names

#: Spellings of one sound across the romanisations the Italian press mixes (English, Italian,
#: German, French): "Lukashenko"/"Lukascenko", "Khamenei"/"Chamenei", "Zelenskyy"/"Zelenskij",
#: "Netanyahu"/"Netanyahou". Applied in order to a lower-case, accent-free word; doubled letters
#: are collapsed after them, so "Sissi" is "Sisi" and "-iy"/"-ij"/"-yy" all end in "-i".
_FOLD_RULES = (
    (re.compile(r"sch|sh|sc(?=[ei])|š"), "s"),
    (re.compile(r"[kc]h"), "h"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"w"), "v"),
    (re.compile(r"[jy]"), "i"),
    (re.compile(r"(\w)\1+"), r"\1"),
)
_FOLD_CHARS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})
_FOLD_WORD = re.compile(r"[^\W\d_]+")
_MIN_FOLDED = 4  # shorter folded names ("Li", "Ma") are too often someone else's


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    w = unicodedata.normalize("NFKD", word.casefold().translate(_FOLD_CHARS))
    w = "".join(c for c in w if not unicodedata.combining(c))
    for pat, rep in _FOLD_RULES:
        w = pat.sub(rep, w)
    return w


#: the Arabic articles a name may carry or drop ("Abdel Fattah al-Sisi", "el-Sisi", "Sisi"); not the
#: assimilated ones ("ad", "as", "an"), which are also English and Italian words before a name
_NAME_ARTICLES = frozenset({"al", "el", "ul"})


def fold_name(name: str, articles: frozenset[str] = _NAME_ARTICLES) -> str:
    """A person's name with its transliteration differences folded away: diacritics, an Arabic
    article before the next word ("al-Sisi", "el Sisi", "Al Sisi" are "sisi"), sh/sch/sc(e,i),
    kh/ch, gh, ph, th, ou, w, j/y and doubled letters."""
    words = _FOLD_WORD.findall(name)
    words = [w for i, w in enumerate(words) if not (w.casefold() in articles and i + 1 < len(words))]
    return " ".join(fold_word(w) for w in words)


def _folded_people(kb: ActorKB) -> dict[str, str]:
    """Folded name -> the one person the data names so; a folded form that two actors share (two
    people, or a person and a place, "Georgia") is left out, so folding never merges two actors.
    A name the data write ("Khamenei" for Ali Khamenei) outranks a surname it leaves implicit
    (Mojtaba Khamenei's), as it does in the exact index."""
    owners: dict[str, set[str]] = {}
    implicit: dict[str, set[str]] = {}
    for aid, actor in kb.actors.items():
        forms = list(actor.variants)
        if actor.kind != "PER":
            forms = [f for f in forms if " " not in f.strip()]  # a one-word place or body blocks a surname
        for form in forms:
            f = fold_name(form)
            if len(f.replace(" ", "")) >= _MIN_FOLDED:
                owners.setdefault(f, set()).add(aid)
    # a surname the data leaves implicit ("Pedro Sánchez" -> "Sanchez"), where no name is written so
    for k, ids in kb.surnames.items():
        f = fold_name(k)
        if len(f) >= _MIN_FOLDED and f not in owners:
            implicit.setdefault(f, set()).update(ids)
    owners.update(implicit)
    return {f: next(iter(ids)) for f, ids in owners.items()
            if len(ids) == 1 and next(iter(ids)).startswith("per:")}


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


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Italian words the lemmatiser's dictionary lacks (adverbs, conjunctions: "inoltre",
    "purtroppo", "finora"), from the lexicon's ``common_words``."""
    from ..resources.actors import load_kb

    return frozenset(w.lower() for w in load_kb("it").lexicon.get("common_words", []))


#: endings of Italian abstract nouns in a stressed final vowel ("città", "autorità", "libertà",
#: "gioventù"), which the lemmatiser's dictionary lacks; not "-otà" ("Bogotà") nor "-ntù" ("Cantù")
_ABSTRACT_ENDINGS = ("ità", "età", "ltà", "rtà", "stà", "ntà", "itù", "utù", "vitù")


#: pronouns an infinitive or a gerund takes after it, longest first
_ENCLITICS = ("glielo", "gliela", "glieli", "gliele", "gliene", "sene", "selo", "sela", "seli", "sele", "melo",
              "telo", "celo", "velo", "gli", "lo", "la", "li", "le", "ne", "si", "ci", "vi", "mi", "ti")


_SUPERLATIVE = re.compile(r"^(\w{3,})issim[oaie]$")


@lru_cache(maxsize=65536)
def _is_word(lower: str) -> bool:
    """Is this a common Italian word (so a capitalised occurrence is probably not a name)?

    Besides the lemmatiser's dictionary: the lexicon's common words, and an adverb in -mente
    formed from a known adjective ("successivamente", "ufficialmente", "nuovamente"), and an
    abstract noun in a stressed final vowel ("sanità", "libertà")."""
    if simplemma.is_known(lower, lang="it") or lower in _common_words():
        return True
    if len(lower) >= 5 and lower.endswith(_ABSTRACT_ENDINGS):
        return True  # the dictionary lacks nouns in a stressed final vowel: "sanità", "libertà", "virtù"
    if not lower.isalpha():
        return False
    for clitic in _ENCLITICS:  # an infinitive, gerund or participle with its pronouns: "ritirarsi",
        # "definendolo", "verificatisi"
        if lower.endswith(clitic) and len(lower) - len(clitic) >= 4:
            stem = lower[:-len(clitic)]
            if stem.endswith("r") and simplemma.is_known(stem + "e", lang="it") \
                    or stem.endswith(("ndo", "at" + stem[-1:], "ut" + stem[-1:], "it" + stem[-1:])) \
                    and simplemma.is_known(stem, lang="it"):
                return True
    sup = _SUPERLATIVE.match(lower)  # "durissimo", "importantissimi"
    if sup and any(simplemma.is_known(sup.group(1) + v, lang="it") for v in "oea"):
        return True
    if lower.endswith("mente") and len(lower) >= 9 and lower.isalpha():
        stem = lower[:-5]  # the feminine adjective, or one in -le/-re without its -e
        return any(simplemma.is_known(s, lang="it") for s in (stem, stem + "e", stem[:-1] + "o"))
    return False


# --------------------------------------------------------------------------------------------
# the finder


def _lower_head_ok(entry: Entry, kb: ActorKB) -> bool:
    """May this name open in lower case? A body's or a place's name of several words whose
    first word is a capitalised common noun ("la casa Bianca", "il consiglio di sicurezza
    dell'Onu"): Italian writers lower-case the head, and a capital later in the name still marks it."""
    actor = kb.actors.get(entry.actor_id)
    return bool(entry.curated and len(entry.caps) > 1 and entry.caps[0] == 1 and actor is not None
                and actor.kind in ("ORG", "LOC", "EVENT", "MISC") and not entry.needs)


def _caps_ok(entry: Entry, toks: list[Token], i: int, kb: ActorKB | None = None) -> bool:
    for j, need in enumerate(entry.caps):
        if need and not toks[i + j].text[:1].isupper():
            if j == 0 and need == 1 and kb is not None and _lower_head_ok(entry, kb) \
                    and any(t.text[:1].isupper() for t in toks[i + 1:i + len(entry.caps)]):
                continue
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


def _elided(toks: list[Token], i: int, lx: _Lex) -> bool:
    """An elided article or preposition ("L'", "Dell'"): never part of a name."""
    return i + 1 < len(toks) and toks[i + 1].key == "'" and toks[i].key in lx.elisions


def _kind_of(aid: str, kb: ActorKB) -> str:
    actor = kb.actors.get(aid)
    return actor.kind if actor else aid.split(":", 1)[0].upper()


@lru_cache(maxsize=65536)
def _lemma(lower: str) -> str:
    return simplemma.lemmatize(lower, lang="it") if lower.strip() else lower


def _hyphened_article(toks: list[Token], i: int, covered: list[bool], lx: _Lex) -> bool:
    """An Arabic article glued to a capitalised name: "al-Sham", "el-Sisi", "ad-Din"."""
    return (i + 2 < len(toks) and toks[i].key in lx.arabic_articles and toks[i + 1].text in ("-", "‐")
            and toks[i].end == toks[i + 1].start == toks[i + 2].start - 1 and _is_cap(toks[i + 2])
            and not covered[i + 1] and not covered[i + 2])
