"""A throwaway PostgreSQL server for the tests and the benchmarks: real, local, gone afterwards.

Why not a mock or a shared server: the PostgreSQL store must be tested on what it will meet (the
planner, the Italian stemmer, transactions), and a test run must not depend on, or disturb, a
server someone else runs. So the server binaries installed from Debian's ``postgresql`` package
(``scripts/install-postgresql.sh``, run by ``make test``) are started here: ``initdb`` into a
temporary folder, ``pg_ctl start`` on a free port of 127.0.0.1, trust authentication for the
local superuser ``cronaca``, then ``pg_ctl stop`` and the folder removed at the end.

PostgreSQL refuses to run as root; when the tests run as root (CI does) the server runs as the
unprivileged ``nobody`` through ``runuser``, owning only its temporary folder.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "cronaca"  # the server's superuser (not an OS account)
RUN_AS_ROOT = "nobody"  # the OS account the server runs as when we are root

#: Settings for a server whose data is thrown away: durability off, room for the web's threads.
TEST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                 "max_connections": "300", "shared_buffers": "64MB"}


class Unavailable(RuntimeError):
    """No PostgreSQL server can be started here (the message says why and what to do)."""


def find_bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: on the PATH, or Debian's newest version."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running throwaway server; :meth:`new_database` hands each test an empty database."""

    def __init__(self, root: Path, bindir: Path, port: int, run_as: str | None, keep: bool = False) -> None:
        self.root, self.bindir, self.port, self.run_as, self.keep = root, bindir, port, run_as, keep
        self.data = root / "data"
        self._names = itertools.count(1)

    def url(self, database: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "t", *, name: str | None = None) -> str:
        """Create an empty database and return its URL (``name``: kept as it is when it exists)."""
        import psycopg

        if name is not None:
            with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
                if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                    conn.execute(f'CREATE DATABASE "{name}"')
            return self.url(name)
        name = f"{prefix}{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=False)

    def start(self, settings: dict[str, str]) -> None:
        opts = " ".join([f"-p {self.port}", "-h 127.0.0.1", f"-k {self.root}",
                         *(f"-c {k}={v}" for k, v in settings.items())])
        done = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                         "-w", "-t", "60", "-o", opts, "start")
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace")[-800:] \
                if (self.root / "server.log").exists() else ""
            raise Unavailable(f"pg_ctl start failed: {done.stderr.strip() or done.stdout.strip()} {log}")

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast" if self.keep else "immediate", "-w", "stop")
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)


def start(settings: dict[str, str] | None = None, *, root: Path | None = None,
          keep: Path | None = None) -> Server:
    """Initialise and start a server (``root``: where its temporary folder goes). ``keep``: a
    folder of its own, kept after the server stops and started again by the next call."""
    bindir = find_bindir()
    if bindir is None:
        raise Unavailable("PostgreSQL is not installed (no initdb on the PATH nor under "
                          "/usr/lib/postgresql): run `bash scripts/install-postgresql.sh` "
                          "(or `apt-get install postgresql`)")
    run_as = None
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            raise Unavailable("running as root without `runuser` to start PostgreSQL as another user")
        run_as = RUN_AS_ROOT
    if keep is not None:
        root = keep.resolve()
        root.mkdir(parents=True, exist_ok=True)
    else:
        root = Path(tempfile.mkdtemp(prefix="cronaca-pg-", dir=root))
    if run_as:
        shutil.chown(root, user=run_as)
    server = Server(root, bindir, free_port(), run_as, keep=keep is not None)
    if not (server.data / "PG_VERSION").exists():
        done = server._run("initdb", "-D", str(server.data), "-U", USER, "--auth=trust",
                           "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        if done.returncode != 0:
            server.stop()
            raise Unavailable(f"initdb failed: {done.stderr.strip()[-800:]}")
    for attempt in range(3):  # another process may take the free port before the server does
        try:
            server.start(settings if settings is not None else TEST_SETTINGS)
            break
        except Unavailable:
            if attempt == 2:
                server.stop()
                raise
            server.port = free_port()
    atexit.register(server.stop)
    return server
