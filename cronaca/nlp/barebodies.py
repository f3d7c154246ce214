"""A body named by its capitalised head noun alone (stage ``cronaca.entities.rules.v1``).

Italian writes the name of an institution the article needs no more words for as its head noun
with a capital: "la Commissione", "il Parlamento", "dell'Agenzia", "della Marina", "di Camera e
Senato". The capital is what makes it a name (the guide counts it as the body's mention), where
"la commissione" would be a plain description. When no actor of the article opens with that head
(:func:`cronaca.nlp.entities._short_forms` resolves those) and the data's own body of that name
belongs to a country the text does not name, the head is still a body: a provisional one, named
as written.

Only heads listed in the lexicon's ``bare_body_heads`` count (bodies a text refers to alone;
"Governo", "Consiglio", "Unione" are left out: too often the start of a longer name or a plain
word), and only after a determiner or preposition in mid-sentence, with no complement or
capitalised word after it (a longer name the other rules read).
"""

from __future__ import annotations

from ..resources.actors import ActorKB, slug
from .namelex import _Lex, _sentence_initial
from .tokens import Token

__all__ = ["bare_bodies", "bare_body_at", "one_legislature"]

# words that may stand before a head named alone: articles, articulated and plain prepositions,
# a conjunction in a pair ("di Camera e Senato")
_BEFORE_EXTRA = frozenset({"di", "a", "da", "in", "con", "su", "tra", "fra", "per", "e", "ed", "o"})


def bare_body_at(text: str, toks: list[Token], i: int, lx: _Lex, kb: ActorKB) -> bool:
    """Is token ``i`` a listed head noun standing alone as a body's name?"""
    t = toks[i]
    if t.text not in lx.bare_body_heads or _sentence_initial(text, toks, i):
        return False
    prev = toks[i - 1]
    if prev.text in ("'", "’"):
        if i < 2 or toks[i - 2].key not in lx.elisions:
            return False
    elif prev.key not in lx.articles and prev.key not in lx.articles_bare and prev.key not in _BEFORE_EXTRA:
        return False
    elif i >= 2 and prev.key in lx.name_preps and toks[i - 2].key in lx.person_cues:
        return False  # "la vice presidente del Senato": a person's role, which a name follows or precedes
    if i + 1 < len(toks):
        nxt = toks[i + 1]
        if nxt.text[:1].isupper() or nxt.key in lx.name_preps or nxt.key in ("'", "’", "-"):
            return False  # "Commissione Ue", "Corte di giustizia", "Corte d'appello": a longer name
        if nxt.start == t.end and nxt.text[:1].isalnum():
            return False
        if nxt.text.isalpha() and nxt.key in kb.demonyms:
            return False  # "il Parlamento europeo", "la Marina russa": the rules name the country's
    return True


def bare_bodies(text: str, toks: list[Token], found: list, lx: _Lex, kb: ActorKB) -> list:
    """``found`` plus a provisional body for each listed head named alone outside every mention."""
    inside = {j for a, b, _, _ in found for j in range(a, b)}
    added = [(i, i + 1, _antecedent(toks, i, found, lx) or f"org:~{slug(toks[i].text)}", 0.6)
             for i in range(1, len(toks)) if i not in inside and bare_body_at(text, toks, i, lx, kb)]
    return sorted(found + added) if added else found


def _antecedent(toks: list[Token], i: int, found: list, lx: _Lex) -> str | None:
    """The body of the article whose name opens with the same head ("Congresso dei deputati"
    ... "al Congresso"), nearest before, else the first after; None when there is none."""
    head = toks[i].text
    same = [(a, aid) for a, b, aid, _ in found
            if b - a > 1 and toks[a].text == head or head in lx.heads_of(aid)]
    before = [s for s in same if s[0] < i]
    if before:
        return before[-1][1]
    return same[0][1] if same else None


def one_legislature(text: str, toks: list[Token], found: list, lx: _Lex, kb: ActorKB) -> list:
    """"il Parlamento", "il Parlamento sudcoreano" name the one legislature the article calls by
    its own name ("l'Assemblea nazionale", "la Knesset", "il Consiglio legislativo"); a body the
    rules could only name as written. Left alone where the article names several legislatures,
    or where the adjective names another country than the legislature's."""
    heads = lx.legislature_names
    if not heads:
        return found
    chambers = set()
    for a, b, aid, _ in found:
        surface = text[toks[a].start:toks[b - 1].end].lower()
        if toks[a].text not in lx.generic_parliaments and surface.startswith(heads):
            chambers.add(aid)
    if len(chambers) != 1:
        return found
    chamber = next(iter(chambers))
    home = getattr(kb.actors.get(chamber), "country", None)
    out = []
    for a, b, aid, conf in found:
        if toks[a].text in lx.generic_parliaments and aid.startswith("org:~") and b - a <= 2:
            country = kb.demonyms.get(toks[b - 1].key) if b - a == 2 else None
            if b - a == 1 or (country and (home is None or home == country)):
                aid = chamber
        out.append((a, b, aid, conf))
    return out
