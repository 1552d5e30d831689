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

from archwright.model import Architecture, BoundaryType, Kind
from archwright.model.graph import ArchGraph
from archwright.simulate.capacity import State, evaluate
from archwright.simulate.flow import Edge, Network, build
from archwright.simulate.profile import defaults
from archwright.simulate.queueing import sojourn_survival

MAX_STEPS = 50
_BROKERS = (Kind.QUEUE, Kind.STREAM)
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


def parse_slow(items: list[str]) -> dict[str, float]:
    """`ID=MS` pairs into a mapping; a malformed pair raises ChaosInputError."""
    out: dict[str, float] = {}
    for item in items:
        cid, sep, ms = item.partition("=")
        try:
            value = float(ms.removesuffix("ms"))
        except ValueError:
            value = -1.0
        if not sep or not cid or value < 0:
            raise ChaosInputError(f"--slow expects ID=MS, got {item!r}")
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
    for cid in [*scenario.fail, *scenario.slow]:
        if cid not in net.index:
            raise ChaosInputError(f"unknown component id {cid!r}")
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
    graph = ArchGraph(arch)
    lost = set(scenario.zones)
    zone_members: set[str] = set()
    for zone in lost:
        zone_members |= graph.boundary_members(zone)
    for comp in arch.components:
        i = net.index[comp.id]
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
        region_members = graph.boundary_members(scenario.region)
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


def _timeout_share(state: State, quant_shift: np.ndarray, node: int, timeout: float) -> float:
    """P(response of `node` > timeout), from its sojourn distribution (shifted exponential)."""
    if not math.isfinite(state.response_ms[node]):
        return 1.0
    wait = state.waits[node]
    hold = float(state.holding_ms[node])
    sd = math.sqrt(min(max(float(state.holding_scv[node]), 0.0), 1.0)) * hold
    t = timeout - float(quant_shift[node])
    if t <= 0:
        return 1.0
    if sd <= 0:
        return float(wait.p_wait * math.exp(-wait.theta * t)) if wait.p_wait > 0 else 0.0
    surv = sojourn_survival(
        np.array([wait.p_wait]), np.array([wait.theta]), np.array([1.0 / sd]), np.array([t])
    )
    return float(surv[0])


@dataclass
class _Levers:
    factor: np.ndarray
    override: dict[int, tuple[float, float]]
    timing_out: dict[int, float]  # edge → share of calls timing out (after retries: p^(r+1))


def _levers(net: Network, state: State | None, failed: dict[int, str]) -> _Levers:
    factor = net.factors()
    override: dict[int, tuple[float, float]] = {}
    timing_out: dict[int, float] = {}
    shift = np.zeros(len(net.ids))
    if state is not None:
        hold = state.holding_ms
        with np.errstate(invalid="ignore"):
            sd = np.sqrt(np.clip(state.holding_scv, 0.0, 1.0)) * hold
            shift = np.where(np.isfinite(hold) & np.isfinite(sd), hold - sd, 0.0)
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
            for j, other in enumerate(net.edges):
                if other.standby_for == edge.id:
                    factor[j] = 1.0
            continue
        if state is None or not edge.sync or edge.timeout_ms is None:
            continue
        p = _timeout_share(state, shift, edge.target, edge.timeout_ms)
        if p <= 1e-6:
            continue
        if edge.breaker and p >= 0.5:
            # The breaker opens on a majority of failures: calls stop, fallback takes over.
            factor[k] = 0.0
            override[k] = (0.0, 0.0)
            timing_out[k] = 1.0
            for j, other in enumerate(net.edges):
                if other.standby_for == edge.id:
                    factor[j] = 1.0
            continue
        r = edge.retries
        attempts = (1.0 - p ** (r + 1)) / (1.0 - p) if p < 1.0 else float(r + 1)
        factor[k] = attempts
        per_call = min(float(state.response_ms[edge.target]), edge.timeout_ms)
        override[k] = (edge.rate * attempts * per_call, 0.0)
        timing_out[k] = p ** (r + 1)
    return _Levers(factor, override, timing_out)


