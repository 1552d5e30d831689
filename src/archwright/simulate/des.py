"""A discrete-event simulator of the same network: the reference for the analytic model.

Plain heapq event loop, numpy random numbers drawn in blocks, one seed: the same
arguments give the same numbers. It follows the rules of the analytic model literally —
a request takes a slot (FIFO when none is free), does its own work, then makes its
synchronous calls one after another while keeping the slot; asynchronous calls are
started and not waited for — and covers what the formulas do not: deterministic or
lognormal service, bursty arrivals, timeouts with retries.

Both resources of a replica are modelled, as in `capacity._station`: the slots
(`Profile.servers`, held through the synchronous calls) and the work capacity
(`Profile.work_servers`, held only for the request's own work). Where the work capacity
is below the slots, a request holding a slot queues (FIFO) for a worker before its own
work. One difference is deliberate: a fractional work capacity w (Little's law makes it
fractional when the catalog's throughput binds) runs as ceil(w) workers each at w/ceil(w)
of full speed, which keeps the work capacity in requests/s that the analytic model uses
(the analytic station puts the fractional w into Erlang C directly); own service then
lasts ceil(w)/w times longer. `DesStats.wait` counts both waits (for a slot, then for
a worker) and `DesStats.utilization` is the busier resource's, as the analytic model's.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from archwright.simulate.flow import Network
from archwright.simulate.progress import STEPS, Progress

_END, _TIMEOUT = 1, 2
_BLOCK = 1 << 16


@dataclass(frozen=True)
class DesConfig:
    """What the simulation draws: service shape, arrival process, how long, which seed.

    `service`: "exp" | "det" | "lognormal" (with `cv`); `arrivals`: "poisson" |
    "batch" (batches of `batch` requests) | "mmpp" (two-state Markov-modulated Poisson:
    rate × (1 ± `burst`), switching every `dwell_ms` on average).
    """

    requests: int = 200_000
    seed: int = 1
    service: str = "exp"
    cv: float = 1.0
    arrivals: str = "poisson"
    batch: int = 5
    burst: float = 0.5
    dwell_ms: float = 1000.0
    warmup: float = 0.05
    timeouts: bool = True


@dataclass
class DesStats:
    """Measured times (ms) per component and per entry point."""

    sojourn: dict[str, np.ndarray] = field(default_factory=dict)
    wait: dict[str, float] = field(default_factory=dict)
    utilization: dict[str, float] = field(default_factory=dict)
    end_to_end: dict[str, np.ndarray] = field(default_factory=dict)
    failed: int = 0
    timeouts: int = 0
    completed: int = 0

    def summary(self, values: np.ndarray) -> dict[str, float]:
        if len(values) == 0:
            return {"mean": math.nan, "p50": math.nan, "p95": math.nan, "p99": math.nan}
        p50, p95, p99 = np.percentile(values, [50, 95, 99])
        return {
            "mean": float(values.mean()),
            "p50": float(p50),
            "p95": float(p95),
            "p99": float(p99),
        }


class _Draws:
    """Random numbers in blocks (numpy per call is slow; per block it is not)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.exp: list[float] = []
        self.uni: list[float] = []
        self.nrm: list[float] = []

    def expo(self) -> float:
        if not self.exp:
            self.exp = self.rng.standard_exponential(_BLOCK).tolist()
        return self.exp.pop()

    def uniform(self) -> float:
        if not self.uni:
            self.uni = self.rng.random(_BLOCK).tolist()
        return self.uni.pop()

    def normal(self) -> float:
        if not self.nrm:
            self.nrm = self.rng.standard_normal(_BLOCK).tolist()
        return self.nrm.pop()


class _Job:
    __slots__ = (
        "abandoned",
        "attempt",
        "done",
        "duration",
        "edge",
        "entry",
        "failed",
        "node",
        "parent",
        "plan",
        "pos",
        "t0",
        "tracked",
        "ts",
    )

    def __init__(self, node: int, parent: _Job | None, t0: float, edge: int, entry: int) -> None:
        self.node = node
        self.parent = parent
        self.t0 = t0
        self.edge = edge
        self.entry = entry
        self.plan: list[int] = []
        self.pos = 0
        self.attempt = 0
        self.abandoned = False
        self.done = False
        self.failed = False
        self.tracked = True
        self.ts = 0.0
        self.duration = 0.0


