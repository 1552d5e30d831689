"""Traffic flow: how external requests per second become arrival rates at every component.

External load enters at the entry points (split by `ArchGraph.entry_shares()`) and flows
along connections: a connection carries `share × calls` of its source's requests. Two
cache rules cut or move load (docs/simulate.md, "Caches"):

* read-through: a cache calls onward only on a miss, so every connection *leaving* a
  cache carries `(1 − hit_ratio)` of what it would otherwise carry;
* cache-aside: a connection to a cache whose `fallback` names a component D sends the
  misses to D from the caller — a derived connection caller→D with share × calls ×
  (1 − hit_ratio), synchronous like the cache call. Traffic the caller sends to D over
  its own connections is added on top (writes, say): declare the miss path once.

Async connections carry load like sync ones; they differ only in latency and in not
holding the caller's slot (capacity.py).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np

from archwright.model import Architecture, Journey
from archwright.model.graph import ArchGraph
from archwright.simulate.profile import Profile, resolve


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
    entry_share: np.ndarray
    journeys: list[Journey]
    flow_order: list[list[int]] = field(default_factory=list)  # SCCs, sources first
    sync_order: list[list[int]] = field(default_factory=list)  # SCCs on sync edges, callees first
    incoming: list[list[int]] = field(default_factory=list)  # edge indices arriving at each node
    cyclic_flow: list[bool] = field(default_factory=list)  # per flow_order group
    unit_arrivals: np.ndarray | None = None  # arrivals at 1 rps, no chaos levers (linear)
    base_factor: np.ndarray | None = None  # 1 per edge, 0 for standby edges

    def factors(self) -> np.ndarray:
        """Edge multipliers of normal operation: standby paths idle."""
        if self.base_factor is None:
            self.base_factor = np.array([0.0 if e.standby_for else 1.0 for e in self.edges])
        return self.base_factor.copy()

    def sync_position(self) -> dict[int, int]:
        """Index of each node's group in `sync_order`."""
        return {node: g for g, group in enumerate(self.sync_order) for node in group}

    def edge_by_id(self, edge_id: str) -> Edge:
        for edge in self.edges:
            if edge.id == edge_id:
                return edge
        raise KeyError(edge_id)


def build(arch: Architecture, profiles: dict[str, Profile] | None = None) -> Network:
    """Index the architecture for simulation (once per analysis)."""
    graph = ArchGraph(arch)
    prof = profiles if profiles is not None else resolve(arch)
    ids = [c.id for c in arch.components]
    index = {cid: i for i, cid in enumerate(ids)}
    edges: list[Edge] = []
    for conn in arch.connections:
        if conn.source not in index or conn.target not in index:
            continue
        src, dst = index[conn.source], index[conn.target]
        source_prof = prof[conn.source]
        target_prof = prof[conn.target]
        factor = conn.share * conn.calls
        if source_prof.is_cache:
            factor *= 1.0 - source_prof.hit_ratio
        fallback = index.get(conn.fallback) if conn.fallback else None
        edge = Edge(
            id=conn.id,
            source=src,
            target=dst,
            sync=conn.is_sync,
            share=conn.share,
            calls=conn.calls,
            rate=factor,
            retries=conn.retries,
            breaker=conn.circuit_breaker,
            timeout_ms=conn.timeout_ms,
            fallback=fallback,
            degraded_answer=bool(conn.fallback) and fallback is None,
        )
        edges.append(edge)
        if fallback is None:
            continue
        if target_prof.is_cache:
            miss = 1.0 - target_prof.hit_ratio
            edges.append(_derived(edge, fallback, factor * miss, conn.calls * miss, miss=True))
            # When the cache is down its hits go to the fallback too.
            hits = target_prof.hit_ratio
            edges.append(_derived(edge, fallback, factor * hits, conn.calls * hits, miss=False))
        else:
            edges.append(_derived(edge, fallback, factor, conn.calls, miss=False))
    out: list[list[int]] = [[] for _ in ids]
    for k, edge in enumerate(edges):
        out[edge.source].append(k)
    shares = graph.entry_shares()
    entry = np.zeros(len(ids))
    for cid, share in shares.items():
        entry[index[cid]] = share
    journeys = list(arch.journeys) or graph.default_journeys()
    net = Network(arch, ids, index, [prof[c] for c in ids], edges, out, entry, journeys)
    net.flow_order = _scc_order(len(ids), [(e.source, e.target) for e in edges])
    net.incoming = [[] for _ in ids]
    for k, edge in enumerate(edges):
        net.incoming[edge.target].append(k)
    net.cyclic_flow = [
        len(g) > 1 or any(edges[k].source == g[0] for k in net.incoming[g[0]])
        for g in net.flow_order
    ]
    sync_pairs = [(e.source, e.target) for e in edges if e.sync]
    net.sync_order = list(reversed(_scc_order(len(ids), sync_pairs)))
    return net


