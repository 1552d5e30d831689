"""The simulators' own settings (`defaults.yaml`): load, timeouts, zones, error budgets.

Capacity numbers (per-kind concurrency, service time, availability) are not here: they
belong to `archwright.kb.capacity`, the one place every engine reads them from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from archwright.package_data import parsed_yaml


@dataclass(frozen=True)
class Defaults:
    """The numbers of `defaults.yaml`, typed."""

    default_rps: float
    default_timeout_ms: float
    zone_availability: float
    minutes_per_month: float


@cache
def defaults() -> Defaults:
    """Read the simulator settings shipped with the package (once per process)."""
    raw = parsed_yaml("archwright.simulate", "defaults.yaml")
    return Defaults(
        default_rps=float(raw["default_rps"]),
        default_timeout_ms=float(raw["default_timeout_ms"]),
        zone_availability=float(raw["zone_availability"]),
        minutes_per_month=float(raw["minutes_per_month"]),
    )
