"""Joining pattern sub-graphs into model objects: components with their sizing, backups,
zones and observability; connections with protocols that follow the chosen technology
and timeouts, retries and breakers on synchronous calls; journeys whose every hop exists."""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

from archwright.audit.context import APP_KINDS
from archwright.generate.sizing import Envelope, defaults
from archwright.kb.catalog import Catalog
from archwright.kb.patterns import LoadBasis, Pattern, PatternComponent
from archwright.model import (
    ASYNC_PROTOCOLS,
    KIND_GROUP,
    PERSONAL_DATA,
    STATEFUL_KINDS,
    Architecture,
    Auth,
    Backoff,
    Backups,
    Boundary,
    BoundaryType,
    Compliance,
    Component,
    Connection,
    DataClass,
    Journey,
    Kind,
    KindGroup,
    Mode,
    Observability,
    Protocol,
    Requirements,
)

EXTERNAL_KINDS = {Kind.PAYMENT, Kind.LLM, Kind.NOTIFICATION, Kind.EXTERNAL_API, Kind.IDENTITY}
# Served from the provider's global network, in no one region (and not twinned).
GLOBAL_KINDS = frozenset({Kind.CLIENT, Kind.DNS, Kind.CDN, *EXTERNAL_KINDS})


def join(
    patterns: list[Pattern],
) -> tuple[list[PatternComponent], dict[str, str], list[Any], list[Any]]:
    comps: dict[str, PatternComponent] = {}
    origin: dict[str, str] = {}
    conns: dict[tuple[str, str], Any] = {}
    journeys = []
    for p in patterns:
        for pc in p.components:
            if pc.id not in comps or pc.override:
                comps[pc.id] = pc
                origin[pc.id] = p.id
        for conn in p.connections:
            if conn.override:
                conns[(conn.source, conn.target)] = conn
            else:
                conns.setdefault((conn.source, conn.target), conn)
        if p.journey is not None:
            journeys.append(p.journey)
    valid = [c for (s, t), c in conns.items() if s in comps and t in comps]
    return list(comps.values()), origin, valid, journeys


def data_held(pc: PatternComponent, kind: Kind, env: Envelope) -> float:
    """GB a datastore holds: all data, the hot set (read caches), or little (counters);
    a store whose pattern states what it holds (`held_gb`: built assets) holds that."""
    if pc.held_gb is not None:
        return pc.held_gb
    if pc.load.basis is LoadBasis.DATA:
        return env.data_horizon_gb * pc.load.share
    if kind is Kind.CACHE:
        return env.hot_set_gb * pc.load.share if pc.load.basis is LoadBasis.READS else 1.0
    return env.data_horizon_gb * min(pc.load.share, 1.0)


def _hit_ratio(kind: Kind) -> float | None:
    """A cache's and a CDN's share of requests answered without the origin (sizing.yaml)."""
    d = defaults()["defaults"]
    if kind is Kind.CACHE:
        return float(d["cache_hit_ratio"])
    if kind is Kind.CDN:
        return float(d["cdn_hit_ratio"])
    return None


def zone_names(region: str) -> list[str]:
    """Three availability zones of a region, in its cloud's spelling.

    AWS regions have two hyphens (us-east-1 → us-east-1a), GCP regions one
    (europe-west1 → europe-west1-a), Azure regions none (westeurope → westeurope-1).
    """
    hyphens = region.count("-")
    if hyphens >= 2:
        return [f"{region}{z}" for z in "abc"]
    if hyphens == 1:
        return [f"{region}-{z}" for z in "abc"]
    return [f"{region}-{z}" for z in "123"]


def zones_for(region: str, replicas: int) -> list[str]:
    """The zones `replicas` replicas are spread over (round-robin): two at least, so a
    standby never shares its primary's zone, and three at most, a region's usual count."""
    return zone_names(region)[: max(2, min(3, replicas))]


