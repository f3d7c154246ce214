"""CSV and JSON Lines downloads of any result set, streamed page by page.

Why page by page through the same keyset cursors as the JSON API: a download of a whole result
set (a million quotations) must use bounded memory and must not hold a read transaction open for
minutes while ingest writes; each page is one short query on the worker thread that runs it.
There is no cap: the stream ends when a page has no ``next_cursor``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from fastapi.responses import StreamingResponse

from .queries import Listing

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}

Fetch = Callable[[str | None], Listing]


def iter_rows(fetch: Fetch, cursor: str | None = None) -> Iterator[dict[str, Any]]:
    """Every row from ``cursor`` to the end, one page in memory at a time."""
    while True:
        page = fetch(cursor)
        yield from page.items
        cursor = page.next_cursor
        if not cursor or not page.items:
            return


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # Spreadsheet formula injection: untrusted article text must not run as a formula.
        return "'" + value
    return value


def csv_chunks(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buf = io.StringIO()
    writer: csv.DictWriter | None = None
    for n, row in enumerate(rows, 1):
        if writer is None:
            writer = csv.DictWriter(buf, fieldnames=list(row), extrasaction="ignore",
                                    lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in row.items()})
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def jsonl_chunks(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps(row, ensure_ascii=False, default=str))
        if len(lines) >= 500:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"


def download(fetch: Fetch, fmt: str, name: str, cursor: str | None = None) -> StreamingResponse:
    """A streamed ``name.csv`` / ``name.jsonl`` attachment of every row ``fetch`` pages through."""
    rows = iter_rows(fetch, cursor)
    chunks = csv_chunks(rows) if fmt == "csv" else jsonl_chunks(rows)
    return StreamingResponse(
        chunks, media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
