"""Hard limits on what one article may cost, whatever ``--max-bytes`` allows.

Why: a crawl holds the odd monster — a 100 MB page, a dump saved as one "article", a line of
5 MB with no paragraph in it. ``--max-bytes`` says how much a reader may take in; these limits
say how much cleaning and extraction may spend on what it took in, so that peak memory stays a
few times the input and one article can never hold up a batch:

- :data:`MAX_INPUT_BYTES`: the most a reader takes in for one article (a file, a JSON line, a
  WARC record), even when ``--max-bytes`` asks for more: parsing JSON or decoding text holds
  several copies of what was read.
- :data:`MAX_PAGE_CHARS`: the largest HTML page parsed. lxml and trafilatura hold about thirty
  times a page in memory (measured: a 20 MB page peaks at 585 MB), so a bigger page is skipped
  before it is parsed.
- :data:`MAX_TEXT_CHARS`: the longest text cleaned and annotated. Real articles are 2-100 KB of
  text; some extraction stages grow faster than linearly with the length of a text (a 1.2 MB
  text took 13 s in one stage), so longer texts are skipped before any stage runs.
- :data:`MAX_SECONDS`: the wall-clock time one article may take in cleaning and the stages.
  A SIGALRM timer interrupts Python code running past it (only in a process's main thread,
  where signals are delivered; elsewhere the size limits alone apply).

A document over a limit is skipped with the limit in its reason; the batch goes on.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import TooLargeInput, TooSlowInput

MAX_INPUT_BYTES = 16 * 1024 * 1024
MAX_PAGE_CHARS = 8 * 1024 * 1024
MAX_TEXT_CHARS = 500_000
MAX_SECONDS = 60.0


def input_bytes(max_bytes: int) -> int:
    """The byte limit a reader applies: ``--max-bytes``, never above :data:`MAX_INPUT_BYTES`."""
    return min(max_bytes, MAX_INPUT_BYTES)


def byte_limit(max_bytes: int) -> str:
    """How a skip message names the byte limit that applied (after :func:`input_bytes`)."""
    if max_bytes >= MAX_INPUT_BYTES:
        return f"the {MAX_INPUT_BYTES:,}-byte limit for one article (the most --max-bytes allows)"
    return f"the {max_bytes:,}-byte limit for one article (--max-bytes)"


def check_page(html: str | bytes, origin: str) -> None:
    """Refuse an HTML page too large to parse in bounded memory."""
    if len(html) > MAX_PAGE_CHARS:
        raise TooLargeInput(origin, f"HTML page of {len(html):,} characters, over the "
                            f"{MAX_PAGE_CHARS:,} that one page may take to parse")


def check_text(text: str, origin: str, limit: int = MAX_TEXT_CHARS) -> None:
    """Refuse a text too long to clean and annotate as one article."""
    if len(text) > limit:
        raise TooLargeInput(origin, f"text of {len(text):,} characters, over the {limit:,} "
                            "that one article may have (is it a whole dump or a book? split it "
                            "into articles)")


class _Expired(BaseException):
    """Raised by the timer; a BaseException so that no ``except Exception`` in a stage can
    swallow it. :func:`deadline` turns it into :class:`TooSlowInput`."""


@contextmanager
def deadline(seconds: float | None, origin: str) -> Iterator[None]:
    """Raise :class:`TooSlowInput` when the block runs longer than ``seconds``.

    A no-op outside the main thread, without ``setitimer``, or when the caller has its own
    timer armed (it is never overridden).
    """
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer") or signal.getitimer(signal.ITIMER_REAL)[0]:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise TooSlowInput(origin, f"processing took longer than {seconds:g} s "
                           f"(stopped after {time.monotonic() - started:.0f} s), the limit for "
                           "one article") from None
    finally:
        signal.signal(signal.SIGALRM, previous)
