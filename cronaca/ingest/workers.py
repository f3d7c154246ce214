"""Worker processes that die with their parent.

Why: ``cronaca ingest -j N`` runs from cron and is sometimes killed (a timeout, the OOM killer,
``kill -9``). A killed parent cannot shut its pool down, and its workers — a few hundred MB each,
holding the parent's standard output open — would live on, reparented, until they finished or
forever. Each worker therefore asks the kernel to kill it when its parent dies (Linux
``PR_SET_PDEATHSIG``); where that call does not exist, a thread polls the parent's pid.

Workers also ignore Ctrl-C: the terminal sends SIGINT to the whole process group, and only the
parent should handle it (it stops the pool and says how to resume), not every worker with a
traceback of its own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import threading
import time

log = logging.getLogger(__name__)

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
