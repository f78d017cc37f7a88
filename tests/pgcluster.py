"""A private PostgreSQL server for the test run: initdb into a temporary folder, listen on
a unix socket only, stopped and removed at exit. Used when KNOTWORK_TEST_DB=postgres
(``make test`` runs the suite once on SQLite and once on this)."""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

USER = "knotwork"


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    # Debian keeps the server's programs out of PATH
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not versions:
        raise RuntimeError(
            f"PostgreSQL's {name} was not found: install PostgreSQL (Debian: "
            "apt-get install postgresql), or run the tests on SQLite alone"
        )
    return versions[-1]


def _as_owner(cmd: list[str]) -> list[str]:
    # the server refuses to run as root: run it as the postgres account the package made
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def start() -> str:
    """Start the server; return its KNOTWORK_DATABASE_URL."""
    base = Path(tempfile.mkdtemp(prefix="knotwork-pg-"))
    data, log = base / "data", base / "server.log"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    subprocess.run(
        _as_owner(
            [
                _binary("initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-k {base} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    subprocess.run(
        _as_owner(
            [_binary("pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )

    def stop() -> None:
        subprocess.run(
            _as_owner([_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql://{USER}@/postgres?host={base}"
