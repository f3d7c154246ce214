"""Entity mentions: people, organisations, countries and cities, places, named events and documents.

Stage ``cronaca.entities.rules.v1``. No Italian NER model can be used offline, so mentions come
from the actor knowledge base (:mod:`cronaca.resources.actors`) plus rules for the names it lacks
(:mod:`cronaca.nlp.names`), in one pass per article whose steps :func:`find_mentions` numbers:

- known names, longest first, by one probe of the KB's token-keyed index per position (case
  rules: "Usa" is a country, "usa" a verb); a title naming its holder ("il Papa"); a known
  surname inside another name ("Brad Sherman") left to the rules;
- names the data lacks, from their shape: capitalised runs typed from cues, institutions with
  lower-case complements, ministries, formal state names, places naming meetings, region nouns,
  document titles; a misspelling of a known name is that name;
- within the article: short forms ("la Commissione", "Sherman", "el-Sisi", "il ministero degli
  Esteri") name what the article named in full before; acronyms in brackets name what precedes
  them; one actor per name spelt several ways;
- a capital (or a building: "Palazzo Chigi") that stands for its government is the state (the
  body) where it acts and the place in a dateline, after a locative ("a Mosca") or as a venue;
  a body every country has ("Parlamento") is the KB's only where the text names its country;
- the role the article states next to a person ("il portavoce del Cremlino Dmitry Peskov") is
  kept on the mention.

:func:`resolve_description` maps a role description ("il capo della diplomazia russa") to the
person: one the article gave that role, else the holder of the office at the publication date.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from ..resources.actors import ActorKB, Entry, load_kb, slug
from ..types import Actor, Document, Mention
from .barebodies import bare_bodies, one_legislature
from .namelex import (
    _FUZZY_CUTOFF,
    _FUZZY_SINGLE,
    _WORD_START,
    _caps_ok,
    _contiguous,
    _elided,
    _hyphened_article,
    _is_cap,
    _is_word,
    _kind_of,
    _languages,
    _lemma,
    _Lex,
    _lex,
    _sentence_initial,
)
from .names import (
    _bare_place,
    _cap_runs,
    _classify,
    _document_titles,
    _english_tails,
    _institutions,
    _ministries,
    _place_named_thing,
    _titled_by_name,
    _with_region_noun,
)
from .tokens import Token, tokenize

STAGE = "cronaca.entities.rules.v1"


__all__ = ["STAGE", "annotate", "find_mentions", "resolve_description", "parse_role"]


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

    # 2. a title that names its holder: "il Papa", "il Pontefice" (the one in office at the date)
    if lx.title_holders:
        found += _title_holders(text, toks, covered, kb, lx, published)

    # 3. a known surname inside a longer name is another person ("Brad Sherman", "Jean-Marie
    # Le Pen") or a variant of the same one ("Lula De Silva"): leave it to the rules below
    found = [f for f in found if not _longer_person(text, toks, f, covered, kb, lx)
             and not _inside_person(text, toks, f, covered, kb, lx)
             and not _place_as_surname(text, toks, f, covered, kb, lx)
             and not _street_named_after(text, toks, f, covered, kb, lx)]

    # 3. (cont.) "Mohammed bin Salman Al Saud", "Tamim bin Hamad Al Thani": a known person's name
    # continued by a capitalised "Al" and a house name is the same person, named in full
    found = [_with_house(text, toks, f, covered) if f[2].startswith("per:") else f for f in found]

    # 3a. a handle written as its owner's English name: "@ItalianNavy", "@UNHumanRights"
    if "@" in text:
        found += _handles(text, toks, covered, lx)

    # 3b. a place opening an English name is a company or an outlet: "Malaysia Airlines"
    found = _english_tails(text, toks, found, covered, kb, lx)

    # 4. a place that names a meeting or a massacre: "vertice di Madrid", "massacro di Bucha" are
    # one name (the place is no mention of its own)
    found = [_place_named_thing(text, toks, f, covered, kb, lx) for f in found]

    # 4a. "Sarajevo Est", "Mosul Ovest": a city and a capitalised compass word are another place
    found = _compass_places(text, toks, found, kb, covered)

    # 5. a ministry named by its office and country: "il ministero della Difesa russo", "il
    # dicastero degli Esteri di Pechino", "il ministero dell'Interno" (one actor per office and country)
    found = _ministries(text, toks, found, covered, kb, lx)

    # 6. names of institutions: a capitalised head noun and its lower-case complements
    # ("Corte Suprema", "Autorità nazionale palestinese", "Consiglio supremo per la sicurezza
    # nazionale"); a known name that such words continue is another body ("Partito Democratico
    # Progressista" is not the Italian PD)
    doc_titles = _document_titles(text, toks, covered, lx)
    names: dict[str, str] = {}  # provisional actor id -> its name where the mention says more
    found = _institutions(text, toks, found, covered, kb, lx, doc_titles, names)

    # 7. names inside an organisation's name count too ("Consiglio Permanente dell'OSCE")
    nested = []
    for a, b, aid, _ in found:
        actor = kb.actors.get(aid)
        if b - a > 1 and actor is not None and actor.kind in lx.nest_in and aid not in kb.opaque:
            nested += _inner(text, toks, ks, a, b, aid, kb, lx, published)
    found += nested
    # a body named only inside another body's name ("l'Assemblea generale dell'Onu") is part of
    # that name, no mention of its own; a place inside it ("Missione ... in Ucraina") still is
    inner_bodies = {(a, b, aid) for a, b, aid, _ in nested if _kind_of(aid, kb) == "ORG"}

    # 8. capitalised runs nobody knows
    lone: list[int] = []  # one-word runs the rules could not read
    for a, b in _cap_runs(text, toks, covered, lx):
        res = _classify(text, toks, a, b, kb, lx)
        if res:
            a2, b2, aid, conf = res
            found.append((a2, b2, aid, conf))
            for j in range(a2, b2):
                covered[j] = True
        elif b - a == 1:
            lone.append(a)
    # 8a. a word alone that is the surname of a person the article names in full ("Khan ha
    # minacciato" beside "Imran Khan", "Rama" beside "Edi Rama"): that person, whatever the word
    if lone:
        found += _surnames_alone(toks, lone, found, covered, lx)

    # 9. titles of documents: "il Trattato tra la Federazione Russa e gli Stati Uniti d'America"
    titles = [t for t in doc_titles if not covered[t[0]]]
    found = _titled_by_name(toks, titles, found, lx) + titles

    # 10. "regione di Kursk", "regione autonoma del Kurdistan": the region's classifier noun is part
    # of the mention; the actor stays the place's (its name without the noun)
    found = [_with_region_noun(text, toks, f, covered, kb, lx) for f in found]

    # 11. names that count only when their actor is already named ("alleanza" -> NATO)
    present = {f[2] for f in found}
    # only the names of actors already present can match: most texts have none, and then the
    # tokens are not walked at all
    context = [(ck, entry) for ck, entry in kb.context_names.items() if entry.actor_id in present]
    if context:
        for i in range(n):
            if covered[i]:
                continue
            for ck, entry in context:
                aid = entry.actor_id
                if tuple(ks[i:i + len(ck)]) == ck and _caps_ok(entry, toks, i):
                    found.append((i, i + len(ck), aid, 0.7))
                    for j in range(i, i + len(ck)):
                        covered[j] = True
                    break

    # 11a. a name that is a letter or a common word counts only after its cue: "su X", "via X"
    if lx.cued_names:
        for i, t in enumerate(toks):
            aid = lx.cued_names.get(t.text)
            if aid and i > 0 and not covered[i] and toks[i - 1].key in lx.cued_after \
                    and _contiguous(text, toks, i - 1, 2) \
                    and not (i + 1 < n and _is_cap(toks[i + 1]) and _contiguous(text, toks, i, 2)):
                found.append((i, i + 1, aid, 0.7))
                covered[i] = True

    found.sort()
    # 12. a body every country has ("Parlamento") is the data's only where the text names its country
    if local:
        countries = _countries([f for f in found if f[0] not in local], kb)
        kept = []
        for f in found:
            a, b, aid, conf = f
            if a not in local or local[a] in countries or aid != hits[a][1]:
                kept.append(f)
            elif b - a > 1:  # another country's "Camera dei deputati": a body all the same
                kept.append((a, b, f"{_kind_of(aid, kb).lower()}:~{slug(text[toks[a].start:toks[b - 1].end])}", 0.6))
        found = kept
    # 13. acronyms in brackets name what precedes them; agency credits are no mentions
    found = [f for f in _acronyms(toks, _glued_acronyms(toks, found, kb), kb) if not _credit(text, toks, f, kb)]
    # 14. a head noun alone names the body named in full before: "la Commissione" after "Commissione
    # europea", "l'Agenzia" after "Aiea" (whose name is "Agenzia internazionale ...")
    found = _short_forms(text, toks, found, covered, kb, lx)
    # 14a. a listed head named alone with no antecedent is a body all the same: "della Marina",
    # "di Camera e Senato", "il Parlamento" where its country is not the data's
    found = bare_bodies(text, toks, found, lx, kb)
    # 14b. "il Parlamento" is the one legislature the article calls by its own name
    found = one_legislature(text, toks, found, lx, kb)
    # 14c. a handle that spells a person's name ("@matteorenzi", "@premiertusk", "@FedericaMog")
    if "@" in text:
        found = _handle_people(toks, found, lx)
    # 14c'. "il segretario al Tesoro americano": a body named by a minister's portfolio right after
    # the title is part of the title, no mention
    found = [f for f in found if not _portfolio_of_title(toks, f, kb, lx)]
    # 14d. "il ministero degli Esteri cinese": the ministry's name is also the words before the
    # demonym (the guide counts no demonym as part of a name; the text names the body either way)
    found = _without_demonym(toks, found, kb, lx)
    if inner_bodies:
        named = {aid for a, b, aid, _ in found if (a, b, aid) not in inner_bodies}
        found = [f for f in found if f[:3] not in inner_bodies or f[2] in named]
    # 15. one actor per name spelt several ways; surnames, capitals acting as states, roles
    return _resolve(text, toks, found, kb, lx, published, names)


def _portfolio_of_title(toks: list[Token], hit, kb: ActorKB, lx: _Lex) -> bool:
    """Is a known body, named by a ministry's portfolio ("Tesoro americano", "Difesa Usa"), the
    portfolio of the title right before it ("il segretario al Tesoro americano Scott Bessent")?"""
    a, b, aid, _ = hit
    if a < 2:
        return False
    k = a - 1
    if toks[k].text in ("'", "’"):
        k -= 1
    # the words before it first: every mention is asked, few follow a title
    return k >= 1 and toks[k].key in lx.portfolio_preps and toks[k].text.islower() \
        and toks[k - 1].key in lx.portfolio_titles and toks[k - 1].text.islower() \
        and _kind_of(aid, kb) == "ORG" \
        and any(tuple(t.text for t in toks[a:a + len(o)]) == o for o in lx.ministry_offices)


def _without_demonym(toks: list[Token], found: list, kb: ActorKB, lx: _Lex) -> list:
    """``found`` plus, for each ministry named with its country's demonym after it ("ministero
    degli Esteri cinese", "dipartimento della Difesa americano"), the same body named without it,
    right after the full form (which stays the first: a provisional body keeps its country in its name)."""
    out = []
    for a, b, aid, conf in found:
        out.append((a, b, aid, conf))
        if b - a >= 4 and toks[a].key in lx.demonym_free_heads and toks[b - 1].text.islower() \
                and toks[b - 1].key in kb.demonyms and _kind_of(aid, kb) == "ORG":
            out.append((a, b - 1, aid, conf))
    return out


def _surnames_alone(toks: list[Token], lone: list[int], found: list, covered: list[bool], lx: _Lex) -> list:
    """One-word runs the rules left unread that are the last word of a person's name found in
    full anywhere in the article (before or after): mentions of that person."""
    last: dict[str, set[str]] = {}
    for a, b, aid, _ in found:
        if aid.startswith("per:") and b - a > 1 and _is_cap(toks[b - 1]) and len(toks[b - 1].text) > 2:
            last.setdefault(toks[b - 1].key, set()).add(aid)
    out = []
    for i in lone:
        t = toks[i]
        ids = last.get(t.key)
        if not ids or len(ids) > 1 or covered[i] or t.text in lx.never or t.text in lx.all_heads \
                or t.key in lx.person_cues:
            continue
        out.append((i, i + 1, next(iter(ids)), 0.8))
        covered[i] = True
    return out


def _with_house(text: str, toks: list[Token], hit, covered: list[bool]):
    a, b, aid, conf = hit
    if b + 1 < len(toks) and toks[b].text in ("Al", "Āl") and _is_cap(toks[b + 1]) and not covered[b] \
            and not covered[b + 1] and _contiguous(text, toks, b - 1, 3) \
            and (b + 2 >= len(toks) or not _is_cap(toks[b + 2])):
        covered[b] = covered[b + 1] = True
        return (a, b + 2, aid, conf)
    return hit


def _handles(text: str, toks: list[Token], covered: list[bool], lx: _Lex) -> list:
    """A social-media handle glued from an actor's English name ("@ItalianNavy" -> Italian
    Navy): the data's canonical names are English, and accounts are named the same way."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        if t.text != "@" or i + 1 >= n or toks[i + 1].start != t.end or covered[i + 1]:
            continue
        j = i + 1
        while j + 1 < n and toks[j + 1].start == toks[j].end and _WORD_START.match(toks[j + 1].text) \
                and not covered[j + 1]:
            j += 1
        if j == i + 1:
            continue  # one word: the rules read it ("@NATO", "@Zelenskyy")
        aid = lx.canonical.get(tuple(tok.key for tok in toks[i + 1:j + 1]))
        if aid:
            out.append((i + 1, j + 1, aid, 0.8))
            for k in range(i + 1, j + 1):
                covered[k] = True
    return out


