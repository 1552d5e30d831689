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
from typing import Any, NamedTuple

from archwright.model import Architecture, BoundaryType
from archwright.model.collector import collector_paused
from archwright.simulate.capacity import Stations, stations
from archwright.simulate.chaos_report import report
from archwright.simulate.flow import Edge, Network, build
from archwright.simulate.queueing import Wait, sojourn_survival, station_survival
from archwright.simulate.settings import defaults
from archwright.simulate.throttle import Throttle, quotas
from archwright.simulate.throttle import apply as apply_throttles

MAX_STEPS = 50
LEVER_ROUNDS = 30
# A timed call whose share of timeouts is at most this is left alone (`_levers`).
NEGLIGIBLE_SHARE = 1e-6
# Below this, a share found with `math.exp` is negligible whatever numpy's `exp` would
# have said: the two differ by a few ulps, which the survival formula can magnify at most
# ~1e7 times (a 1e-7 relative gap between the two rates), far inside this factor of 2.
PLAINLY_NEGLIGIBLE = NEGLIGIBLE_SHARE / 2
# Up to this many timed calls of uncertain outcome, the shares are found with plain floats
# first: one survival each (~1 µs), where numpy's vectorised pass costs ~20 array steps
# (and its import, when nothing else needed it).
PLAIN_SHARES = 256


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
    server_factor: list[float]
    extra_ms: list[float]
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
    factor = [1.0] * n
    extra = [0.0] * n
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


def _timeout_shares(state: Stations, nodes: list[int], timeouts: list[float]) -> list[float]:
    """P(response of `nodes[i]` > `timeouts[i]`) for every timed call, from each callee's
    sojourn distribution (a shifted exponential, `shift + Exp(sd)`, `shift = mean − sd`).

    `_levers` reads a share only when it exceeds NEGLIGIBLE_SHARE. The shares are found
    with `math.exp`, and those not plainly negligible again with numpy's vectorised
    `exp` (all of them past PLAIN_SHARES calls, where one pass over arrays is cheaper):
    its last bit differs from libm's for ~5% of arguments on an AVX-512 CPU, and the
    figures chaos prints have always been computed with it. A small model whose calls
    answer well inside their timeouts imports no numpy (~0.2 G instructions, issue 16).
    """
    shares: list[float] = []
    general: list[tuple[int, Wait, float, float]] = []  # (position, wait, sd, t)
    for node, timeout in zip(nodes, timeouts):
        hold = state.holding_ms[node]
        sd = math.sqrt(min(max(state.holding_scv[node], 0.0), 1.0)) * hold  # NaN stays NaN
        t = timeout - (hold - sd if math.isfinite(hold) and math.isfinite(sd) else 0.0)
        wait = state.waits[node]
        if not math.isfinite(state.response_ms[node]) or t <= 0:
            shares.append(1.0)
        elif sd <= 0:  # no spread: the wait alone
            shares.append(wait.p_wait * math.exp(-wait.theta * t) if wait.p_wait > 0 else 0.0)
        else:  # NaN included, as the vectorised test let it through
            general.append((len(shares), wait, sd, t))
            shares.append(math.nan)
    exact = general
    if len(general) <= PLAIN_SHARES:
        for pos, wait, sd, t in general:
            shares[pos] = station_survival(wait.p_wait, wait.theta, 1.0 / sd, t)
        exact = [g for g in general if not shares[g[0]] <= PLAINLY_NEGLIGIBLE]
    if exact:
        import numpy as np

        found = sojourn_survival(
            np.array([wait.p_wait for _, wait, _, _ in exact]),
            np.array([wait.theta for _, wait, _, _ in exact]),
            1.0 / np.array([sd for _, _, sd, _ in exact]),
            np.array([t for _, _, _, t in exact]),
        )
        for (pos, _, _, _), share in zip(exact, found.tolist()):
            shares[pos] = share
    return shares


@dataclass
class _Levers:
    factor: list[float]
    override: dict[int, tuple[float, float]]
    timing_out: dict[int, float]  # edge → share of calls timing out (after retries: p^(r+1))
    throttles: dict[int, Throttle] = field(default_factory=dict)  # model → its 429s


@dataclass(frozen=True)
class _Quotas:
    rps: list[float]
    binding: dict[int, str]


def _levers(
    net: Network, state: Stations | None, failed: dict[int, str], quota: _Quotas | None = None
) -> _Levers:
    """Call factors, held times and timeout shares for the failures and the stations
    found so far (`state` None: before the first evaluation, failures only)."""
    out = _Levers(net.factors(), {}, {})
    share_of = _timed_shares(net, state, failed)
    for k, edge in enumerate(net.edges):
        if edge.standby_for:
            continue
        if edge.target in failed:
            _call_down(net, k, edge, out)
            continue
        if state is None or k not in share_of or edge.timeout_ms is None:
            continue
        p = share_of[k]
        if p <= NEGLIGIBLE_SHARE:
            continue
        _call_timing_out(net, state, k, p, edge.timeout_ms, out)
    for k, edge in enumerate(net.edges):
        # A fallback in use that is itself down: its calls hang until the timeout too.
        if edge.standby_for and out.factor[k] > 0 and edge.target in failed and edge.sync:
            out.override[k] = (edge.rate * _timeout(edge), 0.0)
    if state is not None and quota is not None:
        out.throttles = apply_throttles(
            net, state, failed, out.factor, quota.rps, quota.binding, out.override
        )
    return out