def run(
    net: Network, rps: float, config: DesConfig | None = None, progress: Progress | None = None
) -> DesStats:
    """Simulate `config.requests` external requests at `rps` and measure every station.

    `progress` hears the fraction of the external requests generated so far, once per
    percent, then 1.0 when the last has been served."""
    cfg = config or DesConfig()
    draws = _Draws(np.random.default_rng(cfg.seed))
    n = len(net.ids)
    servers = [math.inf if math.isinf(p.servers) else int(p.servers) for p in net.profiles]
    mean_s = [p.service_time_ms for p in net.profiles]
    sigma = math.sqrt(math.log(1.0 + cfg.cv**2))
    busy = [0] * n
    queues: list[deque[_Job]] = [deque() for _ in range(n)]
    workers, speed = _workers(net, servers)
    working = [0] * n
    work_sum = [0.0] * n
    work_queues: list[deque[_Job]] = [deque() for _ in range(n)]
    soj: list[list[float]] = [[] for _ in range(n)]
    wait_sum = [0.0] * n
    wait_n = [0] * n
    hold_sum = [0.0] * n
    e2e: list[list[float]] = [[] for _ in range(n)]
    entries = [i for i in range(n) if net.entry_share[i] > 0]
    cum = np.cumsum([net.entry_share[i] for i in entries]).tolist()
    rate_ms = rps / 1000.0
    warm_t = cfg.warmup * cfg.requests / rate_ms
    heap: list[tuple[float, int, int, _Job]] = []
    seq = 0
    stats = DesStats()

    def service(node: int) -> float:
        m = mean_s[node]
        if m <= 0:
            return 0.0
        if cfg.service == "det":
            return m
        if cfg.service == "lognormal":
            return m * math.exp(sigma * draws.normal() - 0.5 * sigma * sigma)
        return m * draws.expo()

    def push(t: float, kind: int, obj: _Job) -> None:
        nonlocal seq
        seq += 1
        heapq.heappush(heap, (t, seq, kind, obj))

    def arrive(job: _Job, t: float) -> None:
        node = job.node
        if busy[node] < servers[node]:
            begin(job, t)
        else:
            queues[node].append(job)

    def begin(job: _Job, t: float) -> None:
        node = job.node
        busy[node] += 1
        job.ts = t
        if job.t0 >= warm_t:
            wait_sum[node] += t - job.t0
            wait_n[node] += 1
        duration = service(node)
        if duration <= 0:  # no own work (a client): go straight on to the calls
            plan(job, t)
            call_next(job, t)
        elif workers[node] == 0:  # the work capacity never binds before the slots
            push(t + duration, _END, job)
        else:
            job.duration = duration
            if working[node] < workers[node]:
                work(job, t)
            else:
                work_queues[node].append(job)

    def work(job: _Job, t: float) -> None:
        node = job.node
        working[node] += 1
        if job.t0 >= warm_t:
            wait_sum[node] += t - job.ts
        work_sum[node] += job.duration / speed[node]
        push(t + job.duration / speed[node], _END, job)

    def worked(job: _Job, t: float) -> None:
        node = job.node
        if workers[node] == 0 or job.duration <= 0:
            return
        working[node] -= 1
        if work_queues[node]:
            work(work_queues[node].popleft(), t)

    templates = [
        [
            (k, e.target, e.sync, min(1.0, e.rate / e.calls), int(e.calls), e.calls - int(e.calls))
            for k in net.out[i]
            if (e := net.edges[k]).rate > 0 and e.calls > 0 and not e.standby_for
        ]
        for i in range(n)
    ]
    uniform = draws.uniform

    def plan(job: _Job, t: float) -> None:
        for k, target, sync, gate, whole, frac in templates[job.node]:
            if gate < 1.0 and uniform() >= gate:
                continue
            count = whole + 1 if frac > 0 and uniform() < frac else whole
            for _ in range(count):
                if sync:
                    job.plan.append(k)
                else:
                    child = _Job(target, None, t, k, -1)
                    child.tracked = False
                    arrive(child, t)

    def call_next(job: _Job, t: float) -> None:
        if job.pos < len(job.plan) and not job.failed:
            k = job.plan[job.pos]
            job.pos += 1
            send(job, k, t, 0)
        else:
            finish(job, t)

    def send(job: _Job, k: int, t: float, attempt: int) -> None:
        child = _Job(net.edges[k].target, job, t, k, job.entry)
        child.attempt = attempt
        arrive(child, t)
        timeout = net.edges[k].timeout_ms
        if cfg.timeouts and timeout is not None:
            push(t + timeout, _TIMEOUT, child)

    def finish(job: _Job, t: float) -> None:
        node = job.node
        busy[node] -= 1
        hold_sum[node] += t - job.ts
        if queues[node]:
            begin(queues[node].popleft(), t)
        if job.t0 >= warm_t:
            soj[node].append(t - job.t0)
        job.done = True
        parent = job.parent
        if parent is not None:
            if not job.abandoned:
                if job.failed:
                    parent.failed = True
                call_next(parent, t)
        elif job.tracked:
            if job.failed:
                stats.failed += 1
            else:
                stats.completed += 1
                if job.t0 >= warm_t:
                    e2e[job.entry].append(t - job.t0)

    def expire(child: _Job, t: float) -> None:
        if child.done or child.abandoned:
            return
        child.abandoned = True
        stats.timeouts += 1
        parent = child.parent
        assert parent is not None
        edge = net.edges[child.edge]
        if child.attempt < edge.retries:
            send(parent, child.edge, t, child.attempt + 1)
        else:
            parent.failed = True
            call_next(parent, t)

    # Arrivals are generated one ahead of the event queue (keeps the heap small).
    mmpp = {"high": True, "switch": draws.expo() * cfg.dwell_ms}

    def gap() -> float:
        if cfg.arrivals == "mmpp":
            factor = 1.0 + cfg.burst if mmpp["high"] else 1.0 - cfg.burst
            return draws.expo() / (rate_ms * factor)
        if cfg.arrivals == "batch":
            return draws.expo() * cfg.batch / rate_ms
        return draws.expo() / rate_ms

    t = gap()
    made = 0
    size = cfg.batch if cfg.arrivals == "batch" else 1
    step = max(1, cfg.requests // STEPS)
    mark = step if progress is not None else cfg.requests + 1  # never reached without one
    while made < cfg.requests or heap:
        if made < cfg.requests and (not heap or t <= heap[0][0]):
            if made >= mark:
                assert progress is not None
                progress(made / cfg.requests)
                mark += step
            for _ in range(min(size, cfg.requests - made)):
                entry = entries[0]
                if len(entries) > 1:
                    pick = bisect.bisect_right(cum, uniform() * cum[-1])
                    entry = entries[min(pick, len(entries) - 1)]
                arrive(_Job(entry, None, t, -1, entry), t)
                made += 1
            t += gap()
            while cfg.arrivals == "mmpp" and t > mmpp["switch"]:
                mmpp["high"] = not mmpp["high"]
                mmpp["switch"] += draws.expo() * cfg.dwell_ms
            continue
        now, _, kind, job = heapq.heappop(heap)
        if kind == _END:
            worked(job, now)
            plan(job, now)
            call_next(job, now)
        else:
            expire(job, now)
    if progress is not None:
        progress(1.0)
    horizon = max(t, 1e-9)
    for i, cid in enumerate(net.ids):
        stats.sojourn[cid] = np.asarray(soj[i])
        stats.wait[cid] = wait_sum[i] / wait_n[i] if wait_n[i] else 0.0
        cap = servers[i]
        by_slots = 0.0 if math.isinf(cap) or cap == 0 else hold_sum[i] / (horizon * cap)
        by_work = work_sum[i] / (horizon * workers[i]) if workers[i] else 0.0
        stats.utilization[cid] = max(by_slots, by_work)  # the busier resource, as analytic
        if e2e[i]:
            stats.end_to_end[cid] = np.asarray(e2e[i])
    return stats


def measurements(stats: DesStats, rps: float, requests: int) -> dict[str, Any]:
    """A run's measurements as plain data: what `archwright simulate --des` prints and
    the web's discrete-event job streams (per component: utilisation, mean wait and the
    sojourn percentiles; per entry point: the end-to-end percentiles)."""
    return {
        "rps": rps,
        "requests": requests,
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


def _workers(net: Network, servers: list[float]) -> tuple[list[int], list[float]]:
    """Per component: how many workers run its own work (0 when the work capacity is
    not below its slots, so slots alone bind, as in `capacity._station`) and at what
    speed each works (work capacity ÷ workers, so requests/s of work are preserved)."""
    counts: list[int] = []
    speeds: list[float] = []
    for prof, slots in zip(net.profiles, servers):
        w = prof.work_servers
        if math.isinf(slots) or not (0 < w < slots) or math.isinf(w):
            counts.append(0)
            speeds.append(1.0)
            continue
        whole = max(1, math.ceil(w))
        counts.append(whole)
        speeds.append(w / whole)
    return counts, speeds
