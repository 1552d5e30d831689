"""Redundancy: replicas beyond what the load needs, so a design survives a failure.

`provision` sizes each component for its load at the target utilisation, so a busy
component can need every replica it has (two of two): losing any one of them is then an
outage. A design whose availability target asks for two or more of everything
(`Envelope.ha`) gets one replica more than its load needs (N+1). Where a critical
journey still falls short of the target, the least available of its steps that would
not survive losing a whole zone is widened and spread until it does, one step at a
time, until the journey meets the target or only steps sizing cannot change (provider-run
ones) hold it back: those are the audit's to report, not replicas' to hide.

What the load "needs" (`k` of each k-of-n block at the recorded peak) and whether a
journey "meets" the target are read from simulate.availability, the figure
`archwright availability` prints and the audit's REL014 judges: sizing does not count
replicas a second way.
"""

from __future__ import annotations

from dataclasses import replace

from archwright.generate.assemble import zones_for
from archwright.generate.sizing import Envelope, within_bounds
from archwright.model import Architecture, Component
from archwright.simulate.availability import (
    Block,
    JourneyFigure,
    Unit,
    exact,
    journey_figures,
    replica_units,
)
from archwright.simulate.load import default_rps
from archwright.simulate.settings import defaults as simulate_defaults

# Each round widens at least one component, and a round's figures take milliseconds.
_ROUNDS = 12


def add_redundancy(arch: Architecture, env: Envelope, widenable: frozenset[str]) -> None:
    """N+1 for every component in `widenable` (those sizing placed in zones), then
    zone-loss survival where a critical journey's availability target needs it."""
    if not env.ha:
        return
    rps = default_rps(arch)
    by_id = arch.components_by_id()
    for _ in range(_ROUNDS):
        units = replica_units(arch, rps)
        short = [
            units[cid]
            for cid in sorted(widenable)
            if units[cid].k <= units[cid].n and not units[cid].survives_replica_loss()
        ]
        if not short:
            break
        for unit in short:
            _widen(by_id[unit.id], unit, unit.k + 1, "survive the loss of one (N+1)")
    _survive_zone_loss(arch, rps, env.availability, widenable)


def _survive_zone_loss(
    arch: Architecture, rps: float, target: float, widenable: frozenset[str]
) -> None:
    """Widen, one per short journey and round, the weakest step that a zone outage
    takes down, until every critical journey that sizing can bring to `target` (a
    percentage) meets it."""
    za = simulate_defaults().zone_availability
    by_id = arch.components_by_id()
    for _ in range(_ROUNDS):
        weakest: dict[str, Unit] = {}
        for fig in journey_figures(arch, rps):
            if fig.critical and fig.value * 100 < target and _reachable(fig, target, widenable):
                unit = _weakest_zone_bound(fig, widenable, za)
                if unit is not None:
                    weakest[unit.id] = unit
        if not weakest:
            return
        for unit in weakest.values():
            comp = by_id[unit.id]
            n = unit.n + 1
            while not _placed(unit, comp, n).survives_zone_loss():
                n += 1
            _widen(comp, unit, n, "survive the loss of a zone")


def _reachable(fig: JourneyFigure, target: float, widenable: frozenset[str]) -> bool:
    """Whether the journey could meet `target` with its widenable steps never down:
    the steps nobody sizes (provider-run, fixed) set its ceiling."""
    fixed = [b for b in fig.blocks if not any(u.id in widenable for u in b.alternatives)]
    ceiling = exact(fixed, simulate_defaults().zone_availability)
    return ceiling is None or ceiling * 100 >= target


def _weakest_zone_bound(fig: JourneyFigure, widenable: frozenset[str], za: float) -> Unit | None:
    """The least available widenable step of the journey a zone outage takes down."""
    bound = [
        u
        for block in fig.blocks
        for u in block.alternatives
        if u.id in widenable and u.k <= u.n and not u.survives_zone_loss()
    ]
    return min(bound, key=lambda u: (exact([Block((u,))], za) or 0.0, u.id), default=None)


def _placed(unit: Unit, comp: Component, n: int) -> Unit:
    """The block with `n` replicas, spread over zones as the generator places them."""
    region = comp.region or ""
    return replace(unit, n=n, zones=tuple(zones_for(region, comp.replicas + n - unit.n)))


def _widen(comp: Component, unit: Unit, n: int, why: str) -> None:
    """Give `comp` the replicas that make its block `n` replicas (read replicas count
    in the block), spread over zones, and say why where its sizing is explained."""
    comp.replicas = within_bounds("replicas", comp.replicas + n - unit.n, comp)
    if comp.region:
        comp.zones = zones_for(comp.region, comp.replicas)
    comp.properties["sizing"] = (
        f"{comp.properties.get('sizing', '')}; {comp.replicas} replicas to {why}: at the "
        f"peak {unit.k} must be up (simulate.availability)"
    )
