"""Article text with its annotations highlighted on their exact character spans.

Why this is built in Python and not in the template: annotations overlap (a mention inside a
quote inside an event's evidence), so the text is cut at every span boundary into flat segments,
each segment is HTML-escaped on its own, and wrapped in one ``<span>`` whose classes name every
annotation covering it. Nothing from the article is ever emitted unescaped, and no markup is
nested across boundaries, so the result is well-formed whatever the spans are.

The article body keeps its line structure; the page shows it with ``white-space: pre-wrap``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from ..types import Document


@dataclass(frozen=True, slots=True)
class Annotation:
    """One highlightable span: ``kind`` is ``mention``, ``quote`` or ``event``."""

    kind: str
    key: str  # "m3", "q1", "e0": the id the side lists and the title attribute refer to
    start: int
    end: int
    css: str  # extra classes, e.g. "m-PER"
    title: str
    href: str | None = None  # mentions of a known actor link to its page


def _actor_href(actor_id: str | None) -> str | None:
    return f"/actors/{actor_id}" if actor_id else None


def annotations(doc: Document) -> list[Annotation]:
    """Every mention, quote and event of a document as an :class:`Annotation`."""
    out: list[Annotation] = []
    for i, m in enumerate(doc.mentions):
        title = f"{m.label}: {m.actor_name}" + (f" ({m.role})" if m.role else "")
        out.append(Annotation("mention", f"m{i}", m.start, m.end, f"m-{m.label}", title,
                              _actor_href(m.actor_id)))
    for i, q in enumerate(doc.quotes):
        who = q.speaker or "unknown speaker"
        title = f"{q.kind} quote by {who}" + (f" — cue: {q.cue}" if q.cue else "")
        out.append(Annotation("quote", f"q{i}", q.start, q.end, f"q-{q.kind}", title))
    for i, e in enumerate(doc.events):
        parts = [e.type, e.source or "?"]
        if e.target:
            parts.append(f"→ {e.target}")
        if e.date:
            parts.append(f"({e.date})")
        out.append(Annotation("event", f"e{i}", e.start, e.end, f"ev-{e.type}", " ".join(parts)))
    return out


def _clip(anns: Iterable[Annotation], n: int) -> list[Annotation]:
    """Drop spans that do not fit the text: a bad offset must not break the page."""
    return [a for a in anns if 0 <= a.start < a.end <= n]


def highlight(text: str, anns: Sequence[Annotation], speaker_labels: dict[str, str] | None = None
              ) -> Markup:
    """Return ``text`` as safe HTML with each annotation's span marked.

    ``speaker_labels`` maps a quote key to the speaker's name, shown as a small label where the
    quotation starts so a reader sees who speaks without hovering.
    """
    anns = _clip(anns, len(text))
    bounds = sorted({0, len(text), *(a.start for a in anns), *(a.end for a in anns)})
    starts: dict[int, list[Annotation]] = {}
    for a in anns:
        starts.setdefault(a.start, []).append(a)
    labels = speaker_labels or {}
    parts: list[str] = []
    for lo, hi in pairwise(bounds):
        for a in starts.get(lo, ()):
            if a.kind == "quote" and a.key in labels:
                parts.append(f'<span class="speaker" data-ann="{a.key}">'
                             f"{escape(labels[a.key])}</span>")
        covering = [a for a in anns if a.start <= lo and hi <= a.end]
        piece = escape(text[lo:hi])
        if not covering:
            parts.append(str(piece))
            continue
        classes = sorted({a.kind for a in covering} | {a.css for a in covering})
        keys = " ".join(a.key for a in covering)
        titles = " | ".join(a.title for a in covering)
        inner = str(piece)
        # The innermost (shortest) mention carries the link to its actor.
        linked = sorted((a for a in covering if a.href), key=lambda a: a.end - a.start)
        if linked:
            inner = f'<a href="{escape(linked[0].href)}">{inner}</a>'
        parts.append(f'<span class="{escape(" ".join(classes))}" data-ann="{escape(keys)}" '
                     f'title="{escape(titles)}">{inner}</span>')
    return Markup("".join(parts))


def highlight_document(doc: Document) -> Markup:
    """The article body of ``doc`` with mentions, quotes (speaker shown) and events marked."""
    anns = annotations(doc)
    labels = {f"q{i}": (q.speaker or "?") for i, q in enumerate(doc.quotes)}
    return highlight(doc.article.text, anns, labels)


def safe_href(url: str | None) -> str | None:
    """A URL fit for an ``href``: only absolute http(s) links, anything else is shown as text."""
    if not url:
        return None
    u = url.strip()
    low = u.lower()
    if low.startswith(("http://", "https://")) and not any(c in u for c in '\x00\n\r\t "<>`'):
        return u
    return None