def _handle_people(toks: list[Token], found: list, lx: _Lex) -> list:
    """A social-media handle no rule named as a known actor is a person's where its letters are
    that person's name run together ("@matteorenzi"), or, for a person the article names in
    full, end with the surname ("@premiertusk") or join the given name to the surname's start
    ("@FedericaMog")."""
    people: dict[str, list[str]] = {}
    for a, b, aid, _ in found:
        words = [t.text.lower() for t in toks[a:b] if t.text.isalpha()]
        if aid.startswith("per:") and len(words) >= 2 and not (a > 0 and toks[a - 1].text == "@"):
            people.setdefault(aid, words)
    n = len(toks)
    out = list(found)
    for i, t in enumerate(toks):
        if t.text != "@" or i + 1 >= n or toks[i + 1].start != t.end:
            continue
        j = i + 1
        while j + 1 < n and toks[j + 1].start == toks[j].end and _WORD_START.match(toks[j + 1].text):
            j += 1
        handle = "".join(x.text for x in toks[i + 1:j + 1]).lower()
        if not handle.isalpha():
            continue
        inside = [f for f in out if f[0] < j + 1 and f[1] > i + 1]
        if any(":~" not in f[2] for f in inside):
            continue  # a known actor already ("@ElonMusk")
        aid = lx.squashed_people.get(handle)
        if aid is None:
            cands = {p for p, w in people.items() if len(w[-1]) >= 4 and (
                handle.endswith(w[-1]) or handle.startswith(w[0] + w[-1][:3]))}
            aid = cands.pop() if len(cands) == 1 else None
        if aid:
            out = [f for f in out if f not in inside] + [(i + 1, j + 1, aid, 0.75)]
    return sorted(out)


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


