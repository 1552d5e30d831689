"""What the infrastructure exporters share: which components run as our own containers,
which are datastores or brokers (and what stands for them in each target), who may talk
to whom on the network.

Network flows follow who opens the connection, not the arrow of the data: a Kafka
consumer connects to the broker even though the model draws `events → payments`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from archwright.exporters._data import data_yaml
from archwright.exporters._names import Namer, dns_namer, env_name, ident_namer
from archwright.model import Architecture, Component, Connection, Kind, Protocol
from archwright.model.unchanged import kept, nothing_changes

_T = TypeVar("_T")
SERVICE_PORT = 8080
# Names exporters use for their own files and objects; no component may take them.
RESERVED_NAMES = frozenset(
    {
        "namespace",
        "network-policies",
        "ingress",
        "default-deny-all",
        "main",
        "modules",
        "variables",
        "outputs",
        "versions",
        "providers",
        "network",
        "app",
        "shared",
        "ci",
    }
)

# Components we build and run ourselves as containers.
SERVICE_KINDS = frozenset(
    {
        Kind.WEB_FRONTEND,
        Kind.SERVICE,
        Kind.WORKER,
        Kind.FUNCTION,
        Kind.SCHEDULER,
        Kind.REALTIME_GATEWAY,
        Kind.STREAM_PROCESSOR,
        Kind.BATCH_PROCESSOR,
    }
)
# Kinds that become our own container only when no (managed) technology is named.
SELF_BUILT_WITHOUT_TECH = frozenset({Kind.API_GATEWAY, Kind.ML_MODEL})
EDGE_KINDS = frozenset({Kind.CLIENT, Kind.DNS, Kind.CDN, Kind.WAF, Kind.LOAD_BALANCER})
WORKER_KINDS = frozenset({Kind.WORKER, Kind.STREAM_PROCESSOR, Kind.BATCH_PROCESSOR})
_SAFE_HTTP_PATH = re.compile(r"^/[A-Za-z0-9/_.-]{0,100}$")


@dataclass(frozen=True)
class Role:
    """A datastore/broker role from `data/infra_mapping.yaml`."""

    name: str
    image: str = ""
    port: int = 0
    scheme: str = ""
    volume: str = ""
    command: tuple[str, ...] = ()
    healthcheck: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    secret_env: tuple[str, ...] = ()
    aws: str = ""
    gcp: str = ""
    technology: str = ""  # catalog name of what the local image runs
    protocol: str = ""  # what the local URL speaks
    aws_port: int = 0  # the managed AWS service's port, when not the engine's own
    aws_protocol: str = ""  # what the managed AWS resource speaks
    front: bool = False  # a managed front door that calls our services
    delivers: tuple[str, ...] = ()  # AWS roles it writes a delivery into (IoT rule actions)

    @property
    def runs_locally(self) -> bool:
        return bool(self.image)


@dataclass(frozen=True)
class Mapping:
    roles: dict[str, Role]
    technologies: dict[str, str]
    kinds: dict[str, str]
    aws_iam_actions: dict[str, list[str]]
    aws_resources: dict[str, list[str]]
    gcp_resources: dict[str, list[str]]
    container_platforms: frozenset[str]
    platforms: dict[str, dict[str, str]]


@cache
def load_mapping() -> Mapping:
    """The role table shipped with the package (read once per process)."""
    raw: dict[str, Any] = data_yaml("infra_mapping.yaml")
    roles = {}
    for name, spec in raw["roles"].items():
        roles[name] = Role(
            name=name,
            image=spec.get("image", ""),
            port=int(spec.get("port", 0)),
            scheme=spec.get("scheme", ""),
            volume=spec.get("volume", ""),
            command=tuple(spec.get("command", ())),
            healthcheck=tuple(spec.get("healthcheck", ())),
            env=tuple(sorted((str(k), str(v)) for k, v in spec.get("env", {}).items())),
            secret_env=tuple(spec.get("secret_env", ())),
            aws=spec.get("aws", ""),
            gcp=spec.get("gcp", ""),
            technology=spec.get("technology", ""),
            protocol=spec.get("protocol", ""),
            aws_port=int(spec.get("aws_port", 0)),
            aws_protocol=spec.get("aws_protocol", ""),
            front=bool(spec.get("front", False)),
            delivers=tuple(spec.get("delivers", ())),
        )
    return Mapping(
        roles,
        dict(raw["technologies"]),
        dict(raw["kinds"]),
        dict(raw["aws_iam_actions"]),
        dict(raw["aws_resources"]),
        dict(raw["gcp_resources"]),
        frozenset(raw["container_platforms"]),
        {k: dict(v) for k, v in raw["platforms"].items()},
    )


def _technology_role(component: Component) -> Role | None:
    """The role its technology names: the name itself first, then the catalog entry,
    its aliases and last its equivalents (a stand-in, which exporters report as a loss)."""
    from archwright.kb.catalog import load_catalog

    mapping = load_mapping()
    names: list[str] = []
    if component.technology:
        names.append(component.technology.lower().strip())
    tech = load_catalog().for_component(component)
    if tech is not None and (component.technology or tech.kind is component.kind):
        names.extend([tech.name, *tech.aliases, *sorted(tech.equivalents.values())])
    for name in names:
        if name in mapping.technologies:
            return mapping.roles[mapping.technologies[name]]
    return None


def role_of(component: Component) -> Role | None:
    """The component's role: from its technology (name, aliases, equivalents), else kind."""
    role = _technology_role(component)
    if role is not None:
        return role
    role_name = load_mapping().kinds.get(component.kind.value)
    return load_mapping().roles[role_name] if role_name else None


