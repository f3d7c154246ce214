"""WARC files (Common Crawl's CC-NEWS, Heritrix, wget ``--warc-file``) -> one document per page.

A news crawl's WARC holds requests, metadata records, redirects, robots.txt, images and — the
part we want — HTML responses. warcio parses the container (gzip members, chunked transfer
encoding, ``Content-Encoding``); this module picks the records that are articles:

1. only ``response`` and ``resource`` records; requests, ``warcinfo`` and ``metadata`` records
   are container bookkeeping and are passed over silently;
2. only successful responses (HTTP 200) whose payload is HTML (or plain text): a redirect or an
   image is not a failed article, so it is logged at debug level, not reported as skipped;
3. a payload over ``max_bytes`` is reported and skipped without being read into memory;
4. the HTTP charset is passed to the decoder, which still prefers strict UTF-8 (servers often
   declare ISO-8859-1 by default and send UTF-8).

``origin`` is ``path#record=N`` with N counting every record of the file from 1, so the record
can be found again; ``raw_hash`` is the hash of the HTTP payload, so the same page fetched into
two crawls is read once. The WARC target URI is the page's URL when the page states none; the
WARC date is the crawl date (``metadata["crawled"]``), never the publication date.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from typing import Any, BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArchiveLoadFailed

from ...errors import InputError
from ...ids import raw_hash
from ...types import Failure, RawDocument
from ..decode import decode
from ..sources import READ_STAGE
from .html import extract_html

log = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_PAGE_TYPES = _HTML_TYPES | _TEXT_TYPES


def read_warc(stream: BinaryIO, origin: str, *, max_bytes: int
              ) -> Iterator[RawDocument | Failure]:
    """Yield one document (or failure) per article page in a WARC stream."""
    number = 0
    try:
        reader = _ShortReads(stream)
        for number, record in enumerate(ArchiveIterator(reader), 1):
            item = _record(record, f"{origin}#record={number}", max_bytes)
            if item is not None:
                yield item
        reader.read(1)  # warcio can stop quietly at a cut inside a record; gzip cannot
    except (ArchiveLoadFailed, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        kept = f"; the {number} records before it were read" if number else ""
        yield Failure(origin, f"truncated or corrupt WARC after record {number}: "
                      f"{_short(exc)}{kept}", READ_STAGE)


class _ShortReads:
    """Serve ``read(n)`` with one decompression step at a time (``read1``).

    The stream is already gunzipped (one gzip member per record, or a whole-file gzip that
    warcio itself refuses). ``GzipFile.read(n)`` loops until it has ``n`` bytes and drops them
    all when the file is cut short; ``read1`` returns what it has, so every record before a
    truncation point is still read, and the cut surfaces as ``EOFError`` on the next call.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._read = getattr(stream, "read1", stream.read)

    def read(self, size: int = -1) -> bytes:
        return self._read(size if size and size > 0 else 1 << 16)


def _record(record: Any, where: str, max_bytes: int) -> RawDocument | Failure | None:
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if headers is not None and headers.get_statuscode() not in ("200", None):
        log.debug("%s: HTTP %s, not an article page", where, headers.get_statuscode())
        return None
    content_type = (headers.get_header("Content-Type") if headers is not None else None) \
        or record.rec_headers.get_header("Content-Type") or ""
    mime, charset = _content_type(content_type)
    if mime not in _PAGE_TYPES:
        log.debug("%s: %s, not an article page", where, mime or "no content type")
        return None
    length = record.rec_headers.get_header("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        return Failure(where, f"too large: {int(length):,} bytes, over the {max_bytes:,}-byte "
                       "limit for one article (--max-bytes)", READ_STAGE)
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Failure(where, f"too large: over the {max_bytes:,}-byte limit for one article "
                       "(--max-bytes)", READ_STAGE)
    url = record.rec_headers.get_header("WARC-Target-URI")
    metadata: dict[str, Any] = {
        "crawled": record.rec_headers.get_header("WARC-Date"),
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
    }
    try:
        decoded = decode(payload, where, declared=charset)
        text = decoded.text
        if mime in _HTML_TYPES:
            text, page = extract_html(text, where, url=url)
            metadata.update(page)
    except InputError as exc:
        return Failure(where, exc.reason, READ_STAGE)
    metadata.setdefault("url", url)
    if decoded.encoding != "utf-8":
        metadata["encoding"] = decoded.encoding
    return RawDocument(where, text, "warc", raw_hash(payload),
                       {k: v for k, v in metadata.items() if v})


def _content_type(value: str) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``text/html; charset=UTF-8``."""
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