def chaos(arch: Architecture, scenario: Scenario, rps: float) -> dict[str, Any]:
    """Run the scenario at `rps` and report statuses, the cascade and what contained it."""
    net = build(arch)
    inj = _inject(net, scenario)
    n = len(net.ids)
    normal = evaluate(net, rps)
    failed = dict(inj.failed)
    step_of = {i: 0 for i in failed}
    state: State | None = None
    levers = _levers(net, None, failed)
    step = 0
    peak = np.ones(n)
    for _ in range(MAX_STEPS * LEVER_ROUNDS):
        passes = np.array([0.0 if i in failed else 1.0 for i in range(n)])
        state = evaluate(
            net,
            rps,
            extra_ms=inj.extra_ms,
            server_factor=inj.server_factor,
            edge_factor=levers.factor,
            passes=passes,
            call_override=levers.override,
        )
        for i in range(n):
            peak[i] = max(peak[i], _ratio(state.arrival_rps[i], normal.arrival_rps[i]))
        # Only the deepest overloaded stations fail in a step: a caller overloaded by a
        # callee that is itself going down is judged again once that callee is down (its
        # calls then hang until the timeout, or a breaker opens).
        over = {
            i
            for i in range(n)
            if i not in failed
            and state.utilization[i] >= 1.0
            and math.isfinite(state.holding_ms[i])
        }
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
            levers = _levers(net, state, failed)
            continue
        new_levers = _levers(net, state, failed)
        if np.allclose(new_levers.factor, levers.factor, rtol=1e-6) and _same(
            new_levers.override, levers.override
        ):
            break
        levers = new_levers
    assert state is not None
    return _report(net, inj, scenario, state, failed, step_of, levers, peak)


def _same(a: dict[int, tuple[float, float]], b: dict[int, tuple[float, float]]) -> bool:
    if a.keys() != b.keys():
        return False
    return all(math.isclose(a[k][0], b[k][0], rel_tol=1e-6, abs_tol=1e-9) for k in a)


def _ratio(now: float, before: float) -> float:
    if before > 0:
        return float(now / before)
    return 1.0 if now <= 0 else math.inf


def failure_fractions(
    net: Network,
    failed: set[int],
    timing_out: dict[int, float] | None = None,
    scope: set[int] | None = None,
) -> tuple[np.ndarray, dict[int, int], set[str], dict[int, str]]:
    """Share of each component's requests that fail, callees first.

    `scope` limits the work to the components a failure can reach (the sweep's speed).
    Returns (fractions, culprit edge per component, ids of connections that contained a
    failure, how each containment worked). A failing call is contained by a fallback
    component that works, a fallback answer, or a cache's miss path taking its hits.
    """
    n = len(net.ids)
    frac = np.zeros(n)
    culprit: dict[int, int] = {}
    contained: set[str] = set()
    how: dict[int, str] = {}
    slow = timing_out or {}
    for i in failed:
        frac[i] = 1.0
    groups = net.sync_order
    if scope is not None:
        position = net.sync_position()
        groups = [net.sync_order[g] for g in sorted({position[i] for i in scope})]
    for group in groups:
        for _ in range(3 if len(group) > 1 else 1):
            for node in group:
                if node in failed or (scope is not None and node not in scope):
                    continue
                ok = 1.0
                worst = 0.0
                for k in net.out[node]:
                    edge = net.edges[k]
                    if edge.standby_for or edge.miss_of:
                        continue
                    down = edge.target in failed
                    if not edge.sync and (not down or net.profiles[node].kind in _BROKERS):
                        continue  # async: only a failed broker fails the publish
                    e = 1.0 if down else float(frac[edge.target])
                    e = max(e, slow.get(k, 0.0))
                    if e > 0 and (edge.fallback is not None or edge.degraded_answer):
                        rescue = 0.0 if edge.fallback is None else float(frac[edge.fallback])
                        if rescue < e:
                            contained.add(edge.id)
                            how[node] = f"falls back on {edge.id}"
                        e = min(e, rescue)
                    if e <= 0:
                        continue
                    gate = min(1.0, edge.rate / edge.calls) if edge.calls > 0 else 0.0
                    times = max(1, round(edge.calls))
                    fail = gate * (1.0 - (1.0 - e) ** times)
                    ok *= 1.0 - fail
                    if fail > worst:
                        worst = fail
                        culprit[node] = k
                frac[node] = 1.0 - ok
    return frac, culprit, contained, how


