"""Monthly cost estimates from the dated price snapshot in the catalog.

`estimate(arch, catalog, cloud)` prices every component on one cloud with the
assumptions listed; `arrival_rates` is the one load propagation (cost, audit, simulate,
sizing) and `design_load` the load a design records.
"""

from archwright.cost.estimate import (
    CLOUDS,
    HOURS_PER_MONTH,
    Alternative,
    ComponentCost,
    Estimate,
    estimate,
    nodes,
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

__all__ = [
    "CLOUDS",
    "HOURS_PER_MONTH",
    "Alternative",
    "ComponentCost",
    "DesignLoad",
    "Estimate",
    "arrival_rates",
    "call_order",
    "design_load",
    "entry_points",
    "entry_shares",
    "estimate",
    "nodes",
    "priced_technology",
]