def _timed_shares(net: Network, state: Stations | None, failed: dict[int, str]) -> dict[int, float]:
    """Share of calls timing out per synchronous call with a timeout into a live callee
    (none before the first evaluation): one batch, so numpy runs once if at all."""
    if state is None:
        return {}
    edges = net.edges
    timed = [
        k
        for k, e in enumerate(edges)
        if not e.standby_for and e.sync and e.timeout_ms is not None and e.target not in failed
    ]
    shares = _timeout_shares(
        state, [edges[k].target for k in timed], [_timeout(edges[k]) for k in timed]
    )
    return dict(zip(timed, shares))


def _call_down(net: Network, k: int, edge: Edge, out: _Levers) -> None:
    """A call into a failed component: a breaker stops it; without one every attempt
    hangs until the timeout. Either way its standbys (fallbacks) take the calls."""
    if edge.breaker:
        out.factor[k] = 0.0
        cost = 0.0
    else:
        out.factor[k] = 1.0 + edge.retries
        cost = edge.rate * (1.0 + edge.retries) * _timeout(edge)
    if edge.sync:
        out.override[k] = (cost, 0.0)
    for j in net.standbys(edge.id):
        out.factor[j] = 1.0


def _call_timing_out(
    net: Network, state: Stations, k: int, p: float, timeout_ms: float, out: _Levers
) -> None:
    """A live callee answering a share `p` of calls after the timeout: a breaker opens on
    a majority; otherwise the retries multiply the attempts (the retry storm)."""
    edge = net.edges[k]
    if edge.breaker and p >= 0.5:
        # The breaker opens on a majority of failures: calls stop, fallback takes over.
        out.factor[k] = 0.0
        out.override[k] = (0.0, 0.0)
        out.timing_out[k] = 1.0
        for j in net.standbys(edge.id):
            out.factor[j] = 1.0
        return
    r = edge.retries
    attempts = (1.0 - p ** (r + 1)) / (1.0 - p) if p < 1.0 else float(r + 1)
    out.factor[k] = attempts
    per_call = min(float(state.response_ms[edge.target]), timeout_ms)
    out.override[k] = (edge.rate * attempts * per_call, 0.0)
    out.timing_out[k] = p ** (r + 1)


@dataclass(frozen=True)
class _Setting:
    """What a chaos run holds fixed while the cascade unfolds: the network, the load, the
    injected faults, the stations before anything broke, the quotas and the breakers."""

    net: Network
    rps: float
    inj: _Injected
    normal: Stations
    quota: _Quotas
    breakers: list[int]


class _Outcome(NamedTuple):
    """Where the cascade stopped: the last stations, levers and peak load factors."""

    state: Stations
    levers: _Levers
    peak: list[float]


@collector_paused()  # plain results, no cycles: model/collector.py
def chaos(arch: Architecture, scenario: Scenario, rps: float) -> dict[str, Any]:
    """Run the scenario at `rps` and report statuses, the cascade and what contained it."""
    net = build(arch)
    inj = _inject(net, scenario)
    normal = stations(net, rps)
    quota = _Quotas(*quotas(net, scenario.throttle))
    breakers = [k for k, e in enumerate(net.edges) if e.breaker]
    setting = _Setting(net, rps, inj, normal, quota, breakers)
    failed = _already_failed(setting)
    step_of = {i: 0 for i in failed}
    end = _cascade(setting, failed, step_of)
    result = report(
        net,
        end.state,
        rps,
        failed,
        step_of,
        inj.degraded,
        end.levers.timing_out,
        end.peak,
        end.levers.throttles,
    )
    result["injected"] = sorted(net.ids[i] for i in inj.failed)
    # The simulation's own warnings (a loop that did not settle): said, not dropped.
    result["warnings"] = list(dict.fromkeys(end.state.warnings))
    result["scenario"] = {
        "fail": scenario.fail,
        "zones": scenario.zones,
        "region": scenario.region,
        "slow": scenario.slow,
        "throttle": scenario.throttle,
    }
    return result


def _already_failed(setting: _Setting) -> dict[int, str]:
    """The injected failures, plus stations already overloaded before anything breaks:
    those are not part of the cascade."""
    normal, rps = setting.normal, setting.rps
    failed = dict(setting.inj.failed)
    for i in range(len(setting.net.ids)):
        if i not in failed and normal.utilization[i] >= 1.0 and math.isfinite(normal.holding_ms[i]):
            failed[i] = (
                f"already overloaded at {rps:g} rps (utilization {normal.utilization[i]:.0%})"
            )
    return failed