def _glued_acronyms(toks: list[Token], found: list, kb: ActorKB) -> list:
    """"Bosnia-Erzegovina (BiH)": an acronym of mixed case, which the tokeniser splits ("Bi" "H"),
    in brackets after a known name is that name, here and wherever the article repeats it."""
    same: dict[str, str] = {}
    spans = {(f[0], f[1]) for f in found}
    added = []
    for a, b, aid, _ in found:
        if ":~" in aid or b >= len(toks) or toks[b].text != "(" \
                or _kind_of(aid, kb) not in ("ORG", "MISC", "EVENT", "GPE"):
            continue
        k = b + 2
        while k < len(toks) and k - b <= 4 and toks[k].start == toks[k - 1].end and toks[k].text != ")":
            k += 1
        if k >= len(toks) or toks[k].text != ")" or k - b < 3:
            continue
        word = "".join(t.text for t in toks[b + 1:k])
        if not (2 <= len(word) <= 6 and word.isalpha() and word[0].isupper()) \
                or any(toks[j].start != toks[j - 1].end for j in range(b + 2, k)):
            continue
        same[word] = aid
        if (b + 1, k) not in spans:
            added.append((b + 1, k, aid, 0.8))
    if not same:
        return found
    out = []
    for a, b, aid, conf in found:
        word = "".join(t.text for t in toks[a:b])
        out.append((a, b, same[word], conf) if word in same and ":~" in aid else (a, b, aid, conf))
    return sorted(out + added)


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
    _initials(toks, found, kb, same)
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


