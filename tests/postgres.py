"""A throwaway PostgreSQL server for the test run: the store's tests run on it as well as on SQLite.

Started once per test run from Debian's `postgresql` package (`make system-deps` installs it when
the run is root), in a temporary folder on a free port of 127.0.0.1, with durability off (a
test database needs no fsync); stopped and removed at the end. Each test gets a new database.

A machine without PostgreSQL fails these tests with the reason, so CI cannot pass without
them; TRYGGHETSMAL_TEST_POSTGRESQL=skip skips them instead, for a developer who knows.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

OPT_OUT = "TRYGGHETSMAL_TEST_POSTGRESQL"
USER = "trygghetsmal"
# initdb and postgres refuse to run as root; as root the server runs as one of these.
SERVER_ACCOUNTS = ("postgres", "nobody")


class Unavailable(Exception):
    """PostgreSQL cannot be started here; the message says why and what to do."""


def binaries() -> Path:
    """The folder with initdb and pg_ctl: Debian keeps them out of PATH, per major version."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise Unavailable(
        "PostgreSQL-servern (initdb, pg_ctl) finns inte: kör `make system-deps` som root "
        f"(installerar Debians postgresql), eller sätt {OPT_OUT}=skip för att hoppa över "
        "PostgreSQL-testerna."
    )


class Server:
    """One running cluster; `database()` makes a new empty database and returns its URL."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="trygghetsmal-postgresql-"))
        self.data = self.folder / "data"
        self.account = _server_account()
        if self.account is not None:
            os.chown(self.folder, self.account.pw_uid, self.account.pw_gid)
        self.port = free_port()
        self._numbers = itertools.count(1)
        try:
            self._run(
                "initdb", "-D", self.data, "-U", USER, "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-sync",
            )  # fmt: skip
            options = (
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=200"
            )
            self._run("pg_ctl", "-D", self.data, "-l", self.folder / "log", "-o", options, "-w",
                      "-t", "60", "start")  # fmt: skip
        except Unavailable:
            self.stop()
            raise

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}"

    def database(self) -> str:
        name = f"test_{next(self._numbers)}"
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"{self.url}/{name}"

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str | Path) -> None:
        command = [str(self.bin / program), *map(str, args)]
        if self.account is not None:
            command = ["runuser", "-u", self.account.pw_name, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")
        if done.returncode != 0:
            log = self.folder / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise Unavailable(
                f"{program} misslyckades ({done.returncode}): {done.stderr.strip()}\n{tail}"
            )


def _server_account() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in SERVER_ACCOUNTS:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise Unavailable(
        "testerna körs som root, och det finns inget konto (postgres, nobody) att köra "
        "PostgreSQL som"
    )


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