def is_service(component: Component) -> bool:
    """A component we build, containerize and deploy ourselves (a realtime gateway
    whose technology is a managed service, API Gateway WebSocket, is not)."""
    if component.kind in SERVICE_KINDS:
        return not (component.technology and _technology_role(component) is not None)
    return component.kind in SELF_BUILT_WITHOUT_TECH and not component.technology


def health_path(component: Component) -> str:
    """The HTTP health path, when the model gives a safe one; `/healthz` otherwise."""
    path = component.observability.health_check or ""
    return path if _SAFE_HTTP_PATH.match(path) else "/healthz"


@dataclass
class Topology:
    """The deployable view of an architecture, computed once per export."""

    arch: Architecture
    services: list[Component] = field(default_factory=list)
    stores: list[tuple[Component, Role]] = field(default_factory=list)
    others: list[Component] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)
    flows: list[tuple[str, str]] = field(default_factory=list)
    entry: list[str] = field(default_factory=list)
    entry_ids: frozenset[str] = frozenset()  # `entry` as a set, for membership per component
    has_cdn: bool = False  # the design draws a CDN (asked per bucket)
    dns: Namer = field(default_factory=lambda: dns_namer([]))
    ident: Namer = field(default_factory=lambda: ident_namer([]))

    by_id: dict[str, Component] = field(default_factory=dict)
    service_ids: frozenset[str] = frozenset()
    # Indexes over `flows` and the connections, built on first use: exporters ask these
    # per component, and a scan of every flow each time made a 10k-component export
    # quadratic (issue 16).
    _calls: dict[str, list[str]] | None = field(default=None, repr=False)
    _callers: dict[str, list[str]] | None = field(default=None, repr=False)
    _protocols: dict[frozenset[str], Protocol] | None = field(default=None, repr=False)
    _targets: dict[str, list[str]] | None = field(default=None, repr=False)
    _into: dict[str, list[Connection]] | None = field(default=None, repr=False)
    _front: tuple[Component | None] | None = field(default=None, repr=False)
    _routes: list[str] | None = field(default=None, repr=False)
    _env: dict[str, dict[str, str]] | None = field(default=None, repr=False)

    def component(self, cid: str) -> Component:
        return self.by_id[cid]

    def port(self, cid: str) -> int:
        role = self.roles.get(cid)
        return role.port if role and role.port else SERVICE_PORT

    def aws_port(self, cid: str) -> int:
        """The port security groups open to a managed AWS resource or our service."""
        role = self.roles.get(cid)
        return role.aws_port if role and role.aws_port else self.port(cid)

    def deployed(self, cid: str) -> bool:
        """Runs inside the stack (our service, or a store with a local image)."""
        role = self.roles.get(cid)
        return cid in self.service_ids or bool(role and role.runs_locally)

    def calls_from(self, cid: str) -> list[str]:
        """Ids this component opens connections to, sorted."""
        if self._calls is None:
            self._calls, self._callers = _flow_index(self.flows)
        return list(self._calls.get(cid, ()))

    def callers_of(self, cid: str) -> list[str]:
        if self._callers is None:
            self._calls, self._callers = _flow_index(self.flows)
        return list(self._callers.get(cid, ()))

    def connection_targets(self, cid: str) -> list[str]:
        """Targets of the designed connections from `cid`, in model order (not flows:
        a consumer's flow to its broker runs against the drawn arrow)."""
        if self._targets is None:
            self._targets = {}
            for conn in self.arch.connections:
                self._targets.setdefault(conn.source, []).append(conn.target)
        return self._targets.get(cid, [])

    def connection_sources(self, cid: str) -> list[Connection]:
        """The designed connections into `cid`, in model order."""
        if self._into is None:
            self._into = {}
            for conn in self.arch.connections:
                self._into.setdefault(conn.target, []).append(conn)
        return self._into.get(cid, [])

    def designed_protocol(self, a: str, b: str) -> Protocol | None:
        """The protocol the design gives the connection between a and b (either way):
        the first connection in model order that states one."""
        if self._protocols is None:
            self._protocols = {}
            for conn in self.arch.connections:
                if conn.protocol is not None:
                    self._protocols.setdefault(frozenset((conn.source, conn.target)), conn.protocol)
        return self._protocols.get(frozenset((a, b)))

    def local_scheme(self, cid: str, target: str) -> str:
        """The URL scheme a local stack writes: the store's own, else HTTP or gRPC
        between our services (no TLS inside the stack)."""
        role = self.roles.get(target)
        if role and role.scheme:
            return role.scheme
        return "grpc" if self.designed_protocol(cid, target) is Protocol.GRPC else "http"

    def env_for(self, cid: str) -> dict[str, str]:
        """Connection settings a service gets for each dependency (no secrets); a copy
        of those worked out once per service (compose and Kubernetes both ask)."""
        if self._env is None:
            self._env = {}
        env = self._env.get(cid)
        if env is None:
            env = self._env[cid] = self._env_for(cid)
        return dict(env)

    def _env_for(self, cid: str) -> dict[str, str]:
        env: dict[str, str] = {}
        for target in self.calls_from(cid):
            if target in self.roles and not self.deployed(target):
                continue  # a managed service the stack does not run: no address to give
            key = env_name(self.dns(target)) + "_URL"
            host = self.dns(target)
            env[key] = f"{self.local_scheme(cid, target)}://{host}:{self.port(target)}"
        return env


