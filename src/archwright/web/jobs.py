"""Long work (a discrete-event simulation, a Monte Carlo availability sweep) streamed as
server-sent events, and cancellable.

The work runs in a child process, so cancelling is real: the child is terminated, which
a thread could not be. A job is a row in the store (state and a cancel flag), so a
cancel request or a status query can reach any replica; the replica streaming the job
polls the flag. Closing the stream cancels too.

Events: `started` (`{"job": id}`), `progress` (`{"elapsed_s", "fraction", "eta_s"}`
about twice a second: the engine's own fraction done, through its `Progress` callback,
and the time left at the rate so far), then exactly one of `result` (the engine's JSON),
`error` (`{"error": message}`) or `cancelled` (`{"job": id}`).

Each tick the streaming replica beats (store heartbeat plus fraction, one statement that
also reads the cancel flag). A job whose heartbeat is older than the lease
(`Settings.job_lease_s`) lost its replica: whoever asks, on any replica, hears `lost`
(`GET /api/jobs/{id}`, or an `error` event on `GET /api/jobs/{id}/events`).
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

from archwright.simulate.progress import Progress
from archwright.store import Job, JobState, Store
from archwright.web import parsing
from archwright.web.bodies import AvailabilityRequest, DesRequest
from archwright.web.replies import job_json, json_reply
from archwright.web.settings import Settings

router = APIRouter(prefix="/api/jobs", tags=["long work"])

MAX_SECONDS = 600.0
TICK = 0.5
MAX_RUNNING = 2
_running = threading.BoundedSemaphore(MAX_RUNNING)
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="The job's id (32 hex digits).")]


def _monte_carlo(body: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The same call as `archwright availability --monte-carlo`."""
    from archwright.simulate.availability import availability
    from archwright.simulate.load import default_rps

    arch = parsing.architecture(body["yaml"])
    load = body["rps"] or default_rps(arch)
    return availability(
        arch,
        load,
        method="monte_carlo",
        samples=body["samples"],
        seed=body["seed"],
        progress=progress,
    )


def _des(body: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The discrete-event reference simulator over the network `simulate` analyses."""
    from archwright.simulate import DesConfig, build, default_rps, run
    from archwright.simulate.des import measurements

    arch = parsing.architecture(body["yaml"])
    load = body["rps"] or default_rps(arch)
    config = DesConfig(
        requests=body["requests"],
        seed=body["seed"],
        service=body["service"],
        arrivals=body["arrivals"],
    )
    stats = run(build(arch), load, config, progress)
    return measurements(stats, load, config.requests)


_WORK: dict[str, Callable[[dict[str, Any], Progress], dict[str, Any]]] = {
    "availability": _monte_carlo,
    "des": _des,
}


def _child(kind: str, body: dict[str, Any], out: Connection) -> None:
    """Child process: run the work and send one (event, JSON text) back."""
    from archwright.archfile.jsonsafe import finite

    def progress(fraction: float, /) -> None:
        out.send(("progress", fraction))

    try:
        out.send(("result", json.dumps(finite(_WORK[kind](body, progress)))))
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


def _progress(elapsed: float, fraction: float) -> dict[str, object]:
    """Elapsed time, fraction done and the time left if the rest goes as fast."""
    eta = elapsed * (1.0 - fraction) / fraction if fraction > 0 else None
    return {
        "elapsed_s": round(elapsed, 1),
        "fraction": round(fraction, 4),
        "eta_s": round(eta, 1) if eta is not None else None,
    }


def _drain(receiver: Connection, fraction: float) -> tuple[float, tuple[str, object] | None]:
    """Everything the worker sent since the last tick: its newest fraction, and its final
    event if it has finished (progress reports always come before it)."""
    while receiver.poll():
        name, data = receiver.recv()
        if name == "progress":
            fraction = max(fraction, float(data))
        else:
            return fraction, (name, json.loads(data))
    return fraction, None


async def _supervise(
    request: Request, store: Store, job_id: str, kind: str, body: dict[str, Any]
) -> AsyncIterator[tuple[str, object]]:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(kind, body, sender), daemon=True)
    child.start()
    sender.close()
    started = time.monotonic()
    fraction = 0.0
    try:
        while True:
            if await request.is_disconnected():
                return
            fraction, final = _drain(receiver, fraction)
            elapsed = time.monotonic() - started
            if final is not None:
                yield "progress", _progress(elapsed, fraction)
                yield final
                return
            job = await asyncio.to_thread(store.beat_job, job_id, fraction)
            if job.state is not JobState.RUNNING:  # another replica gave up on it: lost
                yield "error", {"error": job.problem or f"the job is {job.state.value}"}
                return
            if job.cancel_requested:
                yield "cancelled", {"job": job_id}
                return
            if not child.is_alive() and not receiver.poll():
                yield "error", {"error": "the worker stopped unexpectedly"}
                return
            if elapsed > MAX_SECONDS:
                yield "error", {"error": f"stopped after {MAX_SECONDS:.0f} s"}
                return
            yield "progress", _progress(elapsed, fraction)
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


def _checked(request: Request, job_id: str) -> Job:
    """The job as any replica sees it: `lost` once its heartbeat is older than the lease."""
    store: Store = request.app.state.store
    settings: Settings = request.app.state.settings
    return store.job(job_id, settings.job_lease_s)


@router.get("/{job_id}")
def status(job_id: JobId, request: Request) -> JSONResponse:
    """A job's state (running, done, failed, cancelled or lost) and fraction done, from
    any replica; a lost job carries an `error` saying what happened."""
    return json_reply(job_json(_checked(request, job_id)))


@router.delete("/{job_id}", status_code=202)
def cancel(job_id: JobId, request: Request) -> JSONResponse:
    """Cancel a running job: its stream ends with a `cancelled` event within a second."""
    _checked(request, job_id)
    store: Store = request.app.state.store
    return json_reply(job_json(store.cancel_job(job_id)), status=202)


async def _follow(request: Request, job_id: str) -> AsyncIterator[bytes]:
    """A job streamed elsewhere, as this replica can see it in the store: its fraction
    done, then how it ended (the result itself went to the client that started it)."""
    last: float | None = None
    deadline = time.monotonic() + MAX_SECONDS + request.app.state.settings.job_lease_s
    while time.monotonic() < deadline and not await request.is_disconnected():
        job = await asyncio.to_thread(_checked, request, job_id)
        if job.state is JobState.LOST:
            yield _event("error", {"error": job.problem, "job": job_id})
            return
        if job.state is not JobState.RUNNING:
            yield _event("ended", job_json(job))
            return
        if job.progress is not None and job.progress != last:
            last = job.progress
            yield _event("progress", {"fraction": round(job.progress, 4)})
        await asyncio.sleep(TICK)
    yield _event("error", {"error": "stopped following after the longest a job may run"})


@router.get("/{job_id}/events", response_class=StreamingResponse)
def follow(job_id: JobId, request: Request) -> StreamingResponse:
    """Follow a job from any replica: `progress` (`{"fraction"}`) events, then `ended`
    (the job's state) or, for a job whose replica died, an `error` event saying so."""
    _checked(request, job_id)  # 404 before the stream starts
    return StreamingResponse(
        _follow(request, job_id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
