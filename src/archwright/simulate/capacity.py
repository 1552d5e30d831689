"""The analytic capacity model: an open network of multi-server stations (SPEC §1, §3.4).

Each component is a station with `servers = replicas × concurrency` (× shards). Its
*holding time* — how long one request keeps a slot — is its own service time plus,
for every synchronous call, share × calls × the callee's response time (SPEC §1: a sync
call holds the caller's slot). Holding times are evaluated callees first; call cycles
are iterated to a fixed point with a cap. The wait for a slot is Erlang C (exact for
exponential holding), scaled by Allen–Cunneen for the non-exponential holding times of
callers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from archwright.cost import ceiling
from archwright.kb.capacity import journey_step_ms
from archwright.model import LatencyTo
from archwright.simulate.flow import Network, arrivals
from archwright.simulate.queueing import (
    NO_WAIT,
    SATURATED,
    Hop,
    Wait,
    path_quantiles,
    station_quantiles,
    station_wait,
)

if TYPE_CHECKING:
    import numpy as np

CYCLE_ITERATIONS = 100


@dataclass
class State:
    """Every station at one load: arrays indexed like `Network.ids` (times in ms)."""

    rps: float
    arrival_rps: np.ndarray
    servers: np.ndarray
    service_ms: np.ndarray
    holding_ms: np.ndarray
    holding_scv: np.ndarray
    utilization: np.ndarray
    waits: list[Wait]
    response_ms: np.ndarray
    response_var: np.ndarray
    warnings: list[str] = field(default_factory=list)

    @property
    def saturated(self) -> np.ndarray:
        return ~(self.utilization < 1.0)


@dataclass(frozen=True)
class Stations:
    """The figures of `State` as lists (times in ms), before they become arrays: a
    caller that reads a few of them node by node (availability's replicas needed) does
    without numpy, whose import is most of a small model's simulation (issue 16)."""

    arrival_rps: list[float]
    servers: list[float]
    service_ms: list[float]
    holding_ms: list[float]
    holding_scv: list[float]
    utilization: list[float]
    waits: list[Wait]
    response_ms: list[float]
    response_var: list[float]
    warnings: list[str]


def shown_utilization(value: float, digits: int = 4) -> float | None:
    """A utilization rounded for a report (None: not finite), never rounded up to 1.

    A station is saturated from a utilization of 1 (`State.saturated`) and its response
    time is then infinite; just below it the wait is finite, if long (M/M/10 at 0.999:
    996 ms). Plain rounding showed 0.99996 as 1.0 beside a finite latency, and readers
    that take 1 for saturation (advise's capacity summary) listed a working station.
    """
    value = float(value)
    if not math.isfinite(value):
        return None
    shown = round(value, digits)
    return round(1.0 - 10.0**-digits, digits) if value < 1.0 <= shown else shown


def utilization_percent(value: float) -> str:
    """A utilization as a whole percentage, which reads 100% only from 1 (saturation):
    under 1, a figure that would round to 100% gets a decimal and stays below it
    (0.999 and 0.99996 read 99.9%, not 100% beside a finite 1,006 ms)."""
    text = f"{value:.0%}"
    if value < 1.0 and text == "100%":
        text = f"{min(value, 0.999):.1%}"
    return text


def evaluate(
    net: Network,
    rps: float,
    *,
    extra_ms: list[float] | None = None,
    server_factor: list[float] | None = None,
    edge_factor: list[float] | None = None,
    passes: list[float] | None = None,
    call_override: dict[int, tuple[float, float]] | None = None,
    queueing: bool = True,
    stop_on_saturation: bool = False,
) -> State:
    """`stations` at `rps` as arrays, the form the simulators compute with."""
    import numpy as np

    found = stations(
        net,
        rps,
        extra_ms=extra_ms,
        server_factor=server_factor,
        edge_factor=edge_factor,
        passes=passes,
        call_override=call_override,
        queueing=queueing,
        stop_on_saturation=stop_on_saturation,
    )
    return State(
        rps,
        np.asarray(found.arrival_rps, dtype=float),
        np.asarray(found.servers, dtype=float),
        np.asarray(found.service_ms, dtype=float),
        np.asarray(found.holding_ms, dtype=float),
        np.asarray(found.holding_scv, dtype=float),
        np.asarray(found.utilization, dtype=float),
        found.waits,
        np.asarray(found.response_ms, dtype=float),
        np.asarray(found.response_var, dtype=float),
        found.warnings,
    )


def stations(
    net: Network,
    rps: float,
    *,
    extra_ms: list[float] | None = None,
    server_factor: list[float] | None = None,
    edge_factor: list[float] | None = None,
    passes: list[float] | None = None,
    call_override: dict[int, tuple[float, float]] | None = None,
    queueing: bool = True,
    stop_on_saturation: bool = False,
) -> Stations:
    """Evaluate the network at `rps` external requests/s.

    The keyword arguments are the levers chaos pulls: `extra_ms` slows components,
    `server_factor` removes capacity, `edge_factor` multiplies call rates (retries),
    `passes` stops failed components forwarding load, and `call_override[edge]` replaces
    what a sync call costs the caller (mean ms, variance) — a timeout, say.
    `queueing=False` gives the unloaded times (no waiting anywhere);
    `stop_on_saturation` gives up at the first saturated station (feasibility checks).
    """
    lam, warnings = arrivals(net, rps, edge_factor, passes)
    service, servers, work, squared = _levered(net, extra_ms, server_factor)
    st = Stations(
        arrival_rps=lam,
        servers=servers,
        service_ms=service,
        holding_ms=service[:],
        holding_scv=[1.0] * len(service),
        utilization=[0.0] * len(service),
        waits=[NO_WAIT] * len(service),
        response_ms=service[:],
        response_var=squared,
        warnings=warnings,
    )
    factor = edge_factor if edge_factor is not None else net.base_factors()
    settle = _settler(net, st, work, factor, call_override or {}, queueing)
    _settle_in_order(net, st, settle, stop_on_saturation)
    return st


def _levered(
    net: Network, extra_ms: list[float] | None, server_factor: list[float] | None
) -> tuple[list[float], list[float], list[float], list[float]]:
    """Each station's service time, slots, work servers and squared service time once
    chaos's slowdowns (`extra_ms`) and capacity losses (`server_factor`) are applied:
    new lists, from the network's own figures without levers (`Network.figures`)."""
    base_service, base_servers, base_work, base_squared = net.figures()
    if extra_ms is None:
        service, squared = base_service[:], base_squared[:]
    else:
        service = [s + x for s, x in zip(base_service, extra_ms)]
        squared = [s * s for s in service]
    if server_factor is None:
        return service, base_servers[:], base_work[:], squared
    servers = [
        c if math.isinf(c) else math.floor(c * f + 1e-9)
        for c, f in zip(base_servers, server_factor)
    ]
    work = [w * f for w, f in zip(base_work, server_factor)]
    return service, servers, work, squared


def _settler(
    net: Network,
    st: Stations,
    work: list[float],
    factor: Sequence[float],
    override: dict[int, tuple[float, float]],
    queueing: bool,
) -> Callable[[int], float]:
    """`settle(node)`: one station's holding time, wait and response from its callees'
    current responses, written into `st`; it returns the response it replaced.

    A closure over `st`'s lists as local cells rather than a method: it runs once per
    station per evaluation (10,000 times an audit at 10k components, once per failure in
    a sweep), and a cell read is cheaper than an attribute read. A station's utilization
    and wait are a function of its six figures, remembered for the evaluation: most
    stations of a large model repeat another's, and the queue (`station_wait`) costs
    several times the lookup."""
    service, servers, lam = st.service_ms, st.servers, st.arrival_rps
    holding, scv, util, waits = st.holding_ms, st.holding_scv, st.utilization, st.waits
    resp, resp_var = st.response_ms, st.response_var
    calls_of = net.sync_calls()  # (edge, target, rate before the factor, calls)
    inf = math.inf
    # `_loaded` per distinct station: a 10,000-component model has ~190 distinct
    # (slots, work servers, arrivals, holding, own time, scv) in an evaluation.
    memo: dict[tuple[float, float, float, float, float, float], _Queued] = {}

    def settle(node: int) -> float:
        mean = service[node]
        var = mean * mean
        for k, target, base, calls in calls_of[node]:
            if k in override:
                cost, cost_var = override[k]
                mean += cost
                var += cost_var
                continue
            rate = base * factor[k]
            if rate <= 0.0:
                continue
            r = resp[target]
            if r == inf:
                mean = var = inf
                break
            gate = rate / calls if rate < calls else 1.0
            mean += rate * r
            var += rate * resp_var[target] + gate * (1.0 - gate) * calls * calls * r * r
        holding[node] = mean
        spread = scv[node] = var / (mean * mean) if 0.0 < mean < inf else 1.0
        own = service[node]
        if mean > 0.0 and own > 0.0:
            key = (servers[node], work[node], lam[node], mean, own, spread)
            found = memo.get(key)
            if found is None:
                found = memo[key] = _queued(*key, queueing)
        else:  # a zero time: 0.0 and -0.0 are one key, but not one utilization
            found = _queued(servers[node], work[node], lam[node], mean, own, spread, queueing)
        busy, waits[node], wait_mean, wait_var = found
        util[node] = busy
        before = resp[node]
        if busy >= 1.0 or mean == inf:
            resp[node] = inf
            resp_var[node] = inf
        else:
            resp[node] = wait_mean + mean
            resp_var[node] = wait_var + var
        return before

    return settle


_Queued = tuple[float, Wait, float, float]  # utilization, wait, its mean and variance


def _queued(
    slots: float,
    work: float,
    arriving: float,
    holding: float,
    own: float,
    scv: float,
    queueing: bool,
) -> _Queued:
    """`_loaded`, with the mean and variance of its wait. A station at or past capacity
    waits `NO_WAIT` or `SATURATED`, whose moments are 0 or infinite, so asking them of
    every station raises nothing that reading them for the stations under capacity
    alone would not."""
    util, wait = _loaded(slots, work, arriving, holding, own, scv, queueing)
    return util, wait, wait.mean, wait.variance


def _loaded(
    slots: float,
    work: float,
    arriving: float,
    holding: float,
    own: float,
    scv: float,
    queueing: bool,
) -> tuple[float, Wait]:
    """A station's utilization and the wait it adds: none without load or with unlimited
    slots, saturated with no slot left, else `_station`'s queue (no wait when
    `queueing` is off, or once saturated: the response is then infinite anyway)."""
    if slots == math.inf or arriving <= 0:
        return 0.0, NO_WAIT
    if slots <= 0:
        return math.inf, SATURATED
    util, wait = _station(slots, work, arriving, holding, own, scv)
    return util, NO_WAIT if not queueing or util >= 1.0 else wait


def _settle_in_order(
    net: Network, st: Stations, settle: Callable[[int], float], stop_on_saturation: bool
) -> None:
    """Settle the stations callees first; each call cycle is iterated to a fixed point
    (at most `CYCLE_ITERATIONS` rounds, then capped with a warning)."""
    util, resp = st.utilization, st.response_ms
    for group, lone in zip(net.sync_order, net.lone_nodes()):
        if lone is not None:
            settle(lone)
            if stop_on_saturation and util[lone] >= 1.0:
                break
            continue
        for _ in range(CYCLE_ITERATIONS):
            changes = [abs(settle(node) - resp[node]) for node in group]
            if all(c < 1e-9 or math.isnan(c) for c in changes):
                break
        else:
            names = ", ".join(net.ids[i] for i in group)
            st.warnings.append(f"sync call cycle through {names} did not settle; times capped")


def _station(
    slots: float, work: float, arriving: float, holding: float, own: float, scv: float
) -> tuple[float, Wait]:
    """Utilization and wait of a component: the busier of its two resources.

    Slots are held for the whole holding time (own work plus sync calls); the work
    capacity (effective concurrency, kb/capacity.py) only for the component's own
    service time. Without a catalog throughput cap the two coincide for a leaf and the
    slots bind for a caller, which is the plain M/M/c station.
    """
    by_slots = arriving * holding / (1000.0 * slots)
    by_work = arriving * own / (1000.0 * work) if work > 0 and work < slots else 0.0
    if by_work > by_slots:
        if by_work >= 1.0:
            return by_work, NO_WAIT
        return by_work, station_wait(work, arriving / 1000.0, own, 1.0)
    if by_slots >= 1.0:
        return by_slots, NO_WAIT
    return by_slots, station_wait(slots, arriving / 1000.0, holding, scv)


def saturation_rps(net: Network) -> list[float]:
    """External RPS at which each component's utilization reaches 1 (inf: never).

    Callees are counted at their unloaded response time, so this is the component's
    own ceiling; `max_rps` below adds the queueing everywhere else. The figure is
    `cost.ceiling.saturation_rps`, the one the audit judges capacity with.
    """
    assert net.flow is not None
    profiles = {cid: p for cid, p in zip(net.ids, net.profiles)}
    return [float(rps) for rps in ceiling.saturation_rps(net.flow, profiles)]


def max_rps(net: Network, saturation: Sequence[float], rel_tol: float = 1e-3) -> float:
    """The largest external RPS every station sustains (utilization < 1), by bisection.

    Bounded above by the smallest own ceiling; queueing at callees lengthens callers'
    holding times, so the answer can sit a little below it.
    """
    hi = float(min(saturation)) if len(saturation) else math.inf
    if not math.isfinite(hi):
        return math.inf
    if _sustainable(net, hi * (1.0 - rel_tol)):
        return hi * (1.0 - rel_tol)  # the usual case: the bottleneck's callees are not hot
    lo = hi * 0.9
    while not _sustainable(net, lo):
        hi, lo = lo, lo * 0.5
        if lo < 1e-9:
            return 0.0
    while (hi - lo) > rel_tol * hi:
        mid = 0.5 * (lo + hi)
        if _sustainable(net, mid):
            lo = mid
        else:
            hi = mid
    return lo


def _sustainable(net: Network, rps: float) -> bool:
    return all(u < 1.0 for u in stations(net, rps, stop_on_saturation=True).utilization)


def component_quantiles(net: Network, state: State | Stations) -> dict[str, list[float]]:
    """P50/P95/P99 of each component's response time (wait + holding).

    Exact for a leaf M/M/c station. A caller's holding time (own work plus its callees'
    responses) is less variable than an exponential; it is matched on two moments by a
    shifted exponential — `shift + Exp(sd)` with `shift = mean − sd` — which keeps the
    closed-form mixture and so stays exact in the exponential case (docs/simulate.md).
    Plain floats (`station_quantiles`): a small model's simulation needs no numpy.
    """
    hold = _floats(state.holding_ms)
    sd = []
    shift = []
    for h, scv in zip(hold, _floats(state.holding_scv)):
        spread = math.sqrt(min(max(scv, 0.0), 1.0)) * h  # NaN stays NaN, as np.clip
        spread = spread if math.isfinite(spread) else 0.0
        sd.append(spread)
        shift.append(h - spread if math.isfinite(h) else 0.0)
    out = station_quantiles([w.p_wait for w in state.waits], [w.theta for w in state.waits], sd)
    bad = [not u < 1.0 or not math.isfinite(h) for u, h in zip(_floats(state.utilization), hold)]
    inf = math.inf
    return {
        k: [inf if b else v + s for v, s, b in zip(values, shift, bad)] for k, values in out.items()
    }


def _floats(values: np.ndarray | list[float]) -> list[float]:
    """A figure of `State` (an array) or of `Stations` (a list) as plain floats."""
    return values if isinstance(values, list) else values.tolist()


def journey_hops(
    net: Network,
    state: State | Stations,
    steps: list[str],
    latency_to: LatencyTo = LatencyTo.RESPONSE,
) -> list[Hop] | None:
    """The station visits of a journey up to its first asynchronous hop (None: saturated).

    Each step contributes its wait and own service (a streamed model, on a journey
    measured to the first token, its time to first token: `journey_step_ms`); a step
    reached through `calls` calls per request is visited that many times (rounded, at
    least once).
    """
    hops: list[Hop] = []
    times = 1.0
    for pos, cid in enumerate(steps):
        node = net.index[cid]
        if not state.utilization[node] < 1.0:  # saturated (NaN too, as State.saturated)
            return None
        wait = state.waits[node]
        prof = net.profiles[node]
        # Chaos may slow a step (state.service_ms): the slowdown stays, the stream's tail goes.
        cut = prof.service_time_ms - journey_step_ms(prof, latency_to)
        service = float(state.service_ms[node]) - cut
        hops.append(Hop(wait.p_wait, wait.theta, service, round(times)))
        if pos + 1 == len(steps):
            break
        nxt = net.index[steps[pos + 1]]
        links = [net.edges[k] for k in net.out[node] if net.edges[k].target == nxt]
        if links and not any(e.sync for e in links):
            break  # the caller hands off and returns: latency stops here
        calls = max((e.calls for e in links if e.sync), default=1.0)
        times = max(1.0, times * calls)
    return hops


def journey_latency(
    net: Network,
    state: State | Stations,
    steps: list[str],
    latency_to: LatencyTo = LatencyTo.RESPONSE,
) -> dict[str, float] | None:
    """Mean and P50/P95/P99 of a journey's latency (None when a step is saturated)."""
    hops = journey_hops(net, state, steps, latency_to)
    if hops is None:
        return None
    out = {"mean": sum(h.mean for h in hops)}
    out.update(path_quantiles(hops))
    return out
