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
    sim = _Engine(net, cfg, _tables(net, rps, cfg), draws)
    horizon = _drive(sim, _Arrivals(cfg, rps / 1000.0, draws), progress)
    if progress is not None:
        progress(1.0)
    return _measured(net, sim, max(horizon, 1e-9))


# (edge, target, sync, chance of calling at all, whole calls, chance of one more call)
_Template = tuple[int, int, bool, float, int, float]


@dataclass(frozen=True)
class _Tables:
    """What the network and the config fix before the first request, computed once so
    the event handlers only look numbers up (the loop runs millions of times)."""

    servers: list[float]
    mean_s: list[float]
    sigma: float
    workers: list[int]
    speed: list[float]
    templates: list[list[_Template]]
    entries: list[int]
    cum: list[float]
    warm_t: float


def _tables(net: Network, rps: float, cfg: DesConfig) -> _Tables:
    """Slots, service means, workers, call templates and entry shares per component.

    Calls to a standby (`standby_for`) and edges that carry no traffic are left out of
    the templates: the analytic model sends them nothing either."""
    n = len(net.ids)
    servers = [math.inf if math.isinf(p.servers) else int(p.servers) for p in net.profiles]
    workers, speed = _workers(net, servers)
    entries = [i for i in range(n) if net.entry_share[i] > 0]
    templates = [
        [
            (k, e.target, e.sync, min(1.0, e.rate / e.calls), int(e.calls), e.calls - int(e.calls))
            for k in net.out[i]
            if (e := net.edges[k]).rate > 0 and e.calls > 0 and not e.standby_for
        ]
        for i in range(n)
    ]
    return _Tables(
        servers=servers,
        mean_s=[p.service_time_ms for p in net.profiles],
        sigma=math.sqrt(math.log(1.0 + cfg.cv**2)),
        workers=workers,
        speed=speed,
        templates=templates,
        entries=entries,
        cum=np.cumsum([net.entry_share[i] for i in entries]).tolist(),
        warm_t=cfg.warmup * cfg.requests / (rps / 1000.0),
    )


