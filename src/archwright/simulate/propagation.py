"""How a failure travels back along calls, and where it stops (shared by chaos and sweep).

A request fails when a call it makes fails and nothing contains it. Containment: a
fallback component that works, a fallback answer (described in words), or a cache's
miss path taking its hits. Asynchronous calls fail only when the broker itself is down.
A throttled model (`simulate.throttle`) refuses a share of its own attempts: a call to it
fails when every attempt is refused (its share after retries) or its callees fail it.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    shed, refused_calls = refused if refused is not None else ({}, {})
    spread = _Spread(
        failed=failed,
        slow=timing_out or {},
        shed=shed,
        refused_calls=refused_calls,
        frac=[0.0] * n,  # plain floats: the sweep of a small model needs no numpy
        through=[0.0] * n,  # share failing because a callee fails it (frac without shed)
        culprit={},
        contained=set(),
        how={},
    )
    for i in failed:
        spread.frac[i] = 1.0
        spread.through[i] = 1.0
    groups = net.sync_order
    if scope is not None:
        position = net.sync_position()
        groups = [net.sync_order[g] for g in sorted({position[i] for i in scope})]
    for group in groups:
        for _ in range(3 if len(group) > 1 else 1):
            for node in group:
                if node in failed or (scope is not None and node not in scope):
                    continue
                _settle(net, node, spread)
    return spread.frac, spread.culprit, spread.contained, spread.how


@dataclass(frozen=True)
class _Spread:
    """One propagation: what is down, slow or refused, and the tables it fills (shares
    failing, culprit calls, containments) as the callers are settled callees first."""

    failed: set[int]
    slow: dict[int, float]
    shed: dict[int, float]
    refused_calls: dict[int, float]
    frac: list[float]
    through: list[float]
    culprit: dict[int, int]
    contained: set[str]
    how: dict[int, str]


def _settle(net: Network, node: int, s: _Spread) -> None:
    """The share of `node`'s requests failing from its calls (each call's failing share,
    less what a fallback rescues, over its attempts), and the worst call as culprit."""
    ok = 1.0
    worst = 0.0
    for k in net.out[node]:
        edge = net.edges[k]
        if edge.standby_for or edge.miss_of:
            continue
        down = edge.target in s.failed
        if not edge.sync and (not down or net.profiles[node].kind in BROKERS):
            continue  # async: only a failed broker fails the publish
        own = s.refused_calls.get(k, 0.0)
        e = 1.0 if down else 1.0 - (1.0 - float(s.through[edge.target])) * (1.0 - own)
        e = max(e, s.slow.get(k, 0.0))
        if e > 0 and (edge.fallback is not None or edge.degraded_answer):
            rescue = 0.0 if edge.fallback is None else float(s.frac[edge.fallback])
            if rescue < 1.0:
                s.contained.add(edge.id)
                s.how[node] = f"falls back on {edge.id}"
            e *= rescue  # the fallback fails only its own share of them
        if e <= 0:
            continue
        gate = min(1.0, edge.rate / edge.calls) if edge.calls > 0 else 0.0
        times = max(1, round(edge.calls))
        fail = gate * (1.0 - (1.0 - e) ** times)
        ok *= 1.0 - fail
        if fail > worst:
            worst = fail
            s.culprit[node] = k
    s.through[node] = 1.0 - ok
    s.frac[node] = 1.0 - ok * (1.0 - s.shed.get(node, 0.0))
