"""Shaping a chaos run into its report: statuses, the cascade, journeys, backlogs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from archwright.model import Kind
from archwright.simulate.capacity import Stations, shown_utilization
from archwright.simulate.flow import Network
from archwright.simulate.propagation import BROKERS, failure_fractions
from archwright.simulate.throttle import Throttle


def report(
    net: Network,
    state: Stations,
    rps: float,
    failed: dict[int, str],
    step_of: dict[int, int],
    injected_degraded: dict[int, str],
    timing_out: dict[int, float],
    peak: list[float],
    throttles: dict[int, Throttle] | None = None,
) -> dict[str, Any]:
    """The chaos result of SPEC §4 (plus `would_contain`, `backlog_per_s`, `throttling`)
    for the stations found at `rps`."""
    limited = throttles or {}
    shed = {i: t.rejected for i, t in limited.items()}
    refused = {k: share for t in limited.values() for k, share in t.failing.items()}
    frac, culprit, contained, how = failure_fractions(
        net, set(failed), timing_out, refused=(shed, refused)
    )
    for k, edge in enumerate(net.edges):
        if edge.breaker and (edge.target in failed or k in timing_out or k in refused):
            contained.add(edge.id)
    found = _Found(net, state, failed, injected_degraded, limited, frac, culprit, how)
    components = {cid: _component(found, i, float(peak[i])) for i, cid in enumerate(net.ids)}
    down = {net.ids[i] for i in failed}
    return {
        "failed": sorted(net.ids[i] for i in failed),
        "components": components,
        "journeys": {j.name: _journey(net, j.steps, components, down) for j in net.journeys},
        "cascade": _cascade(found, step_of, components),
        "contained_by": sorted(contained),
        "would_contain": _would_contain(found, components),
        "backlog_per_s": _backlogs(net, state, set(failed)),
        "throttling": [_throttling(net, state, t, frac) for t in limited.values()],
        "rps": round(rps, 3),
    }


@dataclass(frozen=True)
class _Found:
    """What the chaos run found, as each step of the report reads it: the stations, the
    injected failures and slowdowns, the binding quotas, and how failures spread
    (`failure_fractions`: share failing, culprit call, how a failure was contained)."""

    net: Network
    state: Stations
    failed: dict[int, str]
    injected_degraded: dict[int, str]
    limited: dict[int, Throttle]
    frac: list[float]
    culprit: dict[int, int]
    how: dict[int, str]


def _component(found: _Found, i: int, lf: float) -> dict[str, Any]:
    """One component's entry: load factor, status with its cause, utilisation, failing
    share. Failed beats throttled beats every other degradation."""
    net, frac, culprit = found.net, found.frac, found.culprit
    entry: dict[str, Any] = {"load_factor": round(lf, 3) if math.isfinite(lf) else None}
    if i in found.failed:
        entry.update(status="failed", cause=found.failed[i])
    elif frac[i] >= 0.999 and i in culprit:
        edge = net.edges[culprit[i]]
        entry.update(status="failed", cause=f"every request needs {net.ids[edge.target]}")
    elif frac[i] > 1e-9 and i in culprit:
        edge = net.edges[culprit[i]]
        entry.update(
            status="degraded",
            cause=f"{frac[i]:.1%} of requests fail (calls {net.ids[edge.target]})",
        )
    elif i in found.injected_degraded or i in found.how or lf > 1.05:
        cause = (
            found.injected_degraded.get(i)
            or found.how.get(i)
            or _load_cause(net, found.state, i, lf)
        )
        entry.update(status="degraded", cause=cause)
    else:
        entry.update(status="ok", cause=None)
    throttled = _throttled(found.limited.get(i))
    if throttled and entry["status"] != "failed":
        entry.update(status="degraded", cause=throttled)
    entry["utilization"] = shown_utilization(found.state.utilization[i])
    entry["failing_share"] = round(float(frac[i]), 6)
    return entry


def _cascade(
    found: _Found, step_of: dict[int, int], components: dict[str, Any]
) -> list[dict[str, Any]]:
    """The cascade in steps: the injected failures at their steps, what then fails for
    want of a callee one step after the last, and injected slowdowns at step 0."""
    net, failed = found.net, found.failed
    cascade: list[dict[str, Any]] = []
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
    for i in sorted(found.injected_degraded):
        if components[net.ids[i]]["status"] == "degraded":
            cascade.insert(
                0,
                {
                    "step": 0,
                    "component": net.ids[i],
                    "status": "degraded",
                    "cause": found.injected_degraded[i],
                },
            )
    cascade.sort(key=lambda c: (c["step"], c["component"]))
    return cascade


def _would_contain(found: _Found, components: dict[str, Any]) -> list[str]:
    """Calls into a failed component with nothing to contain it (no breaker, fallback or
    fallback answer) whose caller suffers: where a breaker or fallback would help.
    Clients and brokers are left out (nothing to put a breaker in)."""
    net = found.net
    return sorted(
        {
            edge.id
            for edge in net.edges
            if not edge.standby_for
            and not edge.miss_of
            and edge.target in found.failed
            and not edge.breaker
            and edge.fallback is None
            and not edge.degraded_answer
            and components[net.ids[edge.source]]["status"] != "ok"
            and net.profiles[edge.source].kind is not Kind.CLIENT
            and net.profiles[edge.source].kind not in BROKERS
        }
    )


def _journey(
    net: Network, steps: list[str], comps: dict[str, Any], down: set[str]
) -> dict[str, Any]:
    """A journey fails at its first failed step not bypassed by a fallback on the way in.

    Steps that fail only because a callee failed are passed over to name the root cause
    on the path (the component that is down or overloaded).
    """
    degraded: str | None = None
    knock_on: str | None = None
    for pos, cid in enumerate(steps):
        info = comps[cid]
        if info["status"] == "failed" and cid not in down:
            knock_on = knock_on or f"{cid} failed ({info['cause']})"
            continue
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
    if knock_on:
        return {"status": "failed", "reason": knock_on}
    if degraded:
        return {"status": "degraded", "reason": degraded}
    return {"status": "ok", "reason": None}


def _backlogs(net: Network, state: Stations, failed: set[int]) -> dict[str, float]:
    """Messages per second piling up in queues and streams whose consumers fall behind."""
    out: dict[str, float] = {}
    for i, cid in enumerate(net.ids):
        if net.profiles[i].kind not in BROKERS or i in failed:
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


def _load_cause(net: Network, state: Stations, i: int, factor: float) -> str:
    """Why a component's load rose: a standby taking over carries what it never did."""
    if math.isfinite(factor):
        return f"load ×{factor:.2f}"
    rps = float(state.arrival_rps[i])
    what = "a fallback model" if net.profiles[i].tokens is not None else "a fallback"
    return f"in use as {what}: {rps:,.1f} requests/s (idle normally; answers at its quality)"