class _Engine:
    """The event handlers and the state they share: per component the busy slots and
    workers with their FIFO queues, and the sums the measurements are made of.

    A request moves arrive -> begin -> (work) -> END event -> plan -> call_next ->
    send ... -> finish; each handler is one step of the analytic model's rules (see the
    module docstring), so each stays small and the order of random draws is fixed."""

    def __init__(self, net: Network, cfg: DesConfig, tables: _Tables, draws: _Draws) -> None:
        n = len(net.ids)
        self.net = net
        self.cfg = cfg
        self.tables = tables
        self.draws = draws
        self.uniform = draws.uniform
        self.servers = tables.servers
        self.workers = tables.workers
        self.speed = tables.speed
        self.warm_t = tables.warm_t
        self.busy = [0] * n
        self.queues: list[deque[_Job]] = [deque() for _ in range(n)]
        self.working = [0] * n
        self.work_sum = [0.0] * n
        self.work_queues: list[deque[_Job]] = [deque() for _ in range(n)]
        self.soj: list[list[float]] = [[] for _ in range(n)]
        self.wait_sum = [0.0] * n
        self.wait_n = [0] * n
        self.hold_sum = [0.0] * n
        self.e2e: list[list[float]] = [[] for _ in range(n)]
        self.heap: list[tuple[float, int, int, _Job]] = []
        self.seq = 0
        self.stats = DesStats()

    def service(self, node: int) -> float:
        """One draw of a component's own service time in the configured shape."""
        m = self.tables.mean_s[node]
        if m <= 0:
            return 0.0
        cfg = self.cfg
        if cfg.service == "det":
            return m
        if cfg.service == "lognormal":
            sigma = self.tables.sigma
            return m * math.exp(sigma * self.draws.normal() - 0.5 * sigma * sigma)
        return m * self.draws.expo()

    def push(self, t: float, kind: int, obj: _Job) -> None:
        """Schedule an event; the sequence number keeps ties in insertion order."""
        self.seq += 1
        heapq.heappush(self.heap, (t, self.seq, kind, obj))

    def arrive(self, job: _Job, t: float) -> None:
        """Take a free slot, or queue FIFO for one."""
        node = job.node
        if self.busy[node] < self.servers[node]:
            self.begin(job, t)
        else:
            self.queues[node].append(job)

    def begin(self, job: _Job, t: float) -> None:
        """Hold a slot: record the wait for it, then do the own work (through a worker
        where the work capacity binds) or, with none, go straight on to the calls."""
        node = job.node
        self.busy[node] += 1
        job.ts = t
        if job.t0 >= self.warm_t:
            self.wait_sum[node] += t - job.t0
            self.wait_n[node] += 1
        duration = self.service(node)
        if duration <= 0:  # no own work (a client): go straight on to the calls
            self.plan(job, t)
            self.call_next(job, t)
        elif self.workers[node] == 0:  # the work capacity never binds before the slots
            self.push(t + duration, _END, job)
        else:
            job.duration = duration
            if self.working[node] < self.workers[node]:
                self.work(job, t)
            else:
                self.work_queues[node].append(job)

    def work(self, job: _Job, t: float) -> None:
        """Start the own work on a worker at its (possibly reduced) speed."""
        node = job.node
        self.working[node] += 1
        if job.t0 >= self.warm_t:
            self.wait_sum[node] += t - job.ts
        self.work_sum[node] += job.duration / self.speed[node]
        self.push(t + job.duration / self.speed[node], _END, job)

    def worked(self, job: _Job, t: float) -> None:
        """Free the worker (where there are workers) for the next in its queue."""
        node = job.node
        if self.workers[node] == 0 or job.duration <= 0:
            return
        self.working[node] -= 1
        if self.work_queues[node]:
            self.work(self.work_queues[node].popleft(), t)

    def plan(self, job: _Job, t: float) -> None:
        """Draw which calls this request makes: synchronous ones are queued on the job,
        asynchronous ones start now and are not waited for."""
        uniform = self.uniform
        for k, target, sync, gate, whole, frac in self.tables.templates[job.node]:
            if gate < 1.0 and uniform() >= gate:
                continue
            count = whole + 1 if frac > 0 and uniform() < frac else whole
            for _ in range(count):
                if sync:
                    job.plan.append(k)
                else:
                    child = _Job(target, None, t, k, -1)
                    child.tracked = False
                    self.arrive(child, t)

    def call_next(self, job: _Job, t: float) -> None:
        """Make the next synchronous call, or finish when none is left or one failed."""
        if job.pos < len(job.plan) and not job.failed:
            k = job.plan[job.pos]
            job.pos += 1
            self.send(job, k, t, 0)
        else:
            self.finish(job, t)

    def send(self, job: _Job, k: int, t: float, attempt: int) -> None:
        """One attempt of a call along edge `k`, with its timeout armed."""
        net = self.net
        child = _Job(net.edges[k].target, job, t, k, job.entry)
        child.attempt = attempt
        self.arrive(child, t)
        timeout = net.edges[k].timeout_ms
        if self.cfg.timeouts and timeout is not None:
            self.push(t + timeout, _TIMEOUT, child)

    def finish(self, job: _Job, t: float) -> None:
        """Release the slot to the next in queue, record the sojourn, and hand the result
        to the caller (unless it gave up) or count the external request."""
        node = job.node
        self.busy[node] -= 1
        self.hold_sum[node] += t - job.ts
        if self.queues[node]:
            self.begin(self.queues[node].popleft(), t)
        if job.t0 >= self.warm_t:
            self.soj[node].append(t - job.t0)
        job.done = True
        parent = job.parent
        if parent is not None:
            if not job.abandoned:
                if job.failed:
                    parent.failed = True
                self.call_next(parent, t)
        elif job.tracked:
            if job.failed:
                self.stats.failed += 1
            else:
                self.stats.completed += 1
                if job.t0 >= self.warm_t:
                    self.e2e[job.entry].append(t - job.t0)

    def expire(self, child: _Job, t: float) -> None:
        """A call timed out: the caller abandons it, then retries or fails."""
        if child.done or child.abandoned:
            return
        child.abandoned = True
        self.stats.timeouts += 1
        parent = child.parent
        assert parent is not None
        edge = self.net.edges[child.edge]
        if child.attempt < edge.retries:
            self.send(parent, child.edge, t, child.attempt + 1)
        else:
            parent.failed = True
            self.call_next(parent, t)

    def admit(self, t: float, count: int) -> None:
        """`count` external requests arrive at `t`, each at an entry point drawn by share."""
        entries = self.tables.entries
        cum = self.tables.cum
        for _ in range(count):
            entry = entries[0]
            if len(entries) > 1:
                pick = bisect.bisect_right(cum, self.uniform() * cum[-1])
                entry = entries[min(pick, len(entries) - 1)]
            self.arrive(_Job(entry, None, t, -1, entry), t)