def _derived(edge: Edge, target: int, rate: float, calls: float, *, miss: bool) -> Edge:
    """A path to a fallback: the cache-aside miss path, or a standby used on failure."""
    suffix = "miss" if miss else "fallback"
    return Edge(
        id=f"{edge.id} ({suffix})",
        source=edge.source,
        target=target,
        sync=edge.sync,
        share=edge.share,
        calls=calls,
        rate=rate,
        retries=0,
        breaker=False,
        timeout_ms=edge.timeout_ms,
        fallback=None,
        degraded_answer=False,
        miss_of=edge.id if miss else None,
        standby_for=None if miss else edge.id,
    )


def _scc_order(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Strongly connected components in topological order (sources first), each sorted.

    Tarjan's algorithm, iterative (no recursion limit), then Kahn's algorithm on the
    condensation with ties broken by the smallest member, so the order is deterministic.
    Written out rather than taken from networkx: on a thousand components it is ten
    times faster, and this runs on every simulation.
    """
    succ: list[list[int]] = [[] for _ in range(n)]
    for a, b in pairs:
        succ[a].append(b)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comp_of = [-1] * n
    comps: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            recurse = False
            for j in range(pos, len(succ[node])):
                nxt = succ[node][j]
                if index[nxt] == -1:
                    work.append((node, j + 1))
                    work.append((nxt, 0))
                    recurse = True
                    break
                if on_stack[nxt]:
                    low[node] = min(low[node], index[nxt])
            if recurse:
                continue
            if low[node] == index[node]:
                members = []
                while True:
                    top = stack.pop()
                    on_stack[top] = False
                    comp_of[top] = len(comps)
                    members.append(top)
                    if top == node:
                        break
                comps.append(sorted(members))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    indegree = [0] * len(comps)
    out: list[set[int]] = [set() for _ in comps]
    for a, b in pairs:
        ca, cb = comp_of[a], comp_of[b]
        if ca != cb and cb not in out[ca]:
            out[ca].add(cb)
            indegree[cb] += 1
    ready = [(comps[c][0], c) for c in range(len(comps)) if indegree[c] == 0]
    heapq.heapify(ready)
    order: list[list[int]] = []
    while ready:
        _, c = heapq.heappop(ready)
        order.append(comps[c])
        for d in out[c]:
            indegree[d] -= 1
            if indegree[d] == 0:
                heapq.heappush(ready, (comps[d][0], d))
    return order


def arrivals(
    net: Network,
    rps: float,
    edge_factor: np.ndarray | None = None,
    passes: np.ndarray | None = None,
    max_iter: int = 200,
) -> tuple[np.ndarray, list[str]]:
    """Arrival rate (requests/s) at every component for `rps` external requests/s.

    `edge_factor` multiplies each edge's rate (retries, redirected fallbacks in chaos);
    `passes[i]` is the share of component i's arrivals it forwards (0 for a failed one).
    Cycles of calls are solved by iteration; one whose gain reaches 1 never settles and
    is reported in the returned warnings with the rates capped where iteration stopped.
    """
    plain = edge_factor is None and passes is None
    if edge_factor is None:
        edge_factor = net.factors()
    if plain and net.unit_arrivals is not None:
        return net.unit_arrivals * rps, []
    n = len(net.ids)
    lam = (net.entry_share * (1.0 if plain else rps)).tolist()
    entry = lam[:]
    factor = edge_factor.tolist()
    fwd = passes.tolist() if passes is not None else [1.0] * n
    gain = [(e.source, e.rate * factor[k]) for k, e in enumerate(net.edges)]
    warnings: list[str] = []
    for group, cyclic in zip(net.flow_order, net.cyclic_flow):
        for _ in range(max_iter if cyclic else 1):
            before = [lam[i] for i in group]
            for node in group:
                total = entry[node]
                for k in net.incoming[node]:
                    src, g = gain[k]
                    total += lam[src] * fwd[src] * g
                lam[node] = total
            if not cyclic or all(
                abs(lam[i] - b) <= 1e-9 * max(abs(b), 1e-12) for i, b in zip(group, before)
            ):
                break
        else:
            names = ", ".join(net.ids[i] for i in group)
            warnings.append(f"calls cycle through {names} amplify load without settling")
    out = np.array(lam)
    if plain:
        if not warnings:
            net.unit_arrivals = out
        return out * rps, warnings
    return out, warnings
