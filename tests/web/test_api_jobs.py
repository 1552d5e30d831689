"""Monte Carlo availability streams progress as server-sent events, ends with the
engine's result, and a client that goes away stops the work."""

from __future__ import annotations

import json

from web_client import THREE_TIER, Api, refused

from archwright.archfile import parse_architecture
from archwright.simulate.availability import availability
from archwright.simulate.load import default_rps


def _events(text: str) -> list[tuple[str, object]]:
    out = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((fields["event"], json.loads(fields["data"])))
    return out


def test_monte_carlo_streams_progress_then_the_engine_result(sqlite_api: Api) -> None:
    body = {"yaml": THREE_TIER, "samples": 20_000, "seed": 7}
    response = sqlite_api.post("/api/jobs/availability", body)
    assert response.headers["content-type"].startswith("text/event-stream")
    events = _events(response.text)
    assert events[-1][0] == "result"
    assert {name for name, _ in events[:-1]} <= {"progress"}
    arch = parse_architecture(THREE_TIER)
    expected = availability(arch, default_rps(arch), method="monte_carlo", samples=20_000, seed=7)
    assert events[-1][1] == json.loads(json.dumps(expected))


def test_a_bad_model_is_refused_before_the_stream(sqlite_api: Api) -> None:
    refused(sqlite_api.post("/api/jobs/availability", {"yaml": "name: ["}), 422)


def test_closing_the_stream_cancels_the_work(sqlite_api: Api) -> None:
    """The client reads one progress event and leaves; the child process is stopped."""
    import multiprocessing

    body = {"yaml": THREE_TIER, "samples": 2_000_000}
    with sqlite_api.client.stream(
        "POST", "/api/jobs/availability", json=body, headers=sqlite_api.headers
    ) as stream:
        first = next(stream.iter_lines())
        assert first == "event: progress"
    for _ in range(50):
        if not multiprocessing.active_children():
            break
        import time

        time.sleep(0.1)
    assert multiprocessing.active_children() == []
