"""The speaker ranker: a learnt second opinion on who speaks a statement the rules found.

The rules (:mod:`.cues`, :mod:`.sources`, :mod:`.standalone`) pick one speaker per statement. The
ranker looks at the actors they could have picked — the rule's own choice, the actor phrases of
the statement's sentence and of the sentence before (the clause analysis' units: names, role
descriptions, collectives), who the text was about before the sentence, the speakers of the
statements before and after — and describes each with sparse features (how it was found, its
case, where it sits relative to the cue and the statement, the cue's shape, the statement's
kind). A logistic regression (:mod:`cronaca.nlp.linear`, ``resources/models/speakers.<lang>.json``,
trained by ``scripts/train_speaker_model.py`` on the seeds, dev2 and the tuning half, never the
check half) scores them; the rule's choice is replaced only when another actor scores higher by
the margin cross-validation chose (the file's ``threshold``). Without a model file, or with a
model whose ``meta.enabled`` is false (it did not beat the rules on held-out articles), the rules
decide alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..attribution import Speaker, clause_subject
from ..linear import LinearModel, read_model
from ..syntax.units import token_index
from .speakers import _unit_speaker
from .state import Found, State, sentence_index


@dataclass(frozen=True, slots=True)
class Candidate:
    """One actor who could speak a statement, and what the ranker knows of it."""

    speaker: Speaker
    features: tuple[str, ...]
    chosen: bool  # the rules' choice


@lru_cache(maxsize=8)
def load_ranker(lang: str = "it") -> LinearModel | None:
    """The speaker model of ``lang``, or None (no file, or a model that did not beat the rules)."""
    model = read_model("speakers", lang)
    return model if model is not None and model.meta.get("enabled", True) else None


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6+"


def _cue_shape(st: State, f: Found) -> str:
    """A coarse name for how the statement was attributed: no cue, "Lo ha detto", "secondo",
    "per", a reporting verb."""
    if f.cue_start is None or f.cue_end is None:
        return "none"
    first = st.text[f.cue_start:f.cue_end].split()[:1]
    word = first[0].lower() if first else ""
    if word in ("lo", "la", "l'", "l’", "li", "le"):
        return "clitic"
    if word in ("secondo", "per", "così", "come", "citato", "citata", "citando", "si"):
        return word
    return "verb"


def candidates(st: State, f: Found, found: Sequence[Found]) -> list[Candidate]:
    """The actors who could speak ``f`` (its rule choice first), with their features."""
    an = st.an
    chosen = f.speakers[0]
    feats: dict[str, set[str]] = {}
    who: dict[str, Speaker] = {}

    def add(sp: Speaker | None, *fs: str) -> None:
        if sp is None or not sp.name:
            return
        who.setdefault(sp.name, sp)
        feats.setdefault(sp.name, set()).update(fs)

    anchor = f.cue_start if f.cue_start is not None else f.start
    si = sentence_index(st, anchor)
    s, e = st.sentences[si]
    add(chosen)  # the rules' choice carries no feature of its own: the margin is the trust in the rules
    if an is not None:
        toks = an.tokens
        anchor_tok = token_index(toks, anchor)
        anchor_clause = an.clause_at(anchor_tok)
        ps = st.sentences[si - 1][0] if si > 0 else s
        before = after = prev_free = 0
        for u, unit in enumerate(an.units):
            if unit.start >= e:
                break
            if unit.end <= ps or unit.kind in ("pronoun", "adjective") or unit.case == "adj":
                continue
            sp = _unit_speaker(st, u)
            case = "free" if unit.case == "" else unit.case if unit.case in ("di", "a", "da") else "prep"
            base = [f"case={case}", f"kind={unit.kind}", f"label={unit.label}"]
            if unit.start < s:
                if unit.case == "":
                    prev_free += 1
                add(sp, "prev_sentence", *(f"prev_{x}" for x in base),
                    f"prev_free_rank={_bucket(prev_free)}" if unit.case == "" else "prev_bound")
                continue
            inside = f.start <= unit.start < f.end
            if unit.start < anchor:
                before += 1
                rank = f"before_rank={_bucket(before)}"
            else:
                after += 1
                rank = f"after_rank={_bucket(after)}"
            dist = abs(token_index(toks, unit.start) - anchor_tok)
            same_clause = anchor_clause is not None and an.clause_at(token_index(toks, unit.start)) is anchor_clause
            add(sp, "same_sentence", rank, f"dist={_bucket(dist // 3)}", *base,
                "in_content" if inside else "outside_content", "cue_clause" if same_clause else "other_clause",
                f"{rank}|{case}")
    if an is not None and f.cue_start is not None:
        for inverted in (False, True):  # the cue verb's subject by the grammar, before it / after it
            units, how = clause_subject(an, token_index(an.tokens, f.cue_start), inverted, blocked=st.asides)
            for u in units:
                add(_unit_speaker(st, u), f"grammar_{'after' if inverted else 'before'}={how}")
    for sp in st.topic_before[si] if si < len(st.topic_before) else ():
        add(sp, "topic")
    i = next((k for k, g in enumerate(found) if g is f), -1)
    if i > 0:
        for sp in found[i - 1].speakers:
            add(sp, "prev_quote", "prev_quote_near" if f.start - found[i - 1].end < 400 else "prev_quote_far")
    if 0 <= i < len(found) - 1:
        for sp in found[i + 1].speakers:
            add(sp, "next_quote")
    counts = Counter(m.actor_name for m in st.mentions)
    shape, kind = _cue_shape(st, f), f.kind
    out = []
    for name, sp in who.items():
        fs = feats[name]
        fs.add(f"mentions={_bucket(counts.get(name, 0))}")
        fs.add(f"speaker_label={sp.label}")
        fs |= {f"{x}|cue={shape}" for x in list(fs)} | {f"{x}|{kind}" for x in list(fs) if "|" not in x}
        out.append(Candidate(sp, tuple(sorted(fs)), name == chosen.name))
    return out


def rerankable(f: Found, found: Sequence[Found]) -> bool:
    """Statements the ranker may re-attribute: one speaker, and no other record of the same words
    (a medium that relays a statement speaks it beside its author: both stay)."""
    return len(f.speakers) == 1 and sum(1 for g in found if g.start == f.start and g.end == f.end) == 1


def rerank(st: State, found: list[Found], model: LinearModel) -> list[Found]:
    """``found`` with each statement's speaker replaced where the model prefers another actor by
    more than its margin."""
    out = []
    for f in found:
        if rerankable(f, found):
            cands = candidates(st, f, found)
            if len(cands) > 1:
                scored = [(model.score(c.features), c) for c in cands]
                rule = next(p for p, c in scored if c.chosen)
                best, top = max(scored, key=lambda x: x[0])
                if not top.chosen and best - rule > model.threshold:
                    f = replace(f, speakers=(top.speaker,))
        out.append(f)
    return out
