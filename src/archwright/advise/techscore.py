"""Scores of a catalog technology on the trade-off dimensions, each with its reason.

Shared by `tradeoff` (technologies as options) and `select` (ranking a kind). The mapping
from catalog fields to 1..5 lives in kb/tradeoffs/technology.yaml; this module only
applies it to the context's load, cloud and team.
"""

from __future__ import annotations

import math
import re

from archwright.advise.context import Context
from archwright.kb.capacity import per_replica_rps
from archwright.kb.catalog import Hosting, Technology
from archwright.kb.tradeoffs import Score, TechnologyScoring
from archwright.model import STATEFUL_KINDS

SECONDS_PER_MONTH = 2_628_000  # 30.4 days
_PAY_PER_USE = re.compile(r"^\s*\d+(\.\d+)?\s*M\b")


def load_of(ctx: Context) -> float:
    """The rate the technology must sustain: events/s when stated, else peak requests/s."""
    for fact in ("scale.events_per_second", "scale.peak_rps"):
        value = ctx.get(fact)
        if value:
            return float(value)
    return 100.0


def band(value: float, bands: list[tuple[float, int]]) -> int:
    for limit, score in bands:
        if value <= limit:
            return score
    return 1


def units_needed(tech: Technology, load: float) -> int:
    """Nodes (or shards / quota units) needed: load over one unit's sustained throughput."""
    return max(1, math.ceil(load / per_replica_rps(tech, tech.kind)))


def monthly_cost(
    tech: Technology, cloud: str, load: float, rules: TechnologyScoring
) -> tuple[float | None, str]:
    """List-price monthly cost at `load`, and how it was reached (None when unpriced)."""
    price = tech.prices.get(cloud)  # type: ignore[call-overload]
    if price is None and tech.prices:
        cloud = sorted(tech.prices)[0]
        price = tech.prices[cloud]
    if price is None:
        return None, "no list price in the catalog"
    millions = load * SECONDS_PER_MONTH / 1e6
    if price.per_million_requests is not None and _PAY_PER_USE.match(price.unit):
        total = price.per_million_requests * millions
        return total, (
            f"${price.per_million_requests}/M requests x {millions:,.0f} M/month "
            f"at {load:,.0f}/s sustained ({cloud})"
        )
    units = units_needed(tech, load)
    note = ""
    words = set(re.findall(r"[a-z]+", price.unit.lower()))
    if tech.kind in STATEFUL_KINDS and words & set(rules.ha_unit_words) and units < rules.ha_nodes:
        units, note = rules.ha_nodes, f" (a replicated cluster needs {rules.ha_nodes})"
    total = units * price.usd_per_month
    basis = f"{units} x {price.unit} at ${price.usd_per_month:,.2f}{note} ({cloud})"
    if price.per_million_requests is not None:
        total += price.per_million_requests * millions
        basis += f" + ${price.per_million_requests}/M requests"
    return total, basis


def knows(tech: Technology, experience: list[str]) -> str | None:
    """The experience entry that names this technology (or the engine it runs), if any."""
    words = {tech.name, tech.title.lower(), *tech.aliases}
    text = f"{tech.title} {tech.description}".lower()
    for skill in experience:
        if skill in words or re.search(rf"\b{re.escape(skill)}\b", text):
            return skill
    return None


def score_technology(
    tech: Technology, ctx: Context, rules: TechnologyScoring, dims: list[str]
) -> dict[str, Score]:
    """Every requested dimension the catalog can speak to; others are left out."""
    load = load_of(ctx)
    cloud = str(ctx.get("constraints.cloud") or "aws")
    out: dict[str, Score] = {}
    for dim in dims:
        cell = _cell(tech, ctx, rules, dim, load, cloud)
        if cell is not None:
            out[dim] = Score(score=max(1, min(5, cell[0])), reason=cell[1])
    return out


