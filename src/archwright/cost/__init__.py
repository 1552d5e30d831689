"""Monthly cost estimates from the dated price snapshot in the catalog.

`estimate(arch, catalog, cloud)` prices every component on one cloud with the
assumptions listed; `arrival_rates` is the one load propagation (cost, audit, simulate,
sizing) and `design_load` the load a design records.
"""

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
