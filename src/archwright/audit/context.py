"""Everything rules ask about an architecture, computed once per audit.

A hundred rules each walking the model, resolving catalog defaults or propagating load
would repeat the same work a hundred times; the context does it once. Cheap answers are
built eagerly, expensive ones (the networkx graph, load propagation, cycles) on first use,
so an audit that skips the rules needing them does not pay for them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from archwright.audit.cycles import find_cycles
from archwright.cost.ceiling import saturation_rps
from archwright.cost.estimate import CLOUDS, Estimate, estimate
from archwright.cost.traffic import (
    Arrivals,
    FlowGraph,
    FlowRole,
    call_order,
    design_load,
    entry_points,
    flow_graph,
)
from archwright.cost.traffic import (
    arrivals as arrivals_at,
)
from archwright.kb.capacity import Profile, resolve
from archwright.kb.catalog import Catalog, Technology
from archwright.model import (
    KIND_GROUP,
    PERSONAL_DATA,
    STATEFUL_KINDS,
    Architecture,
    BoundaryType,
    Compliance,
    Component,
    Connection,
    DataClass,
    Journey,
    Kind,
    KindGroup,
)
from archwright.model.journeys import design_journeys

if TYPE_CHECKING:
    from archwright.model.graph import ArchGraph
    from archwright.simulate.flow import Network

# Kinds whose single declared instance is a provider's redundant service (or not ours to
# replicate): one replica or one zone does not make them a single point of failure.
# Queues are not among them: a queue is judged by its profile, as availability judges it
# (`Context.provider_redundant`): SQS is a regional service, a self-hosted RabbitMQ on one
# replica is one broker in one zone.
PROVIDER_REDUNDANT_KINDS = frozenset(
    {
        Kind.CLIENT,
        Kind.CDN,
        Kind.DNS,
        Kind.WAF,
        Kind.OBJECT_STORE,
        Kind.FUNCTION,
        Kind.NOTIFICATION,
        Kind.PAYMENT,
        Kind.EXTERNAL_API,
        Kind.LLM,
    }
)

APP_KINDS = frozenset(
    {Kind.SERVICE, Kind.WORKER, Kind.FUNCTION, Kind.WEB_FRONTEND, Kind.REALTIME_GATEWAY}
)


def _technology(catalog: Catalog, kind: Kind, name: str | None) -> Technology | None:
    """A component's catalog technology: the one it names, else the kind's reference one
    (`Catalog.for_component`). The context asks once per kind and name: a
    10,000-component model names a few dozen, and the lookup lowers and strips the name
    each time."""
    return (catalog.find(name) if name else None) or catalog.reference(kind)


class _Zones(Mapping[str, set[str]]):
    """`Context.zones_of`: a component's zones and the AZ boundaries naming it, found on
    first read and kept."""

    def __init__(self, components: dict[str, Component], boundaries: dict[str, list[str]]) -> None:
        self._components = components
        self._boundaries = boundaries
        self._found: dict[str, set[str]] = {}

    def __getitem__(self, cid: str) -> set[str]:
        found = self._found.get(cid)
        if found is None:
            found = set(self._components[cid].zones)
            found.update(self._boundaries.get(cid, ()))
            self._found[cid] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._components)

    def __len__(self) -> int:
        return len(self._components)


class Context:
    """Precomputed views of one architecture for the rules (read-only)."""

    def __init__(self, arch: Architecture, catalog: Catalog) -> None:
        self.arch = arch
        self.req = arch.requirements
        self.catalog = catalog
        self.components: dict[str, Component] = {}
        self.by_kind: dict[Kind, list[Component]] = defaultdict(list)
        self.by_group: dict[KindGroup, list[Component]] = defaultdict(list)
        self.tech: dict[str, Technology | None] = {}
        self._upstream: dict[str, set[str]] = {}
        # Membership sets: rules ask these questions tens of thousands of times. One walk
        # of the components fills them, the indexes and the technologies (each field of
        # a component model read once: every read goes through pydantic's attribute hook).
        self._app_ids: set[str] = set()
        self._store_ids: set[str] = set()
        self._personal_ids: set[str] = set()
        techs: dict[tuple[Kind, str | None], Technology | None] = {}  # by (kind, name)
        for comp in arch.components:
            cid, kind = comp.id, comp.kind
            self.components[cid] = comp
            self.by_kind[kind].append(comp)
            self.by_group[KIND_GROUP[kind]].append(comp)
            if kind in APP_KINDS:
                self._app_ids.add(cid)
            if kind in STATEFUL_KINDS:
                self._store_ids.add(cid)
            if not PERSONAL_DATA.isdisjoint(comp.data_classes):  # no set built to test
                self._personal_ids.add(cid)
            key = (kind, comp.technology)
            if key not in techs:
                techs[key] = _technology(catalog, kind, key[1])
            self.tech[cid] = techs[key]
        # One walk of the connections: the calls between known components, by caller
        # and by callee.
        self.connections: list[Connection] = []
        self.out: dict[str, list[Connection]] = defaultdict(list)
        self.inc: dict[str, list[Connection]] = defaultdict(list)
        components = self.components
        for conn in arch.connections:
            source, target = conn.source, conn.target
            if source in components and target in components:
                self.connections.append(conn)
                self.out[source].append(conn)
                self.inc[target].append(conn)

    # -- kinds ---------------------------------------------------------------------------
    def of_kind(self, *kinds: Kind) -> list[Component]:
        out: list[Component] = []
        for kind in kinds:
            out.extend(self.by_kind.get(kind, []))
        return out

    @cached_property
    def apps(self) -> list[Component]:
        """Components running our own code (services, workers, functions, front ends)."""
        return [c for c in self.arch.components if c.kind in APP_KINDS]

    @cached_property
    def stores(self) -> list[Component]:
        """Systems of record: datastores other than caches, plus queues and streams."""
        return [c for c in self.arch.components if c.kind in STATEFUL_KINDS]

    @cached_property
    def datastores(self) -> list[Component]:
        return list(self.by_group.get(KindGroup.DATASTORE, []))

    @cached_property
    def personal_stores(self) -> list[Component]:
        """Stateful components holding personal, health or cardholder data."""
        return [c for c in self.stores if PERSONAL_DATA.intersection(c.data_classes)]

    def is_app(self, component_id: str) -> bool:
        return component_id in self._app_ids

    def is_store(self, component_id: str) -> bool:
        """A system of record (not a cache): what losing means losing data."""
        return component_id in self._store_ids

    def holds_personal(self, component: Component) -> bool:
        return component.id in self._personal_ids

    def carries_personal(self, conn: Connection) -> bool:
        """A call touching a component that holds personal data carries it (or may)."""
        return conn.source in self._personal_ids or conn.target in self._personal_ids

    def backed_up(self, component: Component) -> bool:
        return component.backups is not None and component.backups.enabled

    def is_record_store(self, component: Component) -> bool:
        """A store whose loss loses data (queues and streams hold it only in transit)."""
        return component.kind in STATEFUL_KINDS and component.kind not in (Kind.QUEUE, Kind.STREAM)

    def requires(self, regime: Compliance) -> bool:
        """Whether the requirements name this compliance regime."""
        return regime in self.req.compliance

    def holding(self, data_class: DataClass) -> list[Component]:
        """Components (of any kind) that hold or handle this class of data."""
        return list(self._holders.get(data_class, ()))

    @cached_property
    def _holders(self) -> dict[DataClass, list[Component]]:
        """Components by class of data, in model order: one walk instead of one per
        rule asking (ten of them on a 10,000-component model)."""
        out: dict[DataClass, list[Component]] = defaultdict(list)
        for comp in self.arch.components:
            for data_class in dict.fromkeys(comp.data_classes):
                out[data_class].append(comp)
        return out

    def touching(self, data_class: DataClass) -> list[Component]:
        """Components holding the class, plus the apps that call them (they handle it)."""
        ids = {c.id for c in self.holding(data_class)}
        ids |= {conn.source for conn in self.connections if conn.target in ids}
        return [
            self.components[i] for i in sorted(ids) if self.components[i].kind is not Kind.CLIENT
        ]

    def external(self, component: Component) -> bool:
        """Outside our control: third-party APIs, SaaS providers, hosted models."""
        return KIND_GROUP[component.kind] is KindGroup.EXTERNAL or component.kind is Kind.LLM

    @cached_property
    def _into_kind(self) -> dict[Kind, list[Connection]]:
        out: dict[Kind, list[Connection]] = defaultdict(list)
        for conn in self.connections:
            out[self.components[conn.target].kind].append(conn)
        return out

    def calls_into(self, kind: Kind) -> list[Connection]:
        """Connections whose target is of this kind, in model order: the AI rules each
        walked every connection of a 10,000-component model for the few into a model."""
        return list(self._into_kind.get(kind, ()))

    @cached_property
    def client_calls(self) -> list[Connection]:
        """Connections from clients (requests from the internet), in model order: one
        walk for the rules on what clients send, each of which walked every connection
        of a 10,000-component model for the few a client makes."""
        clients = {c.id for c in self.by_kind.get(Kind.CLIENT, ())}
        return [c for c in self.connections if c.source in clients]

    @cached_property
    def external_calls(self) -> list[Connection]:
        """Connections into components outside our control (`external`), in model order:
        one walk for the rules on processors, fallbacks and providers."""
        return [c for c in self.connections if self.external(self.components[c.target])]

    @cached_property
    def fallback_targets(self) -> set[str]:
        """Components some connection names as its fallback."""
        return {c.fallback for c in self.connections if c.fallback}

    @cached_property
    def with_properties(self) -> list[Component]:
        """Components whose free-form `properties` hold anything, in model order: where
        importers record images and versions. Most models have none, and five
        supply-chain rules each walked every component to find that out."""
        return [c for c in self.arch.components if c.properties]

    # -- catalog -------------------------------------------------------------------------
    @cached_property
    def profiles(self) -> dict[str, Profile]:
        """Every component's capacity, from the one capacity function (kb/capacity.py),
        over the technologies `tech` already looked up."""
        return resolve(self.arch, self.catalog, self.tech)

    def capacity(self, component_id: str) -> Profile:
        """A component's resolved capacity (replicas, concurrency, service time, max_rps)."""
        return self.profiles[component_id]

    @cached_property
    def cost(self) -> Estimate:
        """Monthly estimate on the model's cloud (AWS when it names none we price)."""
        stated = self.req.constraints.cloud
        cloud = stated.value if stated is not None and stated.value in CLOUDS else "aws"
        return estimate(self.arch, self.catalog, cloud, graph=self.flows)

    # -- traffic -------------------------------------------------------------------------
    @cached_property
    def entry_points(self) -> list[str]:
        """Clients, and public components nobody in the model calls (SPEC §1)."""
        return entry_points(self.arch)

    @cached_property
    def internet_facing(self) -> list[Component]:
        """Components the internet reaches directly: public ones and those clients call."""
        ids = {c.id for c in self.arch.components if c.public and c.kind is not Kind.CLIENT}
        for entry in self.of_kind(Kind.CLIENT):
            ids.update(conn.target for conn in self.out.get(entry.id, []))
        return [
            self.components[i] for i in sorted(ids) if self.components[i].kind is not Kind.CLIENT
        ]

    @cached_property
    def graph(self) -> ArchGraph:
        from archwright.model.graph import ArchGraph

        return ArchGraph(self.arch)

    @cached_property
    def journeys(self) -> list[Journey]:
        """Declared journeys, or one per entry point along its deepest synchronous path
        (SPEC §4: a design with no journeys gets one per entry point)."""
        # the one definition simulate and availability use: REL014 judges their journeys.
        # The calls it walks are read off the flows (`FlowGraph.calls`), not off 10,000
        # connection models through their attribute hooks.
        calls = None if self.arch.journeys else self.flows.calls()
        return design_journeys(self.arch, calls)

    def provider_redundant(self, cid: str) -> bool:
        """One replica or one zone of it is no single point of failure: a kind the provider
        runs whatever the replicas (PROVIDER_REDUNDANT_KINDS), or a component availability
        reads as the provider's whole service (`Profile.provider_run`: a regional service
        such as SQS or Kinesis, a SaaS provider). A self-hosted queue counts its replicas."""
        kind = self.components[cid].kind
        return kind in PROVIDER_REDUNDANT_KINDS or self.profiles[cid].provider_run

    @cached_property
    def critical_steps(self) -> set[str]:
        """Components on a critical journey."""
        return {s for j in self.journeys if j.critical for s in j.steps if s in self.components}

    @cached_property
    def arrivals(self) -> Arrivals:
        """Arrival requests/s per component at the recorded peak (0 when none is recorded),
        with the cycles of calls that did not settle there (the report's warnings)."""
        return arrivals_at(self.arch, design_load(self.arch).peak_rps or 0.0, self.flows)

    @cached_property
    def load(self) -> dict[str, float]:
        """Arrival requests/s per component at the recorded peak (0 when none is recorded)."""
        return self.arrivals.rates

    @cached_property
    def load_by_id(self) -> list[tuple[str, float]]:
        """`load`'s (id, requests/s) pairs in id order, sorted once: the four rules that
        report per component in id order (CST001, PRF008, AI011, AI016) each sorted the
        10,000 pairs of a large model."""
        return sorted(self.load.items())

    @cached_property
    def connection_load(self) -> dict[str, float]:
        """Requests/s each declared connection carries at the recorded peak (its flow's
        rate: share x calls, cache misses, zero into telemetry; cost/traffic.py)."""
        return {
            f.id: self.load[f.source] * f.rate for f in self.flows.flows if f.role is FlowRole.CALL
        }

    @cached_property
    def capacity_at_load(self) -> dict[str, float]:
        """Requests/s each component can take where its callers send them, holding times
        of its sync calls included (`cost.ceiling`, the figure `simulate` reports as
        "saturates at", scaled from edge rps to the component's own arrivals)."""
        peak = design_load(self.arch).peak_rps or 0.0
        sat = saturation_rps(self.flows, self.profiles)
        return {
            cid: self.load[cid] * s / peak if peak and self.load[cid] else math.inf
            for cid, s in zip(self.flows.ids, sat)
        }

    @cached_property
    def flows(self) -> FlowGraph:
        """The traffic flows (cost/traffic.py), shared by the load and the cost estimate."""
        return flow_graph(self.arch, self.profiles)

    @cached_property
    def network(self) -> Network:
        """The simulator's index of the model over the same profiles, flows and journeys,
        for the rules that judge `simulate`'s figures. Imported here, on first use: it brings
        numpy, which an audit whose rules never ask does not load."""
        from archwright.simulate.flow import build

        return build(self.arch, self.profiles, self.flows, self.journeys)

    @cached_property
    def _order_and_back_edges(self) -> tuple[list[str], set[tuple[str, str]]]:
        """Components callers first, and the calls that close a cycle (`call_order`).

        The flows hold every call and the fallback paths besides: when none of their
        groups is a cycle, no walk of the calls meets an edge back, and the flows' order
        is an order of the calls (10,000 one-node groups at 10k components, already
        built). The depth-first walk runs only when there is a cycle to break."""
        flows = self.flows
        if any(flows.cyclic):
            return call_order(self.arch)
        ids = flows.ids
        return [ids[group[0]] for group in flows.groups], set()

    def upstream(self, component_id: str) -> set[str]:
        """Every component whose calls reach this one, directly or not (memoised)."""
        if component_id in self._upstream:
            return self._upstream[component_id]
        seen: set[str] = set()
        stack = [component_id]
        while stack:
            node = stack.pop()
            for conn in self.inc.get(node, []):
                if conn.source not in seen:
                    seen.add(conn.source)
                    stack.append(conn.source)
        seen.discard(component_id)
        self._upstream[component_id] = seen
        return seen

    @property
    def _back_edges(self) -> set[tuple[str, str]]:
        return self._order_and_back_edges[1]

    @cached_property
    def cycles(self) -> list[list[str]]:
        """One call cycle per group of mutually dependent components (any mode)."""
        if not self._back_edges:
            return []  # the depth-first order found no edge closing a loop
        return find_cycles({(c.source, c.target) for c in self.connections})

    @cached_property
    def sync_cycles(self) -> list[list[str]]:
        """One cycle per group of components calling each other synchronously."""
        if not self._back_edges:
            return []
        return find_cycles({(c.source, c.target) for c in self.connections if c.is_sync})

    @cached_property
    def dead_letter_ids(self) -> set[str]:
        """Components some queue or stream names as its dead-letter queue."""
        return {c.dead_letter for c in self.arch.components if c.dead_letter}

    @cached_property
    def sync_depth(self) -> dict[str, list[str]]:
        """Longest synchronous chain of calls starting at each component (acyclic): each
        component's own, then the longest of its callees' (the first in file order on a
        tie), callees first, cycles broken at the back edges of `_order_and_back_edges`.
        The calls are the flows' synchronous ones (`cost.traffic`: a sync call not into
        observability), read off plain records instead of each connection's model."""
        calls: dict[str, list[str]] = defaultdict(list)
        call = FlowRole.CALL
        for flow in self.flows.flows:
            if flow.sync and flow.role is call:
                calls[flow.source].append(flow.target)
        order, back = self._order_and_back_edges
        memo: dict[str, list[str]] = {}
        for start in reversed(order):
            longest: list[str] | None = None
            for target in calls.get(start, ()):
                if back and (start, target) in back:
                    continue
                tail = memo.get(target) or [target]  # a callee not yet walked: a cycle
                if longest is None or len(tail) > len(longest):
                    longest = tail
            memo[start] = [start] if longest is None else [start, *longest]
        return memo

    # -- boundaries ----------------------------------------------------------------------
    @cached_property
    def zones_of(self) -> Mapping[str, set[str]]:
        """Availability zones per component: its `zones`, plus AZ boundaries it sits in.
        Each component's set is made when first read: REL011 reads those on critical
        journeys, a few of the 10,000 an audit's model can have."""
        boundaries: dict[str, list[str]] = defaultdict(list)
        for b in self.arch.boundaries:
            if b.type is BoundaryType.AVAILABILITY_ZONE:
                for m in b.members:
                    boundaries[m].append(b.id)
        return _Zones(self.components, boundaries)

    @cached_property
    def trust_zone_of(self) -> dict[str, str]:
        """The innermost trust zone or network boundary naming each component."""
        parent = {b.id: b.parent for b in self.arch.boundaries}

        def depth(bid: str) -> int:
            seen: set[str] = set()
            while bid in parent and parent[bid] and bid not in seen:
                seen.add(bid)
                bid = parent[bid] or ""
            return len(seen)

        out: dict[str, tuple[int, str]] = {}
        for b in self.arch.boundaries:
            if b.type in (BoundaryType.TRUST_ZONE, BoundaryType.NETWORK):
                level = depth(b.id)
                for m in b.members:
                    if m not in out or level >= out[m][0]:
                        out[m] = (level, b.id)
        return {m: bid for m, (_, bid) in out.items()}

    # -- synchronous calls (added for the rules' own walks, issue 16) ---------------------
    @cached_property
    def sync_calls(self) -> list[Connection]:
        """Connections that hold their caller while they run (`Connection.is_sync`), in
        model order: a dozen rules judge only these, and each asked `is_sync` (a property
        read through pydantic's attribute hook) of every connection of a large model."""
        return [c for c in self.connections if c.is_sync]

    @cached_property
    def sync_out(self) -> dict[str, list[Connection]]:
        """Each component's synchronous calls (`out` less the asynchronous ones), in
        model order; a component calling nothing synchronously is absent."""
        out: dict[str, list[Connection]] = defaultdict(list)
        for conn in self.sync_calls:
            out[conn.source].append(conn)
        return dict(out)

    @cached_property
    def app_calls(self) -> list[Connection]:
        """Calls from one of our apps to another (`is_app` at both ends), in model order:
        the service-to-service paths the tracing and synchronous-work rules judge."""
        apps = self._app_ids
        return [c for c in self.connections if c.source in apps and c.target in apps]