def build_component(
    pc: PatternComponent,
    kind: Kind,
    tech: str | None,
    env: Envelope,
    req: Requirements,
    pattern: str,
    region: str,
    applied: set[str],
) -> Component:
    """The component of a role, unsized: `provision` sizes it from the wired load."""
    classes = set(pc.data_classes)
    if Compliance.HIPAA in req.compliance and DataClass.PII in classes:
        classes.add(DataClass.PHI)
    stateful = kind in STATEFUL_KINDS
    compute = KIND_GROUP[kind] is KindGroup.COMPUTE
    rpo = req.slo.rpo_minutes
    backups = None
    personal = bool(PERSONAL_DATA & classes)
    if (
        stateful
        and kind not in (Kind.QUEUE, Kind.STREAM)
        and (kind is not Kind.OBJECT_STORE or personal)
    ):
        interval = min(rpo, 60.0) if rpo is not None else 60.0
        backups = Backups(
            interval_minutes=interval,
            retention_days=35 if req.compliance else 14,
            point_in_time=interval <= 15,
            cross_region="multi-region" in applied,
        )
    return Component(
        id=pc.id,
        name=pc.name,
        kind=kind,
        technology=tech,
        description=pc.role,
        public=pc.public,
        data_classes=sorted(classes, key=list(DataClass).index),
        encryption_at_rest=stateful,
        backups=backups,
        region=None if kind in GLOBAL_KINDS else region,
        observability=Observability(
            metrics=compute,
            # Regulated designs keep access logs on every tier (HIPAA 164.312(b)).
            logs=compute or bool(req.compliance),
            traces=compute,
            health_check="/health" if compute else None,
        ),
        hit_ratio=_hit_ratio(kind),
        tags=list(pc.tags),
        properties={"pattern": pattern, **pc.properties},
    )


def build_connection(pc: Any, by_id: dict[str, Component], catalog: Catalog) -> Connection:
    """The call of a pattern, spoken in the protocol of the technology it calls.

    A datastore or broker is called with its own protocol (catalog `protocol`); a
    consumer of a queue or stream reads it with the broker's protocol. Only when the
    catalog names none does the pattern's protocol stand.
    """
    source, target = by_id[pc.source], by_id[pc.target]
    protocol = spoken_protocol(source, target, catalog) or pc.protocol
    external = target.kind in EXTERNAL_KINDS
    calls_out = source.kind is not Kind.CLIENT
    mode = pc.mode or (Mode.ASYNC if protocol in ASYNC_PROTOCOLS else Mode.SYNC)
    if source.kind in (Kind.QUEUE, Kind.STREAM):
        mode = Mode.ASYNC  # a broker hands messages to its consumers; nobody waits
    sync = mode is Mode.SYNC
    return Connection(
        source=pc.source,
        target=pc.target,
        protocol=protocol,
        mode=mode,
        auth=_auth(pc.auth, source, target, catalog),
        tls=protocol is not Protocol.DNS,
        description=pc.description,
        payload_kb=pc.payload_kb,
        fallback=pc.fallback if pc.fallback in by_id else None,
        timeout_ms=(10_000 if target.kind is Kind.LLM else 3_000 if external else 1_000)
        if sync and calls_out
        else None,
        retries=2 if sync and calls_out else 0,
        backoff=Backoff.EXPONENTIAL if sync and calls_out else Backoff.NONE,
        # A failing callee fails fast instead of holding its caller's capacity: a breaker on
        # every synchronous call to a third party or from one service to another (REL004).
        circuit_breaker=sync and (external or {source.kind, target.kind} <= APP_KINDS),
        idempotent=True if external and sync else None,
    )


def spoken_protocol(source: Component, target: Component, catalog: Catalog) -> Protocol | None:
    """The protocol a call from `source` to `target` speaks, by their technologies: a
    consumer reads a broker in the broker's protocol; anyone else calls the target in the
    target's. None when the catalog names none (the caller keeps its own).

    `design` wires calls with it and `ask` re-wires them when a technology changes, so a
    call speaks the same protocol whichever of the two made it."""
    broker = source.kind in (Kind.QUEUE, Kind.STREAM)
    spoken = _interface(source, catalog) if broker else None
    return spoken or _interface(target, catalog)


def _interface(comp: Component, catalog: Catalog) -> Protocol | None:
    """The protocol the catalog says this component's technology is called with."""
    tech = catalog.find(comp.technology) if comp.technology else None
    return tech.protocol.name if tech is not None and tech.protocol is not None else None


_USER_FACING = frozenset({Kind.API_GATEWAY, Kind.SERVICE, Kind.FUNCTION, Kind.REALTIME_GATEWAY})
_STORE_GROUPS = frozenset({KindGroup.DATASTORE, KindGroup.MESSAGING})


