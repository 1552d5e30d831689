"""Monthly cost from catalog list prices × units, until the cost engine takes over.

Units are what the sizing decided: instances (replicas × shards plus read replicas per
shard), storage for datastores, and requests for per-request services. Prices are the
catalog's dated snapshot for the design's cloud; on-premises designs use AWS prices as a
proxy for hardware, and say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archwright.kb.catalog import Catalog
from archwright.model import STATEFUL_KINDS, Architecture, Cloud


@dataclass(frozen=True)
class Line:
    component: str
    technology: str
    monthly_usd: float
    basis: str


@dataclass
class CostEstimate:
    cloud: str
    lines: list[Line] = field(default_factory=list)
    snapshot_dates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(line.monthly_usd for line in self.lines), 2)


def estimate(
    arch: Architecture, catalog: Catalog, cloud: Cloud, peak_factor: float
) -> CostEstimate:
    """Per-component monthly list price for the design's sizing.

    Per-request prices use each component's average load: its sized peak ÷ the peak factor.
    """
    key = "aws" if cloud is Cloud.ON_PREM else cloud.value
    out = CostEstimate(cloud=cloud.value)
    if cloud is Cloud.ON_PREM:
        out.notes.append("on-premises: AWS list prices used as a proxy for hardware and power")
    dates: set[str] = set()
    for comp in arch.components:
        tech = catalog.find(comp.technology) if comp.technology else None
        if tech is None:
            continue
        price = tech.prices.get(key)  # type: ignore[call-overload]
        if price is None:
            out.lines.append(Line(comp.id, tech.name, 0.0, f"no {key} list price in the catalog"))
            continue
        dates.add(catalog.snapshot_dates.get(tech.name, ""))
        if price.per_million_requests:
            # Pay-per-request: the request volume is the bill; instance counts mean nothing.
            rps = float(comp.properties.get("request_rps", 0.0))
            millions = rps / max(peak_factor, 1.0) * 86_400 * 30 / 1e6
            cost = price.per_million_requests * millions
            basis = f"{millions:,.0f}M requests × ${price.per_million_requests}/M"
        else:
            units = comp.replicas * comp.shards + comp.read_replicas * comp.shards
            cost = price.usd_per_month * units
            basis = f"{units} × {price.unit} at ${price.usd_per_month:,.2f}"
        if price.per_gb_month and comp.storage_gb and comp.kind in STATEFUL_KINDS:
            cost += price.per_gb_month * comp.storage_gb
            basis += f" + {comp.storage_gb:,.0f} GB × ${price.per_gb_month}/GB"
        out.lines.append(Line(comp.id, tech.name, round(cost, 2), basis))
    out.snapshot_dates = sorted(d for d in dates if d)
    return out
