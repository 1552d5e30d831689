"""Wiring a joined design so its journeys add up: front doors, fallbacks, shares and calls.

Patterns say what each call carries in envelope terms (`traffic`, else the smaller of its
two ends' loads). This module turns that into the model's traffic semantics
(docs/model.md): a router (client, DNS, WAF, load balancer, API gateway) sends each
request to exactly one of its targets, so its shares sum to 1; any other caller calls
each target for `share` of its requests, `calls` times — a fan-out is explicit. Cache
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
from archwright.model.entry_points import entry_shares


@dataclass(frozen=True)
class Wiring:
    """What wiring changed that a reader should know about."""

    notes: list[str]


def _kinds(key: str) -> frozenset[Kind]:
    return frozenset(Kind(k) for k in defaults()["wiring"][key])


def request_rate(load: Load, env: Envelope, cached: bool) -> float:
    """Requests/s a load figure means (connections count as the events they carry)."""
    basis = LoadBasis.EVENTS if load.basis is LoadBasis.CONCURRENT else load.basis
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
    traffic[link] = traffic.get(link, 0.0) + traffic.pop(conn.id, 0.0)
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


def set_shares(arch: Architecture, traffic: dict[str, float], peak_rps: float) -> None:
    """`share` and `calls` of every connection from the traffic it should carry.

    Walks callers first from the entry points at the peak: a router's targets split its
    requests in proportion to their traffic; another caller's target gets
    `traffic / rate` of its requests, as `calls` when that exceeds one. A call that
    closes a loop (a bus pushing back to the gateway that fed it) carries its traffic
    into its target before the walk, so the loop's gain stays below one and the flow
    settles where the patterns put it. Cache calls send their misses on to their
    `fallback` (1 − hit ratio), as the simulator does.
    """
    routers = _kinds("routers")
    hit = float(defaults()["defaults"]["cache_hit_ratio"])
    by_id = arch.components_by_id()
    rates: dict[str, float] = defaultdict(float)
    for entry, share in entry_shares(arch).items():
        rates[entry] += peak_rps * share
    outgoing: dict[str, list[Connection]] = defaultdict(list)
    for conn in arch.connections:
        outgoing[conn.source].append(conn)
    order, back = call_order(arch)
    for conn in arch.connections:
        if (conn.source, conn.target) in back:
            rates[conn.target] += traffic.get(conn.id, 0.0)
    for node in order:
        conns = outgoing[node]
        wanted = {c.id: traffic.get(c.id, 0.0) for c in conns}
        rate = rates[node]
        total = sum(wanted.values())
        for conn in conns:
            if by_id[node].kind in routers:
                ratio = wanted[conn.id] / total if total > 0 else 1.0 / len(conns)
            else:
                ratio = wanted[conn.id] / rate if rate > 0 else 0.0
            conn.share = round(min(ratio, 1.0), 6)
            conn.calls = round(ratio, 3) if ratio > 1.0 else 1.0
            if (node, conn.target) in back:
                continue
            flow = rate * conn.share * conn.calls
            rates[conn.target] += flow
            if conn.fallback and by_id[conn.target].kind is Kind.CACHE:
                rates[conn.fallback] += flow * (1.0 - hit)
