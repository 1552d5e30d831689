"""`simulate`: the capacity model at one load, shaped as SPEC §4 plus recommendations.

Numbers that do not exist (latency of a saturated station, the ceiling of an unbounded
one) are `None` — JSON has no infinity — and the table says "saturated" or "∞".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from archwright.cost.traffic import design_load
from archwright.model import Architecture, Kind, KindGroup
from archwright.model.collector import collector_paused
from archwright.model.enums import KIND_GROUP
from archwright.simulate.capacity import (
    Stations,
    component_quantiles,
    journey_latency,
    max_rps,
    saturation_rps,
    shown_utilization,
    stations,
    utilization_percent,
)
from archwright.simulate.flow import Network, build
from archwright.simulate.models import model_report, model_warnings
from archwright.simulate.settings import defaults

TARGET_UTILIZATION = 0.7  # what "enough replicas" aims for: headroom for bursts


def default_rps(arch: Architecture) -> float:
    """The load to simulate when none is given: the recorded peak, else the documented
    default."""
    peak = design_load(arch).peak_rps
    return peak if peak else defaults().default_rps


def load_basis(arch: Architecture, rps: float | None, scale: float) -> str:
    """Which load a run used, in words (printed with the result)."""
    if rps is not None:
        basis = f"{rps:g} requests/s given with --rps"
    elif design_load(arch).peak_rps:
        basis = design_load(arch).describe("peak")
    else:
        basis = f"no recorded peak: the default {defaults().default_rps:g} requests/s"
    return basis if scale == 1.0 else f"{basis}, x {scale:g} (--scale)"


@collector_paused()  # plain results, no cycles: model/collector.py
def simulate(
    arch: Architecture, rps: float | None = None, scale: float = 1.0, *, percentiles: bool = True
) -> dict[str, Any]:
    """Utilization, latency, ceilings and what to change, at `rps` × `scale` requests/s.
    `percentiles=False` leaves out the components' P50/P95/P99 (their latency is the
    mean alone): the advisers' capacity summaries read none of them, and they were a
    sixth of a 50-component critique's own work (issue 16)."""
    net = build(arch)
    load = (rps if rps is not None else default_rps(arch)) * scale
    state = stations(net, load)  # lists: a small model's simulation imports no numpy
    sat = saturation_rps(net)
    ceiling = max_rps(net, sat)
    quant = component_quantiles(net, state) if percentiles else {}
    bottleneck = _bottleneck(net, sat)
    components: dict[str, Any] = {}
    for i, cid in enumerate(net.ids):
        latency = {"mean": _num(state.response_ms[i])}
        latency.update({k: _num(v[i]) for k, v in quant.items()})
        components[cid] = {
            "arrival_rps": _round(state.arrival_rps[i]),
            "utilization": shown_utilization(state.utilization[i]),
            "latency_ms": latency,
            "saturates_at_rps": _num(sat[i], 1),
            "servers": _num(state.servers[i], 0),
            "holding_ms": _num(state.holding_ms[i]),
            "wait_ms": _num(state.waits[i].mean if state.utilization[i] < 1.0 else math.inf),
            "basis": net.profiles[i].source,
        }
    journeys: dict[str, Any] = {}
    for journey in net.journeys:
        measured = journey.measured_to(arch.requirements.slo)
        lat = journey_latency(net, state, journey.steps, measured)
        journeys[journey.name] = {
            "latency_ms": {k: _num(v) for k, v in lat.items()} if lat else _saturated(),
            "latency_to": measured.value,
            "share": journey.share,
            "steps": journey.steps,
        }
    models = model_report(net, state)
    return {
        "rps": _round(load),
        "load_basis": load_basis(arch, rps, scale),
        "max_rps": _num(ceiling, 1),
        "bottleneck": bottleneck,
        "components": components,
        "journeys": journeys,
        "models": models,
        "recommendations": recommend(net, state, load, sat, ceiling, journeys),
        "warnings": [*state.warnings, *model_warnings(models)],
    }


def _bottleneck(net: Network, sat: Sequence[float]) -> str | None:
    """The component with the lowest ceiling (ties: file order)."""
    finite = [(float(sat[i]), i) for i in range(len(sat)) if math.isfinite(sat[i])]
    return net.ids[min(finite)[1]] if finite else None


