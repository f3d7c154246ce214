"""Plural phrases that name a set of actors named before: "i due Paesi", "i tre leader",
"entrambi", "le parti".

News tells a meeting or an accord between actors in one sentence and goes on with the pair as a
group: "Erdogan ha ricevuto Niinistö e Andersson. I tre Paesi hanno firmato un memorandum". The
clause analysis has no actor in "i tre Paesi", so a mutual event (talks, an agreement) on such a
phrase would have no parties. This module reads the phrase and takes the last actors named before
it, as many as the number says, of the kind the noun says (countries for "Paesi", people for
"leader"), in the sentence and the two before it.

Words (``group_phrases`` in the frame lexicon): number words, and the nouns of a group with the
label their members have ("" for any).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

from ..syntax import Analysis
from .arguments import Party
from .lexicon import GroupWords

#: Sentences back (besides the phrase's own) where the group's members may be named.
LOOKBACK_SENTENCES = 2
#: Tokens after a noun cue that may hold the group ("l'incontro tra i due Paesi").
NOUN_WINDOW = 6


def group_at(an: Analysis, lo: int, hi: int, words: GroupWords) -> tuple[int, int, str] | None:
    """The first group phrase in tokens ``lo``..``hi``: (its first token, its size, the label its
    members have, "" for any)."""
    tokens = an.tokens
    for i in range(lo, min(hi, len(tokens))):
        low = tokens[i].low
        if low in words.pronouns:
            return i, words.pronouns[low], ""
        n = words.numbers.get(low)
        if n is not None and i + 1 < len(tokens) and i > 0 and tokens[i - 1].pos in ("DET", "ADP"):
            label = words.nouns.get(tokens[i + 1].low)
            if label is not None:
                return i, n, label
        if low in words.paired and i > 0 and tokens[i - 1].low in words.paired_after:
            return i, words.paired[low], ""
    return None


def members(an: Analysis, heads: Sequence[int], tok: int, si: int, size: int, label: str,
            how: str = "group") -> list[Party]:
    """The last ``size`` distinct actors named before token ``tok`` of sentence ``si`` (there and
    in the ``LOOKBACK_SENTENCES`` before it) with ``label`` ("" for any); none when fewer are
    named, then actors of any kind (a country's leaders stand for "i due Paesi" where the text
    names no country). ``heads``: every unit's head token, in text order."""
    if size < 2 or not 0 <= si < len(an.sentences):
        return []
    first = an.sentences[max(0, si - LOOKBACK_SENTENCES)][0]
    lo, hi = bisect_left(heads, first), bisect_left(heads, tok)
    found: list[Party] = []
    for k in range(hi - 1, lo - 1, -1):
        u = an.units[k]
        if label and u.label != label:
            continue
        if any(p.name == u.name for p in found):
            continue
        found.append(Party(u.name, u.actor_id, u.label, u.head_tok, how))
        if len(found) == size:
            return found[::-1]
    return members(an, heads, tok, si, size, "", how) if label else []
