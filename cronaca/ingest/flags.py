"""Quality flags: what a reader of an article should know before trusting its wording.

- ``glued_sentences``: the title or body has sentences or headings glued without a space
  ("…a Ginevra.Il ministro", "…l'UcrainaIl ministro"); found by :func:`sentences.glue_points`.
  Furniture does not count (the gold judges title and body only).
- ``foreign_language_fragments``: the cleaner removed lines in another language or script.
- ``state_affiliated_outlet``: the outlet's profile in ``outlets.json`` says a state owns, funds
  or controls it.
- ``machine_translated``: a heuristic, documented here because it is one. It counts *tells* in
  the body, per ``resources/quality/<lang>.json``:

  1. a function word or auxiliary capitalised in mid-sentence, i.e. after a lower-case word (and
     maybe a comma) and before another lower-case word: "…, Ha negato che…", "…economiche E
     anche…". Italian writers never do this; MT systems that keep the source's segmentation or
     title case do. Requiring a lower-case word *after* it keeps names ("Luigi Di Maio", "Ignazio
     La Russa") and titles in quotes out;
  2. literal slips such as "ea rispettare" for "e a rispettare".

  The article is flagged with at least ``min_tells`` tells, or ``min_density`` tells per 100
  words. Limits: a fluent MT (the common case today) shows no tells and is not flagged; calques
  and English word order are not detected; a very long human article with two typos of this kind
  would be flagged. Calibrated on the seeds (one MT article with 3 tells, four clean ones with 0).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..resources.outlets import Outlet
from ..types import Removal
from .language import word_count
from .sentences import glue_points

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "quality"
FOREIGN_REASONS = frozenset({"foreign_language", "other_script"})


@dataclass(frozen=True, slots=True)
class MTRules:
    tells: tuple[re.Pattern[str], ...]
    min_tells: int
    min_density: float


@lru_cache(maxsize=8)
def mt_rules(language: str = "it") -> MTRules:
    path = RESOURCES / f"{language}.json"
    if not path.exists():
        return MTRules((), 10**9, 1e9)
    data = json.loads(path.read_text(encoding="utf-8"))
    words = "|".join(re.escape(w) for w in sorted(data["capitalised_function_words"], key=len, reverse=True))
    lower = "a-zà-öø-ÿ"
    # the leading lookahead (the words' first letters) fails fast where no listed word starts,
    # instead of trying both lookbehinds at every character
    firsts = "".join(sorted({re.escape(w[0]) for w in data["capitalised_function_words"]}))
    capitalised = re.compile(rf"(?=[{firsts}])(?:(?<=[{lower}] )(?:{words})(?= [{lower}])"
                             rf"|(?<=[{lower}], )(?:{words})(?= [{lower}]))")
    tells = (capitalised, *(re.compile(p) for p in data["patterns"]))
    return MTRules(tells, int(data["min_tells"]), float(data["min_density"]))


def mt_tells(text: str, language: str = "it") -> list[str]:
    """The tells of machine translation found in ``text`` (exact strings, for the record)."""
    found: list[str] = []
    for pattern in mt_rules(language).tells:
        found.extend(m.group(0) for m in pattern.finditer(text))
    return found


def looks_machine_translated(text: str, language: str = "it") -> bool:
    r = mt_rules(language)
    n = len(mt_tells(text, language))
    if n == 0:
        return False
    words = max(word_count(text), 1)
    return n >= r.min_tells or (n * 100.0 / words) >= r.min_density


def quality_flags(title: str | None, body: str, removed: Iterable[Removal], profile: Outlet | None,
                  language: str = "it", body_glue: list[int] | None = None) -> tuple[str, ...]:
    """The article's flags, in the order of ``cronaca.types.QUALITY_FLAGS``.

    ``body_glue`` takes the body's glue points when the caller already has them (the sentence
    splitter computes them too), to scan the body once.
    """
    flags = []
    if looks_machine_translated(body, language):
        flags.append("machine_translated")
    if any(r.reason in FOREIGN_REASONS for r in removed):
        flags.append("foreign_language_fragments")
    glued = body_glue if body_glue is not None else glue_points(body, language)
    if glued or (title and glue_points(title, language)):
        flags.append("glued_sentences")
    if profile is not None and profile.state_affiliated:
        flags.append("state_affiliated_outlet")
    return tuple(flags)
