"""Each component's capacity profile: what the model says, else the catalog, else kind defaults.

The model records only what the person wrote; the simulators need every number. This is
the one place that fills the gaps, in a fixed order (model → catalog technology → the
kind defaults in `defaults.yaml`), and says where each number came from so a result can
be traced back to an assumption.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from archwright.kb.catalog import Catalog, Hosting, load_catalog
from archwright.model import Architecture, Component, Kind


@dataclass(frozen=True)
class Defaults:
    """The numbers of `defaults.yaml`, typed."""

    default_rps: float
    default_timeout_ms: float
    zone_availability: float
    minutes_per_month: float
    default_hit_ratio: float
    kinds: dict[str, dict[str, Any]]


@cache
def defaults() -> Defaults:
    """Read the model defaults shipped with the package (once per process)."""
    text = (resources.files("archwright.simulate") / "defaults.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return Defaults(
        default_rps=float(raw["default_rps"]),
        default_timeout_ms=float(raw["default_timeout_ms"]),
        zone_availability=float(raw["zone_availability"]),
        minutes_per_month=float(raw["minutes_per_month"]),
        default_hit_ratio=float(raw["default_hit_ratio"]),
        kinds={str(k): dict(v) for k, v in raw["kinds"].items()},
    )


@dataclass(frozen=True)
class Profile:
    """Resolved capacity of one component.

    `servers` is the number of requests the component serves at once (replicas ×
    concurrency, × shards for datastores); `math.inf` for unbounded stations (clients,
    SaaS providers) that add latency but never queue.
    """

    id: str
    kind: Kind
    replicas: int
    concurrency: int
    servers: float
    service_time_ms: float
    availability: float
    hit_ratio: float
    unbounded: bool
    source: str

    @property
    def is_cache(self) -> bool:
        """Caches, and CDNs given a hit ratio: both answer hits without calling onward."""
        return self.kind is Kind.CACHE or (self.kind is Kind.CDN and self.hit_ratio > 0)


def resolve(arch: Architecture, catalog: Catalog | None = None) -> dict[str, Profile]:
    """Profiles of every component, keyed by id, in file order."""
    cat = catalog if catalog is not None else load_catalog()
    read_fraction = _read_fraction(arch)
    return {c.id: _profile(c, cat, read_fraction) for c in arch.components}


def _read_fraction(arch: Architecture) -> float:
    """Share of requests that are reads, from the stated read:write ratio (0 if unknown)."""
    ratio = arch.requirements.scale.read_write_ratio
    return ratio / (ratio + 1.0) if ratio else 0.0


def _profile(comp: Component, cat: Catalog, read_fraction: float) -> Profile:
    kind_defaults = defaults().kinds[comp.kind.value]
    tech = cat.for_component(comp)
    cap = tech.capacity if tech is not None else None
    if comp.kind is Kind.CLIENT:
        # A client is where traffic starts: the catalog's numbers describe a user's
        # device (render time, a phone's availability), not the system under study.
        tech, cap = None, None
    source = f"catalog:{tech.name}" if tech is not None else "kind default"
    unbounded = bool(kind_defaults.get("unbounded", False)) or (
        tech is not None and tech.hosting is Hosting.SAAS
    )
    concurrency = comp.concurrency or (
        cap.concurrency if cap else int(kind_defaults["concurrency"])
    )
    service = _first(comp.service_time_ms, cap.service_time_ms if cap else None)
    if service is None:
        service = float(kind_defaults["service_time_ms"])
    availability = _first(comp.availability, cap.availability if cap else None)
    if availability is None:
        availability = float(kind_defaults["availability"])
    hit_ratio = comp.hit_ratio or 0.0
    if comp.kind is Kind.CACHE and comp.hit_ratio is None:
        hit_ratio = defaults().default_hit_ratio
    # Read replicas serve only reads: they add capacity in proportion to the read share.
    effective_replicas = comp.replicas + comp.read_replicas * read_fraction
    servers = math.inf if unbounded else effective_replicas * comp.shards * concurrency
    if comp.concurrency is not None or comp.service_time_ms is not None:
        source = "model" if cap is None else f"model+{source}"
    return Profile(
        id=comp.id,
        kind=comp.kind,
        replicas=comp.replicas,
        concurrency=concurrency,
        servers=servers,
        service_time_ms=float(service),
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
