"""Sentence spans over the cleaned body, including sentences the scraper glued together.

Scraped pages lose the markup between a heading and the next paragraph, so the text reads
"…con la RussiaI media statunitensi…", "…all'Ucraina.Il ministro…" or "…discussi:La Russia…".
Later stages need those split, but every annotation is an offset into ``Article.text``, so the
text itself is never edited: we only return spans.

Three kinds of boundary, each found with one compiled regex per language:

1. A newline always ends a sentence (scrapers keep paragraph breaks).
2. Ordinary boundaries: ``. ! ? …`` (and closing quotes) + whitespace + an upper-case letter,
   an opening quote or a digit, unless the token before the dot is an abbreviation ("sig.",
   "Amb.", "ecc.") or an initial ("Wendy R. Sherman", "U.S."). Decimals ("100.000", "20,5") and
   URLs never have whitespace after the dot, so they are never split.
3. Glue points (:func:`glue_points`): the same punctuation with *no* space after it, between two
   lower-case letters and a capitalised word ("Ucraina.Il"), or a lower-case letter (or closing
   quote) followed directly by a capitalised sentence starter from the language's list
   ("UcrainaIl ministro", 'Russia"In seguito'). A starter list, not "any capital", is what keeps
   names such as "LaPresse", "YouTube" or "McDonald" whole.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..types import Span

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "sentences"

_LOWER = "a-zà-öø-ÿ"
_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTER = _LOWER + _UPPER
_CLOSE = "\"”»’'\\)"


@dataclass(frozen=True, slots=True)
class SentenceRules:
    abbreviations: frozenset[str]
    boundary: re.Pattern[str]
    glue: re.Pattern[str]


@lru_cache(maxsize=8)
def rules(language: str = "it") -> SentenceRules:
    """Compiled rules for a language (falls back to Italian data when a language has none)."""
    path = RESOURCES / f"{language}.json"
    if not path.exists():
        path = RESOURCES / "it.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    starters = sorted(data["starters"], key=len, reverse=True)
    alt = "|".join(re.escape(s) for s in starters)
    firsts = "".join(sorted({re.escape(s[0]) for s in starters}))
    boundary = re.compile(
        rf"(?:[.!?]|…)+[{_CLOSE}]*\s+(?=[{_UPPER}«“\"‘'(\d–—-])"
    )
    glue = re.compile(
        # 0. every alternative below starts at a quote, a stop, an "L" or a starter's first
        #    letter: this lookahead only fails fast elsewhere, so the starters' alternation is not
        #    tried after every lower-case letter of the text
        rf"(?=[\"”»’.!?;:L{firsts}])(?:"
        # 1. punctuation with no space: "Ucraina.Il", 'positivo".In', "discussi:La"
        rf"(?<=[{_LOWER}]{{2}})[\"”»’]?[.!?;:][{_CLOSE}]?(?=[«“\"]?[{_UPPER}](?:[{_LOWER}]|['’][{_LETTER}]))"
        # 1b. an acronym ending the sentence: "dell'OSCE.L'obiettivo", "la NATO.Il vertice"
        #     (two capitals before the dot, so initials such as "U.S.A." stay whole)
        rf"|(?<=[{_UPPER}]{{2}})[.!?](?=[{_UPPER}](?:[{_LOWER}]|['’][{_LETTER}]))"
        # 2. closing quote glued to a starter: 'Russia"In seguito'
        rf"|(?<=[{_LOWER}.!?][\"”»])(?=(?:{alt})[\s'’])"
        # 3. lower-case letter glued to a starter: "RussiaI media", "UcrainaIl ministro"
        rf"|(?<=[{_LOWER}])(?=(?:{alt})[\s'’,])"
        rf"|(?<=[{_LOWER}])(?=L['’][{_UPPER}{_LOWER}]))"
    )
    return SentenceRules(frozenset(a.lower() for a in data["abbreviations"]), boundary, glue)


_TOKEN_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^(?:[A-Za-zÀ-ÿ]\.)*[A-Za-zÀ-ÿ]$")
_URLISH = re.compile(r"(?:https?://|www\.|@)\S*$")


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """True if the dot at ``dot`` closes an abbreviation or an initial rather than a sentence."""
    if text[dot] != ".":
        return False
    if dot + 2 < len(text) and text[dot:dot + 3] == "...":
        return False
    m = _TOKEN_BEFORE.search(text, max(0, dot - 30), dot)
    if m is None:
        return False
    token = re.split(r"['’]", m.group(1).lstrip("(«“\"'"))[-1]  # "l'Amb" -> "Amb"
    if not token:
        return False
    if _INITIALS.match(token):
        return True
    return token.lower() in abbreviations


def glue_points(text: str, language: str = "it") -> list[int]:
    """Offsets where a sentence or heading starts glued to the previous one with no space."""
    r = rules(language)
    points = []
    for m in r.glue.finditer(text):
        start = m.start()
        line_start = text.rfind("\n", 0, start) + 1
        word_start = max(text.rfind(" ", line_start, start), line_start - 1) + 1
        if _URLISH.search(text, word_start, start + 1):
            continue
        if m.end() > m.start() and _is_abbreviation(text, m.start(), r.abbreviations):
            continue
        points.append(m.end())
    return points


def split_sentences(text: str, language: str = "it", glued: list[int] | None = None) -> tuple[Span, ...]:
    """Spans of the sentences of ``text``, whitespace trimmed, in order.

    ``glued`` takes :func:`glue_points` of ``text`` when the caller already has them.
    """
    r = rules(language)
    cuts = {0, len(text)}
    pos = 0
    for line in text.split("\n"):
        cuts.add(pos)
        cuts.add(pos + len(line))
        pos += len(line) + 1
    for m in r.boundary.finditer(text):
        dot = m.start()
        if _is_abbreviation(text, dot, r.abbreviations):
            continue
        cuts.add(m.end())
    cuts.update(glue_points(text, language) if glued is None else glued)
    spans = []
    ordered = sorted(cuts)
    for a, b in zip(ordered, ordered[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append(Span(a, b))
    return tuple(spans)
