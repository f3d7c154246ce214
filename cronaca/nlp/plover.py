"""The PLOVER event ontology as cronaca uses it, and the mapping to PLOVER's JSON field names.

PLOVER (Political Language Ontology for Verifiable Event Records) is the successor of CAMEO; its
JSON records name fields ``event_type``, ``mode``, ``source``, ``target``, ``event_date``,
``event_text``… Keeping the mapping here lets :mod:`cronaca.nlp.events` stay about Italian and
lets exports speak a format other event-data tools read.
"""

from __future__ import annotations

from typing import Any

from ..types import Document, Event

#: The event types cronaca codes (PLOVER 2021 names).
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
    "ASSAULT",
)

#: Older PLOVER drafts spelled two types differently; accept them on input.
TYPE_ALIASES: dict[str, str] = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}

#: PLOVER's coarse grouping, useful for filters and colours in the UI.
QUAD_CLASS: dict[str, str] = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "material cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation", "INVESTIGATE": "verbal conflict", "DEMAND": "verbal conflict",
    "DISAPPROVE": "verbal conflict", "REJECT": "verbal conflict", "THREATEN": "verbal conflict",
    "PROTEST": "material conflict", "MOBILIZE": "material conflict", "SANCTION": "material conflict",
    "COERCE": "material conflict", "ASSAULT": "material conflict",
}


def canonical_type(name: str) -> str:
    """Upper-case PLOVER type, with older draft names mapped to the current ones."""
    t = name.strip().upper()
    return TYPE_ALIASES.get(t, t)


def to_plover(event: Event, doc: Document | None = None) -> dict[str, Any]:
    """One event as a PLOVER-style JSON object (field names from the PLOVER specification).

    Fields PLOVER defines and cronaca fills: ``event_type``, ``mode``, ``source``, ``target``,
    ``event_date``, ``event_text``; cronaca's own provenance travels under ``cronaca``.
    """
    art = doc.article if doc is not None else None
    out: dict[str, Any] = {
        "event_type": event.type,
        "mode": event.mode or "",
        "source": event.source or "",
        "target": event.target or "",
        "event_date": event.date or "",
        "event_text": event.evidence,
        "location": {"name": event.place} if event.place else {},
        "quad_class": QUAD_CLASS.get(event.type, ""),
        "context": [],
        "cronaca": {
            "source_id": event.source_id, "target_id": event.target_id, "place_id": event.place_id,
            "date_precision": event.date_precision, "cue": event.cue,
            "span": [event.start, event.end], "negated": event.negated,
            "hypothetical": event.hypothetical, "stage": event.stage,
            "confidence": event.confidence,
        },
    }
    if art is not None:
        out["id"] = f"{art.id}:{event.start}:{event.type}"
        out["story_date"] = art.published or ""
        out["url"] = art.url or ""
        out["publisher"] = art.outlet or ""
        out["language"] = art.language
    return out


__all__ = ["EVENT_TYPES", "QUAD_CLASS", "TYPE_ALIASES", "canonical_type", "to_plover"]
