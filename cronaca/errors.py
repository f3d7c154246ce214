"""Exceptions raised by cronaca.

The tree::

    CronacaError                 anything cronaca raises on purpose
    ├── InputError               a file or record cannot be read (names the origin and the reason)
    │   ├── EmptyInput           nothing in it
    │   ├── BinaryInput          not text (NUL bytes, an image, a zip)
    │   ├── UndecodableInput     no encoding we trust decodes it
    │   ├── TruncatedInput       a compressed or container file ends early
    │   ├── TooLargeInput        one article over a size limit (``--max-bytes``, ``cronaca.limits``)
    │   ├── TooSlowInput         one article over the time limit for cleaning and extraction
    │   └── MalformedRecord      one bad JSON line / WARC record; the rest of the file goes on
    ├── PipelineError            stages that cannot run in the order asked (requires/assigns)
    ├── StoreError               the knowledge base cannot be opened, migrated or written
    │   └── StoreUnavailable     ... because of the store itself (locked, read-only, disk full),
    │                            not because of what was being written: no point going on
    ├── QueryError               a search or filter the user gave cannot be understood
    └── ResourceError            a data file (actors, outlets, lexicons) is missing or malformed

Input errors never stop a batch: readers turn them into :class:`cronaca.types.Failure` records
that the summary reports, and the batch goes on.
"""

from __future__ import annotations


class CronacaError(Exception):
    """Base class of every error cronaca raises on purpose."""


class InputError(CronacaError):
    """An input cannot be read. ``origin`` names the file or record, ``reason`` says why."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class UndecodableInput(InputError):
    pass


class TruncatedInput(InputError):
    pass


class TooLargeInput(InputError):
    pass


class TooSlowInput(InputError):
    pass


class MalformedRecord(InputError):
    pass


class PipelineError(CronacaError):
    pass


class StoreError(CronacaError):
    pass


class StoreUnavailable(StoreError):
    """The store cannot be written at all (busy past the timeout, read-only, disk full, I/O)."""


class QueryError(CronacaError):
    """A user's query cannot be understood; the message says how to write it instead."""


class ResourceError(CronacaError):
    pass