def _throttled(throttle: Throttle | None) -> str | None:
    """A hosted model asked for more than its provider's quota: the excess gets HTTP 429."""
    if throttle is None:
        return None
    return (
        f"{throttle.rejected:.0%} throttled: {throttle.attempts_rps:,.1f} requests/s "
        f"against a quota of {throttle.quota_rps:,.1f}"
    )


def _throttling(net: Network, state: Stations, t: Throttle, frac: list[float]) -> dict[str, Any]:
    """The cascade of one binding quota: retries, the fallback's share, the caches' share,
    what fails in the end and what contained it (docs/ai-systems.md)."""
    calls = []
    for k, share in sorted(t.failing.items()):
        edge = net.edges[k]
        offered = float(state.arrival_rps[edge.source]) * edge.rate
        rescue = 1.0 if edge.fallback is None else float(frac[edge.fallback])
        calls.append(
            {
                "call": edge.id,
                "offered_rps": round(offered, 4),
                "retries": 0 if edge.breaker else edge.retries,
                "breaker": edge.breaker,
                "refused_after_retries": round(share, 6),
                "fallback": None if edge.fallback is None else net.ids[edge.fallback],
                "failing_rps": round(
                    offered * share * (0.0 if edge.degraded_answer else rescue), 4
                ),
            }
        )
    return {
        "model": net.ids[t.node],
        "quota_rps": round(t.quota_rps, 4),
        "binding": t.binding,
        "offered_rps": round(t.offered_rps, 4),
        "attempts_rps": round(t.attempts_rps, 4),
        "retry_amplification": round(t.attempts_rps / t.offered_rps, 4),
        "refused_share": round(t.rejected, 6),
        "to_fallback_rps": {net.ids[f]: round(rps, 4) for f, rps in sorted(t.overflow.items())},
        "calls": calls,
        "answered_by_caches": _cache_share(net, state, t.node),
    }


def _cache_share(net: Network, state: Stations, node: int) -> dict[str, float]:
    """Requests/s each cache on the way to `node` (or to the model it stands in for)
    answers from its hits (a semantic cache in front of a model): load it never sees."""
    callers = {node}
    frontier = [node]
    while frontier:
        target = frontier.pop()
        for edge in net.edges:
            if edge.target == target and edge.source not in callers:
                callers.add(edge.source)
                frontier.append(edge.source)
    out: dict[str, float] = {}
    for i in sorted(callers):
        prof = net.profiles[i]
        if prof.is_cache and prof.hit_ratio > 0:
            out[net.ids[i]] = round(float(state.arrival_rps[i]) * prof.hit_ratio, 4)
    return out


def throttling_lines(item: dict[str, Any]) -> list[str]:
    """A binding quota's cascade in words: offered, retries, fallback, caches, failures."""
    lines = [
        f"throttled: {item['model']} offered {item['offered_rps']:,.2f} requests/s against "
        f"its {item['binding'].upper()} quota of {item['quota_rps']:,.2f}; retries make "
        f"{item['attempts_rps']:,.2f} attempts/s (x{item['retry_amplification']:.2f}), "
        f"{item['refused_share']:.1%} of them refused (HTTP 429)"
    ]
    for cid, rps in item["to_fallback_rps"].items():
        lines.append(f"  fallback {cid} absorbs {rps:,.2f} requests/s")
    for cid, rps in item["answered_by_caches"].items():
        lines.append(f"  cache {cid} answers {rps:,.2f} requests/s without the model")
    for call in item["calls"]:
        guard = "breaker: no retries" if call["breaker"] else f"{call['retries']} retries"
        lines.append(
            f"  {call['call']} ({guard}): {call['refused_after_retries']:.1%} refused after "
            f"retries, {call['failing_rps']:,.2f} requests/s fail"
        )
    return lines
