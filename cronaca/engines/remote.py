"""The inputs of a distributed run: local paths, folders and globs, or fsspec URLs.

Why two ways of listing: a local path is listed exactly as the local engine lists it
(:func:`cronaca.ingest.sources.expand`: the same files, in the same order, named by the same
origins), so the two engines store the same records; a URL (``s3://bucket/crawl/``,
``https://host/dump.jsonl.gz``, ``gcs://…``) is listed through its fsspec filesystem, files
sorted, hidden ones skipped. The listing runs where the run is started; the files are opened
where they are processed, so a cluster's workers must reach them (a shared disk, an object store).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..ingest.sources import READ_STAGE, STDIN, expand
from ..types import Failure

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class RemoteSource:
    """One input file: how reports name it, how to open it, its name and size when known."""

    origin: str
    url: str
    name: str
    size: int | None = None


def is_url(path: str) -> bool:
    return "://" in path


def list_sources(paths: Iterable[str], storage_options: dict[str, Any] | None = None,
                 exclude: Iterable[str] = ()) -> Iterator[RemoteSource | Failure]:
    """Every input file the arguments name, in a stable order; what cannot be listed as a failure."""
    local: list[str] = []
    for path in paths:
        if path == STDIN:
            yield Failure(STDIN, "standard input cannot be read by a distributed run: name files "
                          "or URLs (or use the local engine)", READ_STAGE)
        elif is_url(path):
            yield from _flush(local, exclude)
            local = []
            yield from _remote(path, storage_options or {})
        else:
            local.append(path)
    yield from _flush(local, exclude)


def _flush(paths: list[str], exclude: Iterable[str]) -> Iterator[RemoteSource | Failure]:
    for item in expand(paths, exclude):
        if isinstance(item, Failure):
            yield item
        elif item.path is not None:
            yield RemoteSource(item.origin, str(item.path.resolve()), item.path.name, item.size)


def _remote(url: str, storage_options: dict[str, Any]) -> Iterator[RemoteSource | Failure]:
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(url, **storage_options)
        if _GLOB_CHARS.intersection(path):
            found = sorted(fs.glob(path))
        elif fs.isdir(path):
            found = sorted(fs.find(path))
        else:
            found = [path] if fs.exists(path) else []
        if not found:
            yield Failure(url, "no such file, folder or pattern match", READ_STAGE)
            return
        for p in found:
            name = p.rstrip("/").rsplit("/", 1)[-1]
            if name.startswith("."):
                continue
            size = None
            try:
                size = fs.size(p)
            except (OSError, NotImplementedError, ValueError):  # a server that does not say
                pass
            yield RemoteSource(fs.unstrip_protocol(p), fs.unstrip_protocol(p), name, size)
    except (OSError, ValueError, ImportError) as exc:
        yield Failure(url, f"cannot list: {type(exc).__name__}: {exc}"[:300], READ_STAGE)
