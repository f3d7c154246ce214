"""Readers: every input format a user will have -> :class:`~cronaca.types.RawDocument` records.

``read_paths(["scraped/", "dump.jsonl.gz", "-"])`` expands the arguments, opens each file (gzip
undone), detects its format and yields raw documents — or :class:`~cronaca.types.Failure`
records for what cannot be read. Readers never raise for one bad file or record: the failure is
yielded with the file (and line or record) and the reason, and reading goes on.

Format detection uses content AND extension (:func:`detect`):

1. content that cannot be mistaken wins: a WARC header, an HTML document start (``<!DOCTYPE
   html``, ``<html``), binary magic numbers (refused);
2. otherwise the extension decides: ``.warc``/``.arc``, ``.html``/``.htm``/``.xhtml``,
   ``.jsonl``/``.ndjson``/``.jsonlines``, ``.json``, ``.txt``/``.text``;
3. otherwise (no or unknown extension, standard input) the content is sniffed: markup -> HTML,
   ``{``/``[`` -> JSON (Lines when the first line is a whole object), anything else -> plain
   text as in the seeds (crawler header, title, body, furniture; the cleaner sorts that out).

Size limits: a file holding ONE article (text, HTML, a ``.json`` object) larger than
``max_bytes`` is skipped as "too large" without being read; container formats (JSON Lines,
WARC) are streamed record by record, and only a single record over the limit is skipped.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from typing import BinaryIO, Callable, Iterable, Iterator, Literal

from ...errors import EmptyInput, InputError, TooLargeInput, TruncatedInput
from ...ids import raw_hash
from ...limits import byte_limit, check_text, input_bytes
from ...types import Failure, RawDocument
from ..decode import decode, sniff_binary
from ..sources import READ_STAGE, Opened, Source, expand, open_source, open_stream, suffixes, unexpected
from .html import extract_html
from .jsonl import read_json, read_jsonl
from .warc import read_warc

__all__ = ["DEFAULT_MAX_BYTES", "Format", "detect", "read_paths", "read_source", "read_stream"]

log = logging.getLogger(__name__)

Format = Literal["text", "html", "jsonl", "json", "warc"]

#: The largest single article accepted (10 MiB): real articles are a few KB to a few hundred.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_EXTENSIONS: dict[str, Format] = {
    ".warc": "warc", ".arc": "warc",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".json": "json",
    ".txt": "text", ".text": "text",
}
_HTML_START = re.compile(
    rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_MARKUP = re.compile(rb"<(?:head|body|meta|title|div|p|article)\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_TRUNCATED_GZIP = "truncated gzip: the compressed data ends early"


def detect(name: str, head: bytes) -> Format:
    """The format of a file from its name and first bytes (content first, then extension)."""
    text = _strip_bom(head)
    if text.startswith(b"WARC/"):
        return "warc"
    if _HTML_START.match(text):
        return "html"
    by_extension = _EXTENSIONS.get(suffixes(name))
    if by_extension == "json" or (by_extension is None and text.lstrip()[:1] in (b"{", b"[")):
        return _json_kind(text)
    if by_extension:
        return by_extension
    if _MARKUP.search(text[:2048]):
        return "html"
    return "text"


def read_paths(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
               stdin: BinaryIO | None = None, exclude: Iterable[str] = ()
               ) -> Iterator[RawDocument | Failure]:
    """Every raw document (and failure) in the files, folders, globs and ``-`` given.

    ``exclude``: files never to read (see :func:`cronaca.ingest.sources.expand`).
    """
    for item in expand(paths, exclude):
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_source(item, max_bytes=max_bytes, stdin=stdin)


def read_source(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | None = None) -> Iterator[RawDocument | Failure]:
    """The raw documents of one source; failures are yielded, never raised.

    ``max_bytes`` is capped at :data:`cronaca.limits.MAX_INPUT_BYTES`.
    """
    return _read_guarded(source, lambda: open_source(source, stdin), max_bytes)


def read_stream(open_: Callable[[], BinaryIO], origin: str, name: str, *, size: int | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Failure]:
    """The raw documents of one file that ``open_()`` opens as a binary stream (a file of any
    fsspec filesystem: the Dask engine's inputs); failures are yielded, never raised, as by
    :func:`read_source`. ``name`` gives the extension, ``size`` (when known) lets a single
    article over ``max_bytes`` be refused without reading it."""
    source = Source(origin, None, size)
    return _read_guarded(source, lambda: open_stream(open_(), name), max_bytes)


def _read_guarded(source: Source, open_: Callable[[], Opened], max_bytes: int
                  ) -> Iterator[RawDocument | Failure]:
    max_bytes = input_bytes(max_bytes)
    try:
        opened = open_()
    except InputError as exc:
        yield Failure(source.origin, exc.reason, READ_STAGE)
        return
    except gzip.BadGzipFile as exc:
        yield Failure(source.origin, str(exc), READ_STAGE)
        return
    except OSError as exc:
        yield Failure(source.origin, f"cannot read: {exc.strerror or exc}", READ_STAGE)
        return
    try:
        for item in _read_opened(source, opened, max_bytes):
            yield _within_limits(item)
    except InputError as exc:
        yield Failure(source.origin, exc.reason, READ_STAGE)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        reason = _TRUNCATED_GZIP if isinstance(exc, EOFError) else f"corrupt gzip: {exc}"
        yield Failure(source.origin, reason, READ_STAGE)
    except OSError as exc:
        yield Failure(source.origin, f"cannot read: {exc.strerror or exc}", READ_STAGE)
    except RecursionError:
        yield Failure(source.origin, "nested too deeply to read (markup or JSON hundreds of "
                      "levels deep): not an article", READ_STAGE)
    except Exception as exc:  # noqa: BLE001 - whatever one file does, the others are read
        yield unexpected(source.origin, exc)
    finally:
        opened.close()


def _within_limits(item: RawDocument | Failure) -> RawDocument | Failure:
    """A document whose text no pipeline would process becomes a failure here, before it
    travels to a worker (``cronaca.limits``)."""
    if isinstance(item, RawDocument):
        try:
            check_text(item.text, item.origin)
        except InputError as exc:
            return Failure(item.origin, exc.reason, READ_STAGE)
    return item


def _read_opened(source: Source, opened: Opened, max_bytes: int
                 ) -> Iterator[RawDocument | Failure]:
    head = opened.head
    if not head:
        raise EmptyInput(source.origin, "empty file")
    fmt = detect(opened.name, head)
    kind = sniff_binary(head) if fmt != "warc" else None  # WARC payloads may well be binary
    if kind:
        yield Failure(source.origin, f"not a text file: {kind}", READ_STAGE)
        return
    log.debug("%s: read as %s", source.origin, fmt)
    if fmt == "warc":
        yield from read_warc(opened.stream, source.origin, max_bytes=max_bytes)
    elif fmt == "jsonl":
        yield from _jsonl(opened, source.origin, max_bytes)
    else:
        data = _read_whole(source, opened, max_bytes)
        if fmt == "json":
            yield from read_json(data, source.origin)
        else:
            yield _document(data, source.origin, fmt)


def _jsonl(opened: Opened, origin: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """JSON Lines, keeping the records read before a truncated gzip's cut (documented above)."""
    kept = 0
    try:
        for item in read_jsonl(opened.stream, origin, max_bytes=max_bytes):
            kept += isinstance(item, RawDocument)
            yield item
    except EOFError:
        raise TruncatedInput(origin, f"{_TRUNCATED_GZIP}; the {kept} records read before the "
                             "cut were kept") from None


def _read_whole(source: Source, opened: Opened, max_bytes: int) -> bytes:
    """The whole (decompressed) file, refusing one over ``max_bytes`` without reading it all."""
    limit = f"over {byte_limit(max_bytes)}"
    if not opened.compressed and source.size is not None and source.size > max_bytes:
        raise TooLargeInput(source.origin, f"too large: {source.size:,} bytes, {limit}")
    data = opened.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLargeInput(source.origin, f"too large: {limit}")
    return data


def _document(data: bytes, origin: str, fmt: Format) -> RawDocument:
    if fmt == "html":
        declared = _META_CHARSET.search(data[:4096])
        decoded = decode(data, origin, declared=declared.group(1).decode() if declared else None)
        text, metadata = extract_html(decoded.text, origin)
    else:
        decoded = decode(data, origin)
        text, metadata = decoded.text, {}
    if decoded.encoding != "utf-8":
        metadata["encoding"] = decoded.encoding
    return RawDocument(origin, text, "html" if fmt == "html" else "text", raw_hash(data), metadata)


def _json_kind(text: bytes) -> Format:
    """JSON Lines when the first non-blank line is a complete object, else a JSON document."""
    stripped = text.lstrip()
    if stripped.startswith(b"["):
        return "json"
    first = stripped.split(b"\n", 1)[0].strip()
    if first.startswith(b"{") and first.endswith(b"}"):
        return "jsonl"
    return "json"


def _strip_bom(head: bytes) -> bytes:
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:  # UTF-16 text: sniff an ASCII rendering of it
            return head[: len(head) - len(head) % 2].decode("utf-16").encode("ascii", "replace")
        except UnicodeDecodeError:
            return head
    return head
