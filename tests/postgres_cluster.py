"""A throwaway PostgreSQL cluster on a Unix socket, for tests that need a real server.

Shared by the SQL DDL validator (tests/exporters) and the store and web API tests. On a
machine without PostgreSQL the tests skip with the reason; under
ARCHWRIGHT_REQUIRE_VALIDATORS=1 (CI) that skip is a failure (tests/conftest.py).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Cluster:
    socket_dir: Path
    port: int
    prefix: tuple[str, ...]
    """`runuser -u postgres --` when running as root (initdb refuses root), else empty."""

    def psql(self, psql: str) -> list[str]:
        return [
            *self.prefix,
            psql,
            "-h",
            str(self.socket_dir),
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
        ]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={self.port}"


def pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    matches = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return matches[-1] if matches else None


def _run(cmd: list[str], timeout: int = 120) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert result.returncode == 0, f"{' '.join(cmd[-5:])} failed:\n{output}"


@contextmanager
def postgres_cluster(port: int = 54329) -> Iterator[Cluster]:
    """Start a cluster in a fresh folder; stop it and remove the folder afterwards."""
    initdb, pg_ctl, psql = pg_bin("initdb"), pg_bin("pg_ctl"), pg_bin("psql")
    if not (initdb and pg_ctl and psql):
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl, psql) are not installed here")
    prefix: list[str] = []
    # Not under pytest's tmp_path: its parents are private to the current user.
    workdir = Path(tempfile.mkdtemp(prefix="archwright-pg-"))
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if not runuser:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        prefix = [runuser, "-u", "postgres", "--"]
        shutil.chown(workdir, "postgres", "postgres")
    data, sock = workdir / "data", workdir / "sock"
    _run([*prefix, "mkdir", str(sock)])
    _run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"])
    opts = f"-k {sock} -c listen_addresses='' -p {port} -F"
    log = str(workdir / "log")
    _run([*prefix, pg_ctl, "-D", str(data), "-o", opts, "-w", "-l", log, "start"])
    try:
        yield Cluster(sock, port, tuple(prefix))
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def postgres_server() -> Iterator[list[str]]:
    """The cluster as a psql command prefix (what the SQL DDL validator needs)."""
    psql = pg_bin("psql")
    with postgres_cluster() as cluster:
        assert psql is not None
        yield cluster.psql(psql)
