"""Line zoning: which lines of a scraped page are the title, the body, or page furniture.

Every decision is recorded as a :class:`~cronaca.types.Removal` with the exact text removed, so
``cronaca show`` can say why a line is missing. The cascade, in order (each step says why):

1. **Crawler header** (`` date YYYY-MM <url>``) on the first line. Some crawls glue the article's
   first line to it; then only the header fragment is removed and the rest is zoned like any line.
   A header with a full or foreign-ordered date (``date 2022-02-10``, ``date 10/02/2022``) is a
   header too; when its date does not exist (``date 2022-02-30``) the line is still removed but
   gives no date, so it never becomes the title.
2. **Line rules**, one line at a time: other scripts (Cyrillic in an Italian page), metadata junk
   (ISO timestamps, XPath, bare URLs), standalone date stamps, copyright/photo credits, captions
   of the form "… - Outlet, 1920, dd.mm.yyyy", teasers cut with "..." + a stamp, social prompts,
   source and agency credits, bylines, tag lines, and the phrase lists of the language file
   (section labels, comment widgets, "More Stories" headers). Then lines of >= 4 words that
   langid confidently puts in another language.
3. **Context rules** that need neighbours: the headline right after a caption is a related-article
   card; headline-like lines after a list header are the list; runs of short lower-case lines are
   tags; short trailing lines after the last sentence are widgets.
4. **Title**: the first remaining line if it reads like a headline (short, not ending in a full
   stop, not a dateline or an agency item). Later copies of it, and short tag lines that repeat a
   part of it, are furniture. Glued titles ("- Headline - Body…") are split off.
5. **Fragments** glued inside body lines (agency credits "(ANSA) -", trailing date stamps,
   "Seguici su Telegram") are cut off and recorded; the rest of the line stays body.

A complete standfirst and in-article subheadings are body: nothing above removes a line only for
being short, except in the trailing zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..types import Removal
from .furniture import Furniture, furniture, line_key
from .language import MEMO_CHARS, MEMO_SIZE, is_foreign_line, word_count
from .stamps import is_date_line, make_date

HEADER = re.compile(r"^\s*date\s+(?:(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?"
                    r"|(?P<d2>\d{1,2})[/.](?P<m2>\d{1,2})[/.](?P<y2>\d{4}))"
                    r"(?:\s+(?P<url>https?://\S+))?(?:\s+|$)")
_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0590-\u06ff\u0900-\u097f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")
_ISO_TS = re.compile(r"^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\S*\s*$")
_XPATH = re.compile(r"^\s*/html/|^\s*//[a-z]+\[@")
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
_TEASER = re.compile(
    r"(?:\.\.\.|…)\s*(?:\d{2}\.\d{2}\.\d{4}(?:,\s*[^\W\d][^,]{1,40})?"
    r"|[A-ZÀ-Ý][\w.]+(?:\s+[A-ZÀ-Ý][\w.]+){0,2}(?:,\s*\d{2}\.\d{2}\.\d{4})?)\s*$"
)
_CAPTION = re.compile(r"\s[-–—]\s[^\W\d][^,]{1,40},\s*\d{2,4},\s*\d{2}\.\d{2}\.\d{4}\s*$")
_PHOTO_TAIL = re.compile(r"\((?:foto|photo|ph\.?|immagine|credit)\b[^()]{0,60}\)\s*$", re.IGNORECASE)
_STAMP_FRAGMENT = re.compile(r"(?<=[.!?»\"”])\s+(?P<frag>\d{2}\.\d{2}\.\d{4}(?:,\s*[^\W\d][^,]{1,40}?)?)\s*$")
_SENTENCE_END = re.compile(r"[.!?…:;][\"”»’')\]]*\s*$")
_DATELINE_START = re.compile(r"^\s*[A-ZÀ-Ý][A-ZÀ-Ý' ]{2,30}(?:,|\s[–—-])")
_BARE_NAME = re.compile(r"^\s*[A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){1,2}\s*$")
# "- Ucraina-Russia: Borrell, Ue sostiene… - L'Unione europea…" (agency digests)
_AGENCY_TITLE = re.compile(r"^\s*-\s+(?P<title>[^.!?\n]{15,200}?)\s+-\s+(?=[«\"“A-ZÀ-Ý])")
# 'Guterres a Kiev: “Headline quote” “Body quote…": a headline glued before the first paragraph.
_QUOTE_TITLE = re.compile(r"^(?P<title>[^.!?\n:]{3,80}:\s*[«“\"][^.!?\n]{5,160}?[»”\"])\s+(?=[«“\"]?[A-ZÀ-Ý])")
_TITLE_SPLIT = re.compile(r"\s+[-–—|:/]\s+|:\s+|\s*/\s*")

#: A headline has at least this many words unless the page repeats it ("Ministro della Difesa"
#: alone is a caption). Short real titles are still found when the page prints them twice.
MIN_TITLE_WORDS = 4

# Reasons whose lines end a "headline follows a caption" context.
CAPTION_REASONS = {"photo_credit"}


@dataclass(slots=True)
class _Item:
    line: int
    text: str  # the content (the whole line, or what follows a glued header)
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class BodyLine:
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Zones:
    title: str | None
    title_line: int | None
    body: tuple[BodyLine, ...]
    removed: tuple[Removal, ...]
    header_date: str | None = None  # YYYY-MM or YYYY-MM-DD, as precise as the crawler wrote it
    header_url: str | None = None
    title_glued: bool = False
    related_lines: frozenset[int] = field(default_factory=frozenset)


def other_script(line: str, language: str) -> bool:
    """Mostly letters of another script than the language's (Cyrillic in an Italian page)."""
    if language in ("ru",):
        return False
    foreign = len(_NON_LATIN.findall(line))
    return foreign >= 3 and foreign > len(_LATIN.findall(line))


