"""The context's walks of the calls read the traffic flows (plain records) and skip the
depth-first walk when the flows have no cycle (issue 16): the answers are the ones the
walks over the connection models gave, on tangled designs with and without cycles, with
calls into monitoring, pairs called in both modes and fallbacks (whose derived flows can
close a cycle the calls do not)."""

from __future__ import annotations

import itertools
import random

from archwright.audit.context import Context
from archwright.cost.traffic import FlowRole, call_order
from archwright.kb.catalog import load_catalog
from archwright.model import KIND_GROUP, Architecture, BoundaryType, KindGroup
from archwright.model.journeys import SMALL_GRAPH, sync_graph
from tangled_designs import tangled


def _with_fallbacks(arch: Architecture, seed: int) -> Architecture:
    """Some calls given a fallback (another service, earlier or later in the design) and
    some components zones and availability-zone boundaries."""
    rng = random.Random(seed)
    data = arch.model_dump(mode="json", exclude_none=True)
    services = [c["id"] for c in data["components"] if c["kind"] == "service"]
    for conn in data["connections"]:
        if conn["target"] in services and rng.random() < 0.1:
            conn["fallback"] = rng.choice(services)
    for comp in data["components"]:
        if rng.random() < 0.3:
            comp["zones"] = rng.sample(["a", "b", "c"], rng.randint(1, 2))
    members = rng.sample(services, len(services) // 3)
    data["boundaries"] = [
        {"id": "az-1", "type": BoundaryType.AVAILABILITY_ZONE.value, "members": members},
        {"id": "az-2", "type": BoundaryType.AVAILABILITY_ZONE.value, "members": members[::2]},
    ]
    return Architecture.model_validate(data)


def _designs() -> list[Architecture]:
    out = []
    for size, seed in itertools.product((12, 40, SMALL_GRAPH + 30), range(6)):
        out.append(tangled(seed, size))
        out.append(_with_fallbacks(tangled(seed, size), seed))
    return out


def _sync_depth_over_connections(ctx: Context) -> dict[str, list[str]]:
    """The walk the context made before: `call_order`'s order and back edges, each
    connection model's mode and its target's kind."""
    order, back = call_order(ctx.arch)
    memo: dict[str, list[str]] = {}
    for start in order[::-1]:
        best = [start]
        for conn in ctx.out.get(start, ()):
            if (
                conn.is_sync
                and (start, conn.target) not in back
                and KIND_GROUP[ctx.components[conn.target].kind] is not KindGroup.OBSERVABILITY
            ):
                tail = memo.get(conn.target, [conn.target])
                if len(tail) + 1 > len(best):
                    best = [start, *tail]
        memo[start] = best
    return memo


def test_sync_depth_and_back_edges_are_the_walk_over_the_connections() -> None:
    catalog = load_catalog()
    shortcut = walked = 0
    for arch in _designs():
        ctx = Context(arch, catalog)
        assert ctx.sync_depth == _sync_depth_over_connections(ctx)
        order, back = ctx._order_and_back_edges
        assert back == call_order(arch)[1]
        assert sorted(order) == sorted(ctx.components)
        cyclic = any(ctx.flows.cyclic)
        shortcut += not cyclic
        walked += cyclic
    assert shortcut and walked, "both branches (flows acyclic or not) must be exercised"


def test_the_flows_give_the_journeys_the_calls_the_model_gives() -> None:
    catalog = load_catalog()
    for arch in _designs():
        flows = Context(arch, catalog).flows.flows
        calls = [(f.source, f.target, f.sync) for f in flows if f.role is FlowRole.CALL]
        assert sync_graph(arch, calls) == sync_graph(arch)


def test_zones_of_is_each_components_zones_and_boundaries() -> None:
    catalog = load_catalog()
    for arch in _designs()[1::2]:
        ctx = Context(arch, catalog)
        expected = {c.id: set(c.zones) for c in arch.components}
        for b in arch.boundaries:
            if b.type is BoundaryType.AVAILABILITY_ZONE:
                for m in b.members:
                    expected[m].add(b.id)
        assert any(len(zones) > 1 for zones in expected.values())
        assert dict(ctx.zones_of) == expected
        assert list(ctx.zones_of) == list(expected)
