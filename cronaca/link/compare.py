"""Outlet comparison for a story: who each outlet quotes, what it reports, how it words it.

Why side by side: the same happening reads differently in state-affiliated and independent
media ("operazione militare speciale" vs "invasione"), and the difference is in choices a
reader can count: which actors get quoted and how often, which events are reported at all,
which quotations only one side carries, and the characteristic words. The wording list is data
(``resources/lexicons/<lang>/wording.json``) so analysts can add the phrases of their field.

Copies (articles linked as duplicates) are left out unless ``include_duplicates`` is set: a
wire story reposted ten times is one outlet's choice, not ten. Every outlet that carried a copy
is still listed, with the copies it carried (``OutletView.copies``): a near-copy is an article
of its own, and a word-for-word copy is the same article under another outlet (its
``carriers``), so neither would otherwise show who ran the story.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping, Sequence

from ..types import Document, Quote
from .events import MergedEvent
from .text import fold, words

SIDES = ("state_affiliated", "other")
SAME_QUOTE_F1 = 0.5  # token F1 above which two quotations are the same statement


@dataclass(frozen=True, slots=True)
class WordingTerm:
    label: str
    frame: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class OutletView:
    """One outlet's telling of a story."""

    outlet: str
    side: str  # "state_affiliated" | "other"
    articles: tuple[str, ...]
    quoted: dict[str, int]  # speaker -> quotations
    events: tuple[str, ...]  # merged event ids it reports
    wording: dict[str, int]  # wording label -> occurrences
    exclusive_quotes: tuple[dict, ...] = ()  # quotations no outlet of the other side carries
    copies: tuple[str, ...] = ()  # article ids it carried as copies (counted with duplicates)


@dataclass(frozen=True, slots=True)
class Comparison:
    story_id: str
    outlets: tuple[OutletView, ...]
    events: dict[str, dict] = field(default_factory=dict)  # merged id -> type, date, actors, by side
    wording_by_side: dict[str, dict[str, int]] = field(default_factory=dict)
    quoted_by_side: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        from dataclasses import asdict  # noqa: PLC0415

        return asdict(self)


@lru_cache(maxsize=4)
def wording_terms(language: str = "it") -> tuple[WordingTerm, ...]:
    """The characteristic-wording lexicon of a language (empty when it has none)."""
    try:
        path = resources.files("cronaca.resources") / "lexicons" / language / "wording.json"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError):
        return ()
    return tuple(WordingTerm(t["label"], t.get("frame", ""),
                             tuple(re.compile(p, re.IGNORECASE) for p in t["patterns"]))
                 for t in data.get("terms", ()))


def count_wording(text: str, language: str = "it") -> Counter[str]:
    """Occurrences of each wording label in a text (accent-folded, case-insensitive)."""
    folded = fold(text)
    out: Counter[str] = Counter()
    for term in wording_terms(language):
        n = sum(len(p.findall(folded)) for p in term.patterns)
        if n:
            out[term.label] += n
    return out


def side_of(outlet: str | None, flags: Iterable[str] = ()) -> str:
    """State-affiliated or not, from the article's flag or the bundled outlet profiles."""
    if "state_affiliated_outlet" in flags:
        return "state_affiliated"
    if outlet:
        try:
            from ..resources.outlets import load_outlets  # noqa: PLC0415

            index = load_outlets()
            profile = index.for_domain(outlet) or index.for_name(outlet)
            if profile is not None and profile.state_affiliated:
                return "state_affiliated"
        except Exception:  # noqa: BLE001  profiles are optional for a comparison
            pass
    return "other"


def _token_f1(a: str, b: str) -> float:
    ta, tb = Counter(words(a)), Counter(words(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def _same_statement(q: Quote, others: Sequence[Quote]) -> bool:
    return any((q.speaker_id == o.speaker_id or q.speaker == o.speaker)
               and _token_f1(q.text, o.text) >= SAME_QUOTE_F1 for o in others)


def compare(story_id: str, docs: Sequence[Document], merged: Sequence[MergedEvent],
            duplicates: Iterable[str] = (), include_duplicates: bool = False,
            carriers: Mapping[str, Sequence[str]] | None = None) -> Comparison:
    """Compare how the outlets of a story tell it (pure: the caller reads the store).

    ``carriers``: per article id, the other outlets that published the same text word for word.
    """
    dup = set(duplicates)
    own: dict[str, list[Document]] = {}  # outlet -> the articles it published, as counted
    by_outlet: dict[str, list[Document]] = {}  # ... and the copies it carried, when counted
    copies: dict[str, list[str]] = {}
    for d in docs:
        outlet = d.article.outlet or "(unknown outlet)"
        carried = [(o, d) for o in (carriers or {}).get(d.id, ())]
        if d.id in dup:
            carried.append((outlet, d))
        else:
            own.setdefault(outlet, []).append(d)
            by_outlet.setdefault(outlet, []).append(d)
        for o, copy in carried:
            copies.setdefault(o, []).append(copy.id)
            by_outlet.setdefault(o, [])
            if include_duplicates:
                by_outlet[o].append(copy)
    docs = [d for ds in own.values() for d in ds] + [d for d in docs if include_duplicates and d.id in dup]
    side = {o: side_of(o, [f for d in own.get(o, ()) for f in d.article.flags]) for o in by_outlet}
    quotes_by_side: dict[str, list[Quote]] = {s: [] for s in SIDES}
    for o, ds in by_outlet.items():
        quotes_by_side[side[o]] += [q for d in ds for q in d.quotes]
    events_of: dict[str, set[str]] = {}
    for m in merged:
        for r in m.reports:
            events_of.setdefault(r.article_id, set()).add(m.id)
    views = []
    for o in sorted(by_outlet):
        ds = by_outlet[o]
        other = quotes_by_side["other" if side[o] == "state_affiliated" else "state_affiliated"]
        quoted = Counter(q.speaker or "(unattributed)" for d in ds for q in d.quotes)
        wording: Counter[str] = Counter()
        for d in ds:
            wording += count_wording(f"{d.article.title or ''}\n{d.article.text}", d.article.language)
        exclusive = tuple(
            {"article_id": d.id, "speaker": q.speaker, "kind": q.kind, "text": q.text}
            for d in ds for q in d.quotes if not _same_statement(q, other))
        views.append(OutletView(
            outlet=o, side=side[o], articles=tuple(d.id for d in ds),
            quoted=dict(quoted.most_common()),
            events=tuple(sorted({e for d in ds for e in events_of.get(d.id, ())})),
            wording=dict(wording.most_common()), exclusive_quotes=exclusive,
            copies=tuple(dict.fromkeys(copies.get(o, ())))))
    events = {}
    outlet_of = {d.id: d.article.outlet or "(unknown outlet)" for d in docs}
    for m in merged:
        sides = Counter(side[outlet_of[r.article_id]] for r in m.reports if r.article_id in outlet_of)
        if sides:
            events[m.id] = {"type": m.type, "date": m.date, "actors": [m.actor_a, m.actor_b],
                            "place": m.place, "by_side": dict(sides)}
    wording_by_side: dict[str, Counter[str]] = {s: Counter() for s in SIDES}
    quoted_by_side: dict[str, Counter[str]] = {s: Counter() for s in SIDES}
    for v in views:
        wording_by_side[v.side] += Counter(v.wording)
        quoted_by_side[v.side] += Counter(v.quoted)
    return Comparison(story_id, tuple(views), events,
                      {s: dict(c.most_common()) for s, c in wording_by_side.items()},
                      {s: dict(c.most_common()) for s, c in quoted_by_side.items()})
