"""Turning the names on the command line into comparable candidates.

An option is a named pattern of kb/tradeoffs, a catalog technology, or an architecture
file; options of one call must be of one sort (and patterns of one family), because
comparing a tenancy model with a message broker answers no question.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from archwright.advise.tradeoff import Candidate, TradeoffError
from archwright.kb.capacity import resolve as resolve_capacity
from archwright.kb.catalog import Catalog, Hosting, Technology
from archwright.kb.context import Context
from archwright.kb.scoring import (
    Role,
    band,
    cheapest_of,
    cost_at_load,
    ruled_out,
    score_technology,
)
from archwright.kb.tradeoffs import Score, TechnologyScoring, TradeoffKB
from archwright.model import KIND_GROUP, STATEFUL_KINDS, Architecture, Component, Kind

_DEPLOYABLE = {Kind.SERVICE, Kind.WORKER, Kind.FUNCTION, Kind.WEB_FRONTEND, Kind.REALTIME_GATEWAY}


def looks_like_file(name: str) -> bool:
    """A YAML/JSON name or a path: never a bare word, which is a pattern or technology."""
    return name.lower().endswith((".yaml", ".yml", ".json")) or "/" in name or "\\" in name


def resolve(
    names: list[str],
    kb: TradeoffKB,
    catalog: Catalog,
    architectures: dict[str, Architecture],
) -> list[Candidate]:
    """Candidates for `names`; `architectures` maps file names already loaded."""
    out: list[Candidate] = []
    techs: list[Technology] = []
    for name in names:
        if name in architectures:
            out.append(architecture_candidate(name, architectures[name], kb, catalog))
            continue
        pattern = kb.find_option(name)
        if pattern is not None:
            out.append(
                Candidate(
                    name=pattern.name,
                    title=pattern.title,
                    source="pattern",
                    family=pattern.family,
                    base=dict(pattern.scores),
                    irreversible=list(pattern.irreversible),
                    considerations=list(pattern.considerations),
                )
            )
            continue
        tech = catalog.find(name)
        if tech is not None:
            techs.append(tech)
            out.append(technology_candidate(tech, kb))
            continue
        known = ", ".join(sorted(o.name for o in kb.options))
        raise TradeoffError(
            f"unknown option {name!r}: not a pattern ({known}), a catalog technology or a file"
        )
    sources = {c.source for c in out}
    if len(sources) > 1:
        raise TradeoffError(f"options mix {' and '.join(sorted(sources))}s: compare like with like")
    families = {c.family for c in out}
    if out and out[0].source == "technology":
        groups = {KIND_GROUP[Kind(f)].value for f in families}
        if len(groups) > 1:
            raise TradeoffError(
                f"technologies of different roles ({', '.join(sorted(groups))}): "
                "compare like with like"
            )
    if techs and len(techs) == len(out):
        out = [technology_candidate(t, kb, shared_role(techs), techs) for t in techs]
    if out and out[0].source == "pattern" and len(families) > 1:
        raise TradeoffError(
            f"options belong to different decisions ({', '.join(sorted(families))})"
        )
    return out


def default_dimensions(candidates: list[Candidate], kb: TradeoffKB) -> list[str]:
    first = candidates[0]
    if first.source == "pattern":
        family = kb.family(first.family)
        assert family is not None  # the integrity test checks every option's family
        return list(family.dimensions)
    if first.source == "technology":
        return sorted(kb.technology.select_weights)
    return list(kb.technology.architecture_dimensions)


def shared_role(techs: list[Technology]) -> Role:
    """The role every option fills: the one kind all of them can serve as (a vector store,
    when OpenSearch is compared with Qdrant), else their kinds with none more natural (a
    queue against a stream), so the order they are named in never matters."""
    kinds = tuple(sorted({t.kind for t in techs}, key=lambda k: k.value))
    common = set.intersection(*({t.kind, *t.also} for t in techs))
    if len(common) == 1:
        (only,) = common
        return Role(tuple(dict.fromkeys([only, *kinds])), only)
    return Role(kinds, kinds[0] if len(kinds) == 1 else None)


def needs_of_options(
    names: list[str], catalog: Catalog, kb: TradeoffKB
) -> Callable[[Context], dict[str, str]] | None:
    """When every option is a technology: the options that cannot fill their shared role
    in a context, and why (the one scorer's `ruled_out`); None for patterns and files."""
    techs = [catalog.find(n) for n in names]
    if not techs or any(t is None for t in techs):
        return None
    found = [t for t in techs if t is not None]
    return partial(ruled_out, found, shared_role(found), kb.technology)


def technology_candidate(
    tech: Technology,
    kb: TradeoffKB,
    role: Role | None = None,
    peers: list[Technology] | None = None,
) -> Candidate:
    """A technology as an option; its cost is scored against the cheapest of `peers` (the
    options compared) in each context it is scored in."""
    rules = kb.technology
    irreversible = [f"{tech.lock_in.value} lock-in: {tech.title} ({tech.licence})"]
    irreversible += [w for w in tech.weaknesses if "lock" in w.lower()]
    return Candidate(
        name=tech.name,
        title=tech.title,
        source="technology",
        family=tech.kind.value,
        base={},
        irreversible=irreversible,
        considerations=list(tech.weaknesses),
        rescore=partial(_rescore_tech, tech, rules, role, tuple(peers or [tech])),
    )


def _rescore_tech(
    tech: Technology,
    rules: TechnologyScoring,
    role: Role | None,
    peers: tuple[Technology, ...],
    ctx: Context,
    dims: list[str],
) -> dict[str, Score]:
    cheapest = cheapest_of([cost_at_load(p, ctx, rules, role) for p in peers])
    return score_technology(tech, ctx, rules, dims, role, cheapest)


def architecture_candidate(
    name: str, arch: Architecture, kb: TradeoffKB, catalog: Catalog
) -> Candidate:
    """Scores measured on the model itself (component counts, redundancy, list prices)."""
    return Candidate(
        name=name,
        title=arch.name,
        source="architecture",
        family="architecture",
        base={},
        irreversible=_arch_irreversible(arch, catalog),
        considerations=[],
        rescore=partial(_rescore_arch, arch, kb, catalog),
    )


def _rescore_arch(
    arch: Architecture, kb: TradeoffKB, catalog: Catalog, ctx: Context, dims: list[str]
) -> dict[str, Score]:
    """Each dimension measured on the model itself. Cost and the scalability ceiling come
    from the cost and simulation engines (`advise.engines`), the figures `cost` and
    `simulate` print for the same file, not from a count of list prices here."""
    bands = kb.technology.architecture_bands
    comps = [c for c in arch.components if c.kind is not Kind.CLIENT]
    techs = {c.id: catalog.for_component(c) for c in comps}
    self_hosted = [
        c.id
        for c in comps
        if c.kind in STATEFUL_KINDS
        and (t := techs[c.id]) is not None
        and t.hosting is Hosting.SELF_HOSTED
    ]
    parts = len(comps) + 2 * len(self_hosted)
    out: dict[str, Score] = {}
    out["operational_complexity"] = Score(
        score=band(parts, bands["operational_complexity"]),
        reason=f"{len(comps)} components, {len(self_hosted)} self-hosted stateful",
    )
    out["cost"] = _engine_cost(arch, ctx, bands["cost"])
    critical = [c for c in comps if c.kind in STATEFUL_KINDS or c.kind in _DEPLOYABLE]
    redundant = [c for c in critical if c.replicas >= 2]
    ratio = len(critical) / len(redundant) if redundant else math.inf
    out["fault_isolation"] = Score(
        score=band(ratio, bands["fault_isolation"]),
        reason=f"{len(redundant)} of {len(critical)} stateful/compute components have 2+ replicas",
    )
    deployables = [c for c in comps if c.kind in _DEPLOYABLE]
    out["deployment_independence"] = Score(
        score=band(len(deployables), bands["deployment_independence"]),
        reason=f"{len(deployables)} independently deployable units",
    )
    distinct = sorted({t.name for t in techs.values() if t is not None})
    out["team_cognitive_load"] = Score(
        score=band(len(distinct), bands["team_cognitive_load"]),
        reason=f"{len(distinct)} distinct technologies",
    )
    out["scalability_ceiling"] = _ceiling(arch, catalog, ctx, critical, bands)
    return {d: s for d, s in out.items() if d in dims}


def _engine_cost(arch: Architecture, ctx: Context, bands: list[tuple[float, int]]) -> Score:
    """The monthly total of the one cost engine, on the context's cloud or else the
    model's own, banded."""
    from archwright.advise import engines

    cloud = ctx.get("constraints.cloud")
    cost = engines.cost_summary(arch, str(cloud) if cloud else None)
    total = float(cost["monthly_total"])
    return Score(
        score=band(total, bands), reason=f"cost engine: ${total:,.0f}/month on {cost['cloud']}"
    )


def _ceiling(
    arch: Architecture,
    catalog: Catalog,
    ctx: Context,
    critical: list[Component],
    bands: dict[str, list[tuple[float, int]]],
) -> Score:
    """10x the peak against the simulated maximum throughput; when the simulation finds
    no limit, against the weakest compute or stateful component's own capacity (the one
    capacity function, `kb.capacity.resolve`)."""
    from archwright.advise import engines

    peak = float(ctx.get("scale.peak_rps") or 100)
    cap = engines.capacity_summary(arch)
    if cap["max_rps"]:
        ceiling = float(cap["max_rps"])
        return Score(
            score=band(peak * 10 / ceiling, bands["scalability_ceiling"]),
            reason=f"simulation: max {ceiling:,.0f} rps (bottleneck {cap['bottleneck']}) "
            f"against 10x peak {peak * 10:,.0f} rps",
        )
    weakest, capacity = "", math.inf
    profiles = resolve_capacity(arch, catalog)
    for c in critical:
        if profiles[c.id].max_rps < capacity:
            weakest, capacity = c.id, profiles[c.id].max_rps
    ratio = (peak * 10) / capacity if capacity != math.inf else 0.0
    return Score(
        score=band(ratio, bands["scalability_ceiling"]),
        reason=(
            f"weakest component {weakest} serves ~{capacity:,.0f}/s against 10x peak "
            f"{peak * 10:,.0f}/s (per-replica capacity x replicas x shards)"
            if weakest
            else "no compute or stateful component to size"
        ),
    )


def _arch_irreversible(arch: Architecture, catalog: Catalog) -> list[str]:
    out = []
    for c in sorted(arch.components, key=lambda c: c.id):
        if c.kind not in STATEFUL_KINDS:
            continue
        tech = catalog.for_component(c)
        if tech is not None and tech.lock_in.value != "low":
            out.append(f"{c.id}: data in {tech.title} ({tech.lock_in.value} lock-in)")
        elif tech is not None:
            out.append(f"{c.id}: data model and contents in {tech.title}")
    return out
