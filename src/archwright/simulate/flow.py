"""Traffic flow as the simulators index it: components and flows by position.

What a connection means for load (share × calls, caches, fallbacks, observability) is
defined once, in `archwright.cost.traffic` (docs/model.md, "Traffic semantics"); this
module only indexes those flows with the per-call settings the simulators need (retries,
timeouts, breakers) and propagates load through the same function the cost engine and
the audit use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archwright.cost.traffic import Flow, FlowGraph, FlowRole, flow_graph, propagate
from archwright.kb.capacity import Profile, resolve
from archwright.model import Architecture, Component, Journey
from archwright.model.journeys import design_journeys
from archwright.records import frozen_record

# The roles read once: an attribute read of an `Enum` class goes through
# `EnumType.__getattr__` on CPython 3.11 (117 ns against 13 for a module global), and
# `_edge` asks them per flow.
_CALL, _MISS, _STANDBY = FlowRole.CALL, FlowRole.MISS, FlowRole.STANDBY


@dataclass(frozen=True)
class Edge:
    """One connection as the simulators see it (indices, not ids)."""

    id: str
    source: int
    target: int
    sync: bool
    share: float
    calls: float
    rate: float  # requests to target per request of source, cache rules applied
    retries: int
    breaker: bool
    timeout_ms: float | None
    fallback: int | None  # component called instead when the call fails
    degraded_answer: bool  # fallback is a description ("cached response"), not a component
    miss_of: str | None = None  # derived cache-aside miss path: the cache connection's id
    standby_for: str | None = None  # carries traffic only when this connection's target fails


@dataclass
class Network:
    """The architecture as an indexed graph with resolved profiles."""

    arch: Architecture
    ids: list[str]
    index: dict[str, int]
    profiles: list[Profile]
    edges: list[Edge]
    out: list[list[int]]  # edge indices leaving each node, file order
    entry_share: list[float]  # share of the external requests entering at each node
    journeys: list[Journey]
    flow: FlowGraph | None = None  # the shared traffic definition, indexed
    sync_order: list[list[int]] = field(default_factory=list)  # SCCs on sync edges, callees first
    unit_arrivals: list[float] | None = None  # arrivals at 1 rps, no chaos levers (linear)
    base_factor: list[float] | None = None  # 1 per edge, 0 for standby edges
    _position: dict[int, int] | None = field(default=None, repr=False)
    _position_of: list[list[int]] | None = field(default=None, repr=False)
    _components: list[Component] | None = field(default=None, repr=False)
    _standby: dict[str, list[int]] | None = field(default=None, repr=False)
    _sync_calls: list[list[tuple[int, int, float, float]]] | None = field(default=None, repr=False)
    _lone: list[int | None] | None = field(default=None, repr=False)
    _lone_of: list[list[int]] | None = field(default=None, repr=False)
    _figures: tuple[list[float], list[float], list[float], list[float]] | None = field(
        default=None, repr=False
    )

    def figures(self) -> tuple[list[float], list[float], list[float], list[float]]:
        """Each station's service time (ms), slots, work servers and squared service
        time, from its profile, read once: every evaluation starts from them (a copy),
        and chaos and the sweep evaluate the same network dozens of times. Callers do
        not change these lists."""
        if self._figures is None:
            profiles = self.profiles
            service = [p.service_time_ms for p in profiles]
            self._figures = (
                service,
                [p.servers for p in profiles],
                [p.work_servers for p in profiles],
                [s * s for s in service],
            )
        return self._figures

    def standbys(self, edge_id: str) -> list[int]:
        """Indices of the edges standing by for connection `edge_id` (its fallback paths),
        from an index built once: chaos asks for every failed edge in every round."""
        if self._standby is None:
            self._standby = {}
            for j, edge in enumerate(self.edges):
                if edge.standby_for:
                    self._standby.setdefault(edge.standby_for, []).append(j)
        return self._standby.get(edge_id, [])

    def sync_calls(self) -> list[list[tuple[int, int, float, float]]]:
        """Per node, its synchronous calls as (edge, target, rate, calls ≥ 1e-12), in file
        order, built once: the capacity model walks them in every evaluation, and chaos
        evaluates the same network dozens of times."""
        if self._sync_calls is None:
            edges = self.edges
            self._sync_calls = [
                [
                    (k, e.target, e.rate, max(e.calls, 1e-12))
                    for k in self.out[i]
                    if (e := edges[k]).sync
                ]
                for i in range(len(self.ids))
            ]
        return self._sync_calls

    def lone_nodes(self) -> list[int | None]:
        """Per group of `sync_order`: its node when the group is one node that does not
        call itself (settled once), else None (iterated to a fixed point). Built once per
        order: chaos evaluates the network dozens of times, and asking it per group was
        a tenth of each evaluation of a 10,000-component model."""
        if self._lone is None or self._lone_of is not self.sync_order:
            calls = self.sync_calls()
            self._lone = [
                group[0]
                if len(group) == 1 and not any(t == group[0] for _, t, _, _ in calls[group[0]])
                else None
                for group in self.sync_order
            ]
            self._lone_of = self.sync_order
        return self._lone

    def component(self, node: int) -> Component:
        """The model's component at index `node` (Architecture.component scans the list:
        per node, that made a 10k-component sweep quadratic)."""
        if self._components is None:
            by_id = self.arch.components_by_id()
            self._components = [by_id[cid] for cid in self.ids]
        return self._components[node]

    def base_factors(self) -> list[float]:
        """Edge multipliers of normal operation: standby paths idle (built once; callers
        copy before changing it)."""
        if self.base_factor is None:
            self.base_factor = [0.0 if e.standby_for else 1.0 for e in self.edges]
        return self.base_factor

    def factors(self) -> list[float]:
        """The multipliers of normal operation as a new list, for chaos to change."""
        return self.base_factors()[:]

    def sync_position(self) -> dict[int, int]:
        """Index of each node's group in `sync_order`, built once: the sweep asks for it
        per failure, and rebuilding it each time made a 10k-component sweep quadratic."""
        if self._position is None or self._position_of is not self.sync_order:
            self._position = {node: g for g, group in enumerate(self.sync_order) for node in group}
            self._position_of = self.sync_order
        return self._position


def build(
    arch: Architecture,
    profiles: dict[str, Profile] | None = None,
    flows: FlowGraph | None = None,
    journeys: list[Journey] | None = None,
) -> Network:
    """Index the architecture for simulation (once per analysis). A caller that already
    holds the profiles, their `flow_graph` and the design's journeys (the audit's
    context) passes them: the default journeys and the order of the synchronous calls
    are then computed once for the rules and the simulator alike."""
    prof = profiles if profiles is not None else resolve(arch)
    flows = flows if flows is not None else flow_graph(arch, prof)
    ids, index = flows.ids, flows.index
    src, dst = flows.source, flows.target
    edges = [_edge(f, src[k], dst[k], index) for k, f in enumerate(flows.flows)]
    out: list[list[int]] = [[] for _ in ids]
    for k, node in enumerate(src):
        out[node].append(k)
    walks = list(journeys) if journeys is not None else design_journeys(arch, flows.calls())
    entry = [float(share) for share in flows.entry]
    net = Network(arch, ids, index, [prof[c] for c in ids], edges, out, entry, walks)
    net.flow = flows
    # the same groups the ceiling settles over: the flows' sync calls are the edges' own
    net.sync_order = list(reversed(flows.sync_groups()))
    return net


def _edge(flow: Flow, source: int, target: int, index: dict[str, int]) -> Edge:
    """A flow (from node `source` to `target`) with the call settings of its connection
    (derived paths get none). Each setting is read once and the edge filled at once
    (`frozen_record`): this runs per flow, 10,000 times at 10,000 components."""
    conn = flow.connection
    role = flow.role
    declared = role is _CALL
    named = conn.fallback
    fallback = index.get(named) if named and declared else None
    return frozen_record(
        Edge,
        {
            "id": flow.id,
            "source": source,
            "target": target,
            "sync": flow.sync,
            "share": conn.share,
            "calls": flow.calls,
            "rate": flow.rate,
            "retries": conn.retries if declared else 0,
            "breaker": conn.circuit_breaker if declared else False,
            "timeout_ms": conn.timeout_ms,
            "fallback": fallback,
            "degraded_answer": declared and bool(named) and fallback is None,
            "miss_of": flow.of if role is _MISS else None,
            "standby_for": flow.of if role is _STANDBY else None,
        },
    )


def arrivals(
    net: Network,
    rps: float,
    edge_factor: list[float] | None = None,
    passes: list[float] | None = None,
) -> tuple[list[float], list[str]]:
    """Arrival rate (requests/s) at every component for `rps` external requests/s.

    `edge_factor` multiplies each edge's rate (retries, redirected fallbacks in chaos);
    `passes[i]` is the share of component i's arrivals it forwards (0 for a failed one).
    The propagation is `cost.traffic.propagate`, the one the cost engine and audit use;
    normal operation is linear in `rps`, so its unit answer is kept. A list, not an
    array: the capacity model walks it node by node, and availability needs no numpy.
    """
    assert net.flow is not None
    plain = edge_factor is None and passes is None
    if plain and net.unit_arrivals is not None:
        return [rate * rps for rate in net.unit_arrivals], []
    if plain:
        found = net.flow.unit()  # normal operation at 1 rps: the ceiling's too
    else:
        factor = edge_factor if edge_factor is not None else net.base_factors()
        found = propagate(net.flow, rps, factor, passes)
    lam, warnings = [float(rate) for rate in found.rates], found.warnings
    if plain:
        if not warnings:
            net.unit_arrivals = lam
        return [rate * rps for rate in lam], warnings
    return lam, warnings
