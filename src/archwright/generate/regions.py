"""Drawing a multi-region design: what the text claims, the model must hold.

When the multi-region pattern applies, every regional component gets a twin in a second
region (`<id>-<region>`), each region's calls are repeated inside it, the entry calls
from clients reach both regions and fail over to each other (DNS health checks), and
each system of record replicates to its twin asynchronously. Global services (CDN, DNS,
providers) stay single. Each region is sized to carry the whole peak alone, so losing
one leaves the other sustaining it.
"""

from __future__ import annotations

from archwright.generate.sizing import defaults
from archwright.model import (
    STATEFUL_KINDS,
    Architecture,
    Auth,
    Boundary,
    BoundaryType,
    Cloud,
    Component,
    Connection,
    Kind,
    Mode,
    Protocol,
)

MULTI_REGION = "multi-region"
_NOT_REPLICATED = frozenset({Kind.QUEUE, Kind.STREAM})


def second_region(first: str, cloud: Cloud, stated: list[str]) -> str:
    """The region paired with `first`: the second one stated, else the cloud's pair."""
    if len(stated) > 1 and stated[1] != first:
        return stated[1]
    pairs: dict[str, dict[str, str]] = defaults()["region_pairs"]
    return pairs.get(cloud.value, {}).get(first) or pairs[cloud.value]["default"]


def twin_id(component_id: str, region: str) -> str:
    return f"{component_id}-{region}"


def add_region(
    arch: Architecture, region: str, traffic: dict[str, float], write_rps: float
) -> dict[str, str]:
    """Put a twin of every regional component in `region`; return twin id → original id."""
    regional = [c for c in arch.components if c.region is not None]
    twins = {c.id: twin_id(c.id, region) for c in regional}
    for comp in regional:
        arch.components.append(_twin(comp, twins[comp.id], region))
    first = regional[0].region if regional else None
    for conn in list(arch.connections):
        _repeat(arch, conn, twins, traffic)
    for comp in regional:
        if comp.kind in STATEFUL_KINDS and comp.kind not in _NOT_REPLICATED:
            _replicate(arch, comp, twins[comp.id], region, traffic, write_rps)
    arch.boundaries.append(
        Boundary(
            id=region,
            name=region,
            type=BoundaryType.REGION,
            members=[twins[c.id] for c in regional],
        )
    )
    if first is not None:
        for boundary in arch.boundaries:
            if boundary.id == first:
                boundary.name = f"{first} (active)"
        arch.boundaries[-1].name = f"{region} (active)"
    return {twin: original for original, twin in twins.items()}


def _twin(comp: Component, twin: str, region: str) -> Component:
    copy = comp.model_copy(deep=True)
    copy.id = twin
    copy.name = f"{comp.label} ({region})"
    copy.region = region
    copy.zones = []
    copy.public = comp.public
    return copy


def _repeat(
    arch: Architecture, conn: Connection, twins: dict[str, str], traffic: dict[str, float]
) -> None:
    """The same call inside the second region; entry calls reach both and fail over."""
    source, target = twins.get(conn.source), twins.get(conn.target)
    if target is None:
        return  # calls to global services are shared by both regions
    copy = conn.model_copy(deep=True)
    copy.id = ""
    copy.source = source or conn.source
    copy.target = target
    if conn.fallback is not None:
        copy.fallback = twins.get(conn.fallback, conn.fallback)
    if source is None:  # an entry call: DNS health checks move users to the other region
        conn.fallback = target
        copy.fallback = conn.target
        copy.description = "DNS failover between regions"
    again = Connection.model_validate(copy.model_dump())
    arch.connections.append(again)
    traffic[again.id] = traffic.get(conn.id, 0.0)


def _replicate(
    arch: Architecture,
    comp: Component,
    twin: str,
    region: str,
    traffic: dict[str, float],
    write_rps: float,
) -> None:
    into = sum(v for k, v in traffic.items() if k.endswith(f"->{comp.id}"))
    conn = Connection(
        source=comp.id,
        target=twin,
        protocol=_protocol_into(arch, comp.id),
        mode=Mode.ASYNC,
        tls=True,
        auth=Auth.IAM if comp.technology and "-" in comp.technology else Auth.PASSWORD,
        description=f"Asynchronous replication to {region}; promoted on failover",
        properties={"replication": True},
    )
    arch.connections.append(conn)
    traffic[conn.id] = min(into, write_rps)  # only writes cross to the other region


def _protocol_into(arch: Architecture, component_id: str) -> Protocol:
    """Replication speaks the store's own protocol (how its callers reach it)."""
    for conn in arch.connections:
        if conn.target == component_id:
            return conn.protocol
    return Protocol.HTTPS
