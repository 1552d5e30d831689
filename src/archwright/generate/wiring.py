"""Wiring a joined design so its journeys add up: front doors, fallbacks, shares and calls.

Patterns say what each call carries in envelope terms (`traffic`, else the smaller of its
two ends' loads). This module turns that into the model's traffic semantics
(docs/model.md): a router (DNS, WAF, load balancer, API gateway) sends each request to
exactly one of its targets, so its shares sum to 1; any other caller (a client
included: one user request leads to an API call, static assets, messages) calls each
target for `share` of its requests, `calls` times — a fan-out is explicit. Cache
calls name the datastore their misses go to (`fallback`), a fallback model is a
`fallback` on the primary call, observability is asynchronous, and no cycle of
synchronous calls survives: the call that closes one is made asynchronous and said so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from archwright.cost.traffic import call_order
from archwright.generate.sizing import Envelope, defaults
from archwright.kb.patterns import Load, LoadBasis, PatternComponent, PatternConnection
from archwright.model import (
    KIND_GROUP,
    Architecture,
    Component,
    Connection,
    Kind,
    KindGroup,
    Mode,
    Protocol,
)


@dataclass(frozen=True)
class Wiring:
    """What wiring changed that a reader should know about."""

    notes: list[str]


def _kinds(key: str) -> frozenset[Kind]:
    return frozenset(Kind(k) for k in defaults()["wiring"][key])


def request_rate(load: Load, env: Envelope, cached: bool) -> float:
    """Requests/s a load figure means (connections count as the events they carry)."""
    held = (LoadBasis.CONCURRENT, LoadBasis.DEVICES)
    basis = LoadBasis.EVENTS if load.basis in held else load.basis
    return env.basis(basis, cached) * load.share


def carried(
    conn: PatternConnection, roles: dict[str, PatternComponent], env: Envelope, cached: bool
) -> float:
    """Requests/s a pattern call carries: as stated, else the smaller end's load."""
    if conn.traffic is not None:
        return request_rate(conn.traffic, env, cached)
    ends = (roles[conn.source].load, roles[conn.target].load)
    return min(request_rate(load, env, cached) for load in ends)


def front_door(arch: Architecture, traffic: dict[str, float]) -> list[str]:
    """Clients reach HTTP entry points through the WAF when the design has one.

    The load balancer (or gateway) behind it stops being public: a second public path
    beside the WAF would make the WAF optional for an attacker.
    """
    wafs = [c for c in arch.components if c.kind is Kind.WAF]
    if not wafs:
        return []
    waf = wafs[0]
    behind = _kinds("behind_waf")
    by_id = arch.components_by_id()
    notes: list[str] = []
    kept: list[Connection] = []
    for conn in arch.connections:
        target = by_id[conn.target]
        if by_id[conn.source].kind is Kind.CLIENT and target.kind in behind:
            _route_through(arch, waf, target, conn, traffic)
            notes.append(f"clients reach {target.label} through {waf.label} only")
            continue
        kept.append(conn)
    arch.connections = kept
    return notes


def _route_through(
    arch: Architecture,
    waf: Component,
    target: Component,
    conn: Connection,
    traffic: dict[str, float],
) -> None:
    target.public = False
    link = f"{waf.id}->{target.id}"
    # The WAF pattern already carries the clients' traffic to what it fronts: the
    # re-routed call adds a path, not more requests.
    traffic[link] = max(traffic.get(link, 0.0), traffic.pop(conn.id, 0.0))
    if all(c.id != link for c in arch.connections):
        arch.connections.append(
            Connection(
                source=waf.id,
                target=target.id,
                protocol=Protocol.HTTPS,
                tls=True,
                description="Filtered traffic",
            )
        )
    into = f"{conn.source}->{waf.id}"
    traffic[into] = max(traffic.get(into, 0.0), traffic[link])


def out_of_path(arch: Architecture) -> None:
    """Telemetry is shipped asynchronously: monitoring never holds a request."""
    by_id = arch.components_by_id()
    for conn in arch.connections:
        if KIND_GROUP[by_id[conn.target].kind] is KindGroup.OBSERVABILITY:
            _make_async(conn)


def break_sync_cycles(arch: Architecture) -> list[str]:
    """Make the call closing each cycle of synchronous calls asynchronous, and say so."""
    notes: list[str] = []
    while True:
        sync = Architecture(
            name=arch.name,
            components=arch.components,
            connections=[c for c in arch.connections if c.is_sync],
        )
        _, back = call_order(sync)
        if not back:
            return notes
        for conn in arch.connections:
            if conn.is_sync and (conn.source, conn.target) in back:
                _make_async(conn)
                notes.append(
                    f"{conn.source} → {conn.target} is asynchronous: "
                    "a synchronous call there would close a cycle of calls"
                )


def _make_async(conn: Connection) -> None:
    conn.mode = Mode.ASYNC
    conn.timeout_ms = None
    conn.retries = 0
    conn.circuit_breaker = False
    conn.backoff = conn.backoff.NONE


def set_shares(arch: Architecture, traffic: dict[str, float], intended: dict[str, float]) -> None:
    """`share` and `calls` of every connection, from the envelope's proportions.

    A call's share is the traffic it should carry over its caller's intended load (what
    the envelope says the caller receives): the API calls the read cache for
    reads ÷ peak of its requests, whatever share of the peak reaches the API. A router
    (DNS, WAF, load balancer, API gateway) instead splits its requests between
    its targets in proportion to their traffic, so its shares sum to 1. Above one, the
    ratio becomes `calls` (an explicit fan-out). A call that closes a loop (a bus pushing
    back to the gateway that fed it) adds its traffic to its target's intended load, so
    the loop's gain stays below one and the flow settles where the patterns put it.
    """
    routers = _kinds("routers")
    by_id = arch.components_by_id()
    _, back = call_order(arch)
    load = {cid: intended.get(cid, 0.0) for cid in by_id}
    for conn in arch.connections:
        if (conn.source, conn.target) in back:
            load[conn.target] += traffic.get(conn.id, 0.0)
    outgoing: dict[str, list[Connection]] = defaultdict(list)
    for conn in arch.connections:
        outgoing[conn.source].append(conn)
    for node, conns in outgoing.items():
        total = sum(traffic.get(c.id, 0.0) for c in conns)
        for conn in conns:
            wanted = traffic.get(conn.id, 0.0)
            if by_id[node].kind in routers:
                ratio = wanted / total if total > 0 else 1.0 / len(conns)
            else:
                ratio = wanted / load[node] if load[node] > 0 else 0.0
            conn.share = round(min(ratio, 1.0), 6)
            conn.calls = round(ratio, 3) if ratio > 1.0 else 1.0
