"""Long work (a Monte Carlo availability sweep) streamed as server-sent events.

The work runs in a child process, so cancelling is real: when the client goes away
(closes the stream, or the page's Cancel aborts the request) the child is terminated,
which a thread could not be. One request carries the whole job, start to result, so
the server keeps no job table and any replica can serve it.

Events: `progress` (`{"elapsed_s": ...}` about twice a second), then exactly one of
`result` (the engine's JSON) or `error` (`{"error": message}`).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import threading
import time
from collections.abc import AsyncIterator
from multiprocessing.connection import Connection
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from archwright.web import parsing
from archwright.web.bodies import AvailabilityRequest

router = APIRouter(prefix="/api/jobs", tags=["long work"])

MAX_SECONDS = 600.0
TICK = 0.5
MAX_RUNNING = 2
_running = threading.BoundedSemaphore(MAX_RUNNING)


def _monte_carlo(body: dict[str, Any], out: Connection) -> None:
    """Child process: the same call as `archwright availability --monte-carlo`."""
    from archwright.archfile.jsonsafe import finite
    from archwright.simulate.availability import availability
    from archwright.simulate.load import default_rps

    try:
        arch = parsing.architecture(body["yaml"])
        load = body["rps"] or default_rps(arch)
        result = availability(
            arch, load, method="monte_carlo", samples=body["samples"], seed=body["seed"]
        )
        out.send(("result", json.dumps(finite(result))))
    except Exception as exc:  # reported to the client as an error event, never a trace
        out.send(("error", json.dumps({"error": f"{type(exc).__name__}: {exc}"[:300]})))
    finally:
        out.close()


def _event(name: str, data: str) -> bytes:
    return f"event: {name}\ndata: {data}\n\n".encode()


async def _stream(request: Request, body: dict[str, Any]) -> AsyncIterator[bytes]:
    if not _running.acquire(blocking=False):
        busy = f"{MAX_RUNNING} long jobs are already running here; retry later"
        yield _event("error", json.dumps({"error": busy}))
        return
    try:
        async for chunk in _supervise(request, body):
            yield chunk
    finally:
        _running.release()


async def _supervise(request: Request, body: dict[str, Any]) -> AsyncIterator[bytes]:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_monte_carlo, args=(body, sender), daemon=True)
    child.start()
    sender.close()
    started = time.monotonic()
    try:
        while True:
            if await request.is_disconnected():
                return
            if receiver.poll():
                name, data = receiver.recv()
                yield _event(name, data)
                return
            elapsed = time.monotonic() - started
            if not child.is_alive() and not receiver.poll():
                yield _event("error", json.dumps({"error": "the worker stopped unexpectedly"}))
                return
            if elapsed > MAX_SECONDS:
                yield _event("error", json.dumps({"error": f"stopped after {MAX_SECONDS:.0f} s"}))
                return
            yield _event("progress", json.dumps({"elapsed_s": round(elapsed, 1)}))
            await asyncio.sleep(TICK)
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)
        receiver.close()


@router.post("/availability", response_class=StreamingResponse)
def monte_carlo(body: AvailabilityRequest, request: Request) -> StreamingResponse:
    """Monte Carlo availability (with a 95% interval) as an event stream; close to cancel."""
    parsing.architecture(body.yaml)  # refuse a bad model as a 422 before streaming
    return StreamingResponse(
        _stream(request, body.model_dump()),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
