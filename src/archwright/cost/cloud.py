"""Which cloud's price list a model is priced on when nobody names one.

`design` and `cost` must price one file the same way, so both ask this one function: the
cloud the requirements state; else the cloud most of its provider-managed technologies run
on (a design made with `--cloud gcp` holds GCP services even when its requirements name no
cloud); else AWS. On-premises has no price list: AWS list prices stand in for hardware.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from archwright.cost.estimate import CLOUDS, Estimate, estimate
from archwright.kb.catalog import Catalog
from archwright.model import Architecture, Cloud


@dataclass(frozen=True)
class PricingCloud:
    """The price list used and, when it was not the one stated, why."""

    name: str
    note: str | None = None


def pricing_cloud(arch: Architecture, catalog: Catalog) -> PricingCloud:
    """The cloud whose list prices `arch` is priced on by default."""
    stated = arch.requirements.constraints.cloud
    if stated is Cloud.ON_PREM:
        return PricingCloud("aws", "on-premises: AWS list prices used as a proxy for hardware")
    if stated is not None:
        return PricingCloud(stated.value)
    clouds: Counter[str] = Counter(
        str(tech.cloud)
        for comp in arch.components
        if comp.technology and (tech := catalog.find(comp.technology)) and tech.cloud
    )
    if clouds:
        # Most components decide; ties go to the order of CLOUDS (stable, stated).
        best = max(CLOUDS, key=lambda c: (clouds.get(c, 0), -CLOUDS.index(c)))
        if clouds.get(best):
            return PricingCloud(best, f"no cloud stated: {best} inferred from its managed services")
    return PricingCloud("aws", "no cloud stated: AWS list prices")


def monthly_cost(arch: Architecture, catalog: Catalog, cloud: str | None = None) -> Estimate:
    """The estimate `design` writes into design.md and `cost` prints for the same file:
    on `cloud` when given, else on `pricing_cloud`, whose reason leads the assumptions."""
    chosen = PricingCloud(cloud) if cloud else pricing_cloud(arch, catalog)
    result = estimate(arch, catalog, chosen.name)
    if chosen.note is None:
        return result
    return replace(result, assumptions=[chosen.note, *result.assumptions])
