"""Request traffic: how requests entering the system become requests at every component.

This is the one definition of what a connection means for load (docs/model.md, "Traffic
semantics"), used by the simulator, the cost engine, the audit and sizing:

* a connection carries `share × calls` of its source's requests. `share` is the fraction
  of the source's requests that make the call (routing: a gateway's shares to three
  services add up to 1), `calls` how many calls each of those makes (fan-out);
* read-through: a cache calls onward only on a miss, so every connection *leaving* a
  cache carries `(1 − hit_ratio)` of what it would otherwise carry;
* cache-aside: a connection to a cache whose `fallback` names a component D sends the
  misses to D from the caller — a derived flow caller→D with share × calls ×
  (1 − hit_ratio). Traffic the caller sends to D over its own connections is added on
  top (writes, say): declare the miss path once;
* any other `fallback` component is a standby: it is called only when the call fails,
  so it carries nothing in normal operation (a derived flow with rate 0 that the chaos
  engine switches on);
* observability (monitoring, logging, tracing) is out of the request path: telemetry is
  shipped in the background, so a connection into one carries no request load, adds no
  latency and is not a dependency of the caller.
* a poller (an internal component nothing calls: an outbox relay, a scheduled job) does
  `share` units of work per request entering the system when it declares `share`
  (`model.entry_points.background_shares`), and its calls carry load from that rate;
  without `share` it does no request-driven work.

Asynchronous connections carry load like synchronous ones; they differ only in latency
and in not holding the caller's slot (simulate/capacity.py). Cycles of calls are solved
by iteration; a cycle whose gain reaches 1 never settles: `propagate` names it
(`Unsettled`) and its rates are then a lower bound, not an answer.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from archwright.kb.capacity import Profile, resolve
from archwright.model import KIND_GROUP, Architecture, Connection, KindGroup
from archwright.model.entry_points import background_shares, entry_points, entry_shares
from archwright.records import frozen_record

__all__ = [
    "AVERAGE_TO_PEAK",
    "OBSERVABILITY_KINDS",
    "Arrivals",
    "DesignLoad",
    "Flow",
    "FlowGraph",
    "FlowRole",
    "Propagation",
    "Unsettled",
    "arrival_rates",
    "arrivals",
    "call_order",
    "design_load",
    "entry_points",
    "entry_shares",
    "flow_graph",
    "flows",
    "propagate",
]

OBSERVABILITY_KINDS = frozenset(k for k, g in KIND_GROUP.items() if g is KindGroup.OBSERVABILITY)
MAX_ITERATIONS = 200


class FlowRole(StrEnum):
    CALL = "call"  # a declared connection
    MISS = "miss"  # cache-aside: the caller's misses go to the cache's fallback
    STANDBY = "standby"  # a fallback component: carries traffic only when the call fails


# The roles read once: an attribute read of an `Enum` class goes through
# `EnumType.__getattr__` on CPython 3.11 (117 ns against 13 for a module global), and
# these are asked per flow.
_CALL, _STANDBY = FlowRole.CALL, FlowRole.STANDBY


@dataclass(frozen=True)
class Flow:
    """One path requests take: a declared connection or one derived from a `fallback`."""

    id: str
    connection: Connection  # the declared connection it comes from
    source: str
    target: str
    sync: bool
    calls: float
    rate: float  # requests at target per request at source, in normal operation
    role: FlowRole
    of: str | None = None  # MISS/STANDBY: the id of the connection it derives from


def flows(arch: Architecture, profiles: Mapping[str, Profile] | None = None) -> list[Flow]:
    """Every flow of the architecture, connections in file order, each followed by the
    flows its `fallback` derives. Connections naming unknown components are skipped."""
    prof = profiles if profiles is not None else resolve(arch)
    out: list[Flow] = []
    for conn in arch.connections:
        ends = conn.source, conn.target
        source, target = prof.get(ends[0]), prof.get(ends[1])
        if source is not None and target is not None:
            _flows_of(conn, ends, source, target, prof, out)
    return out


def _flows_of(
    conn: Connection,
    ends: tuple[str, str],
    source: Profile,
    target: Profile,
    prof: Mapping[str, Profile],
    out: list[Flow],
) -> None:
    """Append the flows of `conn` (between `ends`, profiled `source` and `target`) to
    `out`. Each field of the connection is read once and each flow filled at once
    (`frozen_record`): this runs per connection, 10,000 times at 10,000 components."""
    telemetry = target.kind in OBSERVABILITY_KINDS
    calls = conn.calls
    rate = 0.0 if telemetry else conn.share * calls
    if source.is_cache:
        rate *= 1.0 - source.hit_ratio
    main = frozen_record(
        Flow,
        {
            "id": conn.id,
            "connection": conn,
            "source": ends[0],
            "target": ends[1],
            "sync": conn.is_sync and not telemetry,
            "calls": calls,
            "rate": rate,
            "role": _CALL,
            "of": None,
        },
    )
    out.append(main)
    backup_id = conn.fallback
    backup = prof.get(backup_id) if backup_id is not None else None
    # Telemetry never takes request traffic, whether called directly or named as the
    # place a miss or a failure goes (validate warns about the latter).
    if backup_id is None or backup is None or telemetry or backup.kind in OBSERVABILITY_KINDS:
        return
    if target.is_cache:
        miss, hits = 1.0 - target.hit_ratio, target.hit_ratio
        out.append(_derived(main, backup_id, rate * miss, calls * miss, FlowRole.MISS))
        # When the cache is down its hits go to the fallback too.
        out.append(_derived(main, backup_id, rate * hits, calls * hits, FlowRole.STANDBY))
        return
    out.append(_derived(main, backup_id, rate, calls, FlowRole.STANDBY))


def _derived(main: Flow, target: str, rate: float, calls: float, role: FlowRole) -> Flow:
    suffix = "miss" if role is FlowRole.MISS else "fallback"
    return Flow(
        id=f"{main.id} ({suffix})",
        connection=main.connection,
        source=main.source,
        target=target,
        sync=main.sync,
        calls=calls,
        rate=rate,
        role=role,
        of=main.id,
    )


@dataclass
class FlowGraph:
    """Flows indexed for propagation: built once per analysis, propagated many times."""

    ids: list[str]
    index: dict[str, int]
    flows: list[Flow]
    source: list[int]
    target: list[int]
    entry: list[float]  # share of external requests entering at each component
    incoming: list[list[int]] = field(default_factory=list)  # flow indices per target
    groups: list[list[int]] = field(default_factory=list)  # SCCs, sources first
    cyclic: list[bool] = field(default_factory=list)  # per group
    _sync_groups: list[list[int]] | None = field(default=None, repr=False)
    _unit: Propagation | None = field(default=None, repr=False)
    _normal_feeds: list[list[tuple[int, float]]] | None = field(default=None, repr=False)

    def normal_factors(self) -> list[float]:
        """Per-flow multipliers of normal operation: standby paths idle."""
        return [0.0 if f.role is _STANDBY else 1.0 for f in self.flows]

    def feeds(self, factor: list[float] | None = None) -> list[list[tuple[int, float]]]:
        """Per component, (source, requests here per request there) of each flow into it,
        in flow order: flow k's `rate × factor[k]` (default: normal operation, standbys
        idle). Normal operation's are built once: the estimate, the arrivals at peak and
        `unit` all propagate it, 10,000 flows each at 10,000 components."""
        if factor is None and self._normal_feeds is not None:
            return self._normal_feeds
        fac = factor if factor is not None else self.normal_factors()
        source = self.source
        gain = [(source[k], f.rate * fac[k]) for k, f in enumerate(self.flows)]
        out = [[gain[k] for k in into] for into in self.incoming]
        if factor is None:
            self._normal_feeds = out
        return out

    def sync_groups(self) -> list[list[int]]:
        """The groups of components calling each other synchronously, callers first
        (`scc_order` over the synchronous flows), built once: the ceiling's holding times
        and the simulator's network both settle callees before callers over them, and the
        audit asks both of the same graph (0.1 s each at 10,000 components)."""
        if self._sync_groups is None:
            src, dst = self.source, self.target
            pairs = [(src[k], dst[k]) for k, f in enumerate(self.flows) if f.sync]
            self._sync_groups = scc_order(len(self.ids), pairs)
        return self._sync_groups

    def calls(self) -> Iterator[tuple[str, str, bool]]:
        """Each declared connection, in file order, as (caller, callee, `sync`): the calls
        `model.journeys.sync_graph` walks for the default journeys, read off these plain
        records rather than off each connection model (the audit's context and the
        simulator's network both hold the flows when they need the journeys)."""
        call = FlowRole.CALL
        return ((f.source, f.target, f.sync) for f in self.flows if f.role is call)

    def unit(self) -> Propagation:
        """`propagate(self, 1.0)` in normal operation, computed once: the ceiling scales
        it to each component's saturation and the simulator to any rate (load is linear
        in the entering rate while every cycle settles)."""
        if self._unit is None:
            self._unit = propagate(self, 1.0)
        return self._unit


def flow_graph(arch: Architecture, profiles: Mapping[str, Profile] | None = None) -> FlowGraph:
    """Index the architecture's flows (components in file order)."""
    ids = [c.id for c in arch.components]
    index = {cid: i for i, cid in enumerate(ids)}
    found = flows(arch, profiles)
    src = [index[f.source] for f in found]
    dst = [index[f.target] for f in found]
    entry = [0.0] * len(ids)
    for cid, share in entry_shares(arch).items():
        entry[index[cid]] = share
    for cid, share in background_shares(arch).items():
        entry[index[cid]] = share
    graph = FlowGraph(ids, index, found, src, dst, entry)
    graph.incoming = [[] for _ in ids]
    for k, target in enumerate(dst):
        graph.incoming[target].append(k)
    graph.groups = scc_order(len(ids), list(zip(src, dst)))
    looped = {s for s, d in zip(src, dst) if s == d}  # components calling themselves
    graph.cyclic = [len(g) > 1 or g[0] in looped for g in graph.groups]
    return graph


@dataclass(frozen=True)
class Unsettled:
    """A cycle of calls whose load was still moving after `passes` passes.

    Every pass starts from the previous one's rates and adds non-negative load, so the
    rates only grow towards the fixed point: the last pass is a lower bound on the load
    of the cycle and of what it calls. A loop whose gain reaches 1 (a retry that always
    retries, a feedback edge of share 1) has no finite fixed point at all.
    """

    components: tuple[str, ...]
    passes: int

    @property
    def line(self) -> str:
        """The one line every output prints for it (simulate, chaos, cost, the audit, and
        a generated design's assumptions)."""
        names = ", ".join(self.components)
        return (
            f"load did not settle: calls cycle through {names} amplify load without "
            f"settling (still growing after {self.passes} passes); the rates of these "
            "components and of what they call are a lower bound, not an answer"
        )


@dataclass(frozen=True)
class Propagation:
    """Requests/s at every component (graph order), and the cycles that did not settle."""

    rates: list[float]
    unsettled: tuple[Unsettled, ...] = ()

    @property
    def settled(self) -> bool:
        return not self.unsettled

    @property
    def warnings(self) -> list[str]:
        return [u.line for u in self.unsettled]


def propagate(
    graph: FlowGraph,
    rps: float,
    factor: list[float] | None = None,
    passes: list[float] | None = None,
) -> Propagation:
    """Requests/s at every component (graph order) when `rps` enter.

    `factor[k]` multiplies flow k (retries, a standby switched on; default: normal
    operation); `passes[i]` is the share of component i's arrivals it forwards (0 for a
    failed one). Cycles are iterated to a fixed point; one that has not settled after
    MAX_ITERATIONS passes (its gain reaches 1) is named in `unsettled`, not returned as
    if its last pass were the answer.
    """
    feeds = graph.feeds(factor)
    lam = [share * rps for share in graph.entry]
    entry = lam[:]
    # What each component sends on: its arrivals, times `passes` when given (the very
    # list `lam` without it: a factor of 1.0 would change no bit).
    sent = lam if passes is None else [rate * p for rate, p in zip(lam, passes)]

    def arrive(node: int) -> None:
        """What reaches `node` now: what enters there plus what its callers send."""
        total = entry[node]
        for src, g in feeds[node]:
            total += sent[src] * g
        lam[node] = total
        if passes is not None:
            sent[node] = total * passes[node]

    unsettled: list[Unsettled] = []
    for group, cyclic in zip(graph.groups, graph.cyclic):
        if not cyclic:  # one component, settled in one pass (most of them)
            arrive(group[0])
            continue
        for _ in range(MAX_ITERATIONS):
            before = [lam[i] for i in group]
            for node in group:
                arrive(node)
            if all(abs(lam[i] - b) <= 1e-9 * max(abs(b), 1e-12) for i, b in zip(group, before)):
                break
        else:
            names = tuple(graph.ids[i] for i in group)
            unsettled.append(Unsettled(names, MAX_ITERATIONS))
    return Propagation(lam, tuple(unsettled))


@dataclass(frozen=True)
class Arrivals:
    """Requests/s arriving at each component (by id), and the cycles that did not settle:
    a reader of the rates carries `warnings` too, so no output reads an unsettled loop's
    last pass as its load without saying so."""

    rates: dict[str, float]
    unsettled: tuple[Unsettled, ...] = ()

    @property
    def warnings(self) -> list[str]:
        return [u.line for u in self.unsettled]


def arrivals(arch: Architecture, edge_rps: float, graph: FlowGraph | None = None) -> Arrivals:
    """Requests/s arriving at each component when `edge_rps` enters the system, in normal
    operation, with the cycles that did not settle. `graph` is `flow_graph(arch)` when
    the caller already has it."""
    g = graph if graph is not None else flow_graph(arch)
    if edge_rps <= 0:
        return Arrivals(dict.fromkeys(g.ids, 0.0))
    found = propagate(g, edge_rps)
    return Arrivals(dict(zip(g.ids, found.rates)), found.unsettled)


def arrival_rates(
    arch: Architecture, edge_rps: float, graph: FlowGraph | None = None
) -> dict[str, float]:
    """The rates of `arrivals` alone, for a reader that has its warnings elsewhere."""
    return arrivals(arch, edge_rps, graph).rates


def call_order(arch: Architecture) -> tuple[list[str], set[tuple[str, str]]]:
    """Components in call order (callers first) and the back edges that close cycles.

    Iterative depth-first search from the entry points, then every other component, in id
    order, so the result is deterministic and a 10,000-component model does not recurse.
    """
    out: dict[str, list[str]] = defaultdict(list)
    ids = {c.id for c in arch.components}
    for conn in arch.connections:
        if conn.source in ids and conn.target in ids:
            out[conn.source].append(conn.target)
    order: list[str] = []
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}
    for root in [*entry_points(arch), *sorted(ids)]:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[str, list[str]]] = [(root, _todo(out[root]))]
        while stack:
            node, todo = stack[-1]
            if todo:
                nxt = todo.pop()
                if state.get(nxt) == 1:
                    back.add((node, nxt))
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, _todo(out[nxt])))
            else:
                state[node] = 2
                order.append(node)
                stack.pop()
    order.reverse()
    return order, back