def _compass_places(text: str, toks: list[Token], found: list, kb: ActorKB, covered: list[bool]) -> list:
    """A city the data knows followed by a capitalised compass word ("Sarajevo Est", "Mosul
    Ovest") is the part of it that bears that name, a place of its own; the city is no mention."""
    words = _lex(kb).compass_words
    out = []
    for f in found:
        a, b, aid, conf = f
        actor = kb.actors.get(aid)
        if actor is not None and actor.kind == "GPE" and not actor.external_ids.get("iso3166") \
                and b < len(toks) and toks[b].text in words and not covered[b] and _contiguous(text, toks, b - 1, 2):
            covered[b] = True
            f = (a, b + 1, f"gpe:~{slug(text[toks[a].start:toks[b].end])}", conf)
        out.append(f)
    return out


def _initials(toks: list[Token], found: list, kb: ActorKB, same: dict[str, str]) -> None:
    """An acronym the data lacks that spells the initials of a name of several words in the same
    article names the same actor, brackets or not ("il Movimento nazionale per la rinascita
    democratica ... il Mnrd"). Adds acronym key -> actor id to ``same``."""
    skip = _lex(kb).acronym_skip
    spelt: dict[str, str] = {}
    for a, b, aid, _ in found:
        if b - a < 3 or _kind_of(aid, kb) not in ("ORG", "MISC", "EVENT"):
            continue
        letters = "".join(t.key[0] for t in toks[a:b] if t.key not in skip and t.key[:1].isalpha())
        if 2 <= len(letters) <= 7:
            spelt.setdefault(letters, aid)
    if not spelt:
        return
    for a, b, aid, _ in found:
        key = toks[a].key
        if b - a == 1 and "~" in aid and key in spelt and key not in same and spelt[key] != aid \
                and toks[a].text[:1].isupper() and toks[a].text.isalpha() and not _is_word(key):
            same[key] = spelt[key]


