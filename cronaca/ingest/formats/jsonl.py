"""JSON Lines / NDJSON dumps (and plain JSON files) -> one raw document per record.

Scrapers write one JSON object per line; a dump can hold millions of articles, so it is read
record by record in bounded memory: one line at a time, never more than ``max_bytes`` of it.

Decisions:

- A bad line (not JSON, not an object, no text) is reported with its 1-based line number, as an
  editor shows it, and the rest of the file goes on.
- Blank lines are ignored (many tools end a file with one, some put them between records).
- A truncated ``.jsonl.gz`` keeps every record read before the cut and reports the file as
  "truncated gzip": those records are whole, and a restart skips them by their raw hash.
- Text comes from ``text``/``content``/``body``/``maintext``…; when only HTML is given
  (``html``), the page goes through the HTML extractor. The title, when the record has one and
  the text does not already start with it, becomes the first line of the text, so the cleaner
  always sees "title line + body".
- A ``.json`` file holding one object (news-please writes one per article) or an array of
  objects is read whole, within ``max_bytes``; its records are numbered ``#record=N``.
- ``raw_hash`` is the hash of the line's own bytes (line ending excluded), so the same record in
  another dump is recognised as already ingested.
- Hostile JSON is a bad record, never a crash: nesting deeper than Python's parser can follow,
  numbers longer than Python converts (4,300 digits), and lone UTF-16 surrogates (``"\\ud800"``,
  which no UTF-8 file or database can hold: replaced by U+FFFD) each get a reason of their own.
  Anything else that goes wrong with one record is reported for that record only.
"""

from __future__ import annotations

import io
import json
import re
import sys
from typing import Any, Iterator

from ...errors import InputError, MalformedRecord
from ...ids import raw_hash
from ...limits import byte_limit
from ...types import Failure, RawDocument
from ..decode import decode
from ..sources import READ_STAGE, unexpected
from .fields import HTML_FIELDS, TEXT_FIELDS, canonical_metadata, first_text
from .html import extract_html

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CHUNK = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_ESCAPE_BYTES = re.compile(_SURROGATE_ESCAPE.pattern.encode())
#: The longest integer Python converts from text (``sys.get_int_max_str_digits``).
_MAX_DIGITS = sys.get_int_max_str_digits() or 4300


class _HugeNumber(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(f"holds a number with {digits:,} digits (more than {_MAX_DIGITS:,}): "
                         "no article field is such a number")


def read_jsonl(stream: io.BufferedReader, origin: str, *, max_bytes: int
               ) -> Iterator[RawDocument | Failure]:
    """Yield one document (or failure) per non-blank line of a JSON Lines stream."""
    lines = _text_lines(stream) if stream.peek(2)[:2] in _UTF16_BOMS else _byte_lines(stream,
                                                                                       max_bytes)
    for lineno, line in lines:
        where = f"{origin}#line={lineno}"
        if line is None:
            yield Failure(where, f"line longer than {byte_limit(max_bytes)}; skipped",
                          READ_STAGE)
            continue
        if not line.strip():
            continue
        try:
            yield record_document(_parse(line, where), where, raw_hash(line), "jsonl")
        except InputError as exc:
            yield Failure(where, exc.reason, READ_STAGE)
        except Exception as exc:  # noqa: BLE001 - one odd record must not end the file
            yield unexpected(where, exc, "unreadable record")


def read_json(data: bytes, origin: str) -> Iterator[RawDocument | Failure]:
    """Yield the documents of a JSON file holding one object or an array of objects."""
    try:
        value = loads(decode(data, origin).text, origin)
    except MalformedRecord as exc:
        yield Failure(origin, exc.reason, READ_STAGE)
        return
    if isinstance(value, dict):
        items: list[tuple[str, Any]] = [(origin, value)]
    elif isinstance(value, list):
        items = [(f"{origin}#record={n}", item) for n, item in enumerate(value, 1)]
    else:
        yield Failure(origin, "JSON file holds neither an object nor an array of objects",
                      READ_STAGE)
        return
    for where, item in items:
        if not isinstance(item, dict):
            yield Failure(where, f"expected a JSON object, found {type(item).__name__}",
                          READ_STAGE)
            continue
        try:
            encoded = json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8")
            yield record_document(item, where, raw_hash(data if where == origin else encoded),
                                  "jsonl")
        except InputError as exc:
            yield Failure(where, exc.reason, READ_STAGE)
        except Exception as exc:  # noqa: BLE001 - one odd record must not end the file
            yield unexpected(where, exc, "unreadable record")


def record_document(record: dict[str, Any], origin: str, hash_: str, fmt: str) -> RawDocument:
    """One JSON record -> a raw document: canonical metadata, title line + text (or HTML text)."""
    metadata = canonical_metadata(record)
    _, text = first_text(record, TEXT_FIELDS)
    if text is None:
        _, html = first_text(record, HTML_FIELDS)
        if html is None:
            raise MalformedRecord(origin, _no_text(record))
        text, page = extract_html(html, origin, url=metadata.get("url"))
        for key, value in page.items():  # what the record states explicitly wins
            metadata.setdefault(key, value)
        if "title" in page and metadata["title"] != page["title"]:
            text = text.partition("\n\n")[2]
    title = metadata.get("title")
    if isinstance(title, str) and _first_line(text) != " ".join(title.split()):
        text = f"{title}\n\n{text}"
    return RawDocument(origin, text, fmt, hash_, metadata)


def _no_text(record: dict[str, Any]) -> str:
    """Why a record gives no text: no such field, or one that holds something else."""
    for name in TEXT_FIELDS + HTML_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, (str, list)):
            kind = "true/false" if isinstance(value, bool) else {
                int: "a number", float: "a number", dict: "an object"}.get(type(value), "no text")
            return f"field {name!r} holds {kind} ({_preview(value)}), not the article's text"
        if isinstance(value, (str, list)):
            return f"field {name!r} is empty or not a list of strings"
    fields = ", ".join(sorted(record)) or "none"
    return f"record has no text or html field (fields: {fields})"


