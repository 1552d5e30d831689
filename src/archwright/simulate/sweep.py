"""Single-failure sweep: fail every component in turn and rank them by impact.

Each failure is followed through the call graph with the containment rules of chaos
(fallbacks, fallback answers, cache miss paths; asynchronous hand-offs stop it) but
without the load cascade, so a sweep over a thousand components takes a second rather
than minutes; run `chaos --fail ID` on the top of the list for the cascade.

Impact of a failure: the share of external traffic that fails (entry points weighted
by their share) and the journeys it fails or degrades (weighted by journey share); ties
go to the component more likely to fail (fewer replicas, lower availability), and
`expected_loss_min_per_month` multiplies the two: minutes of full outage a month.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from archwright.model import Architecture, Kind
from archwright.model.collector import collector_paused
from archwright.simulate.availability import failing_nodes
from archwright.simulate.flow import Network, build
from archwright.simulate.propagation import BROKERS, failure_fractions
from archwright.simulate.settings import defaults


def _callers(net: Network) -> list[list[int]]:
    """Who is affected when a node fails: sync callers, and producers of a failed broker."""
    up: list[list[int]] = [[] for _ in net.ids]
    for edge in net.edges:
        if edge.standby_for or edge.miss_of:
            continue
        if edge.sync or net.profiles[edge.target].kind in BROKERS:
            up[edge.target].append(edge.source)
    return up


def _affected(up: list[list[int]], start: int) -> set[int]:
    seen = {start}
    todo = deque([start])
    while todo:
        node = todo.popleft()
        for caller in up[node]:
            if caller not in seen:
                seen.add(caller)
                todo.append(caller)
    return seen


@collector_paused()  # plain results, no cycles: model/collector.py
def sweep(arch: Architecture, rps: float) -> list[dict[str, Any]]:
    """Every non-client component, worst first, with the traffic and journeys it takes down."""
    net = build(arch)
    up = _callers(net)
    out: list[dict[str, Any]] = []
    journey_steps = [(j.name, j.share, [net.index[s] for s in j.steps]) for j in net.journeys]
    total_share = sum(s for _, s, _ in journey_steps) or 1.0
    entries = [(i, share) for i, share in enumerate(net.entry_share) if share]
    for node, cid in enumerate(net.ids):
        if net.profiles[node].kind is Kind.CLIENT:
            continue
        scope = _affected(up, node)
        frac = _fractions_within(net, node, scope)
        lost = _lost(entries, frac)
        failed_j: list[str] = []
        degraded_j: list[str] = []
        impact = 0.0
        for name, share, steps in journey_steps:
            worst = max((float(frac[s]) for s in steps if s != node), default=0.0)
            if node in steps and not _bypassed(net, steps, node, frac):
                worst = 1.0
            if worst >= 0.999:
                failed_j.append(name)
                impact += share
            elif worst > 1e-9 or node in steps:
                degraded_j.append(name)
                impact += share * worst
        prof = net.profiles[node]
        replicas = failing_nodes(prof, net.component(node).replicas)
        down = (1.0 - prof.availability) ** replicas if replicas else 1.0
        out.append(
            {
                "component": cid,
                "traffic_lost": round(lost, 6),
                "unavailability": float(f"{down:.6g}"),
                "expected_loss_min_per_month": round(down * lost * defaults().minutes_per_month, 4),
                "rps_lost": round(lost * rps, 3),
                "impact": round(impact / total_share, 6),
                "journeys_failed": failed_j,
                "journeys_degraded": degraded_j,
                "affected": sorted(net.ids[i] for i in scope if frac[i] > 1e-9),
            }
        )
    out.sort(
        key=lambda r: (
            -r["traffic_lost"],
            -r["impact"],
            -r["unavailability"],
            -len(r["affected"]),
            r["component"],
        )
    )
    for rank, row in enumerate(out, start=1):
        row["rank"] = rank
    return out


def _lost(entries: list[tuple[int, float]], frac: list[float]) -> float:
    """Share of external traffic failing: entry shares weighted by their failing share,
    summed over the entry points in file order, in plain floats (issue 16: numpy's
    import was most of a small model's sweep). It was `np.dot` over every component,
    whose last bit depends on the CPU's BLAS kernel (fused multiply-adds in some
    lanes, not others); this sum is the same on every machine, and the two agree to
    far below the six decimals `traffic_lost` shows."""
    lost = 0.0
    for i, share in entries:
        lost += share * frac[i]
    return lost


def _fractions_within(net: Network, node: int, scope: set[int]) -> list[float]:
    """Failure fractions with `node` down, computed only where the failure can reach."""
    if len(scope) == 1:
        frac = [0.0] * len(net.ids)
        frac[node] = 1.0
        return frac
    frac, _, _, _ = failure_fractions(net, {node}, None, scope)
    return frac


def _bypassed(net: Network, steps: list[int], node: int, frac: list[float]) -> bool:
    """The failed step is reached through a fallback that works, or after a hand-off."""
    pos = steps.index(node)
    if pos == 0:
        return False
    prev = steps[pos - 1]
    links = [net.edges[k] for k in net.out[prev] if net.edges[k].target == node]
    if links and not any(e.sync for e in links) and net.profiles[node].kind not in BROKERS:
        return True
    return any(
        e.degraded_answer or (e.fallback is not None and frac[e.fallback] < 0.999) for e in links
    )