def _auth(stated: Auth, source: Component, target: Component, catalog: Catalog) -> Auth:
    """How the caller proves who it is when the pattern left it open.

    Users present a token to what serves them; services reach a datastore or broker with
    the cloud's IAM identity when the provider manages it, else with a credential.
    """
    if stated is not Auth.NONE:
        return stated
    if source.kind is Kind.CLIENT:
        return Auth.JWT if target.kind in _USER_FACING else Auth.NONE
    if KIND_GROUP[target.kind] in _STORE_GROUPS:
        tech = catalog.find(target.technology) if target.technology else None
        return Auth.IAM if tech is not None and tech.cloud is not None else Auth.PASSWORD
    return Auth.NONE


def build_journeys(
    raw: list[Any], by_id: dict[str, Component], connections: list[Connection]
) -> list[Journey]:
    edges = {(c.source, c.target) for c in connections}
    routed = [_through_front_door(list(j.steps), edges) for j in raw]
    valid = [
        (j, steps)
        for j, steps in zip(raw, routed)
        if all(s in by_id for s in steps) and all(e in edges for e in pairwise(steps))
    ]
    if not valid:
        return []
    by_edge = {(c.source, c.target): c for c in connections}
    out = []
    for j, steps in valid:
        share = 1.0
        for hop in pairwise(steps):
            share *= by_edge[hop].share
        out.append(Journey(name=j.name, steps=steps, share=min(share, 1.0)))
    # Journeys overlap (a request that searches also passes the API), so their shares
    # are scaled to what the model allows: together at most all external traffic.
    total = sum(j.share for j in out)
    scale = 1.0 / total if total > 1.0 else 1.0
    for j in out:
        j.share = math.floor(j.share * scale * 1e6) / 1e6
    return out


def _through_front_door(steps: list[str], edges: set[tuple[str, str]]) -> list[str]:
    """A journey's first hop goes through the component now in front of its entry."""
    if len(steps) < 2 or (steps[0], steps[1]) in edges:
        return steps
    between = sorted(m for (a, m) in edges if a == steps[0] and (m, steps[1]) in edges)
    return [steps[0], between[0], *steps[1:]] if between else steps


def build_boundaries(components: list[Component], region: str) -> list[Boundary]:
    inside = [c.id for c in components if c.region is not None]
    return [Boundary(id=region, name=region, type=BoundaryType.REGION, members=inside)]


_TIERS = (
    ("public", "public subnet (security group: HTTPS from the internet)"),
    ("app", "private app subnets (security group: from the public tier and the app tier)"),
    ("data", "private data subnets (security group: from the app tier only)"),
)


def segment_networks(arch: Architecture) -> None:
    """Firewall rules as boundaries: each region's components in a public subnet (what
    the internet reaches), private app subnets and private data subnets, each a network
    boundary whose security group admits only the tier in front of it. Card-handling
    components are left to the cardholder data environment (`segment_cardholder_data`)."""
    by_id = arch.components_by_id()
    for region in [b for b in arch.boundaries if b.type is BoundaryType.REGION]:
        tiers: dict[str, list[str]] = {tier: [] for tier, _ in _TIERS}
        for cid in region.members:
            comp = by_id[cid]
            if DataClass.PCI in comp.data_classes:
                continue  # the cardholder data environment is a segment of its own
            tier = "public" if comp.public else "data" if comp.kind in STATEFUL_KINDS else "app"
            tiers[tier].append(cid)
        for tier, name in _TIERS:
            if tiers[tier]:
                arch.boundaries.append(
                    Boundary(
                        id=f"{region.id}-{tier}",
                        name=f"{region.id} {name}",
                        type=BoundaryType.NETWORK,
                        members=tiers[tier],
                        parent=region.id,
                    )
                )


CARDHOLDER_ZONE = "cardholder-data"


def segment_cardholder_data(arch: Architecture) -> None:
    """Components holding card data get a trust zone of their own (the PCI CDE)."""
    cde = [c.id for c in arch.components if DataClass.PCI in c.data_classes]
    if cde:
        arch.boundaries.append(
            Boundary(
                id=CARDHOLDER_ZONE,
                name="Cardholder data environment",
                type=BoundaryType.TRUST_ZONE,
                members=cde,
            )
        )
