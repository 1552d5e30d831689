"""A component's capacity: the one place every engine asks how much one replica carries.

The model records only what the person wrote; sizing, simulation, the audit and the
advisers need every number. This module fills the gaps in one fixed order (model →
catalog technology → the kind defaults in `kind_capacity.yaml`) and says where each
number came from, so a result can be traced back to an assumption.

Per-replica throughput is one number: the lower of the catalog's measured
`throughput_rps` and what the replica's slots allow by Little's law
(concurrency × 1000 / service_time_ms). The queueing simulator models a replica as two
resources: `concurrency` slots, held for the whole request (its own work plus the sync
calls it waits for), and the replica's own work capacity, whose *effective concurrency*
is derived back from the per-replica figure (per_replica_rps × service_time_ms / 1000,
Little's law). A component doing only its own work therefore saturates at exactly
`per_replica_rps` per replica in `simulate`, the audit and sizing alike; one that waits
on slow callees can run out of slots first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field

from archwright.kb.catalog import Catalog, Hosting, Technology, load_catalog
from archwright.model import Architecture, Component, Kind

__all__ = [
    "KindCapacity",
    "Profile",
    "default_hit_ratio",
    "kind_capacity",
    "per_replica_rps",
    "profile",
    "resolve",
    "slots_rps",
]


class KindCapacity(BaseModel):
    """Capacity of one replica of a kind when nothing more specific is known."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    concurrency: int = Field(ge=1)
    service_time_ms: float = Field(ge=0)
    availability: float = Field(gt=0, le=1)
    unbounded: bool = False
    source: str = Field(pattern=r"^https://")


class _KindFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default_hit_ratio: float = Field(ge=0, le=1)
    default_hit_ratio_source: str = Field(pattern=r"^https://")
    kinds: dict[Kind, KindCapacity]


@cache
def _kind_file() -> _KindFile:
    text = (resources.files("archwright.kb") / "kind_capacity.yaml").read_text(encoding="utf-8")
    return _KindFile.model_validate(yaml.safe_load(text))


def kind_capacity(kind: Kind) -> KindCapacity:
    """The kind defaults (every kind has an entry; a test checks it)."""
    return _kind_file().kinds[kind]


def default_hit_ratio() -> float:
    """Hit ratio assumed for a cache that does not state one."""
    return _kind_file().default_hit_ratio


def slots_rps(concurrency: float, service_time_ms: float) -> float:
    """Requests/s a replica's slots allow by Little's law (∞ when it takes no time)."""
    if service_time_ms <= 0:
        return math.inf
    return concurrency * 1000.0 / service_time_ms


def per_replica_rps(tech: Technology | None, kind: Kind) -> float:
    """Sustained requests/s of one replica of `tech` (or of a `kind` with no technology).

    min(catalog throughput_rps, concurrency × 1000 / service_time_ms); with no
    technology, the kind defaults by Little's law.
    """
    if tech is None:
        dflt = kind_capacity(kind)
        return slots_rps(dflt.concurrency, dflt.service_time_ms)
    cap = tech.capacity
    return min(cap.throughput_rps, slots_rps(cap.concurrency, cap.service_time_ms))


