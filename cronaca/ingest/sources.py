"""Turn what the user typed (files, folders, globs, ``-``) into sources to read, and open them.

Users point ``cronaca ingest`` at whatever their scraper left behind: a folder tree, a shell glob
that the shell did not expand (quoted, or on Windows), a ``.jsonl.gz`` dump, or a pipe. This
module expands all of that into :class:`Source` records in a stable order (sorted, so two runs
read the same files in the same order) and opens each one as a buffered binary stream with gzip
already undone, so readers never care how the bytes arrived.

Decisions:

- Folders are walked recursively; hidden files and folders (``.git``, ``.DS_Store``) are skipped,
  every other file is read, and those that are not articles are reported, not silently ignored.
- A path that is named twice (directly and through a folder) is read once.
- Files the caller excludes (the knowledge base and its ``-wal``/``-shm`` companions, which
  often sit in the very folder being ingested) are never read.
- Gzip is recognised by its magic bytes, not by the ``.gz`` suffix, so a mislabelled file still
  reads; the suffix is dropped from the name that format detection sees (``a.jsonl.gz`` is JSONL).
- A path that does not exist, or a pattern that matches nothing, becomes a
  :class:`~cronaca.types.Failure`: the user named it, so the summary must say what happened.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..types import Failure

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
READ_STAGE = "cronaca.read"

_GZIP_MAGIC = b"\x1f\x8b"
_GLOB_CHARS = frozenset("*?[")
_BUFFER = 1 << 16
_HEAD = 8192  # bytes looked at to detect a format


@dataclass(frozen=True, slots=True)
class Source:
    """One file (or standard input) to read.

    ``origin`` is how reports name it (the path as found, or ``<stdin>``); ``size`` is the size
    on disk (None for standard input), used to refuse oversized single-article files without
    reading them.
    """

    origin: str
    path: Path | None = None
    size: int | None = None


@dataclass(slots=True)
class Opened:
    """An open source: its first (decompressed) bytes for format detection, and its streams.

    ``raw`` is the file as stored; :attr:`stream` is the content with gzip undone. Readers of
    gzip-aware containers (WARC, whose ``.warc.gz`` is one gzip member per record) take ``raw``
    so that a truncated file still yields every record before the cut.
    """

    raw: io.BufferedReader
    name: str
    compressed: bool
    head: bytes
    owned: bool = True  # False for standard input, which is not ours to close
    _stream: BinaryIO | None = None

    @property
    def stream(self) -> BinaryIO:
        """The decompressed content. GzipFile is itself buffered and peekable; wrapping it in
        another buffer would lose the data decompressed before a truncation point."""
        if self._stream is None:
            self._stream = gzip.GzipFile(fileobj=self.raw, mode="rb") if self.compressed \
                else self.raw
        return self._stream

    def close(self) -> None:
        if self.owned:
            self.raw.close()


def expand(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[Source | Failure]:
    """Yield a :class:`Source` for every file the user's arguments name, in a stable order.

    ``exclude`` names files never to read even when a folder or glob covers them: the
    knowledge base itself, when the user ingests the folder it lives in.
    """
    seen: set[str] = {os.path.realpath(p) for p in exclude}
    stdin_done = False
    for arg in paths:
        if arg == STDIN:
            if not stdin_done:
                stdin_done = True
                yield Source(STDIN_ORIGIN)
            continue
        path = Path(arg).expanduser()
        if path.exists():
            matches = [path]
        elif _GLOB_CHARS.intersection(arg):
            matches = [Path(m) for m in sorted(glob.glob(os.path.expanduser(arg), recursive=True))]
            if not matches:
                yield Failure(arg, "no file matches this pattern", READ_STAGE)
                continue
        else:
            yield Failure(arg, "no such file or directory", READ_STAGE)
            continue
        for match in matches:
            for source in _files(match):
                key = os.path.realpath(source.path) if source.path else source.origin
                if key not in seen:
                    seen.add(key)
                    yield source


def _files(path: Path) -> Iterator[Source]:
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield _source(Path(root) / name)
    elif path.exists():
        yield _source(path)


def _source(path: Path) -> Source:
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    return Source(str(path), path, size)


def open_source(source: Source, stdin: BinaryIO | None = None) -> Opened:
    """Open a source for reading, undoing gzip when its magic bytes say so.

    Raises ``OSError`` when the file cannot be opened (permissions, a vanished file) and
    ``gzip.BadGzipFile`` when its gzip header is corrupt; the caller turns either into a failure
    for this source only.
    """
    if source.path is None:
        raw = stdin if stdin is not None else sys.stdin.buffer
        name = ""
    else:
        raw = open(source.path, "rb")  # noqa: SIM115 - closed through Opened.close
        name = source.path.name
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw, _BUFFER)
    owned = source.path is not None
    peeked = buffered.peek(_HEAD)
    if peeked[:2] != _GZIP_MAGIC:
        return Opened(buffered, name, False, peeked[:_HEAD], owned)
    try:  # decompress a copy of the first bytes: detection must not consume the stream
        head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(peeked, _HEAD)
    except zlib.error as exc:
        if owned:
            buffered.close()
        raise gzip.BadGzipFile(f"corrupt gzip: {exc}") from None
    return Opened(buffered, name.removesuffix(".gz"), True, head, owned)


def suffixes(name: str) -> str:
    """The lower-cased last suffix of a name, without ``.gz``: ``a.WARC.gz`` -> ``.warc``."""
    return Path(name.lower().removesuffix(".gz")).suffix