def _cell(
    tech: Technology, ctx: Context, rules: TechnologyScoring, dim: str, load: float, cloud: str
) -> tuple[int, str] | None:
    level = rules.levels
    if dim == "operational_complexity":
        score = level[tech.ops_burden.value]
        reason = f"{tech.ops_burden.value} operational burden ({tech.hosting.value})"
        if ctx.get("constraints.managed_preferred") and tech.hosting is Hosting.SELF_HOSTED:
            score -= rules.managed_penalty
            reason += "; managed is preferred and you would run this (patching, on-call)"
        return score, reason
    if dim == "team_cognitive_load":
        score = level[tech.learning_curve.value]
        reason = f"{tech.learning_curve.value} learning curve"
        skill = knows(tech, list(ctx.get("team.experience") or []))
        if skill:
            score += rules.experience_bonus
            reason += f"; the team already knows {skill}"
        return score, reason
    if dim == "cost":
        total, basis = monthly_cost(tech, cloud, load, rules)
        if total is None:
            return 3, "unpriced in the catalog: cost unknown"
        return band(total, rules.cost_bands), f"~${total:,.0f}/month: {basis}"
    if dim == "scalability_ceiling":
        # Headroom is 10x the load, except when the load is already the 10x case.
        factor = float(ctx.get("analysis.headroom") or 10)
        units = units_needed(tech, load * factor)
        per = per_replica_rps(tech, tech.kind)
        return band(units, rules.units_bands), (
            f"{per:,.0f}/s per unit: {units} unit(s) at {load * factor:,.0f}/s"
        )
    if dim == "lock_in":
        return level[tech.lock_in.value], f"{tech.lock_in.value} lock-in ({tech.licence})"
    if dim == "consistency":
        return rules.consistency[tech.consistency], f"{tech.consistency} consistency"
    if dim == "latency":
        p99 = tech.capacity.latency_p99_ms
        return band(p99, rules.latency_bands), f"p99 ~{p99:g} ms per operation"
    if dim == "cloud_fit":
        return _cloud_fit(tech, ctx, cloud)
    if dim == "guarantees":
        return _guarantees(tech, ctx)
    return None


def _cloud_fit(tech: Technology, ctx: Context, cloud: str) -> tuple[int, str]:
    if ctx.get("constraints.cloud") is None:
        return 3, "no cloud stated"
    if tech.cloud == cloud:
        return 5, f"managed on {cloud}, the cloud you run"
    if tech.cloud is not None:
        return 1, f"managed on {tech.cloud}, not on {cloud}"
    if tech.hosting is Hosting.SAAS:
        return 3, f"a separate SaaS vendor beside {cloud}"
    return 3, f"runs on {cloud}, operated by you"


def _guarantees(tech: Technology, ctx: Context) -> tuple[int, str]:
    wanted_order = ctx.get("needs.ordering")
    wanted_delivery = ctx.get("needs.delivery")
    if not wanted_order and not wanted_delivery:
        return 3, "no ordering or delivery needs stated"
    score, parts = 5, []
    if wanted_order in ("per-key", "global"):
        if tech.ordering == "none":
            score = 1
            parts.append(f"no ordering: {wanted_order} order would be lost")
        elif wanted_order == "global" and tech.ordering == "per-key":
            score = min(score, 2)
            parts.append("order per key only (a single partition/group gives global order)")
        else:
            parts.append(
                f"{tech.ordering} ordering meets {wanted_order} (partitions / message groups)"
            )
    if wanted_delivery:
        rank = {"at-most-once": 0, "at-least-once": 1, "exactly-once": 2, "n/a": -1}
        if rank.get(tech.delivery, -1) < rank.get(str(wanted_delivery), 0):
            score = 1
            parts.append(f"{tech.delivery} delivery falls short of {wanted_delivery}")
        else:
            parts.append(f"{tech.delivery} delivery meets {wanted_delivery}")
    return score, "; ".join(parts)
