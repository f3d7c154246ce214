"""One actor across the corpus: spelling, transliteration and typo variants resolved.

The entity stage resolves what the knowledge base knows. What it cannot resolve gets a
provisional id from the name as written, so "Serghei Lavrov", "Sergey Lavorv" and "Maria
Zakharova" / "Marija Zacharova" would become different actors. This module files every name
under a blocking key (the first letters of the folded surname) and compares a new name only with
the names under the same key, with rapidfuzz:

  1. surnames must be near-identical after transliteration folding (ratio >= ``SURNAME_MIN``);
  2. given names must agree: same initial when one is an initial ("A. Grushko"), else a fuzzy
     ratio >= ``GIVEN_MIN`` ("Anthony"/"Antony"). Different given names never merge, so "Joe
     Biden" and "Hunter Biden" stay two people;
  3. a bare surname joins a person only when exactly one person with that surname is known.
Names of organisations and places must match as a whole (ratio >= ``WHOLE_MIN``).

An actor the knowledge base does not know keeps the id of the first spelling seen: stable, since
later variants are mapped onto it and never rename it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from ..types import Document, Mention
from .index import LinkIndex
from .text import fold

SURNAME_MIN = 80.0
GIVEN_MIN = 75.0
WHOLE_MIN = 92.0
_TRANSLIT = [("kh", "h"), ("gh", "g"), ("ks", "x"), ("j", "i"), ("y", "i"), ("w", "v"), ("ii", "i"),
             ("th", "t"), ("ph", "f")]
_TOKEN = re.compile(r"[a-z0-9]+\.?")


#: Names kept folded and split (``translit``, ``parts``, ``_folded``): every new name is compared
#: with every known name under its blocking key, so the same few thousand names are folded over
#: and over; pure functions of a short string, cached with a bound.
_NAME_CACHE = 16384
_folded = lru_cache(maxsize=_NAME_CACHE)(fold)


@lru_cache(maxsize=_NAME_CACHE)
def translit(word: str) -> str:
    """Fold the usual romanisation differences of Slavic names (Sergey/Sergej/Serghei)."""
    w = fold(word)
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    return w


@lru_cache(maxsize=_NAME_CACHE)
def parts(name: str) -> tuple[tuple[str, ...], str]:
    """(given names, surname), folded; "Sergey A. Ryabkov" -> (("sergei", "a."), "riabkov")."""
    toks = _TOKEN.findall(fold(name))
    if not toks:
        return (), ""
    return tuple(translit(t) for t in toks[:-1]), translit(toks[-1].rstrip("."))


def block(name: str, label: str) -> str:
    """The blocking key: kind plus the first two letters of the (sur)name."""
    given, surname = parts(name)
    head = surname if label == "PER" else translit("".join(_TOKEN.findall(fold(name))))
    return f"{label}:{head[:2]}"


def same_person(a: str, b: str) -> bool | None:
    """True/False when the names decide; None when one is a bare surname (needs uniqueness)."""
    ga, sa = parts(a)
    gb, sb = parts(b)
    if not sa or not sb or fuzz.ratio(sa, sb) < SURNAME_MIN:
        return False
    if not ga or not gb:
        return None
    fa, fb = ga[0].rstrip("."), gb[0].rstrip(".")
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return fuzz.ratio(fa, fb) >= GIVEN_MIN


def same_name(a: str, b: str) -> bool:
    return fuzz.ratio(translit(a), translit(b)) >= WHOLE_MIN


def resolve(name: str, label: str, actor_id: str, index: LinkIndex) -> str:
    """The corpus-wide id for a name the knowledge base did not resolve (recorded in the index)."""
    key = block(name, label)
    known = [(n, a) for n, a, lab in index.actor_names(key) if lab == label]
    folded = _folded(name)
    for n, a in known:
        if _folded(n) == folded:
            return a
    found: str | None = None
    if label == "PER":
        # each known name judged once (a block holds hundreds of names in a large corpus)
        verdicts = [(a, same_person(name, n)) for n, a in known]
        decided = {a for a, verdict in verdicts if verdict}
        # a bare surname may join the one person of that surname; a full name never joins a bare one
        bare = {a for a, verdict in verdicts if verdict is None} if not parts(name)[0] else set()
        if len(decided) == 1:
            found = decided.pop()
        elif not decided and len(bare) == 1:
            found = bare.pop()
    else:
        hits = {a for n, a in known if same_name(name, n)}
        found = hits.pop() if len(hits) == 1 else None
    result = found or actor_id
    index.add_actor_name(result, name, label, key)
    return result


@lru_cache(maxsize=4)
def _kb_ids(language: str) -> frozenset[str]:
    try:
        from ..resources.actors import load_kb  # noqa: PLC0415  (optional: absent in minimal installs)

        return frozenset(load_kb(language).actors)
    except Exception:  # noqa: BLE001  a missing or broken KB must not stop linking
        return frozenset()


def seed_from_kb(index: LinkIndex, language: str = "it") -> None:
    """File the knowledge base's people under their blocking keys, so typos resolve to them."""
    try:
        from ..resources.actors import load_kb  # noqa: PLC0415

        kb = load_kb(language)
    except Exception:  # noqa: BLE001
        return
    for actor in kb.actors.values():
        if actor.kind != "PER":
            continue
        for name in (actor.name, *actor.variants[:8]):
            index.add_actor_name(actor.id, name, "PER", block(name, "PER"))


def resolve_document(doc: Document, index: LinkIndex) -> Document:
    """The document with its unresolved mentions (and the events and quotes naming them) re-keyed."""
    kb = _kb_ids(doc.article.language)
    mapping: dict[str, str] = {}
    mentions: list[Mention] = []
    for m in doc.mentions:
        if m.actor_id in kb:
            mentions.append(m)
            continue
        new = mapping.get(m.actor_id) or resolve(m.actor_name or m.text, m.label, m.actor_id, index)
        mapping[m.actor_id] = new
        mentions.append(replace(m, actor_id=new) if new != m.actor_id else m)
    if all(k == v for k, v in mapping.items()):
        return doc
    events = tuple(replace(e, source_id=mapping.get(e.source_id, e.source_id),
                           target_id=mapping.get(e.target_id, e.target_id)) for e in doc.events)
    quotes = tuple(replace(q, speaker_id=mapping.get(q.speaker_id, q.speaker_id)) for q in doc.quotes)
    return replace(doc, mentions=tuple(mentions), events=events, quotes=quotes)
