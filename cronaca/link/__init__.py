"""Across articles: one actor, one event, one story.

- :mod:`.actors`      names the knowledge base did not resolve, resolved across the corpus;
- :mod:`.duplicates`  exact and near-duplicate articles (MinHash/LSH), linked to their original;
- :mod:`.translations` an article's translation into another language (names and figures in order);
- :mod:`.stories`     online story clustering (adding articles extends stories);
- :mod:`.events`      event records of many articles merged into one event per happening;
- :mod:`.linker`      the steps in order, over a :class:`~.index.LinkIndex` (memory or store);
- :mod:`.incremental` ``cronaca link``: link what the store holds and has not linked yet;
- :mod:`.compare`, :mod:`.timeline`, :mod:`.queries`  what users read: comparison, timeline, stories;
- :mod:`.evaluate`    B-cubed and duplicate scores against gold (the CI gate).
"""

from __future__ import annotations

from .events import MergedEvent, dated_documents, merge
from .incremental import LinkSummary, link
from .linker import Linker, LinkResult, link_documents

__all__ = ["LinkResult", "LinkSummary", "Linker", "MergedEvent", "dated_documents", "link",
           "link_documents", "merge"]
