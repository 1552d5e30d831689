"""How a failure travels back along calls, and where it stops (shared by chaos and sweep).

A request fails when a call it makes fails and nothing contains it. Containment: a
fallback component that works, a fallback answer (described in words), or a cache's
miss path taking its hits. Asynchronous calls fail only when the broker itself is down.
A throttled model (`simulate.throttle`) refuses a share of its own attempts: a call to it
fails when every attempt is refused (its share after retries) or its callees fail it.
"""

from __future__ import annotations

from archwright.model import Kind
from archwright.simulate.flow import Network

BROKERS = (Kind.QUEUE, Kind.STREAM)


def failure_fractions(
    net: Network,
    failed: set[int],
    timing_out: dict[int, float] | None = None,
    scope: set[int] | None = None,
    refused: tuple[dict[int, float], dict[int, float]] | None = None,
) -> tuple[list[float], dict[int, int], set[str], dict[int, str]]:
    """Share of each component's requests that fail, callees first.

    `scope` limits the work to the components a failure can reach (the sweep's speed).
    `refused` is what throttled models refuse: (component → share of its attempts
    refused, call → share of that call's requests refused on every attempt). A fallback
    rescues the share of a failing call that it answers itself.
    Returns (fractions, culprit edge per component, ids of connections that contained a
    failure, how each containment worked). A failing call is contained by a fallback
    component that works, a fallback answer, or a cache's miss path taking its hits.
    """
    n = len(net.ids)
    frac = [0.0] * n  # plain floats: the sweep of a small model needs no numpy
    culprit: dict[int, int] = {}
    contained: set[str] = set()
    how: dict[int, str] = {}
    slow = timing_out or {}
    shed, refused_calls = refused if refused is not None else ({}, {})
    through = [0.0] * n  # share failing because a callee fails it (frac without shed)
    for i in failed:
        frac[i] = 1.0
        through[i] = 1.0
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
                    if not edge.sync and (not down or net.profiles[node].kind in BROKERS):
                        continue  # async: only a failed broker fails the publish
                    own = refused_calls.get(k, 0.0)
                    e = 1.0 if down else 1.0 - (1.0 - float(through[edge.target])) * (1.0 - own)
                    e = max(e, slow.get(k, 0.0))
                    if e > 0 and (edge.fallback is not None or edge.degraded_answer):
                        rescue = 0.0 if edge.fallback is None else float(frac[edge.fallback])
                        if rescue < 1.0:
                            contained.add(edge.id)
                            how[node] = f"falls back on {edge.id}"
                        e *= rescue  # the fallback fails only its own share of them
                    if e <= 0:
                        continue
                    gate = min(1.0, edge.rate / edge.calls) if edge.calls > 0 else 0.0
                    times = max(1, round(edge.calls))
                    fail = gate * (1.0 - (1.0 - e) ** times)
                    ok *= 1.0 - fail
                    if fail > worst:
                        worst = fail
                        culprit[node] = k
                through[node] = 1.0 - ok
                frac[node] = 1.0 - ok * (1.0 - shed.get(node, 0.0))
    return frac, culprit, contained, how