def _report(
    net: Network,
    inj: _Injected,
    scenario: Scenario,
    state: State,
    failed: dict[int, str],
    step_of: dict[int, int],
    levers: _Levers,
    peak: np.ndarray,
) -> dict[str, Any]:
    frac, culprit, contained, how = failure_fractions(net, set(failed), levers.timing_out)
    for k, edge in enumerate(net.edges):
        if edge.breaker and (edge.target in failed or k in levers.timing_out):
            contained.add(edge.id)
    components: dict[str, Any] = {}
    cascade: list[dict[str, Any]] = []
    for i, cid in enumerate(net.ids):
        lf = float(peak[i])
        entry: dict[str, Any] = {"load_factor": round(lf, 3) if math.isfinite(lf) else None}
        if i in failed:
            entry.update(status="failed", cause=failed[i])
        elif frac[i] >= 0.999:
            edge = net.edges[culprit[i]]
            entry.update(status="failed", cause=f"every request needs {net.ids[edge.target]}")
        elif frac[i] > 1e-9:
            edge = net.edges[culprit[i]]
            entry.update(
                status="degraded",
                cause=f"{frac[i]:.1%} of requests fail (calls {net.ids[edge.target]})",
            )
        elif i in inj.degraded or i in how or lf > 1.05:
            cause = inj.degraded.get(i) or how.get(i) or f"load ×{lf:.2f}"
            entry.update(status="degraded", cause=cause)
        else:
            entry.update(status="ok", cause=None)
        entry["utilization"] = _finite(state.utilization[i], 4)
        entry["failing_share"] = round(float(frac[i]), 6)
        components[cid] = entry
    for i in sorted(failed, key=lambda j: (step_of[j], net.ids[j])):
        cascade.append(
            {"step": step_of[i], "component": net.ids[i], "status": "failed", "cause": failed[i]}
        )
    last = max(step_of.values(), default=0)
    functional = [
        i
        for i, cid in enumerate(net.ids)
        if i not in failed and components[cid]["status"] == "failed"
    ]
    for i in sorted(functional, key=lambda j: net.ids[j]):
        cascade.append(
            {
                "step": last + 1,
                "component": net.ids[i],
                "status": "failed",
                "cause": components[net.ids[i]]["cause"],
            }
        )
    for i in sorted(inj.degraded):
        if components[net.ids[i]]["status"] == "degraded":
            cascade.insert(
                0,
                {
                    "step": 0,
                    "component": net.ids[i],
                    "status": "degraded",
                    "cause": inj.degraded[i],
                },
            )
    cascade.sort(key=lambda c: (c["step"], c["component"]))
    journeys = {j.name: _journey(net, j.steps, components) for j in net.journeys}
    would = sorted(
        {
            edge.id
            for edge in net.edges
            if not edge.standby_for
            and not edge.miss_of
            and (edge.target in failed or frac[edge.target] >= 0.999)
            and not edge.breaker
            and edge.fallback is None
            and not edge.degraded_answer
            and components[net.ids[edge.source]]["status"] != "ok"
            and net.profiles[edge.source].kind is not Kind.CLIENT
            and net.profiles[edge.source].kind not in _BROKERS
        }
    )
    return {
        "failed": sorted(net.ids[i] for i in failed),
        "components": components,
        "journeys": journeys,
        "cascade": cascade,
        "contained_by": sorted(contained),
        "would_contain": would,
        "backlog_per_s": _backlogs(net, state, set(failed)),
        "rps": round(state.rps, 3),
        "scenario": {
            "fail": scenario.fail,
            "zones": scenario.zones,
            "region": scenario.region,
            "slow": scenario.slow,
        },
    }


def _journey(net: Network, steps: list[str], comps: dict[str, Any]) -> dict[str, Any]:
    """A journey fails at its first failed step not bypassed by a fallback on the way in."""
    degraded: str | None = None
    for pos, cid in enumerate(steps):
        info = comps[cid]
        if info["status"] == "failed":
            if pos > 0:
                links = [
                    net.edges[k]
                    for k in net.out[net.index[steps[pos - 1]]]
                    if net.edges[k].target == net.index[cid]
                ]
                rescue = next(
                    (
                        e
                        for e in links
                        if e.degraded_answer
                        or (
                            e.fallback is not None
                            and comps[net.ids[e.fallback]]["status"] != "failed"
                        )
                    ),
                    None,
                )
                if rescue is not None:
                    how = (
                        "a fallback answer" if rescue.fallback is None else net.ids[rescue.fallback]
                    )
                    return {"status": "degraded", "reason": f"{cid} failed; served by {how}"}
                if links and not any(e.sync for e in links):
                    return {
                        "status": "degraded",
                        "reason": f"{cid} failed after an asynchronous hand-off: work queues",
                    }
            return {"status": "failed", "reason": f"{cid} failed ({info['cause']})"}
        if info["status"] == "degraded" and degraded is None:
            degraded = f"{cid} degraded ({info['cause']})"
    if degraded:
        return {"status": "degraded", "reason": degraded}
    return {"status": "ok", "reason": None}


def _backlogs(net: Network, state: State, failed: set[int]) -> dict[str, float]:
    """Messages per second piling up in queues and streams whose consumers fall behind."""
    out: dict[str, float] = {}
    for i, cid in enumerate(net.ids):
        if net.profiles[i].kind not in _BROKERS or i in failed:
            continue
        growth = 0.0
        for k in net.out[i]:
            edge = net.edges[k]
            offered = float(state.arrival_rps[i]) * edge.rate
            consumer = edge.target
            if consumer in failed:
                drained = 0.0
            else:
                hold = float(state.holding_ms[consumer])
                servers = float(state.servers[consumer])
                capacity = servers / hold * 1000.0 if hold > 0 else math.inf
                share = offered / max(float(state.arrival_rps[consumer]), 1e-12)
                drained = min(offered, capacity * min(share, 1.0))
            growth = max(growth, offered - drained)
        if growth > 1e-9:
            out[cid] = round(growth, 3)
    return out


def _finite(value: float, digits: int) -> float | None:
    return round(float(value), digits) if math.isfinite(value) else None
