"""Monthly cost estimates from the dated price snapshot in the catalog.

`estimate(arch, catalog, cloud)` prices every component on one cloud with the
assumptions listed; `arrival_rates` is the one load propagation (cost, audit, simulate,
sizing) and `design_load` the load a design records.

The names below are imported from their modules on first use (PEP 562), not when the
package is: `archwright validate` needs only the traffic checks, and importing the
pricing stack with it (the transfer price models, the pricing tables) cost every such
process about 0.07 G instructions (issue 16). `from archwright.cost import estimate`
works as before (`archwright.lazy`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archwright.lazy import lazy_exports

if TYPE_CHECKING:
    from archwright.cost.cloud import PricingCloud, monthly_cost, pricing_cloud
    from archwright.cost.estimate import (
        CLOUDS,
        HOURS_PER_MONTH,
        Alternative,
        ComponentCost,
        Estimate,
        estimate,
        priced_technology,
    )
    from archwright.cost.traffic import (
        DesignLoad,
        arrival_rates,
        call_order,
        design_load,
        entry_points,
        entry_shares,
    )
    from archwright.kb.pricing import nodes

_HOME = {
    "PricingCloud": "archwright.cost.cloud",
    "monthly_cost": "archwright.cost.cloud",
    "pricing_cloud": "archwright.cost.cloud",
    "CLOUDS": "archwright.cost.estimate",
    "HOURS_PER_MONTH": "archwright.cost.estimate",
    "Alternative": "archwright.cost.estimate",
    "ComponentCost": "archwright.cost.estimate",
    "Estimate": "archwright.cost.estimate",
    "estimate": "archwright.cost.estimate",
    "priced_technology": "archwright.cost.estimate",
    "DesignLoad": "archwright.cost.traffic",
    "arrival_rates": "archwright.cost.traffic",
    "call_order": "archwright.cost.traffic",
    "design_load": "archwright.cost.traffic",
    "entry_points": "archwright.cost.traffic",
    "entry_shares": "archwright.cost.traffic",
    "nodes": "archwright.kb.pricing",
}

__all__ = [
    "CLOUDS",
    "HOURS_PER_MONTH",
    "Alternative",
    "ComponentCost",
    "DesignLoad",
    "Estimate",
    "PricingCloud",
    "arrival_rates",
    "call_order",
    "design_load",
    "entry_points",
    "entry_shares",
    "estimate",
    "monthly_cost",
    "nodes",
    "priced_technology",
    "pricing_cloud",
]


__all__ = [
    "CLOUDS",
    "HOURS_PER_MONTH",
    "Alternative",
    "ComponentCost",
    "DesignLoad",
    "Estimate",
    "PricingCloud",
    "arrival_rates",
    "call_order",
    "design_load",
    "entry_points",
    "entry_shares",
    "estimate",
    "monthly_cost",
    "nodes",
    "priced_technology",
    "pricing_cloud",
]


__getattr__ = lazy_exports(__name__, _HOME)