def _headline_like(text: str, max_words: int = 25) -> bool:
    words = word_count(text)
    return 1 <= words <= max_words and not _SENTENCE_END.search(text.rstrip("?!"))


def line_reason(text: str, language: str, f: Furniture) -> str | None:
    """Why a whole line is furniture, or None if it may be article text."""
    s = text.strip()
    key = line_key(s)
    low = s.casefold()
    if other_script(s, language):
        return "other_script"
    if _ISO_TS.match(s) or _XPATH.match(s):
        return "metadata"
    if _URL_LINE.match(s):
        return "url_line"
    if is_date_line(s, language):
        return "date_stamp"
    if low.startswith(f.copyright_prefixes):
        return "photo_credit"
    if _CAPTION.search(s) or (_PHOTO_TAIL.search(s) and word_count(s) <= 25):
        return "photo_credit"
    if _TEASER.search(s):
        return "teaser"
    if low.startswith(f.social_prefixes) and word_count(s) <= 20:
        return "social"
    if f.source_credit.match(s):
        return "source_credit"
    if f.agency_credit.match(s):
        return "agency_credit"
    if f.byline.match(s) or f.credit_line.match(s):
        return "byline"
    if f.tag_line.match(s):
        return "tag_line"
    if f.reading_time.match(s):
        return "reading_time"
    if f.breadcrumb.match(s) and word_count(s) <= 25:
        return "breadcrumb"
    if key in f.comment_widgets or s.isdigit():
        return "comment_widget"
    if key in f.list_headers:
        return "related_list"
    if key in f.section_labels:
        return "section_label"
    if is_foreign_line(s, language, f.markers):
        return "foreign_language"
    return None


def _page_line_reason(text: str, language: str) -> str | None:
    """:func:`line_reason` with the language's own furniture, memoised for lines up to
    :data:`~.language.MEMO_CHARS`: stock lines (agency sentences, widgets, credits) recur across
    a corpus, and the answer depends on the line and the language alone (the furniture is the
    language's read-only resource)."""
    if len(text) > MEMO_CHARS:
        return line_reason(text, language, furniture(language))
    return _memo_line_reason(text, language)


@lru_cache(maxsize=MEMO_SIZE)
def _memo_line_reason(text: str, language: str) -> str | None:
    return line_reason(text, language, furniture(language))


def _split_header(lines: list[str], removed: list[Removal], known_title: str | None = None
                  ) -> tuple[list[_Item], str | None, str | None]:
    """The first line's crawler header(s) removed: a header the crawler wrote twice goes whole,
    and a first line that is the container's own title is never taken for one."""
    items: list[_Item] = []
    when = url = None
    header_done = False
    for no, line in enumerate(lines):
        if not line.strip():
            continue
        if not header_done:
            header_done = True
            if known_title and line_key(line) == line_key(known_title):
                items.append(_Item(no, line))
                continue
            start, m = 0, HEADER.match(line)
            while m:
                when, url = _header_date(m), m.group("url") or url
                whole = m.end() == len(line) and not start  # the line is one header, as is
                removed.append(Removal(line if whole else line[start:m.end()].rstrip(),
                                       "crawler_header", no))
                start, m = m.end(), HEADER.match(line, m.end())
            if start:
                if line[start:].strip():
                    items.append(_Item(no, line[start:]))
                continue
        items.append(_Item(no, line))
    return items, when, url


