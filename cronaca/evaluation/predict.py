"""A processed Document written in the gold schema of ``../shared/gold/README.md``.

Entities are grouped by actor: one record per actor with its distinct surface forms (case kept),
its type and the first role the article gives. Title mentions count (the gold annotates title and
body), so the title is run through the entity finder too. Negated and hypothetical events are
kept in the store (an analyst may want them) but are not events in the gold sense, so they are
left out here.
"""

from __future__ import annotations

from typing import Any

from ..types import Document, Mention


def _title_mentions(doc: Document) -> list[Mention]:
    title = doc.article.title
    if not title:
        return []
    try:
        from ..nlp.entities import find_mentions
    except ImportError:  # the entity stage is optional
        return []
    return list(find_mentions(title, published=doc.article.published))


def entities(doc: Document) -> list[dict[str, Any]]:
    by_actor: dict[str, dict[str, Any]] = {}
    for m in [*_title_mentions(doc), *doc.mentions]:
        rec = by_actor.setdefault(m.actor_id, {"name": m.actor_name, "type": m.label,
                                                "mentions": [], "role": None})
        if m.text not in rec["mentions"]:
            rec["mentions"].append(m.text)
        if rec["role"] is None and m.role:
            rec["role"] = m.role
    return list(by_actor.values())


def prediction(doc: Document, doc_id: str | None = None) -> dict[str, Any]:
    """One gold-schema record for a processed document."""
    art = doc.article
    lines = [line for line in art.text.split("\n") if line.strip()]
    return {
        "doc_id": doc_id or art.id,
        "url": art.url,
        "outlet": art.outlet,
        "published": art.published,
        "title": art.title,
        "body_first_line": lines[0] if lines else None,
        "body_last_line": lines[-1] if lines else None,
        "boilerplate": [r.text for r in art.removed],
        "quality_flags": list(art.flags),
        "entities": entities(doc),
        "quotes": [{"speaker": q.speaker, "kind": q.kind, "text": q.text, "cue": q.cue}
                   for q in doc.quotes],
        "events": [{"type": e.type, "source": e.source, "target": e.target, "date": e.date,
                    "place": e.place, "evidence": e.evidence}
                   for e in doc.events if not (e.negated or e.hypothetical)],
    }
