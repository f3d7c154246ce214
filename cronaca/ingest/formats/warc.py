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
   declare ISO-8859-1 by default and send UTF-8);
5. a record that cannot be read (a response without ``WARC-Target-URI``, broken HTTP headers, a
   record cut before its declared ``Content-Length``) is reported with its number and the
   reason, and the records around it are still read. warcio is asked for the records only
   (``no_record_parse``): its HTTP parsing raises on such records and would end the file there,
   so the HTTP headers are parsed here, one record at a time.

``origin`` is ``path#record=N`` with N counting every record of the file from 1, so the record
can be found again; ``raw_hash`` is the hash of the HTTP payload, so the same page fetched into
two crawls is read once. The WARC target URI is the page's URL when the page states none; the
WARC date is the crawl date (``metadata["crawled"]``), never the publication date.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import zlib
from typing import Any, BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArchiveLoadFailed, ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

from ...errors import InputError, MalformedRecord, TruncatedInput
from ...ids import raw_hash
from ...limits import byte_limit
from ...types import Failure, RawDocument
from ..decode import decode
from ..sources import READ_STAGE, unexpected
from .html import extract_html

log = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_PAGE_TYPES = _HTML_TYPES | _TEXT_TYPES
_HTTP = StatusAndHeadersParser(ArcWarcRecordLoader.HTTP_TYPES, verify=False)


def read_warc(stream: BinaryIO, origin: str, *, max_bytes: int
              ) -> Iterator[RawDocument | Failure]:
    """Yield one document (or failure) per article page in a WARC stream."""
    number = 0
    try:
        reader = _ShortReads(stream)
        for number, record in enumerate(_quiet(ArchiveIterator(reader, no_record_parse=True)), 1):
            where = f"{origin}#record={number}"
            try:
                item = _record(record, where, max_bytes)
            except InputError as exc:
                item = Failure(where, exc.reason, READ_STAGE)
            except Exception as exc:  # noqa: BLE001 - one odd record must not end the file
                item = unexpected(where, exc, "unreadable WARC record")
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


def _quiet(records: Iterator[Any]) -> Iterator[Any]:
    """warcio writes its warnings ("perhaps Content-Length is invalid") straight to stderr;
    the library logs instead, and the record at fault is reported by what follows."""
    while True:
        sink = io.StringIO()
        with contextlib.redirect_stderr(sink):
            record = next(records, None)
        if sink.getvalue().strip():
            log.debug("warcio: %s", " ".join(sink.getvalue().split()))
        if record is None:
            return
        yield record


def _record(record: Any, where: str, max_bytes: int) -> RawDocument | Failure | None:
    if not record.rec_type:
        raise MalformedRecord(where, "WARC record without a WARC-Type header: not a WARC record "
                              "as the standard writes them")
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    headers = _http_headers(record, url, where)
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
        return Failure(where, f"too large: {int(length):,} bytes, over {byte_limit(max_bytes)}",
                       READ_STAGE)
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Failure(where, f"too large: over {byte_limit(max_bytes)}", READ_STAGE)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:  # the file ended before the record's declared length: a partial page
        raise TruncatedInput(where, f"truncated WARC record: the file ends {missing:,} bytes "
                             "before the record's declared Content-Length")
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


def _http_headers(record: Any, url: str | None, where: str) -> Any:
    """The HTTP status and headers of a response record (None for a resource record)."""
    if record.rec_type != "response":
        return None
    if not url:
        raise MalformedRecord(where, "WARC response record without a WARC-Target-URI header "
                              "(the WARC standard requires one): cannot tell which page it is")
    if not (record.content_type or "").lower().startswith("application/http") \
            or not url.lower().startswith(("http:", "https:")):
        return None
    try:
        headers = _HTTP.parse(record.raw_stream)
    except EOFError:
        raise MalformedRecord(where, "WARC response record with broken HTTP headers: the record "
                              "ends before its HTTP headers do") from None
    except (StatusAndHeadersParserException, ValueError) as exc:
        raise MalformedRecord(where, f"WARC response record with broken HTTP headers: "
                              f"{_short(exc)}") from None
    if not (headers.protocol or "").upper().startswith("HTTP/"):
        line = f"{headers.protocol or ''} {headers.statusline or ''}".strip()
        raise MalformedRecord(where, "WARC response record with broken HTTP headers: the "
                              f"status line {line[:60]!r} is not an HTTP one")
    record.http_headers = headers
    return headers


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
