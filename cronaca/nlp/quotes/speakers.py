"""Who speaks: the subject of a reporting verb read off the shared clause analysis
(:func:`cronaca.nlp.attribution.clause_subject`), turned into speakers (collective sources,
roles of organisations, appositions, "entrambi"), with the older readings of the words around
the cue as fallbacks, and the topic a pro-drop verb falls back on."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..attribution import (
    SPEAKER_LABELS,
    Speaker,
    clause_subject,
    collective,
    description_at_end,
    is_eligible,
    resolve_description,
    speaker_after,
    speaker_of,
    subject_before,
    unit_speaker,
)
from ..reporting import Cue, Lexicon, load_lexicon
from ..syntax import syntax_lexicon
from ..syntax.units import token_index
from .state import State, clause_start, mention_position, sentence_index, within_quote


def speaker_in(st: State, lo: int, hi: int, any_case: bool = False) -> list[Speaker]:
    """The first actor phrase no preposition governs in ``lo``..``hi`` (any phrase with
    ``any_case``, for a caller that read the preposition itself)."""
    an = st.an
    if an is None:
        return []
    units = [u for u, x in enumerate(an.units) if lo <= x.start < hi and (any_case or x.case in ("", "adj"))
             and x.kind != "pronoun"]
    if not units:
        return []
    first = units[0]
    grp = [u for u in units if an.units[u].group == an.units[first].group]
    out = [sp for sp in (_unit_speaker(st, u) for u in grp) if sp is not None]
    return out


_BOTH = re.compile(r"(?<![\w'’])(?:entramb[ie]|ambedue|tutti e due|tutte e due)(?![\w'’])", re.IGNORECASE)


def both_before(st: State, pos: int) -> list[Speaker]:
    """Who "entrambi" stands for: the last pair of coordinated actors ("Biden e Xi") named before
    ``pos`` in its sentence or the one before, else []."""
    an = st.an
    if an is None:
        return []
    si = sentence_index(st, pos)
    lo = st.sentences[max(0, si - 1)][0]
    groups: dict[int, list[int]] = {}
    for u, unit in enumerate(an.units):
        if lo <= unit.start and unit.end <= pos and unit.kind not in ("pronoun", "adjective") \
                and unit.label in ("PER", "ORG", "GPE"):
            groups.setdefault(unit.group, []).append(u)
    pairs = [g for g in groups.values() if len({an.units[u].name for u in g}) >= 2]
    if not pairs:
        return []
    out = [sp for sp in (_unit_speaker(st, u) for u in pairs[-1]) if sp is not None]
    return list({sp.name: sp for sp in out}.values())


def inverted_subject(st: State, cue: Cue, e: int) -> tuple[list[Speaker], int]:
    """The subject named after an inverted cue, and where it ends: the clause analysis first,
    the old reading of the words after the cue when the analysis names none; "…», hanno detto
    entrambi": the pair named before."""
    both = _BOTH.match(st.text, cue.end + len(st.text[cue.end:e]) - len(st.text[cue.end:e].lstrip()))
    if both:
        pair = both_before(st, cue.start)
        if pair:
            return pair, both.end()
    speakers, how = syntax_subject(st, cue, inverted=True)
    if how == "inverted" and speakers:
        ends = [sp.end for sp in speakers if sp.end is not None]
        return speakers, max(ends) if ends else cue.end
    found = speaker_after(st.text, cue.end, e, st.mentions, st.lex, st.topic, st.published, st.doc)
    if not found[0]:
        w = re.match(r"\s+([^\W\d_][\w'’-]*)(?=[\s,.;:]|$)", st.text[cue.end:e])
        surname = surname_at(st, cue.end + w.start(1), cue.end + w.end(1)) if w else None
        if surname is not None:  # "…», ha detto Morales" where only the full name was tagged
            return [surname], cue.end + w.end(1)
    return found


_LAST_WORD = re.compile(r"(?:^|(?<=[\s,(]))([^\W\d_][\w'’-]*)\s*$")