def _todo(targets: list[str]) -> list[str]:
    """A node's callees to visit, last first (popped from the end), each once; a copy of
    a list of one or none is that already, without a set and a sort (most nodes)."""
    return targets[:] if len(targets) < 2 else sorted(set(targets), reverse=True)


def scc_order(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Strongly connected components in topological order (sources first), each sorted.

    Tarjan's algorithm, iterative (no recursion limit), then Kahn's algorithm on the
    condensation with ties broken by the smallest member, so the order is deterministic.
    Written out rather than taken from networkx: on a thousand components it is ten
    times faster, and this runs on every simulation. A graph without cycles (most
    designs) is its own condensation: Kahn's order of its nodes is the answer, and
    Tarjan's walk runs only when that order stops short of a cycle.
    """
    succ: list[list[int]] = [[] for _ in range(n)]
    for a, b in pairs:
        succ[a].append(b)
    plain = _kahn(n, succ)
    if plain is not None:
        return [[node] for node in plain]
    return _condensation_order(n, succ, pairs)


def _condensation_order(
    n: int, succ: list[list[int]], pairs: list[tuple[int, int]]
) -> list[list[int]]:
    """`scc_order` of any graph: Tarjan's components, then Kahn's order of them."""
    comp_of, comps = _tarjan(n, succ)
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


def _kahn(n: int, succ: list[list[int]]) -> list[int] | None:
    """The nodes in Kahn's order, the smallest ready node first (the order `scc_order`
    gives groups of one node), or None when a cycle (a self-call too) holds some back."""
    waiting = [0] * n
    for targets in succ:
        for b in targets:
            waiting[b] += 1
    ready = [node for node, count in enumerate(waiting) if not count]  # ascending: a heap
    order: list[int] = []
    add, pop, push = order.append, heapq.heappop, heapq.heappush
    while ready:
        node = pop(ready)
        add(node)
        for b in succ[node]:
            left = waiting[b] - 1
            waiting[b] = left
            if not left:
                push(ready, b)
    return order if len(order) == n else None


def _tarjan(n: int, succ: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    """Component of each node and the components (each sorted), iteratively."""
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
            targets = succ[node]
            for j in range(pos, len(targets)):
                nxt = targets[j]
                if index[nxt] == -1:
                    work.append((node, j + 1))
                    work.append((nxt, 0))
                    recurse = True
                    break
                if on_stack[nxt] and index[nxt] < low[node]:
                    low[node] = index[nxt]
            if recurse:
                continue
            if low[node] == index[node] and stack[-1] == node:  # alone: most components
                stack.pop()
                on_stack[node] = False
                comp_of[node] = len(comps)
                comps.append([node])
            elif low[node] == index[node]:
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
                if low[node] < low[parent]:
                    low[parent] = low[node]
    return comp_of, comps


# Without a recorded average, the average load is taken as this fraction of the peak.
AVERAGE_TO_PEAK = 0.5


@dataclass(frozen=True)
class DesignLoad:
    """The load a design records in `requirements.scale`: what it was sized for.

    `simulate` and the audit default to `peak_rps`, the cost engine to `avg_rps` (bills
    follow the average, not the busiest minute). `avg_basis` says where the average came
    from, so every engine can say which load it used.
    """

    peak_rps: float | None
    avg_rps: float | None
    avg_basis: str
    read_write_ratio: float | None
    events_per_second: float | None
    concurrent: float | None
    data_gb: float | None

    def describe(self, which: str) -> str:
        """One line naming the load an engine used (`which` is "peak" or "average")."""
        if which == "peak":
            return (
                f"recorded peak {self.peak_rps:g} requests/s (requirements.scale.peak_rps)"
                if self.peak_rps
                else "no recorded peak"
            )
        return (
            f"average {self.avg_rps:g} requests/s ({self.avg_basis})"
            if self.avg_rps
            else ("no recorded load")
        )


def design_load(arch: Architecture) -> DesignLoad:
    """The load recorded in the design's requirements (None where it records nothing)."""
    scale = arch.requirements.scale
    peak = float(scale.peak_rps) if scale.peak_rps else None
    if scale.avg_rps:
        avg: float | None = float(scale.avg_rps)
        basis = "requirements.scale.avg_rps"
    elif peak:
        avg = peak * AVERAGE_TO_PEAK
        basis = f"{AVERAGE_TO_PEAK:g} x the recorded peak; no avg_rps recorded"
    else:
        avg, basis = None, "no load recorded"
    return DesignLoad(
        peak_rps=peak,
        avg_rps=avg,
        avg_basis=basis,
        read_write_ratio=scale.read_write_ratio,
        events_per_second=float(scale.events_per_second) if scale.events_per_second else None,
        concurrent=float(scale.concurrent) if scale.concurrent else None,
        data_gb=float(scale.data_gb) if scale.data_gb else None,
    )