def recommend(
    net: Network,
    state: Stations,
    rps: float,
    sat: Sequence[float],
    ceiling: float,
    journeys: dict[str, Any],
) -> list[dict[str, Any]]:
    """What to change, computed from the numbers: replicas, caches, shards, slow callees."""
    recs: list[dict[str, Any]] = []
    read_heavy = (net.arch.requirements.scale.read_write_ratio or 0) >= 2
    cached = {net.edges[k].target for k in range(len(net.edges)) if net.edges[k].miss_of}
    for i in range(len(net.ids)):
        util = float(state.utilization[i])
        if net.profiles[i].unbounded or util < TARGET_UTILIZATION:
            continue
        recs.append(_capacity_rec(net, state, i, util, read_heavy and i not in cached))
    recs.extend(_latency_recs(net, state, journeys))
    if math.isfinite(ceiling) and ceiling < rps:
        recs.insert(
            0,
            {
                "action": "capacity",
                "target": None,
                "utilization": None,
                "replicas_needed": None,
                "text": f"the design sustains {ceiling:.0f} rps, below the {rps:.0f} rps simulated",
            },
        )
    return recs


def _capacity_rec(
    net: Network, state: Stations, i: int, util: float, cache_helps: bool
) -> dict[str, Any]:
    """A busy component's fix: a datastore is spread (shards or read replicas) or, read
    heavy and uncached, cached; anything else gets replicas, or its slow callee named."""
    cid = net.ids[i]
    prof = net.profiles[i]
    busy = prof.replicas_busy(float(state.arrival_rps[i]), float(state.holding_ms[i]))
    needed = math.ceil(busy / TARGET_UTILIZATION) if math.isfinite(busy) else None
    if KIND_GROUP[prof.kind] is KindGroup.DATASTORE and prof.kind is not Kind.CACHE:
        action = "shard" if needed and needed > 4 else "scale"
        text = f"{cid} runs at {_pct(util)}: " + (
            f"spread it over {needed} nodes (shards or read replicas)"
            if needed
            else "it cannot keep up at any size reachable from its callers"
        )
        if cache_helps:
            text += "; reads dominate, so a cache in front cuts its load by the hit ratio"
            action = "cache"
    else:
        action = "add_replicas"
        slow = _slowest_callee(net, state, i)
        text = (
            f"{cid} runs at {_pct(util)}: raise replicas from {prof.replicas} to {needed}"
            if needed
            else f"{cid} is saturated by what it waits for: fix its callees first"
        )
        if slow is not None:
            text += f" — or speed up {slow}, whose response holds its slots"
    return {
        "action": action,
        "target": cid,
        "utilization": shown_utilization(util),
        "replicas_needed": needed,
        "text": text,
    }


def _latency_recs(net: Network, state: Stations, journeys: dict[str, Any]) -> list[dict[str, Any]]:
    """Journeys whose P99 exceeds their target (or the SLO's): the step that contributes
    the most response time is the one to speed up."""
    recs: list[dict[str, Any]] = []
    target = net.arch.requirements.slo.p99_latency_ms
    for journey in net.journeys:
        p99 = journeys[journey.name]["latency_ms"].get("p99")
        goal = journey.p99_target_ms or target
        if goal and p99 is not None and p99 > goal:
            worst = max(journey.steps, key=lambda c: float(state.response_ms[net.index[c]]))
            recs.append(
                {
                    "action": "cut_latency",
                    "target": worst,
                    "utilization": None,
                    "replicas_needed": None,
                    "text": f"journey {journey.name!r} P99 {p99:.0f} ms exceeds "
                    f"{goal:.0f} ms; {worst} contributes the most",
                }
            )
    return recs


def _slowest_callee(net: Network, state: Stations, node: int) -> str | None:
    """A sync callee whose response makes up more than half the caller's holding time."""
    best: tuple[float, str] | None = None
    for k in net.out[node]:
        edge = net.edges[k]
        if not edge.sync:
            continue
        cost = edge.rate * float(state.response_ms[edge.target])
        if cost > 0.5 * float(state.holding_ms[node]) and (best is None or cost > best[0]):
            best = (cost, net.ids[edge.target])
    return best[1] if best else None


def _pct(util: float) -> str:
    return utilization_percent(util) if math.isfinite(util) else "saturation"


def _saturated() -> dict[str, None]:
    return {"mean": None, "p50": None, "p95": None, "p99": None}


def _num(value: float, digits: int = 3) -> float | None:
    value = float(value)
    if not math.isfinite(value):
        return None
    return round(value, digits)


def _round(value: float) -> float:
    return round(float(value), 3)