_DATELINE = re.compile(r"^\s*[A-ZÀ-Ý][\w'’ .-]{1,40},\s*\d{1,2}\s+\w+\.?(?:\s+\d{4})?\s*\($")


_PHOTO_CREDIT = re.compile(r"©\s*[^\n©]{0,30}$")
# "Foto: Getty Images", "(foto di Mario Rossi)", "(Fonte: Reuters)", "Ph. Mario Rossi / LaPresse":
# a credit that opens a line or a bracket, with nothing but names between it and the mention
_CREDIT_LEAD = re.compile(r"(?:^|\()\s*(?:(?i:foto|photo|ph\.|credits?)\s*(?::|(?i:di|by)\b)?|(?i:fonte|source)\s*:)\s*"
                          r"(?:[A-ZÀ-Ý][\w'’.-]*\s*(?:[/,]\s*)?){0,4}$")


def _credit(text: str, toks: list[Token], hit, kb: ActorKB) -> bool:
    """An agency credit is no mention: "Roma, 7 ott. (Adnkronos) -", "... in Colombia - Reuters";
    nor is a name in a copyright or photo credit ("©Getty", "JOHN SMITH/AFP/Getty Images")."""
    a, b, aid, _ = hit
    line_start = text.rfind("\n", 0, toks[a].start) + 1
    if _PHOTO_CREDIT.search(text[max(line_start, toks[a].start - 30):toks[a].start]) \
            or _CREDIT_LEAD.search(text[line_start:toks[a].start]):
        return True
    word_start = max(text.rfind(" ", 0, toks[a].start), text.rfind("\n", 0, toks[a].start)) + 1
    word_end = min((x for x in (text.find(" ", toks[b - 1].end), text.find("\n", toks[b - 1].end)) if x >= 0),
                   default=len(text))
    chain = [part.strip(" ,.;:()") for part in text[word_start:word_end].split("/")]
    agencies = _lex(kb).photo_agencies
    if len(chain) >= 2 and any(part in agencies for part in chain) \
            and all(part in agencies or part.isupper() for part in chain):
        return True  # "ED JONES/AFP/Getty Images", "ANSA/ETTORE FERRARI": photographers and agencies
    if aid not in kb.media and not (aid.startswith("org:~") and b - a == 1):
        return False
    line_end = text.find("\n", toks[b - 1].end)
    line_end = len(text) if line_end < 0 else line_end
    if a > 0 and toks[a - 1].text == "(" and b < len(toks) and toks[b].text == ")" \
            and _DATELINE.match(text[line_start:toks[a - 1].end]):
        return True
    before = text[line_start:toks[a].start]
    if not before.strip() and re.match(r"\s*[-–—]\s", text[toks[b - 1].end:line_end]):
        return True  # "AGI - «Voglio ringraziare...»": the agency opening the wire
    return not text[toks[b - 1].end:line_end].strip() and bool(re.search(r"\S\s+[-–—|]\s*$", before))


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
        ok = [e for e in entries if e.curated and _caps_ok(e, toks, i, kb)]
        if not ok:
            continue
        if length == 1 and _is_word(ks[i]) and _sentence_initial(text, toks, i) \
                and all(kb.actors[e.actor_id].kind == "PER" for e in ok):
            continue  # "Grandi manovre...": a surname that is also a word, opening a sentence
        if length == 1 and _head_of_longer_name(toks, i, kb):
            continue
        if length == 1 or _contiguous(text, toks, i, length):
            aid = ok[0].actor_id if len(ok) == 1 else _choose(ok, kb, published)
            needs = next((e.needs for e in ok if e.actor_id == aid), None)
            return (length, aid, needs) if needs else (length, aid)
    return None


