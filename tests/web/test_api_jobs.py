"""Long jobs (a discrete-event simulation, a Monte Carlo sweep) stream progress as
server-sent events on a real server, end with the engine's result, and stop when
cancelled (a DELETE from anyone, or the client leaving); the job then reports it."""

from __future__ import annotations

import json
import multiprocessing
import time
from collections.abc import Iterator

import httpx
import pytest
from web_client import THREE_TIER, Api, live_server, refused

from archwright.archfile import parse_architecture
from archwright.simulate import DesConfig, build, run
from archwright.simulate.availability import availability
from archwright.simulate.load import default_rps

ARCH = parse_architecture(THREE_TIER)


@pytest.fixture
def live(db_url: str) -> Iterator[httpx.Client]:
    with live_server(db_url) as client:
        yield client


def _events(lines: Iterator[str]) -> Iterator[tuple[str, dict[str, object]]]:
    name = ""
    for line in lines:
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield name, json.loads(line.removeprefix("data: "))


def _all(live: httpx.Client, url: str, body: dict[str, object]) -> list[tuple[str, dict]]:
    with live.stream("POST", url, json=body) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        return list(_events(stream.iter_lines()))


def _fractions_climb_to_one(events: list[tuple[str, dict]]) -> None:
    """The engine's fraction done never goes back and is 1.0 just before the result, with
    an estimate of the time left while it is between."""
    reports = [data for name, data in events if name == "progress"]
    fractions = [float(data["fraction"]) for data in reports]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0, fractions
    assert all(0.0 <= f <= 1.0 for f in fractions)
    for data in reports:
        if 0 < float(data["fraction"]) < 1:
            assert float(data["eta_s"]) >= 0
    assert events[-2][0] == "progress" and events[-1][0] == "result"


def _no_children() -> bool:
    for _ in range(100):
        if not multiprocessing.active_children():
            return True
        time.sleep(0.1)
    return False


def test_monte_carlo_streams_progress_then_the_engine_result(live: httpx.Client) -> None:
    events = _all(
        live, "/api/jobs/availability", {"yaml": THREE_TIER, "samples": 20_000, "seed": 7}
    )
    assert events[0][0] == "started" and events[-1][0] == "result"
    assert {name for name, _ in events[1:-1]} <= {"progress"}
    _fractions_climb_to_one(events)
    expected = availability(ARCH, default_rps(ARCH), method="monte_carlo", samples=20_000, seed=7)
    assert events[-1][1] == json.loads(json.dumps(expected))
    job = live.get(f"/api/jobs/{events[0][1]['job']}").json()
    assert job["state"] == "done" and job["kind"] == "availability" and job["finished"]
    assert job["progress"] == 1.0 and job["error"] is None


def test_des_streams_progress_then_the_simulators_measurements(live: httpx.Client) -> None:
    body = {"yaml": THREE_TIER, "requests": 60_000, "rps": 500, "seed": 3}
    events = _all(live, "/api/jobs/des", body)
    names = [name for name, _ in events]
    assert names[0] == "started" and names[-1] == "result" and "progress" in names
    times = [float(str(data["elapsed_s"])) for name, data in events if name == "progress"]
    assert times == sorted(times)
    _fractions_climb_to_one(events)
    result = events[-1][1]
    stats = run(build(ARCH), 500.0, DesConfig(requests=60_000, seed=3))
    assert result["completed"] == stats.completed > 0
    components = result["components"]
    assert isinstance(components, dict) and set(components) == set(stats.utilization)
    assert components["db"]["utilization"] == pytest.approx(stats.utilization["db"])
    p99 = stats.summary(stats.end_to_end["browser"])["p99"]
    assert result["end_to_end_ms"]["browser"]["p99"] == pytest.approx(p99)  # type: ignore[index]


def test_cancelling_stops_a_million_request_des_and_the_job_reports_it(
    live: httpx.Client, db_url: str
) -> None:
    body = {"yaml": THREE_TIER, "requests": 1_000_000}
    with live.stream("POST", "/api/jobs/des", json=body) as stream:
        events = _events(stream.iter_lines())
        name, data = next(events)
        assert name == "started"
        job = str(data["job"])
        name, data = next(events)
        assert name == "progress" and float(str(data["fraction"])) < 1.0
        # Another replica on the same database takes the cancel request.
        with live_server(db_url) as other:
            answer = other.delete(f"/api/jobs/{job}")
        assert answer.status_code == 202 and answer.json()["cancel_requested"] is True
        rest = list(events)
    # No wall clock here (load decides it): the stream ends on `cancelled`, with only
    # progress before it, and the work stopped part way, not at its end.
    assert rest[-1] == ("cancelled", {"job": job})
    assert {name for name, _ in rest[:-1]} <= {"progress"}
    fractions = [float(str(data["fraction"])) for name, data in rest if name == "progress"]
    assert all(f < 1.0 for f in fractions), "the million requests were not run to the end"
    assert _no_children(), "the worker process was terminated"
    status = live.get(f"/api/jobs/{job}").json()
    assert status["state"] == "cancelled" and status["progress"] < 1.0


def test_closing_the_stream_cancels_the_work(live: httpx.Client) -> None:
    body = {"yaml": THREE_TIER, "samples": 2_000_000}
    with live.stream("POST", "/api/jobs/availability", json=body) as stream:
        events = _events(stream.iter_lines())
        job = str(next(events)[1]["job"])
        assert next(events)[0] == "progress"
    assert _no_children()
    for _ in range(50):
        if live.get(f"/api/jobs/{job}").json()["state"] != "running":
            break
        time.sleep(0.1)
    assert live.get(f"/api/jobs/{job}").json()["state"] == "cancelled"


def test_a_finished_job_stays_finished_when_cancelled(live: httpx.Client) -> None:
    events = _all(live, "/api/jobs/des", {"yaml": THREE_TIER, "requests": 2_000})
    job = str(events[0][1]["job"])
    stamps = {"created": 0, "finished": 0, "heartbeat": 0}
    assert live.delete(f"/api/jobs/{job}").json() | stamps == {
        "id": job,
        "kind": "des",
        "state": "done",
        "cancel_requested": False,
        "progress": 1.0,
        "error": None,
        **stamps,
    }


def test_bad_job_requests_are_refused(sqlite_api: Api) -> None:
    refused(sqlite_api.post("/api/jobs/availability", {"yaml": "name: ["}), 422)
    refused(sqlite_api.post("/api/jobs/des", {"yaml": "name: ["}), 422)
    refused(sqlite_api.post("/api/jobs/des", {"yaml": THREE_TIER, "requests": 10**9}), 422)
    refused(sqlite_api.post("/api/jobs/des", {"yaml": THREE_TIER, "service": "gauss"}), 422)
    refused(sqlite_api.get("/api/jobs/not-an-id"), 422)
    refused(sqlite_api.get("/api/jobs/" + "0" * 32), 404)
    refused(sqlite_api.delete("/api/jobs/" + "0" * 32), 404)