def _cascade(setting: _Setting, failed: dict[int, str], step_of: dict[int, int]) -> _Outcome:
    """Evaluate, let the levers (breakers, retries, throttles) settle, fail the deepest
    overloaded stations as one step, and repeat until nothing moves. `failed` and
    `step_of` grow in place with each step's failures."""
    net = setting.net
    n = len(net.ids)
    state: Stations | None = None
    levers = _levers(net, None, failed)
    step = 0
    peak = [1.0] * n
    settling = 0
    for _ in range(MAX_STEPS * LEVER_ROUNDS):
        state = _evaluate(setting, failed, levers)
        ratio = _ratios(state.arrival_rps, setting.normal.arrival_rps)
        peak = [r if r > p else p for r, p in zip(ratio, peak)]  # a NaN ratio leaves it
        # A breaker opens within seconds, before a backlog builds: open it first, so a
        # slow callee behind a breaker is cut off (its fallback takes over) rather than
        # taking its callers' slots down with it.
        # Once one opens, the held times it changes settle too before anything is judged.
        settled = _levers(net, state, failed, setting.quota)
        opened = _open_breakers(setting.breakers, settled) > _open_breakers(
            setting.breakers, levers
        )
        if settling < LEVER_ROUNDS and (opened or (settling and not _settled(settled, levers))):
            levers, settling = settled, settling + 1
            continue
        settling = 0
        newly = _deepest_overloaded(net, state, failed)
        if newly:
            step += 1
            for i in newly:
                util = state.utilization[i]
                failed[i] = f"overloaded: utilization {util:.0%}, load ×{peak[i]:.2f}"
                step_of[i] = step
            if step >= MAX_STEPS:
                break
            levers = _levers(net, state, failed, setting.quota)
            continue
        levers_moved = not _settled(settled, levers)
        levers = settled  # same factors, but the throttles are read from this round
        if not levers_moved:
            break
    assert state is not None
    return _Outcome(state, levers, peak)


def _evaluate(setting: _Setting, failed: dict[int, str], levers: _Levers) -> Stations:
    """The stations with the failed components passing nothing and the levers applied."""
    passes = [1.0] * len(setting.net.ids)
    for i in failed:
        passes[i] = 0.0
    return stations(
        setting.net,
        setting.rps,
        extra_ms=setting.inj.extra_ms,
        server_factor=setting.inj.server_factor,
        edge_factor=levers.factor,
        passes=passes,
        call_override=levers.override,
    )


def _deepest_overloaded(net: Network, state: Stations, failed: dict[int, str]) -> list[int]:
    """Live stations at utilisation >= 1 that call no overloaded station synchronously.

    Only the deepest fail in a step: a caller overloaded by a callee that is itself going
    down is judged again once that callee is down (its calls then hang until the
    timeout, or a breaker opens)."""
    over = {
        i
        for i, (u, h) in enumerate(zip(state.utilization, state.holding_ms))
        if u >= 1.0 and math.isfinite(h) and i not in failed
    }
    return [
        i
        for i in sorted(over)
        if not any(net.edges[k].sync and net.edges[k].target in over for k in net.out[i])
    ]


def _open_breakers(breakers: list[int], levers: _Levers) -> set[int]:
    """Connections whose breaker is open (calls stopped); `breakers` lists the
    connections that have one."""
    return {k for k in breakers if levers.factor[k] == 0.0}


def _settled(new: _Levers, old: _Levers) -> bool:
    """Whether the levers stopped moving (same call factors and held times)."""
    return _close(new.factor, old.factor) and _same(new.override, old.override)


def _close(new: list[float], old: list[float]) -> bool:
    """`numpy.allclose(new, old, rtol=1e-6)` (its absolute tolerance 1e-8 kept) on
    plain floats: equal, or finite and within the tolerance."""
    return all(
        a == b or (math.isfinite(b) and abs(a - b) <= 1e-8 + 1e-6 * abs(b))
        for a, b in zip(new, old)
    )


def _same(a: dict[int, tuple[float, float]], b: dict[int, tuple[float, float]]) -> bool:
    if a.keys() != b.keys():
        return False
    return all(math.isclose(a[k][0], b[k][0], rel_tol=1e-6, abs_tol=1e-9) for k in a)


def _ratios(now: list[float], before: list[float]) -> list[float]:
    """now / before per component; where nothing arrived before, 1 if nothing arrives
    now either, else infinity."""
    return [a / b if b > 0 else (1.0 if a <= 0 else math.inf) for a, b in zip(now, before)]


def _members(arch: Architecture, boundary: str) -> set[str]:
    """Components inside a boundary and its nested ones. networkx is imported only for
    a zone or region scenario, not for `--fail` (issue 16)."""
    from archwright.model.graph import ArchGraph

    return ArchGraph(arch).boundary_members(boundary)
