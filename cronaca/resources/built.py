"""Resources built once per machine, not once per process: a pickle on disk, keyed by what built it.

Why: every process that extracts (each ingest worker, each Dask worker, every ``cronaca`` command)
used to spend about two seconds before its first article on building the same read-only objects:
decompressing and unpickling langid's model (1.3 s) and indexing the actor data (0.6 s). A
worker pool paid it once per worker, a short ``cronaca ingest`` of one file paid it whole. Loading
the built objects from a pickle takes a few milliseconds for langid, a third of the time for the
actor data.

Why the key covers the code as well as the data: a stale object would silently change what the
extraction finds. The key hashes the name, Python's version, the bytes of every module of the
``cronaca`` package and the inputs the caller names (data files, a library's model); any edit to
any of them builds anew. The code's hash is taken once per process (about 5 ms).

Where: ``$CRONACA_CACHE_DIR`` when set (``off`` turns the cache off), else
``$XDG_CACHE_HOME/cronaca`` or ``~/.cache/cronaca``; the folder is created private (mode 700),
since a pickle is code to whoever can write it. A cache that cannot be read or written (a
read-only home, a full disk, a damaged file) is not an error: the object is built as before, and
the problem logged.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

ENV_CACHE = "CRONACA_CACHE_DIR"
_OFF = {"off", "0", "none", "no", "false"}
_PACKAGE = Path(__file__).resolve().parents[1]
#: Built files kept per name: the newest ones.
KEEP = 8


def cache_dir() -> Path | None:
    """The folder of built resources, or None when the user turned the cache off."""
    chosen = os.environ.get(ENV_CACHE)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF or not chosen.strip() else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home directory (a service user): no cache
            return None
    return Path(base) / "cronaca"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Hash of every module of the installed package: a code change invalidates built objects."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        h.update(str(path.relative_to(_PACKAGE)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    """Hash of files' names and bytes, in the order given."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def built(name: str, inputs: Iterable[str | bytes], build: Callable[[], T]) -> T:
    """``build()``, or the object a previous process built from the same code and ``inputs``.

    ``name`` names the file (one kind of object, e.g. ``"actors-it"``); ``inputs`` are what else
    the object depends on (hashes of data files, a library's version). When a new one is
    written, only the :data:`KEEP` most recent of its name stay (two checkouts or versions side
    by side each keep theirs; the folder does not grow with every upgrade).
    """
    folder = cache_dir()
    if folder is None:
        return build()
    h = hashlib.sha256()
    for part in (name, sys.version, str(pickle.HIGHEST_PROTOCOL), code_digest(), *inputs):
        h.update(part if isinstance(part, bytes) else part.encode())
        h.update(b"\0")
    path = folder / f"{name}-{h.hexdigest()[:24]}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign file: build instead
        log.warning("built resource %s unreadable (%s): building it again", path, exc)
    value = build()
    _write(path, value, name)
    return value


def _write(path: Path, value: object, name: str) -> None:
    """Write atomically (a reader never sees half a file), then drop the oldest of ``name``."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        kept = sorted(path.parent.glob(f"{name}-*.pickle"), key=_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, AttributeError, TypeError) as exc:  # unpicklable too
        log.info("built resource %s not kept (%s); it is built in each process", path, exc)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process
        return 0.0
