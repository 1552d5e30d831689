"""Where each component saturates: the one capacity-under-load figure the engines share.

A component's own ceiling is `Profile.max_rps` (kb/capacity.py), but a component that
calls others synchronously holds a slot while it waits, so its slots can run out first.
This computes, without queueing, each component's *holding time* (own service time plus,
per synchronous flow, its rate × the callee's holding time) and from it the external
rate at which the busier of its two resources (slots, work capacity) is fully used.
`simulate` reports these as "saturates at" and bounds its `max_rps` by their minimum;
the audit judges capacity at the recorded peak with the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from archwright.cost.traffic import FlowGraph
from archwright.kb.capacity import Profile

__all__ = ["holding_times", "saturation_rps"]

CYCLE_ITERATIONS = 100


def holding_times(graph: FlowGraph, profiles: Mapping[str, Profile]) -> list[float]:
    """Unloaded holding time (ms) of every component, in graph order.

    Callees are settled before their callers; a cycle of synchronous calls is iterated
    (at most CYCLE_ITERATIONS times) towards its fixed point.
    """
    n = len(graph.ids)
    own = [profiles[cid].service_time_ms for cid in graph.ids]
    factor = graph.normal_factors()
    calls: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for k, flow in enumerate(graph.flows):
        if flow.sync:
            rate = flow.rate * factor[k]
            if rate > 0:
                calls[graph.source[k]].append((graph.target[k], rate))
    hold = own[:]
    for group in reversed(graph.sync_groups()):
        # Most groups are one component calling nothing synchronously: its own time,
        # without a generator for the `any` and the `sum` of no calls (+ 0, as that sum).
        if len(group) == 1 and not calls[group[0]]:
            hold[group[0]] = own[group[0]] + 0
            continue
        cyclic = len(group) > 1 or any(t == group[0] for t, _ in calls[group[0]])
        for _ in range(CYCLE_ITERATIONS if cyclic else 1):
            changed = False
            for node in group:
                value = own[node] + sum(rate * hold[t] for t, rate in calls[node])
                changed |= abs(value - hold[node]) > 1e-9 * max(value, 1.0)
                hold[node] = value
            if not changed:
                break
    return hold


def saturation_rps(graph: FlowGraph, profiles: Mapping[str, Profile]) -> list[float]:
    """External requests/s at which each component is fully used (∞: never), graph order."""
    unit = graph.unit().rates
    hold = holding_times(graph, profiles)
    out = []
    for i, cid in enumerate(graph.ids):
        prof = profiles[cid]
        busy = 0.0 if prof.unbounded else prof.replicas_busy(unit[i], hold[i])
        replicas = prof.servers / (prof.concurrency * prof.shards) if not prof.unbounded else 0
        out.append(replicas / busy if busy > 0 else math.inf)
    return out
