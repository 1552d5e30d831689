"""Chaos: fail components, zones or a region (or slow a component) and follow the cascade.

The rules, precisely (docs/simulate.md, "Chaos"):

* A failed component serves nothing and forwards no load. A call to it hangs until the
  connection's `timeout_ms` (or the documented default) and is retried `retries` times:
  the caller's slot is held `(1 + retries) × timeout` and the attempts multiply the load.
* A circuit breaker on the connection opens: calls fail at once, no retries, no slot
  held. A `fallback` naming a component sends those calls there instead; a fallback
  described in words is a degraded answer. A cache with a fallback sends its hits there.
* A live callee whose response exceeds the caller's timeout fails a share `p` of calls
  (from its response-time distribution); without a breaker each is retried, so the load
  is multiplied by the expected attempts `(1 − p^(r+1))/(1 − p)` — the retry storm.
* After every evaluation, live components whose utilization reaches 1 fail (overload):
  that is one step of the cascade. Failed components stay failed for the scenario.
* A request fails when a call it makes fails and nothing contains it; a component whose
  every request fails is failed, one with some failing (or slowed, overloaded, short of
  capacity, or running on a fallback) is degraded.
* A queue or stream whose consumers cannot keep up grows a backlog at
  `arrivals − drained` per second; producers do not notice (asynchronous calls).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from archwright.model import Architecture, BoundaryType
from archwright.model.collector import collector_paused
from archwright.simulate.capacity import State, evaluate
from archwright.simulate.chaos_report import report
from archwright.simulate.flow import Edge, Network, build
from archwright.simulate.queueing import sojourn_survival
from archwright.simulate.settings import defaults
from archwright.simulate.throttle import Throttle, quotas
from archwright.simulate.throttle import apply as apply_throttles

MAX_STEPS = 50
LEVER_ROUNDS = 30


class ChaosInputError(ValueError):
    """An id, zone or region the architecture does not have."""


@dataclass
class Scenario:
    """What to break."""

    fail: list[str] = field(default_factory=list)
    zones: list[str] = field(default_factory=list)
    region: str | None = None
    slow: dict[str, float] = field(default_factory=dict)
    throttle: dict[str, float] = field(default_factory=dict)  # model id → quota rps imposed


def parse_slow(items: list[str]) -> dict[str, float]:
    """`ID=MS` pairs into a mapping; a malformed pair raises ChaosInputError."""
    return _pairs(items, "--slow", "MS", "ms")


def parse_throttle(items: list[str]) -> dict[str, float]:
    """`ID=RPS` pairs (a provider cutting a model's quota to RPS requests/s)."""
    return _pairs(items, "--throttle", "RPS", "rps")


def _pairs(items: list[str], option: str, unit: str, suffix: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        cid, sep, number = item.partition("=")
        try:
            value = float(number.removesuffix(suffix))
        except ValueError:
            value = -1.0
        if not sep or not cid or not math.isfinite(value) or value < 0:
            raise ChaosInputError(f"{option} expects ID={unit}, got {item!r}")
        out[cid] = value
    return out


@dataclass
class _Injected:
    failed: dict[int, str]
    server_factor: np.ndarray
    extra_ms: np.ndarray
    degraded: dict[int, str]


def _inject(net: Network, scenario: Scenario) -> _Injected:
    arch = net.arch
    n = len(net.ids)
    for cid in [*scenario.fail, *scenario.slow, *scenario.throttle]:
        if cid not in net.index:
            raise ChaosInputError(f"unknown component id {cid!r}")
    for cid in scenario.throttle:
        if net.profiles[net.index[cid]].tokens is None:
            raise ChaosInputError(f"--throttle: {cid!r} is not a model with token figures")
    zones_known = {z for c in arch.components for z in c.zones} | {
        b.id for b in arch.boundaries if b.type is BoundaryType.AVAILABILITY_ZONE
    }
    for zone in scenario.zones:
        if zone not in zones_known:
            raise ChaosInputError(f"unknown zone {zone!r}")
    failed: dict[int, str] = {net.index[c]: "injected failure" for c in scenario.fail}
    degraded: dict[int, str] = {}
    factor = np.ones(n)
    extra = np.zeros(n)
    lost = set(scenario.zones)
    zone_members: set[str] = set()
    for zone in lost:
        zone_members |= _members(arch, zone)
    for comp in arch.components:
        i = net.index[comp.id]
        if net.profiles[i].provider_run and lost:
            continue  # in its provider's zones (regional, SaaS), none of the design's
        if comp.zones and lost:
            alive = [z for z in comp.zones if z not in lost]
            if not alive:
                failed.setdefault(i, f"every zone it runs in is down ({', '.join(comp.zones)})")
            elif len(alive) < len(comp.zones):
                factor[i] = len(alive) / len(comp.zones)
                degraded[i] = f"lost {len(comp.zones) - len(alive)} of {len(comp.zones)} zones"
        elif comp.id in zone_members:
            failed.setdefault(i, "its zone is down")
    if scenario.region is not None:
        region_members = _members(arch, scenario.region)
        known = {c.region for c in arch.components} | {
            b.id for b in arch.boundaries if b.type is BoundaryType.REGION
        }
        if scenario.region not in known:
            raise ChaosInputError(f"unknown region {scenario.region!r}")
        for comp in arch.components:
            if comp.region == scenario.region or comp.id in region_members:
                failed.setdefault(net.index[comp.id], f"region {scenario.region} is down")
    for cid, ms in scenario.slow.items():
        extra[net.index[cid]] = ms
        degraded.setdefault(net.index[cid], f"slowed by {ms:g} ms")
    return _Injected(failed, factor, extra, degraded)


def _timeout(edge: Edge) -> float:
    return edge.timeout_ms if edge.timeout_ms is not None else defaults().default_timeout_ms


def _timeout_shares(
    state: State, quant_shift: np.ndarray, nodes: list[int], timeouts: list[float]
) -> list[float]:
    """P(response of `nodes[i]` > `timeouts[i]`), from each sojourn distribution (shifted
    exponential), for every timed call at once: one vectorised survival, not one small
    numpy call per connection (chaos asks for every timed call in every round)."""
    if not nodes:
        return []
    at = np.asarray(nodes, dtype=np.intp)
    hold = state.holding_ms[at]
    with np.errstate(invalid="ignore", over="ignore"):
        sd = np.sqrt(np.clip(state.holding_scv[at], 0.0, 1.0)) * hold
        t = np.asarray(timeouts, dtype=float) - quant_shift[at]
    certain = ~np.isfinite(state.response_ms[at]) | (t <= 0)
    general = ~certain & ~(sd <= 0)  # NaN included, as the scalar test let it through
    out = np.where(certain, 1.0, 0.0)
    if general.any():
        picked = np.flatnonzero(general)
        waits = [state.waits[nodes[i]] for i in picked]
        out[picked] = sojourn_survival(
            np.array([w.p_wait for w in waits]),
            np.array([w.theta for w in waits]),
            1.0 / sd[picked],
            t[picked],
        )
    shares: list[float] = out.tolist()
    for i in np.flatnonzero(~certain & ~general):  # no spread: the wait alone (math.exp)
        wait = state.waits[nodes[i]]
        if wait.p_wait > 0:
            shares[i] = float(wait.p_wait * math.exp(-wait.theta * float(t[i])))
    return shares


@dataclass
class _Levers:
    factor: np.ndarray
    override: dict[int, tuple[float, float]]
    timing_out: dict[int, float]  # edge → share of calls timing out (after retries: p^(r+1))
    throttles: dict[int, Throttle] = field(default_factory=dict)  # model → its 429s


@dataclass(frozen=True)
class _Quotas:
    rps: np.ndarray
    binding: dict[int, str]


def _levers(
    net: Network, state: State | None, failed: dict[int, str], quota: _Quotas | None = None
) -> _Levers:
    factor = net.factors()
    override: dict[int, tuple[float, float]] = {}
    timing_out: dict[int, float] = {}
    shift = np.zeros(len(net.ids))
    if state is not None:
        hold = state.holding_ms
        with np.errstate(invalid="ignore"):
            sd = np.sqrt(np.clip(state.holding_scv, 0.0, 1.0)) * hold
            shift = np.where(np.isfinite(hold) & np.isfinite(sd), hold - sd, 0.0)
    timed = [
        k
        for k, e in enumerate(net.edges)
        if state is not None
        and not e.standby_for
        and e.sync
        and e.timeout_ms is not None
        and e.target not in failed
    ]
    share_of: dict[int, float] = {}
    if state is not None:
        edges = net.edges
        shares = _timeout_shares(
            state, shift, [edges[k].target for k in timed], [_timeout(edges[k]) for k in timed]
        )
        share_of = dict(zip(timed, shares))
    for k, edge in enumerate(net.edges):
        if edge.standby_for:
            continue
        target_down = edge.target in failed
        if target_down:
            if edge.breaker:
                factor[k] = 0.0
                cost = 0.0
            else:
                factor[k] = 1.0 + edge.retries
                cost = edge.rate * (1.0 + edge.retries) * _timeout(edge)
            if edge.sync:
                override[k] = (cost, 0.0)
            for j in net.standbys(edge.id):
                factor[j] = 1.0
            continue
        if state is None or k not in share_of or edge.timeout_ms is None:
            continue
        p = share_of[k]
        if p <= 1e-6:
            continue
        if edge.breaker and p >= 0.5:
            # The breaker opens on a majority of failures: calls stop, fallback takes over.
            factor[k] = 0.0
            override[k] = (0.0, 0.0)
            timing_out[k] = 1.0
            for j in net.standbys(edge.id):
                factor[j] = 1.0
            continue
        r = edge.retries
        attempts = (1.0 - p ** (r + 1)) / (1.0 - p) if p < 1.0 else float(r + 1)
        factor[k] = attempts
        per_call = min(float(state.response_ms[edge.target]), edge.timeout_ms)
        override[k] = (edge.rate * attempts * per_call, 0.0)
        timing_out[k] = p ** (r + 1)
    for k, edge in enumerate(net.edges):
        # A fallback in use that is itself down: its calls hang until the timeout too.
        if edge.standby_for and factor[k] > 0 and edge.target in failed and edge.sync:
            override[k] = (edge.rate * _timeout(edge), 0.0)
    throttles: dict[int, Throttle] = {}
    if state is not None and quota is not None:
        throttles = apply_throttles(net, state, failed, factor, quota.rps, quota.binding, override)
    return _Levers(factor, override, timing_out, throttles)


@collector_paused()  # plain results, no cycles: model/collector.py
def chaos(arch: Architecture, scenario: Scenario, rps: float) -> dict[str, Any]:
    """Run the scenario at `rps` and report statuses, the cascade and what contained it."""
    net = build(arch)
    inj = _inject(net, scenario)
    n = len(net.ids)
    normal = evaluate(net, rps)
    quota = _Quotas(*quotas(net, scenario.throttle))
    failed = dict(inj.failed)
    # Stations already overloaded before anything breaks are not part of the cascade.
    for i in range(n):
        if i not in failed and normal.utilization[i] >= 1.0 and math.isfinite(normal.holding_ms[i]):
            failed[i] = (
                f"already overloaded at {rps:g} rps (utilization {normal.utilization[i]:.0%})"
            )
    step_of = {i: 0 for i in failed}
    state: State | None = None
    levers = _levers(net, None, failed)
    step = 0
    peak = np.ones(n)
    settling = 0
    breakers = np.array([e.breaker for e in net.edges], dtype=bool)
    for _ in range(MAX_STEPS * LEVER_ROUNDS):
        passes = np.ones(n)
        passes[list(failed)] = 0.0
        state = evaluate(
            net,
            rps,
            extra_ms=inj.extra_ms,
            server_factor=inj.server_factor,
            edge_factor=levers.factor,
            passes=passes,
            call_override=levers.override,
        )
        ratio = _ratios(state.arrival_rps, normal.arrival_rps)
        peak = np.where(ratio > peak, ratio, peak)  # as max(): a NaN ratio leaves the peak
        # A breaker opens within seconds, before a backlog builds: open it first, so a
        # slow callee behind a breaker is cut off (its fallback takes over) rather than
        # taking its callers' slots down with it.
        # Once one opens, the held times it changes settle too before anything is judged.
        settled = _levers(net, state, failed, quota)
        opened = _open_breakers(breakers, settled) > _open_breakers(breakers, levers)
        if settling < LEVER_ROUNDS and (opened or (settling and not _settled(settled, levers))):
            levers, settling = settled, settling + 1
            continue
        settling = 0
        # Only the deepest overloaded stations fail in a step: a caller overloaded by a
        # callee that is itself going down is judged again once that callee is down (its
        # calls then hang until the timeout, or a breaker opens).
        hot = (state.utilization >= 1.0) & np.isfinite(state.holding_ms)
        over = {i for i in np.flatnonzero(hot).tolist() if i not in failed}
        newly = [
            i
            for i in sorted(over)
            if not any(net.edges[k].sync and net.edges[k].target in over for k in net.out[i])
        ]
        if newly:
            step += 1
            for i in newly:
                util = state.utilization[i]
                failed[i] = f"overloaded: utilization {util:.0%}, load ×{peak[i]:.2f}"
                step_of[i] = step
            if step >= MAX_STEPS:
                break
            levers = _levers(net, state, failed, quota)
            continue
        levers_moved = not _settled(settled, levers)
        levers = settled  # same factors, but the throttles are read from this round
        if not levers_moved:
            break
    assert state is not None
    result = report(
        net, state, failed, step_of, inj.degraded, levers.timing_out, peak, levers.throttles
    )
    result["injected"] = sorted(net.ids[i] for i in inj.failed)
    # The simulation's own warnings (a loop that did not settle): said, not dropped.
    result["warnings"] = list(dict.fromkeys(state.warnings))
    result["scenario"] = {
        "fail": scenario.fail,
        "zones": scenario.zones,
        "region": scenario.region,
        "slow": scenario.slow,
        "throttle": scenario.throttle,
    }
    return result


def _open_breakers(breakers: np.ndarray, levers: _Levers) -> set[int]:
    """Connections whose breaker is open (calls stopped); `breakers` marks the
    connections that have one."""
    return set(np.flatnonzero(breakers & (levers.factor == 0.0)).tolist())


def _settled(new: _Levers, old: _Levers) -> bool:
    """Whether the levers stopped moving (same call factors and held times)."""
    return bool(np.allclose(new.factor, old.factor, rtol=1e-6)) and _same(
        new.override, old.override
    )


def _same(a: dict[int, tuple[float, float]], b: dict[int, tuple[float, float]]) -> bool:
    if a.keys() != b.keys():
        return False
    return all(math.isclose(a[k][0], b[k][0], rel_tol=1e-6, abs_tol=1e-9) for k in a)


def _ratios(now: np.ndarray, before: np.ndarray) -> np.ndarray:
    """now / before per component; where nothing arrived before, 1 if nothing arrives
    now either, else infinity."""
    with np.errstate(divide="ignore", invalid="ignore"):
        quotient = now / np.where(before > 0, before, 1.0)
    idle: np.ndarray = np.where(now <= 0, 1.0, math.inf)
    out: np.ndarray = np.where(before > 0, quotient, idle)
    return out


def _members(arch: Architecture, boundary: str) -> set[str]:
    """Components inside a boundary and its nested ones. networkx is imported only for
    a zone or region scenario, not for `--fail` (issue 16)."""
    from archwright.model.graph import ArchGraph

    return ArchGraph(arch).boundary_members(boundary)
