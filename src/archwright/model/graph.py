"""Graph questions about an architecture, answered with networkx.

Built once per analysis (`ArchGraph(arch)`) rather than cached on the model, so that a
model edited in place is never analysed through a stale graph.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from archwright.model.architecture import Architecture, Journey
from archwright.model.component import Component
from archwright.model.connection import Connection
from archwright.model.entry_points import entry_points, entry_shares
from archwright.model.enums import KIND_GROUP, KindGroup
from archwright.model.journeys import (
    SMALL_GRAPH,
    deepest_path,
    journeys_along,
    longest_path,
    sync_graph,
    sync_successors,
)

OBSERVABILITY = KindGroup.OBSERVABILITY


class ArchGraph:
    """A directed multigraph of components (nodes) and connections (edges, keyed by id)."""

    def __init__(self, arch: Architecture) -> None:
        self.arch = arch
        self.components: dict[str, Component] = {c.id: c for c in arch.components}
        self.connections: dict[str, Connection] = {c.id: c for c in arch.connections}
        g: nx.MultiDiGraph = nx.MultiDiGraph()
        g.add_nodes_from(self.components)
        for conn in arch.connections:
            if conn.source in self.components and conn.target in self.components:
                g.add_edge(conn.source, conn.target, key=conn.id, conn=conn)
        self.g = g

    # -- neighbours -------------------------------------------------------------------
    def outgoing(self, component_id: str) -> list[Connection]:
        """Connections this component makes, in file order."""
        return [d["conn"] for _, _, d in self.g.out_edges(component_id, data=True)]

    def incoming(self, component_id: str) -> list[Connection]:
        """Connections made to this component, in file order."""
        return [d["conn"] for _, _, d in self.g.in_edges(component_id, data=True)]

    def callees(self, component_id: str) -> list[str]:
        return sorted(set(self.g.successors(component_id)))

    def callers(self, component_id: str) -> list[str]:
        return sorted(set(self.g.predecessors(component_id)))

    def dependencies(self, component_id: str) -> set[str]:
        """Everything this component reaches, directly or not."""
        return set(nx.descendants(self.g, component_id))

    def dependents(self, component_id: str) -> set[str]:
        """Everything that reaches this component, directly or not."""
        return set(nx.ancestors(self.g, component_id))

    def edges_between(self, source: str, target: str) -> list[Connection]:
        data = self.g.get_edge_data(source, target) or {}
        return [d["conn"] for d in data.values()]

    # -- traffic ----------------------------------------------------------------------
    def entry_points(self) -> list[str]:
        """Components receiving external traffic (see `model.entry_points`)."""
        return entry_points(self.arch)

    def entry_shares(self) -> dict[str, float]:
        """Share of external traffic per entry point (see `model.entry_points`)."""
        return entry_shares(self.arch)

    def journey_edges(self, journey: Journey) -> list[list[Connection]]:
        """For each hop of the journey, the connections that carry it (empty if none)."""
        return [self.edges_between(a, b) for a, b in zip(journey.steps, journey.steps[1:])]

    def default_journeys(self) -> list[Journey]:
        """One journey per entry point along its deepest synchronous path, for designs
        that name none (see `model.journeys`, which answers without this graph)."""
        return journeys_along(self.arch, self.longest_sync_path)

    def sync_subgraph(self) -> nx.DiGraph:
        """Only the synchronous calls: the chains in which a failure or delay travels back.

        Calls into observability are left out: telemetry ships in the background, out of
        the request path (docs/model.md, "Traffic semantics")."""
        h: nx.DiGraph = nx.DiGraph()
        h.add_nodes_from(self.g.nodes)
        for u, v, d in self.g.edges(data=True):
            if d["conn"].is_sync and KIND_GROUP[self.components[v].kind] is not OBSERVABILITY:
                h.add_edge(u, v)
        return h

    def longest_sync_path(self, start: str) -> list[str]:
        """The deepest acyclic synchronous path from `start` (see `model.journeys`)."""
        if len(self.components) <= SMALL_GRAPH:
            return deepest_path(sync_successors(self.arch), start)
        succ, pred = sync_graph(self.arch)
        return longest_path(succ, pred, start)

    def cycles(self) -> Iterator[list[str]]:
        """Simple cycles of calls (a sign of a distributed monolith or a deadlock risk)."""
        simple: nx.DiGraph = nx.DiGraph(self.g)
        yield from nx.simple_cycles(simple)

    def boundary_members(self, boundary_id: str) -> set[str]:
        """Members of a boundary, including those of boundaries nested in it."""
        by_id = {b.id: b for b in self.arch.boundaries}
        out: set[str] = set()
        stack = [boundary_id]
        seen: set[str] = set()
        while stack:
            bid = stack.pop()
            if bid in seen or bid not in by_id:
                continue
            seen.add(bid)
            out.update(by_id[bid].members)
            stack.extend(b.id for b in self.arch.boundaries if b.parent == bid)
        return out
