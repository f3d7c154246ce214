"""What the crash and concurrency tests run in a child process, to kill it or to run it twice.

``python crash_runner.py ingest DB BATCH JOBS PATH...`` and ``python crash_runner.py link DB
CHUNK``: the library calls behind ``cronaca ingest`` and ``cronaca link``, with a small batch or
chunk so that a run commits many times and a kill can land between any two commits. The runner
prints ``start`` when the work begins and ``step N`` after each committed batch or chunk, so a
test can kill it at a chosen point of its progress.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cronaca.ingest.run import ingest
from cronaca.link.incremental import link
from cronaca.store.sqlite import SQLiteStore

#: Articles per committed ingest batch and per link chunk in the tests' runs.
BATCH, CHUNK = 4, 4
RUNNER = str(Path(__file__).resolve())


def start(*args: str) -> subprocess.Popen:
    """This runner in a child process (``ingest DB BATCH JOBS PATH...`` or ``link DB CHUNK``)."""
    return subprocess.Popen([sys.executable, RUNNER, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(*args: str) -> str:
    """This runner in a child process, to the end; its output (fails the test on an error)."""
    done = subprocess.run([sys.executable, RUNNER, *args], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    return done.stdout


def main(argv: list[str]) -> int:
    command, db = argv[0], argv[1]
    steps = [0]

    def step(_: object) -> None:
        steps[0] += 1
        print(f"step {steps[0]}", flush=True)

    with SQLiteStore(db) as store:
        print("start", flush=True)
        if command == "ingest":
            batch, jobs, paths = int(argv[2]), int(argv[3]), argv[4:]
            report = ingest(paths, store, batch_size=batch, jobs=jobs, progress=step)
            print(f"stored {report.stored} skipped {len(report.skipped)}")
            return 0 if report.ok else 1
        if command == "link":
            summary = link(store, chunk=int(argv[2]), progress=step)
            print(f"linked {summary.linked}")
            return 0
    raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
