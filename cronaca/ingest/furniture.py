"""The page-furniture vocabulary of a language, loaded once from ``resources/boilerplate/<lang>.json``.

Phrases (section labels, comment widgets, list headers) are matched against a whole line after
:func:`line_key` folds case, spacing and edge punctuation, so "Notizie", "NOTIZIE" and "Notizie:"
are one entry. Prefix lists and regexes cover the open-ended furniture (social prompts, credits,
bylines). A language without its own file falls back to Italian's, then the shared English UI
strings in it still apply.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from .language import memoised

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "boilerplate"

_EDGE = re.compile(r"^[\s\W_]+|[\s\W_]+$")
_SPACE = re.compile(r"\s+")


@memoised
def line_key(line: str) -> str:
    """Case-, space- and edge-punctuation-insensitive key of a line ("Notizie:" -> "notizie").

    Memoised: cleaning asks for the key of the same line several times (furniture, title,
    repeated-title checks), and lines recur across a corpus.
    """
    key = _SPACE.sub(" ", line).strip().casefold()
    stripped = _EDGE.sub("", key)
    return stripped or key


@dataclass(frozen=True, slots=True)
class Furniture:
    section_labels: frozenset[str]
    list_headers: frozenset[str]
    comment_widgets: frozenset[str]
    social_prefixes: tuple[str, ...]
    copyright_prefixes: tuple[str, ...]
    source_credit: re.Pattern[str]
    agency_credit: re.Pattern[str]
    agency_prefix: re.Pattern[str]
    agency_signature: re.Pattern[str]
    byline: re.Pattern[str]
    tag_line: re.Pattern[str]
    reading_time: re.Pattern[str]
    credit_line: re.Pattern[str]
    breadcrumb: re.Pattern[str]
    fragments: tuple[tuple[str, re.Pattern[str]], ...]
    months: dict[str, int]
    weekdays: tuple[str, ...]
    markers: frozenset[str] = frozenset()
    stamp_words: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def furniture(language: str = "it") -> Furniture:
    path = RESOURCES / f"{language}.json"
    own = path.exists()
    if not own:
        path = RESOURCES / "it.json"
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return Furniture(
            section_labels=frozenset(line_key(x) for x in d["section_labels"]),
            list_headers=frozenset(line_key(x) for x in d["list_headers"]),
            comment_widgets=frozenset(line_key(x) for x in d["comment_widgets"]),
            social_prefixes=tuple(x.casefold() for x in d["social_prefixes"]),
            copyright_prefixes=tuple(x.casefold() for x in d["copyright_prefixes"]),
            source_credit=re.compile(d["source_credit"], re.IGNORECASE),
            agency_credit=re.compile(d["agency_credit"]),
            agency_prefix=re.compile(d["agency_prefix"]),
            agency_signature=re.compile(d["agency_signature"]),
            byline=re.compile(d["byline"], re.IGNORECASE),
            tag_line=re.compile(d["tag_line"], re.IGNORECASE),
            reading_time=re.compile(d["reading_time"], re.IGNORECASE),
            credit_line=re.compile(d["credit_line"], re.IGNORECASE),
            breadcrumb=re.compile(d["breadcrumb"], re.IGNORECASE),
            fragments=tuple((f["reason"], re.compile(f["pattern"])) for f in d["fragments"]),
            months={k.casefold(): int(v) for k, v in d["months"].items()},
            weekdays=tuple(d["weekdays"]),
            # Markers say "this line is in <language>": borrowed from another language they would lie.
            markers=frozenset(w.casefold() for w in d.get("language_markers", ())) if own else frozenset(),
            stamp_words=frozenset(w.casefold() for w in d.get("stamp_words", ())),
        )
    except (OSError, ValueError, KeyError, re.error) as exc:
        raise ResourceError(f"furniture file {path}: {exc!r}; fix the file or remove it") from exc
