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
- Only regular files are read from folders. A named pipe, a socket or a device in a folder is
  reported and skipped: opening a pipe waits for a writer that may never come, and a device
  (``/dev/zero``) never ends. A pipe named directly is read only when something is writing to
  it (``cronaca ingest <(zcat dump.gz)``); one without a writer is reported at once.
- A folder that cannot be listed (permissions) and a link that leads back into a folder already
  walked (a symlink loop) are reported, never passed over in silence. Links to folders are
  followed once.
"""

from __future__ import annotations

import errno
import glob
import gzip
import io
import logging
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from ..errors import EmptyInput
from ..types import Failure

log = logging.getLogger(__name__)

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
    pipe: bool = False  # a named pipe the user named: read only while something writes to it


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
        if path.exists() or path.is_symlink():  # a broken or looping link is reported below
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
                if isinstance(source, Failure):
                    yield source
                    continue
                key = os.path.realpath(source.path) if source.path else source.origin
                if key not in seen:
                    seen.add(key)
                    yield source


def _files(path: Path) -> Iterator[Source | Failure]:
    if not path.is_dir():
        yield _source(path, named=True)
        return
    errors: list[OSError] = []
    walked: dict[str, str] = {}
    for root, dirs, files in os.walk(path, onerror=errors.append, followlinks=True):
        yield from (_unlisted(e) for e in errors)
        errors.clear()
        real = os.path.realpath(root)
        if real in walked:  # a link back into a folder already walked: a loop
            dirs[:] = []
            yield Failure(root, f"symlink loop: leads back to {walked[real]}, already read",
                          READ_STAGE)
            continue
        walked[real] = root
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield _source(Path(root) / name, named=False)
    yield from (_unlisted(e) for e in errors)


def _unlisted(error: OSError) -> Failure:
    return Failure(str(error.filename), f"cannot list this folder: {error.strerror or error}",
                   READ_STAGE)


def _source(path: Path, *, named: bool) -> Source | Failure:
    """A regular file (or a pipe the user named) to read, or why it is not read."""
    try:
        info = path.stat()
    except OSError as exc:
        return Failure(str(path), f"cannot read: {_os_reason(exc)}", READ_STAGE)
    if stat.S_ISREG(info.st_mode):
        return Source(str(path), path, info.st_size)
    if stat.S_ISFIFO(info.st_mode) and named:
        return Source(str(path), path, None, pipe=True)
    return Failure(str(path), f"not a regular file but {_special_kind(info.st_mode)}: skipped "
                   "(pipe it to standard input with - if it holds articles)", READ_STAGE)


def _special_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    return exc.strerror or str(exc)


def open_source(source: Source, stdin: BinaryIO | None = None) -> Opened:
    """Open a source for reading, undoing gzip when its magic bytes say so.

    Raises ``OSError`` when the file cannot be opened (permissions, a vanished file) and
    ``gzip.BadGzipFile`` when its gzip header is corrupt; the caller turns either into a failure
    for this source only.
    """
    if source.path is None:
        raw = stdin if stdin is not None else sys.stdin.buffer
        name = ""
    elif source.pipe:
        raw = _open_pipe(source)
        name = source.path.name
    else:
        raw = open(source.path, "rb")  # noqa: SIM115 - closed through Opened.close
        name = source.path.name
    return open_stream(raw, name, owned=source.path is not None)


def open_stream(raw: BinaryIO, name: str, *, owned: bool = True) -> Opened:
    """An already open binary stream (a local file, standard input, or a file of any fsspec
    filesystem: ``s3://``, ``http://``) ready for a reader: gzip detected by its magic bytes,
    the first bytes kept for format detection. ``name`` is the file name (for its extension)."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw, _BUFFER)  # type: ignore[arg-type]
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


def _open_pipe(source: Source) -> BinaryIO:
    """A named pipe, opened without waiting: refused at once when nothing writes to it."""
    assert source.path is not None
    fd = os.open(source.path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        first: bytes | None = os.read(fd, _BUFFER)
    except BlockingIOError:
        first = None  # a writer is there and has not written yet
    if first == b"":
        os.close(fd)
        raise EmptyInput(source.origin, "a named pipe with nothing writing to it: skipped "
                         "(start the writer first, or pipe it to standard input with -)")
    os.set_blocking(fd, True)
    return io.BufferedReader(_Prefixed(first or b"", io.FileIO(fd, "rb")), _BUFFER)


class _Prefixed(io.RawIOBase):
    """A raw stream that serves ``head`` (bytes already read from it) before the rest."""

    def __init__(self, head: bytes, rest: io.FileIO) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        return self._rest.readinto(buffer)

    def close(self) -> None:
        self._rest.close()
        super().close()


def unexpected(origin: str, exc: BaseException, what: str = "cannot read") -> Failure:
    """The failure for an error no reader rule foresaw (a bug, or an input nobody imagined):
    logged with its traceback for a bug report, reported with its type and message."""
    log.debug("%s: %s", origin, what, exc_info=exc)
    return Failure(origin, f"{what}: {type(exc).__name__}: {exc}"[:300], READ_STAGE)


def suffixes(name: str) -> str:
    """The lower-cased last suffix of a name, without ``.gz``: ``a.WARC.gz`` -> ``.warc``."""
    return Path(name.lower().removesuffix(".gz")).suffix
