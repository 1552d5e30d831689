"""Monthly cost estimates from the dated price snapshot in the catalog.

`estimate(arch, catalog, cloud)` prices every component on one cloud with the
assumptions listed; `arrival_rates` is the load propagation both cost and audit use.
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
from archwright.cost.traffic import arrival_rates, call_order, entry_points, entry_shares
from archwright.kb.pricing import nodes

__all__ = [
    "CLOUDS",
    "HOURS_PER_MONTH",
    "Alternative",
    "ComponentCost",
    "Estimate",
    "PricingCloud",
    "arrival_rates",
    "call_order",
    "entry_points",
    "entry_shares",
    "estimate",
    "monthly_cost",
    "nodes",
    "priced_technology",
    "pricing_cloud",
]
