"""What the entity tests read of a text: its mentions by their surface text."""

from __future__ import annotations

from cronaca.nlp.entities import find_mentions
from cronaca.types import Mention


def by_text(text: str, published: str | None = None) -> dict[str, Mention]:
    """The mentions ``find_mentions`` gives for ``text``, by the words that make them."""
    return {m.text: m for m in find_mentions(text, published=published)}
