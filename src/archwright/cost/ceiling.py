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
    looped: set[int] = set()  # components calling themselves synchronously
    source, target = graph.source, graph.target
    for k, flow in enumerate(graph.flows):
        if flow.sync:
            rate = flow.rate * factor[k]
            if rate > 0:
                calls[source[k]].append((target[k], rate))
                if source[k] == target[k]:
                    looped.add(source[k])
    hold = own[:]
    for group in reversed(graph.sync_groups()):
        if len(group) == 1 and group[0] not in looped:
            # One component not calling itself: settled in one pass. Most call nothing
            # synchronously: their own time (+ 0, the `sum` of no calls).
            node = group[0]
            made = calls[node]
            hold[node] = own[node] + (sum([rate * hold[t] for t, rate in made]) if made else 0)
            continue
        for _ in range(CYCLE_ITERATIONS):
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
    inf = math.inf
    out = []
    for prof, arriving, held in zip(map(profiles.__getitem__, graph.ids), unit, hold):
        if prof.unbounded:
            out.append(inf)  # never busy
            continue
        busy = prof.replicas_busy(arriving, held)
        replicas = prof.servers / (prof.concurrency * prof.shards)
        out.append(replicas / busy if busy > 0 else inf)
    return out