def _preview(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def loads(text: str | bytes, origin: str) -> Any:
    """``json.loads`` whose every failure is a :class:`MalformedRecord` with a reason a user reads."""
    try:
        value = json.loads(text, parse_int=_parse_int)
    except _HugeNumber as exc:
        raise MalformedRecord(origin, str(exc)) from None
    except RecursionError:
        raise MalformedRecord(origin, "JSON nested too deeply (arrays or objects hundreds of "
                              "levels deep): not an article record") from None
    except UnicodeDecodeError:
        raise
    except ValueError as exc:
        raise MalformedRecord(origin, f"malformed JSON: {exc}") from None
    escape = _SURROGATE_ESCAPE_BYTES if isinstance(text, bytes) else _SURROGATE_ESCAPE
    if escape.search(text):  # type: ignore[arg-type]
        value = _scrub(value)
    return value


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_DIGITS:
        raise _HugeNumber(len(digits.lstrip("-")))
    return int(digits)


def _scrub(value: Any) -> Any:
    """Lone surrogates (``"\\ud800"`` escapes) replaced by U+FFFD, in every string of a value."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def _parse(line: bytes | str, origin: str) -> dict[str, Any]:
    try:
        value = loads(line, origin)
    except UnicodeDecodeError:
        value = _parse_decoded(line, origin)
    if not isinstance(value, dict):
        raise MalformedRecord(origin, f"expected a JSON object, found {type(value).__name__}")
    return value


def _parse_decoded(line: bytes | str, origin: str) -> Any:
    """A line that is not UTF-8 (cp1252 exports): decode it the way text files are decoded."""
    text = decode(line, origin).text if isinstance(line, bytes) else line
    return loads(text, origin)


def _byte_lines(stream: io.BufferedReader, max_bytes: int
                ) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes without the line ending)``; None for a line over ``max_bytes``,
    whose remainder is read in chunks and dropped so memory stays bounded."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
            continue
        yield lineno, line.rstrip(b"\r\n")


def _text_lines(stream: io.BufferedReader) -> Iterator[tuple[int, bytes]]:
    """UTF-16 JSON Lines (Windows exports): decode as a text stream, hash each line as UTF-8."""
    text = io.TextIOWrapper(stream, encoding="utf-16", newline=None)
    for lineno, line in enumerate(text, 1):
        yield lineno, line.rstrip("\r\n").encode("utf-8")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())
    return ""