@dataclass(frozen=True)
class Profile:
    """Resolved capacity of one component.

    `concurrency` is the requests one replica holds at once (slots); `effective_concurrency`
    the requests it *works on* at once, derived from `per_replica_rps` by Little's law
    (equal to `concurrency` unless the catalog's throughput is the binding limit, so it
    may be fractional). `servers` and `work_servers` are those per component: × replicas
    (plus read replicas in proportion to the read share) × shards; `math.inf` for
    unbounded stations (clients, SaaS providers) that add latency but never queue.
    """

    id: str
    kind: Kind
    replicas: int
    shards: int
    concurrency: int
    effective_concurrency: float
    servers: float
    work_servers: float
    service_time_ms: float
    per_replica_rps: float
    availability: float
    hit_ratio: float
    unbounded: bool
    source: str

    @property
    def max_rps(self) -> float:
        """Requests/s every replica together sustains (∞ for unbounded stations)."""
        if self.unbounded:
            return math.inf
        return slots_rps(self.work_servers, self.service_time_ms)

    def replicas_busy(self, arriving_rps: float, holding_ms: float) -> float:
        """Replicas' worth of load at `arriving_rps`: the busier of the slots (held for
        `holding_ms`, sync calls included) and the work capacity (per_replica_rps)."""
        if arriving_rps <= 0:
            return 0.0
        if not math.isfinite(holding_ms):
            return math.inf
        by_slots = arriving_rps * holding_ms / 1000.0 / (self.concurrency * self.shards)
        by_work = arriving_rps / (self.per_replica_rps * self.shards)
        return max(by_slots, by_work)

    @property
    def is_cache(self) -> bool:
        """Caches, and CDNs given a hit ratio: both answer hits without calling onward."""
        return self.kind is Kind.CACHE or (self.kind is Kind.CDN and self.hit_ratio > 0)


def resolve(arch: Architecture, catalog: Catalog | None = None) -> dict[str, Profile]:
    """Profiles of every component, keyed by id, in file order."""
    cat = catalog if catalog is not None else load_catalog()
    read_fraction = _read_fraction(arch)
    return {c.id: profile(c, cat, read_fraction) for c in arch.components}


def _read_fraction(arch: Architecture) -> float:
    """Share of requests that are reads, from the stated read:write ratio (0 if unknown)."""
    ratio = arch.requirements.scale.read_write_ratio
    return ratio / (ratio + 1.0) if ratio else 0.0


def profile(comp: Component, cat: Catalog, read_fraction: float = 0.0) -> Profile:
    """One component's profile (`resolve` does every component at once)."""
    dflt = kind_capacity(comp.kind)
    tech = cat.for_component(comp) if comp.kind is not Kind.CLIENT else None
    # A client is where traffic starts: the catalog's numbers describe a user's device
    # (render time, a phone's availability), not the system under study.
    cap = tech.capacity if tech is not None else None
    source = f"catalog:{tech.name}" if tech is not None else "kind default"
    unbounded = dflt.unbounded or (tech is not None and tech.hosting is Hosting.SAAS)
    concurrency = comp.concurrency or (cap.concurrency if cap else dflt.concurrency)
    service = _first(comp.service_time_ms, cap.service_time_ms if cap else None)
    if service is None:
        service = dflt.service_time_ms
    availability = _first(comp.availability, cap.availability if cap else None)
    if availability is None:
        availability = dflt.availability
    per_replica = slots_rps(concurrency, service)
    effective = float(concurrency)
    # A component that states both its slots and its service time is described by them,
    # not by a catalog figure measured for some other workload.
    stated = comp.concurrency is not None and comp.service_time_ms is not None
    if cap is not None and not stated and cap.throughput_rps < per_replica:
        per_replica = cap.throughput_rps
        effective = per_replica * service / 1000.0  # Little's law, solved for slots
    hit_ratio = comp.hit_ratio or 0.0
    if comp.kind is Kind.CACHE and comp.hit_ratio is None:
        hit_ratio = default_hit_ratio()
    # Read replicas serve only reads: they add capacity in proportion to the read share.
    replicas = comp.replicas + comp.read_replicas * read_fraction
    servers = math.inf if unbounded else replicas * comp.shards * concurrency
    work_servers = math.inf if unbounded else replicas * comp.shards * effective
    if comp.concurrency is not None or comp.service_time_ms is not None:
        source = "model" if cap is None else f"model+{source}"
    return Profile(
        id=comp.id,
        kind=comp.kind,
        replicas=comp.replicas,
        shards=comp.shards,
        concurrency=concurrency,
        effective_concurrency=effective,
        servers=servers,
        work_servers=work_servers,
        service_time_ms=float(service),
        per_replica_rps=per_replica,
        availability=float(availability),
        hit_ratio=float(hit_ratio),
        unbounded=unbounded,
        source=source,
    )


def _first(*values: float | None) -> float | None:
    for value in values:
        if value is not None:
            return float(value)
    return None