def _header_date(m: re.Match[str]) -> str | None:
    """The header's date at the precision it was written (YYYY-MM or YYYY-MM-DD) when it exists in
    the calendar, else None. A crawler that wrote a day wrote the page's day: the guide counts the
    header among the dates a text gives for itself, at its own precision."""
    year, month, day = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (
        m.group("y2"), m.group("m2"), m.group("d2"))
    return make_date(int(year), int(month), int(day) if day else None)


def _context_rules(items: list[_Item], related: set[int]) -> None:
    """Rules that look at neighbours: related cards, list bodies, tag runs, trailing widgets."""
    prev: _Item | None = None
    in_list = False
    for item in items:
        if item.reason is None and prev is not None:
            if prev.reason in CAPTION_REASONS and _headline_like(item.text, 20) and _CAPTION.search(prev.text):
                item.reason = "related_card"
                prev.reason = "related_card"
                related.add(prev.line)
            elif in_list and _headline_like(item.text, 30):
                item.reason = "related_list"
        if item.reason == "related_list":
            in_list = True
        elif item.reason is None:
            in_list = False
        prev = item
    # Captions: a short label right before a standalone date stamp ("Ministro della Difesa" /
    # "22 luglio 2021") is the caption of a photo, not a headline or a subheading.
    for item, nxt in zip(items, items[1:]):
        if (item.reason is None and nxt.reason == "date_stamp" and word_count(item.text) < MIN_TITLE_WORDS
                and _headline_like(item.text)):
            item.reason = "caption"
    # Widget runs: in a run of >= 3 short non-sentence lines where most are known furniture
    # ("Facebook", "Twitter", "Stampa"), the unknown ones ("Suggerisci", "Altri") are widgets too.
    run = []
    for item in items + [_Item(-1, "Fine di una frase qualsiasi.", None)]:
        s = item.text.strip()
        if word_count(s) <= 4 and not _SENTENCE_END.search(s) and item.reason not in ("related_card",):
            run.append(item)
            continue
        known = sum(1 for r in run if r.reason is not None)
        if len(run) >= 3 and known * 2 >= len(run):
            for r in run:
                if r.reason is None and word_count(r.text) <= 3:
                    r.reason = "widget_run"
        run = []
    # Tags: runs of >= 2 short lines that start in lower case and carry no punctuation.
    run: list[_Item] = []
    for item in items + [_Item(-1, "X.")]:
        s = item.text.strip()
        if item.reason is None and s[:1].islower() and word_count(s) <= 4 and not re.search(r"[.,;:!?]", s):
            run.append(item)
            continue
        if item.reason in ("tag_line", "metadata", "date_stamp") and not run:
            continue
        if len(run) >= 2:
            for r in run:
                r.reason = "tag"
        run = []
    # Trailing widgets: short non-sentence lines after the last real sentence.
    for item in reversed(items):
        if item.reason is not None:
            continue
        s = item.text.strip()
        if word_count(s) <= 3 and not _SENTENCE_END.search(s) and len(items) > 3:
            item.reason = "trailing_furniture"
            continue
        break


def _title_parts(title: str) -> list[str]:
    parts = [title] + [p for p in _TITLE_SPLIT.split(title) if word_count(p) >= 3]
    return [line_key(p) for p in parts if line_key(p)]


def _section_kicker(text: str, f: Furniture) -> bool:
    """'Politica - Il vertice durerà…': a section label leading a summary line, not a headline."""
    head = re.split(r"\s+[-–—|]\s+", text, maxsplit=1)
    return len(head) == 2 and line_key(head[0]) in f.section_labels


def _kicker_line(text: str) -> bool:
    """One word alone on the page's first line (no digits, no sentence mark): a section label,
    whatever its name, where a headline has words enough to tell something."""
    words = text.split()
    return len(words) == 1 and word_count(text) == 1 and text.strip().isalpha()


def _set_aside(content: list[_Item], reason: str) -> tuple[list[_Item], _Item, str]:
    """The first line marked as furniture of ``reason``; the lines after it, the first of them
    and its text, where the title is looked for next."""
    content[0].reason = reason
    rest = content[1:]
    return rest, rest[0], rest[0].text.strip()