def _head_of_longer_name(toks: list[Token], i: int, kb: ActorKB) -> bool:
    """A known one-word name that is a head noun ("Golfo": the Persian Gulf) opening a longer
    name ("Golfo di Napoli", "Golfo del Bengala"): the longer name is another place or body."""
    lx = _lex(kb)
    if toks[i].text not in lx.all_heads:
        return False
    k = i + 1
    if k >= len(toks) or toks[k].key not in lx.name_preps:
        return False
    k += 1
    if k < len(toks) and toks[k].text in ("'", "’"):
        k += 1
    return k < len(toks) and _is_cap(toks[k])


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
    # "Juan Carlos de la Torre", "Pieter van der Berg": two particles before the surname
    right = right or (b + 2 < n and not any(covered[b:b + 3]) and toks[b].key in lx.particles
                      and toks[b + 1].key in lx.particles and toks[b].text.islower() and toks[b + 1].text.islower()
                      and _is_cap(toks[b + 2]) and _contiguous(text, toks, b - 1, 4))
    # "Woepke Hoekstra", "Xi Jiping": a misspelt given name or surname beside a known one
    typo = (a > 0 and not covered[a - 1] and _is_cap(toks[a - 1]) and not _is_word(toks[a - 1].key)
            and _contiguous(text, toks, a - 1, 2) and _same_person(text[toks[a - 1].start:toks[b - 1].end], aid, lx)) \
        or (b < n and not covered[b] and _is_cap(toks[b]) and not _is_word(toks[b].key)
            and _contiguous(text, toks, b - 1, 2) and _same_person(text[toks[a].start:toks[b].end], aid, lx))
    # "Jean-Pierre Le Roux", "Kim Ju-ae": a known surname that is also a given name, opening a
    # longer name, is another person's given name
    surface = text[toks[a].start:toks[b - 1].end]
    given_first = surface in kb.firstnames and b + 1 < n and not covered[b] and _contiguous(text, toks, b - 1, 2) \
        and (_is_cap(toks[b]) and not _is_word(toks[b].key)
             or toks[b].key in lx.particles and _is_cap(toks[b + 1]) and not covered[b + 1])
    # "Paddy McGuinness": an unknown capitalised word right before a known surname is another
    # person's given name (not a title: "Mr", "Sheikh"; not an acronym)
    prev_tok = toks[a - 1] if a > 0 else None
    unknown_given = prev_tok is not None and b - a == 1 and not covered[a - 1] and _is_cap(prev_tok) \
        and len(prev_tok.text) >= 4 and not prev_tok.text.isupper() and not _is_word(prev_tok.key) \
        and prev_tok.text not in lx.never and prev_tok.key not in lx.role_title_words \
        and prev_tok.text not in lx.all_heads and prev_tok.text not in lx.honorifics and _contiguous(text, toks, a - 1, 2) \
        and not kb.index.get((prev_tok.key,)) and not kb.surnames.get(prev_tok.key)
    # "Juan Carlos Pérez": a known person named by given names alone ("Juan Carlos"), a surname
    # the data does not know after it: another person
    given_tail = b - a > 1 and toks[b - 1].text in kb.firstnames and b < n and not covered[b] \
        and _is_cap(toks[b]) and not _is_word(toks[b].key) and not toks[b].text.isupper() \
        and toks[b].text not in kb.firstnames and not kb.index.get((toks[b].key,)) and _contiguous(text, toks, b - 1, 2)
    if left or right or typo or given_first or unknown_given or given_tail:
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


