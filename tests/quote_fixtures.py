"""Hand-made mentions for the quote stage's tests: each test pins one attribution rule, so the
entity stage is replaced by a table of surface forms."""

from __future__ import annotations

import re
from collections.abc import Mapping

from cronaca.nlp import quotes
from cronaca.types import Article, Document, Mention, Span

#: surface form -> (actor id, canonical name, label, role stated next to it)
Actors = Mapping[str, tuple[str, str, str, str | None]]


def make_doc(text: str, actors: Actors, published: str = "2022-01-20", doc_id: str = "t") -> Document:
    """A document whose mentions are every occurrence of the ``actors`` surface forms (longest first)."""
    mentions: list[Mention] = []
    for surface in sorted(actors, key=len, reverse=True):
        aid, name, label, role = actors[surface]
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if any(x.start < m.end() and m.start() < x.end for x in mentions):
                continue
            mentions.append(Mention(m.start(), m.end(), surface, label, aid, name, role))
    mentions.sort(key=lambda m: m.start)
    sentences = tuple(Span(a, b) for a, b in quotes.split_sentences(text))  # as the sentence splitter gives them
    art = Article(id=doc_id, origin="test", raw_hash="", format="text", text=text, published=published,
                  sentences=sentences)
    return Document(art, mentions=tuple(mentions))


def found_in(text: str, actors: Actors, published: str = "2022-01-20") -> list[tuple[str, str, str]]:
    """(speaker, kind, text) of every quote the stage finds."""
    return [(q.speaker, q.kind, q.text) for q in quotes.annotate(make_doc(text, actors, published)).quotes]