def _choose_title(items: list[_Item], f: Furniture,
                  known_title: str | None = None) -> tuple[_Item | None, str | None, str | None]:
    """(title item, title text, rest of the line when the title was glued to the body)."""
    content = [i for i in items if i.reason is None]
    if not content:
        return None, None, None
    first = content[0]
    s = first.text.strip()
    if known_title and line_key(s) == line_key(known_title):
        return first, s, None  # the container's title, as the reader put it on the first line
    if len(content) > 1 and _BARE_NAME.match(s) and not any(c.islower() for c in s.split()[0][:1]):
        # "Leonard Gjeka" alone before the body: a byline, not a headline.
        if all(w[:1].isupper() for w in s.split()) and word_count(s) <= 3 and not _headline_like(content[1].text, 25):
            content, first, s = _set_aside(content, "byline")
    if len(content) > 2 and _kicker_line(s) and _headline_like(content[1].text) \
            and word_count(content[1].text) >= MIN_TITLE_WORDS:
        # "balcani" / "Ecologia" alone above the headline: the section the page files it under
        content, first, s = _set_aside(content, "section_label")
    if len(content) > 1:
        following = content[1].text.strip()
        if len(following) > len(s) and following.startswith(s) and word_count(s) >= MIN_TITLE_WORDS:
            # the body's first line cut short above it (a page's summary field): a teaser, not a headline
            first.reason = "teaser"
            return None, None, None
        if following[:1].islower() and not _SENTENCE_END.search(s) and s[-1:].isalpha():
            return None, None, None  # one sentence broken over two lines: body, not a headline
    repeated = word_count(s) <= 40 and any(line_key(c.text) == line_key(s) for c in content[1:4])
    if repeated or (_headline_like(s) and word_count(s) >= MIN_TITLE_WORDS
                    and not s.startswith(("-", "–", "—")) and not _DATELINE_START.match(s)
                    and not _section_kicker(s, f)):
        return first, s, None
    for pattern in (_AGENCY_TITLE, _QUOTE_TITLE):
        m = pattern.match(first.text)
        if m and word_count(m.group("title")) >= 4:
            return first, m.group("title").strip(), first.text[m.end():]
    return None, None, None


def _cut_fragments(item: _Item, f: Furniture, removed: list[Removal]) -> str:
    """Remove furniture glued inside a body line; return what is left of the line."""
    text = item.text
    m = f.agency_prefix.match(text)
    if m:
        removed.append(Removal(text[m.start():m.end()].strip(" -–—"), "agency_credit", item.line))
        text = text[m.end():]
    m = f.agency_signature.search(text)
    if m:
        removed.append(Removal(m.group("frag"), "agency_credit", item.line))
        text = text[:m.start()]
    m = _STAMP_FRAGMENT.search(text)
    if m:
        removed.append(Removal(m.group("frag"), "date_stamp", item.line))
        text = text[:m.start()]
    for reason, pattern in f.fragments:
        m = pattern.search(text)
        if m and m.end() > m.start():
            removed.append(Removal(m.group(0).strip(), reason, item.line))
            text = text[:m.start()] + text[m.end():]
    return text


def zone(text: str, language: str = "it", known_title: str | None = None) -> Zones:
    """Split a repaired page into title, body lines and recorded removals."""
    f = furniture(language)
    lines = text.split("\n")
    removed: list[Removal] = []
    items, header_date, header_url = _split_header(lines, removed, known_title)
    for item in items:
        item.reason = _page_line_reason(item.text, language)
    related: set[int] = set()
    _context_rules(items, related)

    title_item, title, glued_rest = _choose_title(items, f, known_title)
    title_norm = line_key(title) if title else None
    parts = _title_parts(title) if title else []
    body: list[BodyLine] = []
    last_content = max((i for i, item in enumerate(items) if item.reason is None), default=-1)
    for index, item in enumerate(items):
        if item is title_item:
            if glued_rest and glued_rest.strip():
                rest = _Item(item.line, glued_rest)
                body.append(BodyLine(item.line, _cut_fragments(rest, f, removed).strip()))
            continue
        if item.reason is None and title_norm:
            key = line_key(item.text)
            if key == title_norm or (key.startswith(title_norm) and word_count(key[len(title_norm):]) <= 3):
                item.reason = "repeated_title"  # also "Title - Outlet"
            elif (word_count(item.text) <= 12 and any(p in key for p in parts if word_count(p) >= 3)
                    and index == last_content):
                item.reason = "tag_line"  # the title repeated in a trailing tag line
        if item.reason is not None:
            removed.append(Removal(item.text, item.reason, item.line))
            continue
        kept = _cut_fragments(item, f, removed).strip()
        if kept:
            body.append(BodyLine(item.line, kept))
    removed.sort(key=lambda r: (r.line if r.line is not None else -1))
    return Zones(
        title=title,
        title_line=title_item.line if title_item else None,
        body=tuple(body),
        removed=tuple(removed),
        header_date=header_date,
        header_url=header_url,
        title_glued=glued_rest is not None,
        related_lines=frozenset(related),
    )