class _Arrivals:
    """The external arrival process: gaps between arrivals (or batches) and, for
    "mmpp", the high/low state switching every `dwell_ms` on average."""

    def __init__(self, cfg: DesConfig, rate_ms: float, draws: _Draws) -> None:
        self.cfg = cfg
        self.rate_ms = rate_ms
        self.draws = draws
        self.high = True
        self.switch = draws.expo() * cfg.dwell_ms

    def gap(self) -> float:
        """Time to the next arrival (or batch) at the current rate."""
        cfg = self.cfg
        if cfg.arrivals == "mmpp":
            factor = 1.0 + cfg.burst if self.high else 1.0 - cfg.burst
            return self.draws.expo() / (self.rate_ms * factor)
        if cfg.arrivals == "batch":
            return self.draws.expo() * cfg.batch / self.rate_ms
        return self.draws.expo() / self.rate_ms

    def advance(self, t: float) -> None:
        """Switch the MMPP state for every dwell that ended before `t`."""
        while self.cfg.arrivals == "mmpp" and t > self.switch:
            self.high = not self.high
            self.switch += self.draws.expo() * self.cfg.dwell_ms


def _drive(sim: _Engine, arrivals: _Arrivals, progress: Progress | None) -> float:
    """The event loop; returns the time of the last arrival (the measuring horizon).

    Arrivals are generated one ahead of the event queue (keeps the heap small)."""
    cfg = sim.cfg
    heap = sim.heap
    t = arrivals.gap()
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
            count = min(size, cfg.requests - made)
            sim.admit(t, count)
            made += count
            t += arrivals.gap()
            arrivals.advance(t)
            continue
        now, _, kind, job = heapq.heappop(heap)
        if kind == _END:
            sim.worked(job, now)
            sim.plan(job, now)
            sim.call_next(job, now)
        else:
            sim.expire(job, now)
    return t


def _measured(net: Network, sim: _Engine, horizon: float) -> DesStats:
    """The run's sums as per-component measurements; utilisation is the busier of the
    two resources (slots, workers), as the analytic model's."""
    stats = sim.stats
    servers, workers = sim.servers, sim.workers
    for i, cid in enumerate(net.ids):
        stats.sojourn[cid] = np.asarray(sim.soj[i])
        stats.wait[cid] = sim.wait_sum[i] / sim.wait_n[i] if sim.wait_n[i] else 0.0
        cap = servers[i]
        by_slots = 0.0 if math.isinf(cap) or cap == 0 else sim.hold_sum[i] / (horizon * cap)
        by_work = sim.work_sum[i] / (horizon * workers[i]) if workers[i] else 0.0
        stats.utilization[cid] = max(by_slots, by_work)  # the busier resource, as analytic
        if sim.e2e[i]:
            stats.end_to_end[cid] = np.asarray(sim.e2e[i])
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
