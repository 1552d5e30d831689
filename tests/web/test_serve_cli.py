"""`archwright serve` refuses an unsafe or broken configuration as one line, exit 2, and
otherwise serves the workbench."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ARCHWRIGHT = [sys.executable, "-m", "archwright"]


def _serve(
    *args: str, tmp_path: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ARCHWRIGHT, "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path), **(env or {})},
    )


def test_a_bad_trusted_proxy_in_the_environment_is_one_line_exit_2(tmp_path: Path) -> None:
    done = _serve(tmp_path=tmp_path, env={"ARCHWRIGHT_TRUSTED_PROXIES": "10.0.0.1,300.1.1.1"})
    assert done.returncode == 2 and "'300.1.1.1' is not an IP address" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "listening on 0.0.0.0 needs a token"),
        (["--host", "0.0.0.0", "--token", "short"], "shorter than 16"),
        (["--db", "mysql://u@h/db"], "unsupported database 'mysql'"),
        (["--port", "70000"], "--port"),
        (["--rate-limit", "0"], "--rate-limit"),
        (["--trusted-proxy", "nginx"], "trusted proxy 'nginx' is not an IP address"),
    ],
)
def test_bad_configurations_are_one_line_exit_2(
    args: list[str], message: str, tmp_path: Path
) -> None:
    done = _serve(*args, tmp_path=tmp_path, env={"ARCHWRIGHT_TOKEN": ""})
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in done.stderr


def test_serves_the_page_and_keeps_projects_in_the_data_folder(tmp_path: Path) -> None:
    with __import__("socket").socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [*ARCHWRIGHT, "serve", "--port", str(port), "--rate-limit", "5"],
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                page = httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not start")
        assert page.status_code == 200 and "archwright" in page.text
        # --rate-limit 5: bursts of one, then one request every 12 s per address.
        assert httpx.get(base + "/api/health", timeout=5).status_code == 429
        assert (tmp_path / "archwright" / "archwright.db").is_file()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