def _word_span_before(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The span of the word that ends right before ``hi`` (only spaces between), or (hi, hi)."""
    m = _LAST_WORD.search(text, lo, hi)
    return (m.start(1), m.end(1)) if m else (hi, hi)


def surname_at(st: State, start: int, end: int) -> Speaker | None:
    """A capitalised word no mention covers that repeats the last word of a person's full name
    named elsewhere in the article ("Il presidente Evo Morales … Morales ha spiegato"): that
    person. The entity stage tags the full name; a bare repeat is often left untagged, and
    without it the verb would take the topic or a wrong actor as its subject."""
    word = st.text[start:end]
    if len(word) < 3 or not word[:1].isupper() or word[1:].isupper() and len(word) < 4:
        return None
    if any(m.start <= start < m.end for m in st.mentions):
        return None
    before = st.text[max(0, start - 12):start].split()
    if before and before[-1].lower() in st.lex.prepositions:
        return None  # "con Morales": not a subject
    best: Speaker | None = None
    for m in st.mentions:
        if m.label != "PER" or m.text.split()[-1:] != [word] or " " not in m.text.strip() and not m.actor_id:
            continue  # a full name's last word, or the same surname tagged (and linked) elsewhere
        if best is None or m.start < start:
            best = speaker_of(m)
    return best


def cue_subject(st: State, si: int, cue: Cue) -> list[Speaker]:
    """The speaker of a cue whose subject, if named, precedes it."""
    text, lex = st.text, st.lex
    s, _ = st.sentences[si]
    if cue.form == "impersonal":
        return list(st.topic.speakers)
    if cue.form == "gerund":
        # "…, ha detto X, precisando che …": a gerund continues the reporting verb before it
        # in its sentence, whoever the subject of the reported clause is
        said = [f for f in st.found if f.cue_start is not None and s <= f.cue_start < cue.start
                and not f.start <= cue.start < f.end]
        if said:
            return list(said[-1].speakers)
    surname = surname_at(st, *_word_span_before(st.text, clause_start(st, s, cue.start), cue.start))
    if surname is not None:
        return [surname]
    both = re.search(r"(?:^|\s)(?:entramb[ie]|ambedue|tutti e due|tutte e due)\s+(?:(?:si|hanno|avevano|sono)\s+)?$",
                     text[clause_start(st, s, cue.start):cue.start], re.IGNORECASE)
    if both:  # "entrambi si sono detti contrari …": the pair named before
        pair = both_before(st, clause_start(st, s, cue.start) + both.start())
        if pair:
            return pair
    found, how = syntax_subject(st, cue)
    if found:
        return found
    if how == "none" and st.topic.speakers and _continues_pro_drop(st, cue):
        return list(st.topic.speakers)
    named = _name_right_before(st, cue)
    if named is not None:
        return [named]
    # nested report: the cue sits inside the content of an earlier statement
    lo, blocked = s, []
    for f in st.found:
        if f.start <= cue.start < f.end:
            lo = f.start
        elif f.end <= cue.start and f.start >= s:
            blocked.append((f.start, f.end))
    if cue.form == "gerund":
        same = [f for f in st.found if f.start >= s or f.end > s]
        if same:
            return list(same[-1].speakers)
        near = subject_before(text, clause_start(st, s, cue.start), cue.start, st.mentions, lex,
                              st.asides)
        main = near or _main_subject(st, s, cue.start)
        if main:
            return main
    speech = [(q.start, q.end) for q in st.speech if q.end <= cue.start]
    named = subject_before(text, lo, cue.start, st.mentions, lex, blocked + st.asides + speech)
    desc = description_at_end(text, lo, cue.start, lex)
    if desc and (not named or (named[-1].end or 0) <= desc[0]
                 or (named[-1].label != "PER" and (named[-1].start or 0) >= desc[0])):
        d0, d1 = desc
        who = resolve_description(text[d0:d1].strip(), d0, text, st.mentions, st.topic, lex, st.published, st.doc)
        if who is not None:
            return [who]
    if named:
        return named
    if cue.form == "gerund" and st.topic.speakers:
        return list(st.topic.speakers)
    head = text[lo:cue.start]
    for a, b in st.asides:
        if lo <= a and b <= cue.start:
            head = head.replace(text[a:b], "")
    source = _plural_from_source(st, lo, cue)
    if source:
        return source
    if how != "np" and _no_subject(head, lex):
        # not when a noun phrase naming no actor is the subject ("Nella regione i separatisti
        # hanno annunciato …", "A Hong Kong l'opposizione ha garantito …"): the opening
        # prepositional phrase does not make the clause pro-drop
        return list(st.topic.speakers)
    return []


def _continues_pro_drop(st: State, cue: Cue) -> bool:
    """"Poi ringrazia l'Italia e avverte che …": a verb coordinated with one whose subject is
    unnamed shares that pro-drop subject (the topic); the first verb's object is no speaker,
    though it is the last actor named before the cue."""
    an = st.an
    if an is None:
        return False
    c = an.clause_at(token_index(an.tokens, cue.verb_start))
    if c is None or c.continues is None:
        return False
    first = an.clauses[c.continues]
    while first.continues is not None:
        first = an.clauses[first.continues]
    if first.kind != "main" or first.head is None:
        return False
    verb = first.verbs[-1].start_tok
    if any(an.tokens[k].pos in ("NOUN", "PROPN", "PRON", "NUM") for k in first.tokens if k < verb):
        return False  # a subject named before the verb, as an actor or not ("Gruppi di ribelli annunciano")
    _, how = syntax_subject_at(st, first.head.head)
    return how == "none"


_FROM_SOURCE = re.compile(r"\s*(?:(?:e|ed|ma|anche|intanto|poi|invece)\s+)?(?:da|dal|dalla|dallo|dall['’]|dai|dagli|dalle)"
                          r"(?:(?<=['’])|(?![\w'’]))\s*(?P<src>[^,;:.«»“”\"]{2,60}?)\s*(?:(?:si|lo|ci|ne)\s+)?$", re.IGNORECASE)


def _plural_from_source(st: State, lo: int, cue: Cue) -> list[Speaker]:
    """"Dal Cremlino fanno sapere che …", "Da Palazzo Chigi spiegano che …": a plural verb with no
    subject after "da" + an actor speaks for that actor (its people, unnamed)."""
    m = _FROM_SOURCE.fullmatch(st.text, lo, cue.start)
    if m is None:
        return []
    first = st.text[cue.start:cue.end].split()[0].lower()
    if not (cue.auxiliary in ("hanno", "avevano", "avrebbero") or cue.auxiliary is None and first.endswith("no")):
        return []
    return speaker_in(st, m.start("src"), m.end("src"), any_case=True)[:1]


def _name_right_before(st: State, cue: Cue) -> Speaker | None:
    """A name the entity stage could not type as an actor, right before the verb ("il leader dei
    ribelli Abu Mohammed al-Jolani ha raccomandato"): the subject all the same."""
    for m in reversed(st.mentions):
        if m.end <= cue.start - 80:
            break
        if m.end <= cue.start and not st.text[m.end:cue.start].strip() and m.label not in SPEAKER_LABELS \
                and m.label in ("MISC", "PER", "ORG") and m.text[:1].isupper():
            return Speaker(m.actor_id, m.actor_name, m.start, m.end, "PER" if " " in m.text else m.label)
    return None


def syntax_subject_at(st: State, tok: int) -> tuple[list[Speaker], str]:
    """The subject of the verb at token ``tok`` (named, or inherited by the grammar)."""
    if st.an is None:
        return [], "none"
    units, how = clause_subject(st.an, tok, False, blocked=st.asides, invertible=_invertible(st.lex.language))
    return [sp for sp in (_unit_speaker(st, u) for u in units) if sp is not None], how


def syntax_subject(st: State, cue: Cue, inverted: bool = False) -> tuple[list[Speaker], str]:
    """The cue verb's subject from the clause analysis (see :func:`clause_subject`)."""
    if st.an is None:
        return [], "none"
    tok = token_index(st.an.tokens, cue.verb_start)
    units, how = clause_subject(st.an, tok, inverted, blocked=st.asides, invertible=_invertible(st.lex.language))
    speakers = [sp for sp in (_unit_speaker(st, u) for u in units) if sp is not None]
    return speakers, how


_COLLECTIVE_HEADS = frozenset(["funzionari", "funzionario", "fonti", "fonte", "media", "parte", "esponenti",
                               "vertici", "dirigenti", "rappresentanti", "diplomatici"])


@lru_cache(maxsize=4)
def _invertible(language: str) -> frozenset[str]:
    """Lemmas whose subject may follow them when they open a clause ("…», ha detto X"): the
    verbs of saying that take no noun-phrase object (their first word: "far sapere" -> "fare")."""
    out = set()
    for lemma, spec in load_lexicon(language).data["verbs"].items():
        if not spec.get("np") and spec.get("class", "assertive") == "assertive":
            head = lemma.split()[0]
            out.add(head + "e" if head.endswith("r") else head)
    return frozenset(out)


def _unit_speaker(st: State, u: int) -> Speaker | None:
    """The speaker an actor phrase names: a collective source ("i media statunitensi" -> U.S.
    media, "fonti del Cremlino" -> Kremlin), the person a role of an organisation designates
    ("il segretario generale dell'Onu"), else the actor itself."""
    key = (u, st.topic.speakers)
    if key not in st.unit_speakers:
        st.unit_speakers[key] = _read_unit_speaker(st, u)
    return st.unit_speakers[key]


def _read_unit_speaker(st: State, u: int) -> Speaker | None:
    an, text = st.an, st.text
    unit = an.units[u]
    toks = an.tokens
    lead = toks[unit.start_tok:unit.head_tok]
    if unit.kind == "role":  # a description the entity stage resolved: the roles this article states first
        if unit.label == "PER" and unit.actor_id and any(
                m.actor_id == unit.actor_id and m.role and m.start < unit.start for m in st.mentions):
            return unit_speaker(unit)  # a person the article named before in that office
        who = _kb_description(st, text[unit.start:unit.end], unit.start)
        return who if who is not None else unit_speaker(unit)
    if unit.label != "PER" and unit.start_tok < unit.head_tok or unit.kind == "demonym":
        phrase_start = toks[unit.start_tok].start
        phrase = text[phrase_start:unit.end]
        if unit.kind != "role" and any(t.low in _COLLECTIVE_HEADS for t in toks[unit.start_tok:unit.end_tok]):
            coll = collective(phrase, text, phrase_start, st.mentions, st.lex)
            if coll is not None:
                return coll
        if any(t.low in syntax_lexicon("it").person_nouns or st.lex.role_re.fullmatch(t.text) for t in lead):
            named = _person_apposed_after(st, u)
            if named is not None:
                return named
            who = _kb_description(st, phrase, phrase_start)
            if who is not None:
                return who
            prev = _apposed_person(st, u)
            if prev is not None:
                return prev
    return unit_speaker(unit)


def _kb_description(st: State, phrase: str, start: int) -> Speaker | None:
    who = resolve_description(phrase, start, st.text, st.mentions, st.topic, st.lex, st.published, st.doc)
    return who if who is not None and who.label in ("PER", None) else None


def _apposed_person(st: State, u: int) -> Speaker | None:
    """"Guterres, segretario generale dell'Onu, ha detto": the person the role is apposed to."""
    an = st.an
    unit = an.units[u]
    if unit.start_tok < 2 or an.tokens[unit.start_tok - 1].low != ",":
        return None
    for x in an.units:
        if x.end_tok == unit.start_tok - 1 and x.label == "PER":
            return unit_speaker(x)
    return None


def _person_apposed_after(st: State, u: int) -> Speaker | None:
    """"l'ex capo della Wagner, Marat Gabidullin, ha detto": a role the article names right after
    its comma is that person, whoever the actor data says held the role (a former holder, a
    deputy, a namesake office)."""
    an = st.an
    unit = an.units[u]
    if unit.end_tok >= len(an.tokens) or an.tokens[unit.end_tok].low != ",":
        return None
    for x in an.units:
        if x.start_tok == unit.end_tok + 1 and x.label == "PER" and x.kind == "name":
            return unit_speaker(x)
    return None


_PRONOUNS = frozenset(["egli", "ella", "lui", "lei", "esso", "essa", "essi", "loro", "questi", "quest'ultimo",
                       "quest’ultimo", "che"])


def subject_named(st: State, si: int, cue: Cue) -> bool:
    """Is a subject named (or described) right before the cue in this sentence?"""
    s, _ = st.sentences[si]
    lo = clause_start(st, s, cue.start)
    return bool(subject_before(st.text, lo, cue.start, st.mentions, st.lex, st.asides)
                or description_at_end(st.text, lo, cue.start, st.lex))


def _no_subject(head: str, lex: Lexicon) -> bool:
    """True when the words before a cue name no subject (pro-drop): nothing, conjunctions,
    adverbs, a prepositional phrase ("E da Kiev ha ammesso"), or a personal pronoun."""
    segs = [x.strip() for x in re.split(r"[,;:()–—]", head)]
    seg = next((x for x in reversed(segs) if x), "")
    if not seg:
        return True
    words = seg.split()
    first = words[0].lower()
    if first in _PRONOUNS:
        return True
    if first in ("ma", "e", "ed", "poi", "però", "mentre", "inoltre", "infine", "anche", "quindi",
                 "così", "intanto", "successivamente") or first in lex.prepositions:
        rest = words[1:]
        return not rest or _no_subject(" ".join(rest), lex) or first in lex.prepositions
    return False


def _main_subject(st: State, s: int, hi: int) -> list[Speaker]:
    """The subject of a sentence's main clause: a description opening it, or its first name."""
    text = st.text
    start = clause_start(st, s, hi)
    lead = re.match(r"\s*(?:[^,]{0,40},\s*)?((?:il|la|lo|l['’]|i|gli|le)\s*[^,;:]{0,80}?)"
                    r"(?=\s+(?:ha|hanno|è|sono|aveva|si)\b)", text[start:hi], re.IGNORECASE)
    if lead:
        d0 = start + lead.start(1)
        named = [m for m in st.mentions if d0 <= m.start < start + lead.end(1) and m.label == "PER"]
        if named:
            return [speaker_of(named[-1])]
        who = resolve_description(lead.group(1), d0, text, st.mentions, st.topic, st.lex, st.published, st.doc)
        if who:
            return [who]
    return sentence_subject(st, start, hi)


def issuing_body(st: State, cue: Cue, e: int) -> list[Speaker]:
    """"…, si legge nel comunicato (del Cremlino)": the organisation that issued the text."""
    after = [m for m in st.mentions if cue.end <= m.start < e and m.label == "ORG"]
    if after and after[0].start - cue.end < 60:
        return [speaker_of(after[0])]
    before = [m for m in st.mentions if m.end <= cue.start and m.label == "ORG"]
    if before:
        return [speaker_of(before[-1])]
    return list(st.topic.speakers)


def sentence_subject(st: State, s: int, e: int) -> list[Speaker]:
    """The first plausible subject of a sentence with no quote: tomorrow's pro-drop antecedent.
    The subject the clause analysis gives the sentence's first main clause when it names an actor
    ("Con Erdogan, Putin ha parlato …"), else the first free actor named."""
    an = st.an
    if an is not None:
        for c in an.clauses:
            if c.kind == "main" and c.subject and s <= an.tokens[c.start_tok].start < e:
                who = [sp for sp in (_unit_speaker(st, u) for u in c.subject) if sp is not None]
                if who and not within_quote(st.speech, an.units[c.subject[0]].start):
                    return who[:1]
                break
    text = st.text
    first = bisect_left(st.mentions, s, key=mention_position)
    for m in st.mentions[first:]:
        if m.start >= e:
            break
        if m.start >= s and is_eligible(m, text, st.lex) and not within_quote(st.speech, m.start):
            return [speaker_of(m)]
    head = text[s:min(e, s + 60)]
    coll = re.match(r"\s*(?:[^,]{0,30},\s*)?((?:la|il|i|gli|le)\s+\w+\s+\w+)", head, re.IGNORECASE)
    if coll:
        who = collective(coll.group(1), text, s + coll.start(1), st.mentions, st.lex)
        if who:
            return [who]
    return []