def _place_as_surname(text: str, toks: list[Token], hit, covered: list[bool], kb: ActorKB, lx: _Lex) -> bool:
    """"Mark Wellington", "Carlos Santiago", "Ali Basra": a one-word place right after a given name
    is that person's surname (many surnames are towns). Uncovers it if so; a longer place name
    that opens with a given name ("Ben Gurion") is matched whole before this is asked."""
    a, b, aid, _ = hit
    if b - a != 1 or a == 0 or _kind_of(aid, kb) not in ("GPE", "LOC"):
        return False
    actor = kb.actors.get(aid)
    if actor is None or actor.external_ids.get("iso3166"):
        return False  # a country after a given name is rather the person's country
    if covered[a - 1] or toks[a - 1].text not in kb.firstnames or not _contiguous(text, toks, a - 1, 2):
        return False
    if b < len(toks) and _is_cap(toks[b]) and _contiguous(text, toks, a, 2):
        return False  # "Maria Roma Capitale": leave longer runs to the rules
    covered[a] = False
    return True


def _street_named_after(text: str, toks: list[Token], hit, covered: list[bool], kb: ActorKB, lx: _Lex) -> bool:
    """"piazza Colonna", "palazzo Farnese": a surname after a lower-case place noun names the
    place, not the person. Uncovers it (the rules read the place noun and the name as one)."""
    a, b, aid, _ = hit
    if not aid.startswith("per:") or b - a != 1 or a == 0:
        return False
    noun = toks[a - 1]
    if covered[a - 1] or noun.key not in lx.lower_loc_heads or not noun.text.islower() \
            or not _contiguous(text, toks, a - 1, 2):
        return False
    covered[a] = False
    return True