def _flow_index(
    flows: list[tuple[str, str]],
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(callees by caller, callers by callee), each list sorted and without repeats."""
    calls: dict[str, set[str]] = {}
    callers: dict[str, set[str]] = {}
    for src, dst in flows:
        calls.setdefault(src, set()).add(dst)
        callers.setdefault(dst, set()).add(src)
    return (
        {k: sorted(v) for k, v in calls.items()},
        {k: sorted(v) for k, v in callers.items()},
    )


def one_topology() -> AbstractContextManager[None]:
    """Within this block `topology(arch)` (and each `once_per_export` function) is
    computed once per design object: the export's `nothing_changes()` block.

    An export asks for it several times (its files, then its README's losses; the
    scaffold once per included format), each a pass over every component and
    connection. Scoped rather than cached for the process, because a design may be
    changed between two exports; within one export it is not.
    """
    return nothing_changes()


def sharing_topology(render: Callable[[Architecture], _T]) -> Callable[[Architecture], _T]:
    """`render` run inside `one_topology()`."""

    @functools.wraps(render)
    def run(arch: Architecture) -> _T:
        with one_topology():
            return render(arch)

    return run


once_per_export = kept
"""What several formats of one export derive from the same design or component, computed
once per object inside `one_topology()` (model/unchanged.py's `kept`): the topology; the
Mermaid flowchart that the scaffold's README and the design document both embed (54 ms
each at 5,000 components); a service's OpenAPI document, written by the OpenAPI format
and again as the scaffold's contract. Only for results nobody changes in place."""


@once_per_export
def topology(arch: Architecture) -> Topology:
    """Classify components and derive the network flows from the connections."""
    return _topology(arch)


def _topology(arch: Architecture) -> Topology:
    topo = Topology(arch=arch)
    ids = [c.id for c in arch.components]
    topo.dns = dns_namer(ids, reserved=RESERVED_NAMES)
    topo.ident = ident_namer(ids)
    for comp in sorted(arch.components, key=lambda c: c.id):
        if is_service(comp):
            topo.services.append(comp)
            continue
        role = role_of(comp)
        if role is not None:
            topo.roles[comp.id] = role
            topo.stores.append((comp, role))
        else:
            topo.others.append(comp)
    topo.service_ids = services = frozenset(c.id for c in topo.services)
    topo.by_id = by_id = arch.components_by_id()
    flows: set[tuple[str, str]] = set()
    entry: set[str] = set()
    for conn in arch.connections:
        src, dst = by_id.get(conn.source), by_id.get(conn.target)
        if src is None or dst is None:
            continue
        if dst.id in services and src.id not in services:
            if src.id in topo.roles and not topo.roles[src.id].front:
                # a consumer connects to its broker
                flows.add((dst.id, src.id))
            else:  # an edge component or a client calls into the service
                entry.add(dst.id)
        elif src.id in services and (dst.id in services or dst.id in topo.roles):
            flows.add((src.id, dst.id))
    for comp in topo.services:
        if comp.public:
            entry.add(comp.id)
    topo.flows = sorted(flows)
    topo.entry = sorted(entry)
    topo.entry_ids = frozenset(entry)
    topo.has_cdn = any(c.kind is Kind.CDN for c in arch.components)
    return topo


def front_load_balancer(topo: Topology) -> Component | None:
    """The designed load balancer that calls an entry service: the ALB (Terraform) or
    the Ingress (Kubernetes) stands for it. None when the design draws none.

    Kept on the topology: Terraform asks it per CDN, per front door and per connection
    of a CDN, and each answer is a pass over every connection."""
    if topo._front is None:
        calling_entry = {c.source for c in topo.arch.connections if c.target in topo.entry_ids}
        found = None
        for comp in sorted(topo.others, key=lambda c: c.id):
            if comp.kind is Kind.LOAD_BALANCER and comp.id in calling_entry:
                found = comp
                break
        topo._front = (found,)
    return topo._front[0]


def front_routes(topo: Topology) -> list[str]:
    """Entry services the public load balancer routes to: those the designed load
    balancer calls, else every entry point."""
    if topo._routes is None:
        front = front_load_balancer(topo)
        if front is None:
            topo._routes = list(topo.entry)
        else:
            called = set(topo.connection_targets(front.id))
            topo._routes = [cid for cid in topo.entry if cid in called]
    return list(topo._routes)
