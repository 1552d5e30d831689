"""Long work (a discrete-event simulation, a Monte Carlo availability sweep) streamed as
server-sent events, and cancellable.

The work runs in a child process, so cancelling is real: the child is terminated, which
a thread could not be. A job is a row in the store (state and a cancel flag), so a
cancel request or a status query can reach any replica; the replica streaming the job
polls the flag. Closing the stream cancels too.

Events: `started` (`{"job": id}`), `progress` (`{"elapsed_s": ...}` about twice a
second), then exactly one of `result` (the engine's JSON), `error` (`{"error": message}`)
or `cancelled` (`{"job": id}`).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import threading
import time
from collections.abc import AsyncIterator, Callable
from multiprocessing.connection import Connection
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, StreamingResponse

from archwright.store import JobState, Store
from archwright.web import parsing
from archwright.web.bodies import AvailabilityRequest, DesRequest
from archwright.web.replies import job_json, json_reply

router = APIRouter(prefix="/api/jobs", tags=["long work"])

MAX_SECONDS = 600.0
TICK = 0.5
MAX_RUNNING = 2
_running = threading.BoundedSemaphore(MAX_RUNNING)
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="The job's id (32 hex digits).")]


def _monte_carlo(body: dict[str, Any]) -> dict[str, Any]:
    """The same call as `archwright availability --monte-carlo`."""
    from archwright.simulate.availability import availability
    from archwright.simulate.load import default_rps

    arch = parsing.architecture(body["yaml"])
    load = body["rps"] or default_rps(arch)
    return availability(
        arch, load, method="monte_carlo", samples=body["samples"], seed=body["seed"]
    )


def _des(body: dict[str, Any]) -> dict[str, Any]:
    """The discrete-event reference simulator over the network `simulate` analyses."""
    from archwright.simulate import DesConfig, build, default_rps, run

    arch = parsing.architecture(body["yaml"])
    load = body["rps"] or default_rps(arch)
    config = DesConfig(
        requests=body["requests"],
        seed=body["seed"],
        service=body["service"],
        arrivals=body["arrivals"],
    )
    stats = run(build(arch), load, config)
    return {
        "rps": load,
        "requests": config.requests,
        "completed": stats.completed,
        "failed": stats.failed,
        "timeouts": stats.timeouts,
        "components": {
            cid: {
                "utilization": stats.utilization[cid],
                "wait_ms": stats.wait[cid],
                "sojourn_ms": stats.summary(stats.sojourn[cid]),
            }
            for cid in stats.utilization
        },
        "end_to_end_ms": {cid: stats.summary(v) for cid, v in stats.end_to_end.items()},
    }


_WORK: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "availability": _monte_carlo,
    "des": _des,
}


def _child(kind: str, body: dict[str, Any], out: Connection) -> None:
    """Child process: run the work and send one (event, JSON text) back."""
    from archwright.archfile.jsonsafe import finite

    try:
        out.send(("result", json.dumps(finite(_WORK[kind](body)))))
    except Exception as exc:  # reported to the client as an error event, never a trace
        out.send(("error", json.dumps({"error": f"{type(exc).__name__}: {exc}"[:300]})))
    finally:
        out.close()


def _event(name: str, data: object) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()


async def _stream(request: Request, kind: str, body: dict[str, Any]) -> AsyncIterator[bytes]:
    if not _running.acquire(blocking=False):
        yield _event("error", {"error": f"{MAX_RUNNING} long jobs are already running here"})
        return
    store: Store = request.app.state.store
    try:
        job = await asyncio.to_thread(store.start_job, kind)
        yield _event("started", {"job": job.id})
        ended = JobState.CANCELLED  # unless the work says otherwise (a client that left)
        try:
            async for name, data in _supervise(request, store, job.id, kind, body):
                ended = {"result": JobState.DONE, "error": JobState.FAILED}.get(name, ended)
                yield _event(name, data)
        finally:
            # A client that left cancels this task; the record of the end must still land.
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(store.finish_job, job.id, ended)
    finally:
        _running.release()


async def _supervise(
    request: Request, store: Store, job_id: str, kind: str, body: dict[str, Any]
) -> AsyncIterator[tuple[str, object]]:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(kind, body, sender), daemon=True)
    child.start()
    sender.close()
    started = time.monotonic()
    try:
        while True:
            if await request.is_disconnected():
                return
            if receiver.poll():
                name, data = receiver.recv()
                yield name, json.loads(data)
                return
            if (await asyncio.to_thread(store.job, job_id)).cancel_requested:
                yield "cancelled", {"job": job_id}
                return
            elapsed = time.monotonic() - started
            if not child.is_alive() and not receiver.poll():
                yield "error", {"error": "the worker stopped unexpectedly"}
                return
            if elapsed > MAX_SECONDS:
                yield "error", {"error": f"stopped after {MAX_SECONDS:.0f} s"}
                return
            yield "progress", {"elapsed_s": round(elapsed, 1)}
            await asyncio.sleep(TICK)
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)
        receiver.close()


def _streamed(request: Request, kind: str, body: dict[str, Any]) -> StreamingResponse:
    parsing.architecture(body["yaml"])  # refuse a bad model as a 422 before streaming
    return StreamingResponse(
        _stream(request, kind, body),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.post("/availability", response_class=StreamingResponse)
def monte_carlo(body: AvailabilityRequest, request: Request) -> StreamingResponse:
    """Monte Carlo availability (with a 95% interval) as an event stream."""
    return _streamed(request, "availability", body.model_dump())


@router.post("/des", response_class=StreamingResponse)
def des(body: DesRequest, request: Request) -> StreamingResponse:
    """The discrete-event simulation (up to 2M requests) as an event stream: measured
    utilisation, waits and latency percentiles per component and per entry point."""
    return _streamed(request, "des", body.model_dump())


@router.get("/{job_id}")
def status(job_id: JobId, request: Request) -> JSONResponse:
    """A job's state: running, done, failed or cancelled (from any replica)."""
    store: Store = request.app.state.store
    return json_reply(job_json(store.job(job_id)))


@router.delete("/{job_id}", status_code=202)
def cancel(job_id: JobId, request: Request) -> JSONResponse:
    """Cancel a running job: its stream ends with a `cancelled` event within a second."""
    store: Store = request.app.state.store
    return json_reply(job_json(store.cancel_job(job_id)), status=202)
