"""A server killed mid-job (a real process, SIGKILL: no clean-up runs) leaves its job
`running` in the store; once the heartbeat is older than the lease, another replica
reports it lost, as a state and as an error event, instead of running forever."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from web_client import THREE_TIER, live_server

LEASE = 2.0


@contextmanager
def _server_process(db_url: str, folder: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = subprocess.Popen(
        [sys.executable, "-m", "archwright", "serve", "--port", str(port), "--db", db_url],
        env={**os.environ, "XDG_DATA_HOME": str(folder)},
        start_new_session=True,  # its own process group: the job's worker dies with it
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield proc, base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)


def _events(lines: Iterator[str]) -> Iterator[tuple[str, dict[str, object]]]:
    name = ""
    for line in lines:
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield name, json.loads(line.removeprefix("data: "))


def _start_and_kill(db_url: str, folder: Path) -> str:
    """Start a million-request DES on a server process, see it run, then SIGKILL the
    server and its worker together (the stream is still open: nothing cancels it)."""
    with _server_process(db_url, folder) as (proc, base), httpx.Client(base_url=base) as client:
        client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf"]
        body = {"yaml": THREE_TIER, "requests": 1_000_000}
        with client.stream("POST", "/api/jobs/des", json=body, timeout=60) as stream:
            events = _events(stream.iter_lines())
            name, data = next(events)
            assert name == "started"
            assert next(events)[0] == "progress"
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)
    return str(data["job"])


def test_a_job_whose_server_was_killed_is_reported_lost_by_another(
    db_url: str, tmp_path: Path
) -> None:
    job = _start_and_kill(db_url, tmp_path)
    with live_server(db_url, job_lease_s=LEASE) as other:
        # Followed from the other replica: the stream ends with an error event, once the
        # lease has run out, with no help from the dead server.
        with other.stream("GET", f"/api/jobs/{job}/events") as stream:
            seen = list(_events(stream.iter_lines()))
        assert seen[-1][0] == "error", seen
        assert "stopped responding" in str(seen[-1][1]["error"])
        assert {name for name, _ in seen[:-1]} <= {"progress"}
        status = other.get(f"/api/jobs/{job}").json()
    assert status["state"] == "lost" and status["finished"]
    assert "stopped responding" in status["error"] and "run it again" in status["error"]
    assert 0.0 <= status["progress"] < 1.0


def test_a_live_job_is_not_taken_for_lost(db_url: str) -> None:
    """The streaming replica beats every tick, so a job running longer than the lease
    stays `running` for a replica with that lease."""
    with live_server(db_url) as runner, live_server(db_url, job_lease_s=LEASE) as other:
        body = {"yaml": THREE_TIER, "requests": 1_000_000}
        with runner.stream("POST", "/api/jobs/des", json=body) as stream:
            events = _events(stream.iter_lines())
            job = str(next(events)[1]["job"])
            deadline = time.monotonic() + 2 * LEASE + 1
            while time.monotonic() < deadline:
                assert next(events)[0] == "progress"
                assert other.get(f"/api/jobs/{job}").json()["state"] == "running"
            other.delete(f"/api/jobs/{job}")
            assert list(events)[-1][0] == "cancelled"


def test_following_an_unknown_job_is_a_404(db_url: str) -> None:
    with live_server(db_url) as client:
        answer = client.get("/api/jobs/" + "0" * 32 + "/events")
        assert answer.status_code == 404 and "no job" in answer.json()["error"]
        assert client.get("/api/jobs/xyz/events").status_code == 422
