"""Likely mistakes in how a model describes traffic, reported by `validate` as warnings.

Each is legal (the file is valid) but probably not what the author meant under the
traffic semantics of `cost/traffic.py` (docs/model.md): a gateway whose `share`s add up
to more than 1 sends every request to every service; a cycle of synchronous calls holds
slots forever; a synchronous call into telemetry pretends monitoring is in the request
path; a fallback that is also called directly carries load in normal operation.
"""

from __future__ import annotations

from collections import defaultdict

from archwright.cost.traffic import OBSERVABILITY_KINDS, scc_order
from archwright.model import Architecture, Connection, Kind
from archwright.model.problems import Problem

__all__ = ["check_traffic"]

ROUTERS = frozenset({Kind.API_GATEWAY, Kind.LOAD_BALANCER, Kind.REALTIME_GATEWAY})
# Calls a router makes on every request besides routing it (token checks, rate counters).
SIDE_CALLS = frozenset({Kind.IDENTITY, Kind.SECRETS, Kind.CACHE}) | OBSERVABILITY_KINDS


def check_traffic(arch: Architecture) -> list[Problem]:
    """Warnings, each at the place in the file to change (sorted by place)."""
    comps = arch.components_by_id()
    indexed = [
        (i, c) for i, c in enumerate(arch.connections) if c.source in comps and c.target in comps
    ]
    out = [
        *_routing_over_one(arch, indexed),
        *_sync_cycles(arch, indexed),
        *_sync_telemetry(arch, indexed),
        *_fallback_called_directly(arch, indexed),
    ]
    return sorted(out)


def _routing_over_one(arch: Architecture, conns: list[tuple[int, Connection]]) -> list[Problem]:
    comps = arch.components_by_id()
    routed: dict[str, list[tuple[int, Connection]]] = defaultdict(list)
    for i, conn in conns:
        source, target = comps[conn.source], comps[conn.target]
        if source.kind in ROUTERS and conn.is_sync and target.kind not in SIDE_CALLS:
            routed[conn.source].append((i, conn))
    out = []
    for router, calls in routed.items():
        total = sum(c.share for _, c in calls)
        if len(calls) < 2 or total <= 1.0 + 1e-9:
            continue
        index = next(i for i, c in enumerate(arch.components) if c.id == router)
        targets = ", ".join(c.target for _, c in calls)
        out.append(
            Problem(
                f"components[{index}]",
                f"{comps[router].kind.value} {router!r} calls {targets} synchronously with "
                f"shares adding up to {total:g}: every request goes to each of them. If it "
                "routes, give each connection the share of requests it takes (adding up "
                "to 1); if it fans out on purpose, ignore this",
            )
        )
    return out


def _sync_cycles(arch: Architecture, conns: list[tuple[int, Connection]]) -> list[Problem]:
    comps = arch.components_by_id()
    sync = [
        (i, c) for i, c in conns if c.is_sync and comps[c.target].kind not in OBSERVABILITY_KINDS
    ]
    ids = [c.id for c in arch.components]
    index = {cid: n for n, cid in enumerate(ids)}
    pairs = [(index[c.source], index[c.target]) for _, c in sync]
    groups = scc_order(len(ids), pairs)
    group_of = {n: g for g, group in enumerate(groups) for n in group}
    first_inside: dict[int, int] = {}  # group -> first connection inside it, file order
    for (i, _), (a, b) in zip(sync, pairs, strict=True):
        if group_of[a] == group_of[b]:
            first_inside.setdefault(group_of[a], i)
    out = []
    for g, group in enumerate(groups):  # one pass over the calls, not one per group
        if g not in first_inside:
            continue
        first = first_inside[g]
        names = " -> ".join(sorted(ids[n] for n in group))
        out.append(
            Problem(
                f"connections[{first}]",
                f"synchronous calls form a cycle through {names}: each waits for the "
                "others while holding its own slot. Make one of the calls async "
                "(mode: async) or break the loop",
            )
        )
    return out


def _sync_telemetry(arch: Architecture, conns: list[tuple[int, Connection]]) -> list[Problem]:
    comps = arch.components_by_id()
    return [
        Problem(
            f"connections[{i}]",
            f"synchronous call from {c.source!r} into {comps[c.target].kind.value} "
            f"{c.target!r}: telemetry is shipped in the background, out of the request "
            "path (no load, latency or dependency counted); set mode: async",
        )
        for i, c in conns
        if c.is_sync and comps[c.target].kind in OBSERVABILITY_KINDS
    ]


def _fallback_called_directly(
    arch: Architecture, conns: list[tuple[int, Connection]]
) -> list[Problem]:
    comps = arch.components_by_id()
    direct = {(c.source, c.target): i for i, c in conns}
    out = []
    for i, conn in conns:
        backup = conn.fallback
        if backup not in comps or comps[conn.target].kind is Kind.CACHE:
            continue  # a cache's fallback is the cache-aside miss path: direct writes are fine
        j = direct.get((conn.source, backup))
        if j is not None:
            out.append(
                Problem(
                    f"connections[{j}]",
                    f"{backup!r} is the fallback of connections[{i}] and also called directly "
                    f"by {conn.source!r}: it then carries load (and cost) in normal "
                    "operation, not only on failure. Drop the direct connection unless "
                    "both are meant",
                )
            )
    return out