def _same_person(surface: str, aid: str, lx: _Lex) -> bool:
    hit = lx.near_person(surface.lower(), _FUZZY_CUTOFF)
    return bool(hit) and hit[0] == aid


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
    # "la Conferenza episcopale" after "la Conferenza episcopale nazionale": a name the rules read
    # that opens a longer name of the same kind in the article is that name cut short
    longer: dict[tuple[str, ...], set[str]] = {}
    for a, b, aid, _ in found:
        if b - a >= 3:
            for m in range(2, b - a):
                longer.setdefault((aid.split(":", 1)[0],) + tuple(t.key for t in toks[a:a + m]), set()).add(aid)
    for a, b, aid, _ in found:
        if "~" in aid and aid not in same and b - a >= 2 and not aid.startswith("per:"):
            ids = longer.get((aid.split(":", 1)[0],) + tuple(t.key for t in toks[a:b]), set()) - {aid}
            if len(ids) == 1:
                same[aid] = next(iter(ids))
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
    # "Petro" after "Gustavo Petro Urrego", "López Obrador" after "Andrés Manuel López Obrador": the
    # first of two surnames, or both, name the person named in full
    inner: dict[tuple[str, ...], set[str]] = {}
    for a, b, aid, _ in found:
        if aid.startswith("per:") and b - a > 2:
            for m in range(a + 1, b - 1):
                if _is_cap(toks[m]) and len(toks[m].text) > 2 and toks[m].text not in kb.firstnames \
                        and toks[m].key not in lx.particles:
                    inner.setdefault((toks[m].key,), set()).add(aid)
                    inner.setdefault(tuple(t.key for t in toks[m:b]), set()).add(aid)
    out: list[Mention] = []
    for a, b, aid, conf in found:
        alone = b - a == 1 or (b - a == 3 and toks[a].key in lx.arabic_articles and toks[a + 1].text == "-")
        if alone and toks[b - 1].key in full and aid != full[toks[b - 1].key] \
                and ("~" in aid or aid.startswith(("per:", "gpe:"))):
            # "Sherman" after "Wendy R. Sherman"; "Ferrara" after "Pasquale Ferrara"; "el-Sisi"
            aid, conf = full[toks[b - 1].key], 0.85
        elif b - a <= 2 and ("~" in aid or aid.startswith("per:")) and not (b - a == 1 and toks[a].key in full) \
                and len(inner.get(tuple(t.key for t in toks[a:b]), ())) == 1 \
                and aid not in inner[tuple(t.key for t in toks[a:b])]:
            aid, conf = next(iter(inner[tuple(t.key for t in toks[a:b])])), 0.8
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
        return not (prev in ("a", "ad", "al", "alla", "all", "verso") and p > 0 and _dative_head(toks[p - 1].key, lx))
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
