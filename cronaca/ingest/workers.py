"""Worker processes for ``cronaca ingest -j N``: they die with their parent, and one dying does
not end the ingest.

Why they die with their parent: the job runs from cron and is sometimes killed (a timeout, the
OOM killer, ``kill -9``). A killed parent cannot shut its pool down, and its workers — a few
hundred MB each, holding the parent's standard output open — would live on, reparented, until
they finished or forever. Each worker therefore asks the kernel to kill it when its parent dies
(Linux ``PR_SET_PDEATHSIG``); where that call does not exist, a thread polls the parent's pid.

Workers also ignore Ctrl-C: the terminal sends SIGINT to the whole process group, and only the
parent should handle it (it stops the pool and says how to resume), not every worker with a
traceback of its own.

Why a dead worker is survived: a worker killed by the system, or crashed in native code by one
input, breaks the whole ``ProcessPoolExecutor`` and every batch in flight with it.
:class:`Workers` starts a new pool, and :meth:`Workers.one_by_one` runs the documents of the
batches that were lost one at a time, so that only the document a worker dies on is skipped.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..types import Failure

log = logging.getLogger(__name__)

#: The stage a document is reported at when the worker processing it died.
WORKER_STAGE = "cronaca.worker"
WORKER_DIED = ("the worker process handling it died (killed by the system, or a crash in native "
               "code on this input); skipped")

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.5


def bind_to_parent(parent_pid: int) -> None:
    """Process-pool initializer: end this worker when the process ``parent_pid`` ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _death_signal():
        threading.Thread(target=_watch, args=(parent_pid,), daemon=True,
                         name="cronaca-parent-watch").start()
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)


def _death_signal() -> bool:
    """Ask Linux to send SIGKILL to this process when its parent dies; False elsewhere."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_POLL_SECONDS)
    log.debug("parent %d is gone: worker %d exits", parent_pid, os.getpid())
    os._exit(1)


class Workers:
    """A process pool of ``jobs`` workers bound to this process, replaced when one dies."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, initializer=bind_to_parent,
                                   initargs=(os.getpid(),))

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        try:
            return self.pool.submit(fn, *args)
        except BrokenProcessPool:
            self.renew(self.pool)
            return self.pool.submit(fn, *args)

    def renew(self, broken: ProcessPoolExecutor) -> None:
        """Start a new pool in place of ``broken`` (once, however many futures report it)."""
        if broken is self.pool:
            log.warning("a worker process died: starting new workers")
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()

    def one_by_one(self, fn: Callable[[Sequence[Any], Any], Any], items: Sequence[Any], options: Any,
                   empty: Callable[[], Any], origin: Callable[[Any], str]) -> Any:
        """``fn`` over each item alone (the batch a dead worker lost), merged into one result;
        an item whose worker dies again becomes a failure of its own."""
        merged = empty()
        for item in items:
            pool = self.pool
            try:
                part = self.submit(fn, [item], options).result()
            except BrokenProcessPool:
                self.renew(pool)
                part = empty()
                part.failures.append(Failure(origin(item), WORKER_DIED, WORKER_STAGE))
            merged.documents.extend(part.documents)
            merged.failures.extend(part.failures)
        return merged

    def shutdown(self, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=not wait)
