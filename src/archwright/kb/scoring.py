"""The one technology scorer: catalog technologies ranked for a role under a context.

`design` (choosing every component's technology), `select` (ranking a kind) and `tradeoff`
(technologies as options) all call this module, so one context gets one answer. Each
candidate is scored 1..5 on dimensions read from catalog fields and the context (team
experience and running stack, managed preference, budget, ordering and delivery needs,
load, cloud); the dimensions' weights and every constant are data in
kb/tradeoffs/technology.yaml, reweighted by the context rules of kb/tradeoffs/context.yaml.

The ranking is by weighted mean, highest first; equal means break toward the simpler
technology to run, then the one with less to learn (`tie_break` in the data), then the
cheaper at the stated load, then by catalog name — a stated rule that never depends on
argument order. A technology the requirements ask for by name (`constraints.requested`)
that fits the role is ranked first, ahead of the scores.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from archwright.kb.capacity import event_kb, memory_nodes, per_replica_rps, units_needed
from archwright.kb.catalog import Catalog, Hosting, Price, Technology
from archwright.kb.context import Context, describe, fill, holds
from archwright.kb.patterns import load_patterns
from archwright.kb.pricing import price_component
from archwright.kb.tradeoffs import Score, TechnologyScoring, TradeoffKB
from archwright.model import KIND_GROUP, STATEFUL_KINDS, Component, Kind, KindGroup, Protocol
from archwright.model.units import BOUNDS

SECONDS_PER_MONTH = 2_628_000  # 30.4 days
# Kinds always bought from a third party, whatever the hosting (even on premises).
_EXTERNAL = frozenset(
    {Kind.PAYMENT, Kind.NOTIFICATION, Kind.LLM, Kind.EXTERNAL_API, Kind.IDENTITY, Kind.CLIENT}
)


class ScoringError(ValueError):
    """The role asked for names no kind, or no technology can fill it."""


@dataclass(frozen=True)
class Role:
    """What is being filled: the kinds that may fill it, the first being the natural one.

    `primary` is None for a kind group (`messaging`), where no kind is more natural."""

    kinds: tuple[Kind, ...]
    primary: Kind | None

    @property
    def argument(self) -> str:
        """How to ask `archwright select` for this role."""
        return ",".join(k.value for k in self.kinds)


@dataclass(frozen=True)
class Ranked:
    tech: Technology
    score: float
    cells: dict[str, Score]
    monthly_usd: float | None = None
    """The list price at the load and data (`monthly_cost`): the tie-break after the
    tie-break dimensions (unpriced last)."""

    @property
    def reasons(self) -> list[str]:
        return [f"{d} {c.score}/5: {c.reason}" for d, c in sorted(self.cells.items())]


@dataclass(frozen=True)
class Ranking:
    role: Role
    ranked: tuple[Ranked, ...]
    weights: dict[str, float]
    weight_reasons: tuple[str, ...]
    requested: str | None = None
    """The candidate ranked first because the requirements ask for it by name."""

    @property
    def best(self) -> Ranked | None:
        return self.ranked[0] if self.ranked else None


def role_of(argument: str) -> Role:
    """A kind (`stream`), a kind group (`messaging`) or kinds joined by commas
    (`queue,stream`, the first the natural one)."""
    key = argument.lower().strip().replace("-", "_")
    values = {k.value for k in Kind}
    parts = [p.strip() for p in key.split(",") if p.strip()]
    if parts and all(p in values for p in parts):
        kinds = tuple(dict.fromkeys(Kind(p) for p in parts))
        return Role(kinds, kinds[0])
    if key in {g.value for g in KindGroup}:
        group = KindGroup(key)
        return Role(tuple(k for k, g in KIND_GROUP.items() if g is group), None)
    known = sorted(values | {g.value for g in KindGroup})
    raise ScoringError(f"unknown kind {argument!r} (known: {', '.join(known)})")


def runs_on(tech: Technology, kind: Kind, cloud: str) -> bool:
    """Whether the technology can be used where the design runs."""
    if tech.hosting is Hosting.SAAS:
        return cloud != "on_prem" or kind in _EXTERNAL
    if cloud == "on_prem":
        return tech.cloud is None
    return tech.cloud is None or tech.cloud == cloud


def candidates(
    catalog: Catalog, role: Role, cloud: str, self_hosting: bool = False
) -> list[Technology]:
    """Technologies of the role's kinds that run on `cloud`, in catalog order. On premises
    with self-hosting asked for (`managed_preferred: false`), a third-party service is a
    candidate only where nothing self-hosted fills the role (an LLM served in the
    building, not a vendor's API; a payment provider stays)."""
    seen: dict[str, Technology] = {}
    for kind in role.kinds:
        for tech in catalog.of_kind(kind):
            if tech.name not in seen and runs_on(tech, kind, cloud):
                seen[tech.name] = tech
    if not seen:
        raise ScoringError(f"the catalog has no technology for {role.argument!r} on {cloud}")
    if self_hosting and cloud == "on_prem":
        own = [t for t in seen.values() if t.hosting is Hosting.SELF_HOSTED]
        return own or list(seen.values())
    return list(seen.values())


def self_hosting(ctx: Context) -> bool:
    """Whether the requirements ask to run everything themselves."""
    return ctx.get("constraints.managed_preferred") is False


def speaking(catalog: Catalog, kinds: tuple[Kind, ...], protocols: set[Protocol]) -> Catalog:
    """The catalog with a role's candidates narrowed to those speaking its clients'
    protocol (an MQTT broker for devices, a WebSocket gateway for browsers), when the
    catalog has any; `design` narrows by its pattern's protocol, `select --speaks` by the
    one asked for."""
    if not protocols:
        return catalog
    fits = [t for t in catalog.technologies if t.kind in kinds and speaks(t, protocols)]
    if not fits:
        return catalog
    # A technology that can also fill the role (Firestore as a realtime gateway) is a
    # candidate too, so it must speak the protocol to stay.
    others = [
        t for t in catalog.technologies if t.kind not in kinds and not set(t.also) & set(kinds)
    ]
    return Catalog(others + fits, catalog.snapshot_dates)


def speaks(tech: Technology, protocols: set[Protocol] | frozenset[Protocol]) -> bool:
    """Whether the technology's clients reach it in one of `protocols` (catalog
    `protocol`, its `also` included: nginx balances HTTP and TCP; a technology that
    names none speaks none)."""
    return tech.protocol is not None and bool(tech.protocol.spoken & protocols)


@dataclass(frozen=True)
class Needs:
    """What a candidate for a role must do, whatever it scores: speak the protocol the
    role's clients speak, do the specialised jobs the requirements give the role (model
    training), and run in the building when everything is to run on premises. `design`
    and `select` narrow their candidates by these; `tradeoff` rules out the named options
    that fall short (`ruled_out`)."""

    protocols: frozenset[Protocol] = frozenset()
    jobs: frozenset[str] = frozenset()
    on_premises: bool = False


def needs_of(ctx: Context, role: Role) -> Needs:
    """The role's needs in this context. The patterns the requirements ask for (fact
    `features`: pattern ids, read from the keys and the prose by design's reader) give the
    role's components the protocol their clients speak (`speaks`) and the job they serve
    (`serves`), exactly as `design` narrows those components; so does the core every
    design starts from (`always`: its load balancer is the HTTP front door, which routes
    by path and terminates TLS, so an L4 balancer does not fill it); self-hosting on
    premises (`managed_preferred: false`) keeps every technology, and the data, in the
    building."""
    library = load_patterns()
    kinds = set(role.kinds) if role.primary is None else {role.primary}
    asked = [library.find(str(pid)) for pid in ctx.get("features") or []]
    always = [p for p in library.patterns if p.always]
    comps = [
        pc
        for pattern in [*always, *asked]
        if pattern is not None
        for pc in pattern.components
        if {pc.kind, *pc.also_kinds} & kinds
    ]
    return Needs(
        frozenset(pc.speaks for pc in comps if pc.speaks is not None),
        frozenset(pc.serves for pc in comps if pc.serves is not None),
        self_hosting(ctx) and cloud_of(ctx) == "on_prem",
    )


def _need_checks(
    needs: Needs, rules: TechnologyScoring
) -> list[Callable[[Technology], str | None]]:
    """One check per need, in the order `design` and `select` narrow: protocol, job, where
    it runs. Each gives why a technology falls short, or None."""

    def protocol(tech: Technology) -> str | None:
        if not needs.protocols or speaks(tech, needs.protocols):
            return None
        wanted = ", ".join(sorted(p.value for p in needs.protocols))
        said = tech.protocol.name.value if tech.protocol else "no client protocol"
        return f"the role's clients speak {wanted}; {tech.name} speaks {said}"

    def job(tech: Technology) -> str | None:
        for name in sorted(needs.jobs):
            why = rules.job_misfit.get(name, {}).get(tech.name)
            if why:
                return f"cannot do the {name} the requirements give this role: {why}"
        return None

    def building(tech: Technology) -> str | None:
        if not needs.on_premises or tech.hosting is Hosting.SELF_HOSTED:
            return None
        return (
            f"a {tech.hosting.value} service where everything runs on premises "
            "(managed_preferred: false): the data would leave the building"
        )

    return [protocol, job, building]


def ruled_out(
    techs: list[Technology],
    role: Role,
    rules: TechnologyScoring,
    ctx: Context,
    needs: Needs | None = None,
) -> dict[str, str]:
    """Technologies that cannot fill the role here, and why: each need (`needs_of`, unless
    the caller states them) applied in turn as `design` and `select` narrow by it, so
    only when some technology still standing meets it (a need none meets rules nothing
    out: the scores decide)."""
    out: dict[str, str] = {}
    for check in _need_checks(needs if needs is not None else needs_of(ctx, role), rules):
        left = [t for t in techs if t.name not in out]
        misses = {t.name: why for t in left if (why := check(t)) is not None}
        if len(misses) < len(left):
            out.update(misses)
    return out


def growth(ctx: Context, rules: TechnologyScoring) -> tuple[float, str]:
    """How many times today's load the scalability ceiling must carry, and why: the stated
    yearly growth compounded over the horizon (`analysis.horizon_years`, or the data's
    default), else the data's assumed headroom. `analysis.headroom` overrides both (the
    ranking at the horizon, whose load is already grown)."""
    fixed = ctx.get("analysis.headroom")
    if fixed is not None:
        return float(fixed), "the load is already the grown one"
    years = float(ctx.get("analysis.horizon_years") or rules.horizon_years)
    per_year = ctx.get("scale.growth_per_year")
    if per_year:
        factor = min(max(float(per_year), 1.0) ** years, 1e6)
        return factor, f"{describe(per_year)}x a year for {years:g} years = {factor:,.1f}x"
    return (
        rules.unstated_headroom,
        f"no growth stated: {rules.unstated_headroom:g}x headroom assumed",
    )


def cloud_of(ctx: Context) -> str:
    """The cloud the context runs on (stated, or the context default)."""
    return str(ctx.get("constraints.cloud") or "aws")


# Kinds whose load is the event rate (messages carried or processed), not requests.
_EVENT_KINDS = frozenset({Kind.QUEUE, Kind.STREAM, Kind.STREAM_PROCESSOR, Kind.TIMESERIES_DB})


def load_of(ctx: Context, role: Role | None = None) -> float:
    """The rate the technology must sustain: for roles that carry or process events, the
    event rate when stated; for the others (and as the fallback) the peak request rate."""
    facts = ("scale.events_per_second", "scale.peak_rps")
    if role is not None and not set(role.kinds) & _EVENT_KINDS:
        facts = ("scale.peak_rps", "scale.events_per_second")
    for fact in facts:
        value = ctx.get(fact)
        if value:
            return float(value)
    return 100.0


def band(value: float, bands: list[tuple[float, int]]) -> int:
    for limit, score in bands:
        if value <= limit:
            return score
    return 1


def record_kb_of(ctx: Context) -> float | None:
    """The stated size of one request or event (`scale.payload_kb`) as `event_kb` reads
    it: None when unstated or a media object."""
    value = ctx.get("scale.payload_kb")
    return event_kb(float(value) if value else None)


def weights(ctx: Context, kb: TradeoffKB) -> tuple[dict[str, float], list[str]]:
    """The data's weights, reweighted by every context rule that holds (and why)."""
    out = dict(kb.technology.select_weights)
    reasons = []
    for rule in kb.rules:
        if rule.families or not rule.weights or not all(holds(c, ctx) for c in rule.when):
            continue
        touched = [d for d in sorted(rule.weights) if d in out]
        for dim in touched:
            out[dim] *= rule.weights[dim]
        if touched:
            reasons.append(fill(rule.reason, ctx))
    return out, reasons


def rank(techs: list[Technology], ctx: Context, kb: TradeoffKB, role: Role) -> Ranking:
    """Every candidate scored and ranked (best first; ties by `_order`)."""
    dims, reasons = weights(ctx, kb)
    ranked = []
    kept = _named_frameworks(techs, ctx, kb.technology)
    costs = {t.name: cost_at_load(t, ctx, kb.technology, role) for t in kept}
    cheapest = cheapest_of(list(costs.values()))
    for tech in kept:
        cells = score_technology(tech, ctx, kb.technology, sorted(dims), role, cheapest)
        total = sum(cells[d].score * dims[d] for d in cells) / sum(dims[d] for d in cells)
        ranked.append(Ranked(tech, round(total, 3), cells, costs[tech.name]))
    # A technology asked for by name (constraints.requested) comes first when it can
    # fill the role: "GPT-4o" means OpenAI even where Bedrock scores higher.
    asked = list(ctx.get("constraints.requested") or [])
    ranked.sort(
        key=lambda r: (is_named(r.tech, asked) is None, *_order(r, kb.technology.tie_break))
    )
    first = ranked[0].tech.name if ranked and is_named(ranked[0].tech, asked) else None
    return Ranking(role, tuple(ranked), dims, tuple(reasons), first)


def _named_frameworks(
    techs: list[Technology], ctx: Context, rules: TechnologyScoring
) -> list[Technology]:
    """The candidates without the web frameworks the team does not name: a framework is a
    choice of language, the team's to make, not a compute platform to rank by its
    benchmark (rust-axum is never the answer for a team that did not say Rust)."""
    known = list(ctx.get("team.experience") or []) + list(ctx.get("team.existing_stack") or [])
    kept = [t for t in techs if t.name not in rules.frameworks or knows(t, known)]
    return kept or techs


def _order(r: Ranked, tie_break: list[str]) -> tuple[float | str, ...]:
    """Best score first; equal scores by the tie-break dimensions, then the cheaper at
    the stated load (two models both over budget score the same cost, yet one costs a
    sixteenth of the other), then by name."""
    cells = tuple(-r.cells[d].score if d in r.cells else 0 for d in tie_break)
    usd = r.monthly_usd if r.monthly_usd is not None else math.inf
    return (-r.score, *cells, usd, r.tech.name)


def choose(catalog: Catalog, role: Role, ctx: Context, kb: TradeoffKB) -> Ranking:
    """The ranking of every technology that can fill `role` where the context runs."""
    return rank(candidates(catalog, role, cloud_of(ctx), self_hosting(ctx)), ctx, kb, role)


def cost_at_load(
    tech: Technology, ctx: Context, rules: TechnologyScoring, role: Role | None
) -> float | None:
    """The candidate's list price a month at the context's load, holding the data the
    role holds (`monthly_cost` with the context's figures; None when unpriced)."""
    held = held_gb(ctx, role, tech)[0]
    usd, _ = monthly_cost(tech, cloud_of(ctx), load_of(ctx, role), rules, held, record_kb_of(ctx))
    return usd


def cheapest_of(costs: list[float | None]) -> float | None:
    """The cheapest priced candidate's monthly cost: what the cost cell measures against."""
    priced = [c for c in costs if c is not None]
    return min(priced) if priced else None


def monthly_cost(
    tech: Technology,
    cloud: str,
    load: float,
    rules: TechnologyScoring,
    held_gb: float = 0.0,
    record_kb: float | None = None,
) -> tuple[float | None, str]:
    """What the candidate would cost a month at `load` holding `held_gb` of data (None when
    unpriced), priced by the cost engine's own unit price function: the data is billed
    per GB-month where the price says so, and per node where the nodes hold it; records of
    `record_kb` (when stated) size the shards and the bytes billed."""
    price = tech.prices.get(cloud)  # type: ignore[call-overload]
    if price is None and tech.prices:
        cloud = sorted(tech.prices)[0]
        price = tech.prices[cloud]
    if price is None:
        return None, "no list price in the catalog"
    comp, note = _candidate(tech, price, load, held_gb, rules, record_kb)
    total, parts = price_component(comp, price, load * SECONDS_PER_MONTH, request_kb=record_kb)
    return total, " + ".join(parts) + f"{note} ({cloud}, {load:,.0f}/s sustained)"


def _candidate(
    tech: Technology,
    price: Price,
    load: float,
    held_gb: float,
    rules: TechnologyScoring,
    record_kb: float | None,
) -> tuple[Component, str]:
    """The candidate as a component to price, and what its size rests on: nodes for the
    load; a datastore too big for one node split into the shards that hold the data
    (each shard with the copies the load and replication need, as design's sizing splits
    it); a price billed per partition (a Kinesis shard) as the partitions the load needs;
    counts held to the model's bounds."""
    units, note = units_needed(tech, load, record_kb), ""
    words = set(re.findall(r"[a-z]+", price.unit.lower()))
    shards = 1
    if KIND_GROUP[tech.kind] is KindGroup.DATASTORE:
        shards = max(1, nodes_to_hold(tech, held_gb))
    if price.per_shard:  # the provider keeps the copies: the partitions are the bill
        shards = units
        note = f" ({units:,} partition(s) for {load:,.0f}/s"
        note += f" of {record_kb:g} KB)" if record_kb else " of records up to 1 KB)"
    replicas = math.ceil(units / shards)
    clustered = tech.kind in STATEFUL_KINDS and words & set(rules.ha_unit_words)
    if clustered and replicas < rules.ha_nodes:
        replicas, note = rules.ha_nodes, f" (a replicated cluster needs {rules.ha_nodes})"
    if shards > 1 and price.scales_up:  # it grows one primary, it does not shard
        note += f"; one primary {shards:,} times the priced node to hold {held_gb:,.0f} GB"
    elif shards > 1 and not price.per_shard:
        note += f"; {shards:,} shards to hold {held_gb:,.0f} GB"
    if shards > 1 and not price.per_shard and tech.capacity.in_memory:
        note += " with its index in memory"
    capped = {
        f: min(n, int(BOUNDS[f].high)) for f, n in (("replicas", replicas), ("shards", shards))
    }
    if capped != {"replicas": replicas, "shards": shards}:
        note += " (capped at the model's bounds: the real count costs more)"
    comp = Component(
        id="candidate",
        kind=tech.kind,
        technology=tech.name,
        storage_gb=held_gb or None,
        **capped,
    )
    return comp, note


def is_named(tech: Technology, names: list[str]) -> str | None:
    """The entry that names this very technology: its name, title or an alias, its
    self-hosted twin when it is that software run for you (MSK is Kafka; Redpanda, which
    speaks Kafka's protocol, is not), or a technology it runs inside (PostgreSQL's
    full-text search runs in the PostgreSQL the team runs)."""
    own = {tech.name, tech.title.lower(), *tech.aliases, *tech.runs_in}
    twin = tech.equivalents.get("self_hosted")
    description = tech.description.lower()
    # a hyphenated catalog name is written with spaces in prose ("apache-spark": "Apache Spark")
    if twin and (twin in description or twin.replace("-", " ") in description):
        own.add(twin)
    for name in names:
        if str(name).lower() in own:
            return str(name).lower()
    return None


def knows(tech: Technology, experience: list[str]) -> str | None:
    """The entry that names this technology (or the engine it runs), if any."""
    words = {tech.name, tech.title.lower(), *tech.aliases}
    text = f"{tech.title} {tech.description}".lower()
    for skill in experience:
        skill = str(skill).lower()
        if skill in words or re.search(rf"\b{re.escape(skill)}\b", text):
            return skill
    return None


def score_technology(
    tech: Technology,
    ctx: Context,
    rules: TechnologyScoring,
    dims: list[str],
    role: Role | None = None,
    cheapest: float | None = None,
) -> dict[str, Score]:
    """Every requested dimension the catalog can speak to; others are left out. The cost
    cell measures the candidate against `cheapest`, the cheapest of those compared
    (`cheapest_of`; None: against itself)."""
    load, cloud = load_of(ctx, role), cloud_of(ctx)
    out: dict[str, Score] = {}
    for dim in dims:
        cell = _cell(tech, ctx, rules, dim, load, cloud, role, cheapest)
        if cell is not None:
            out[dim] = Score(score=max(1, min(5, cell[0])), reason=cell[1])
    return out


def _cell(
    tech: Technology,
    ctx: Context,
    rules: TechnologyScoring,
    dim: str,
    load: float,
    cloud: str,
    role: Role | None,
    cheapest: float | None = None,
) -> tuple[int, str] | None:
    level = rules.levels
    if dim == "operational_complexity":
        return _operations(tech, ctx, rules)
    if dim == "team_cognitive_load":
        return _team(tech, ctx, rules)
    if dim == "team_experience":
        return _experience(tech, ctx)
    if dim == "cost":
        return _cost(tech, ctx, rules, cloud, load, role, cheapest)
    if dim == "scalability_ceiling":
        factor, why = growth(ctx, rules)
        units = units_needed(tech, load * factor, record_kb_of(ctx))
        per = per_replica_rps(tech, tech.kind)
        reason = f"{per:,.0f}/s per unit: {units} unit(s) at {load * factor:,.0f}/s ({why})"
        stored = nodes_to_hold(tech, _ceiling_gb(ctx, role, tech) * factor)
        if stored > units:
            units = stored
            reason += f"; {stored} unit(s) to hold the data ({_held_per_node(tech)})"
        score = band(units, rules.units_bands)
        if _provider_scaled(tech, rules) and score < rules.managed_scale_floor:
            score = rules.managed_scale_floor
            reason += " (the provider adds the units: shards, capacity units, tasks)"
        elif tech.name in rules.scale_out and score < rules.scale_out_floor:
            score = rules.scale_out_floor
            reason += " (it grows by adding nodes to a partitioned cluster: work, not a redesign)"
        return score, reason
    if dim == "multi_region":
        return _multi_region(tech, ctx, rules)
    if dim == "lock_in":
        return level[tech.lock_in.value], f"{tech.lock_in.value} lock-in ({tech.licence})"
    if dim == "consistency":
        if KIND_GROUP[tech.kind] is KindGroup.MESSAGING:
            return 3, "a message carrier: its guarantees are ordering and delivery"
        return rules.consistency[tech.consistency], f"{tech.consistency} consistency"
    if dim == "latency":
        p99 = tech.capacity.latency_p99_ms
        return band(p99, rules.latency_bands), f"p99 ~{p99:g} ms per operation"
    if dim == "cloud_fit":
        return _cloud_fit(tech, ctx, cloud, rules)
    if dim == "guarantees":
        return _guarantees(tech, ctx, rules, role)
    if dim == "role_fit":
        return None if role is None else _role_fit(tech, role, rules)
    return None


def _cost(
    tech: Technology,
    ctx: Context,
    rules: TechnologyScoring,
    cloud: str,
    load: float,
    role: Role | None,
    cheapest: float | None,
) -> tuple[int, str]:
    """The list price at the load, holding the data the role holds, banded (`cost_bands`);
    above the last band, a bill within `cost_top_ratio` times the cheapest candidate's
    (`cheapest`) still scores 2, so at scale the one at $75k and the one at $2.5M a month
    are told apart. Over a stated budget it scores 1."""
    held, source = held_gb(ctx, role, tech)
    total, basis = monthly_cost(tech, cloud, load, rules, held, record_kb_of(ctx))
    if total is None:
        return 3, "unpriced in the catalog: cost unknown"
    reason = f"~${total:,.0f}/month: {basis}"
    if held:
        reason += f"; {held:,.0f} GB held ({source})"
    budget = ctx.get("budget.monthly_usd")
    if budget and "budget.monthly_usd" not in ctx.assumed and total > float(budget):
        return 1, reason + f"; over the stated budget of ${float(budget):,.0f}/month"
    score = band(total, rules.cost_bands)
    top = rules.cost_bands[-1][0]
    if score == 1 and cheapest is not None and total <= cheapest * rules.cost_top_ratio:
        score = 2
        reason += f"; above ${top:,.0f}, within {rules.cost_top_ratio:g}x the cheapest"
        reason += f" candidate (${cheapest:,.0f})"
    return score, reason


def nodes_to_hold(tech: Technology, gb: float) -> int:
    """Nodes needed to hold `gb` of data: at the catalog's storage per node and, for a
    store that serves from an index held in memory (`capacity.in_memory`: an HNSW graph
    over the vectors), at the memory the data needs over one node's memory, whichever is
    more (0 when neither is known). Cost and the scalability ceiling both count nodes
    here, so a vector store at 50M vectors is priced and judged on the RAM it needs."""
    if gb <= 0:
        return 0
    per_node = tech.capacity.max_storage_gb
    on_disk = math.ceil(gb / per_node) if per_node else 0
    in_ram = memory_nodes(tech, gb)
    return max(on_disk, in_ram, 1) if per_node or tech.capacity.in_memory else 0


def _held_per_node(tech: Technology) -> str:
    """What one node holds, as `nodes_to_hold` counts it: disk, and memory where the
    index must be in memory."""
    parts = []
    if tech.capacity.max_storage_gb:
        parts.append(f"{tech.capacity.max_storage_gb:,.0f} GB each on disk")
    memory = tech.capacity.in_memory
    if memory:
        borrowed = f", {memory.borrowed_from}'s figure" if memory.borrowed_from else ""
        parts.append(
            f"{memory.node_gb:g} GB of memory each, {memory.per_data_gb:g} GB per GB held "
            f"for an in-memory index{borrowed}"
        )
    return "; ".join(parts)


def _ceiling_gb(ctx: Context, role: Role | None, tech: Technology) -> float:
    """The data the ceiling must hold: the role's held share (`held_gb`, as the cost
    reads it), so a cache or compute holds none of the stated data. A broker's retained
    events are not modelled, so for a broker the stated data stands in for them."""
    held, _ = held_gb(ctx, role, tech)
    if not held and KIND_GROUP[tech.kind] is KindGroup.MESSAGING:
        return float(ctx.get("scale.data_gb") or 0)
    return held


# Stores of the system's data: a cache holds a hot set the requirements do not state.
DATA_KINDS = frozenset(k for k in STATEFUL_KINDS if KIND_GROUP[k] is KindGroup.DATASTORE)


def held_gb(ctx: Context, role: Role | None, tech: Technology) -> tuple[float, str]:
    """GB of data the role holds, and where the figure comes from. `design` states the
    store's own share (`analysis.held_gb`: the data is split among its stores, and a
    database beside an object store holds the records, not the files); otherwise a role
    that stores the system's data holds all of the stated `scale.data_gb`, and a role
    that stores none of it (a queue, a cache, compute) holds nothing priced here. The
    scalability ceiling reads it too (`_ceiling_gb`)."""
    share = ctx.get("analysis.held_gb")
    if share is not None:
        return float(share), "the share of the data this store holds in the design"
    kinds = (role.primary,) if role and role.primary else role.kinds if role else (tech.kind,)
    data = ctx.get("scale.data_gb")
    if not data or not set(kinds) & DATA_KINDS:
        return 0.0, "no stated data held by this role"
    return float(data), "the stated scale.data_gb"


def _multi_region(tech: Technology, ctx: Context, rules: TechnologyScoring) -> tuple[int, str]:
    regions = ctx.get("constraints.regions_count") or 1
    if regions < 2 or tech.kind not in STATEFUL_KINDS:
        return 3, "one region named: where writes happen does not matter"
    if tech.name in rules.multi_region_writes:
        return 5, f"accepts writes in each of the {regions} regions"
    return 2, f"one writer region: writes from the other {regions - 1} cross regions"


# Stateless compute: a managed platform's autoscaler adds nodes or tasks as load grows.
_COMPUTE = frozenset({Kind.SERVICE, Kind.WORKER, Kind.FUNCTION})


def _provider_scaled(tech: Technology, rules: TechnologyScoring) -> bool:
    """Managed and priced by usage or capacity units, not by the node: the provider adds
    units as load grows (Kinesis shards, DynamoDB capacity, Fargate tasks). A managed
    broker or database priced per instance is sized by you, like a self-run one; managed
    stateless compute (EKS, GKE node pools) and managed scale-out stores are grown by
    their autoscalers."""
    if tech.hosting is Hosting.SELF_HOSTED or tech.name in rules.manual_shards:
        return False
    if tech.kind in _COMPUTE or tech.name in rules.scale_out:
        return True
    if tech.kind is Kind.SQL_DB:
        return False  # one primary takes every write, however it is priced
    units = {w for p in tech.prices.values() for w in re.findall(r"[a-z]+", p.unit.lower())}
    return not units & set(rules.ha_unit_words)


def _operations(tech: Technology, ctx: Context, rules: TechnologyScoring) -> tuple[int, str]:
    score = rules.levels[tech.ops_burden.value]
    reason = f"{tech.ops_burden.value} operational burden ({tech.hosting.value})"
    managed = ctx.get("constraints.managed_preferred")
    size = ctx.get("team.size")
    if tech.hosting is Hosting.SELF_HOSTED:
        if managed:
            score -= rules.managed_penalty
            reason += "; managed is preferred and you would run this (patching, on-call)"
        elif managed is False:
            score += rules.self_hosting_bonus
            reason += "; self-hosted, as the requirements ask"
        elif not (isinstance(size, int | float) and size >= rules.platform_team):
            score -= rules.self_hosted_penalty
            reason += "; you run it yourselves (patching, upgrades, on-call)"
            small = isinstance(size, int | float) and size <= rules.small_team
            if small and tech.kind in STATEFUL_KINDS:
                score -= rules.small_team_stateful_penalty
                reason += f"; {size:g} engineers would carry its failovers and upgrades"
    running = is_named(tech, list(ctx.get("team.existing_stack") or []))
    if running:
        score += rules.existing_stack_bonus
        reason += f"; {running} already runs in production here (no new platform to run)"
    return score, reason


def _team(tech: Technology, ctx: Context, rules: TechnologyScoring) -> tuple[int, str]:
    score = rules.levels[tech.learning_curve.value]
    reason = f"{tech.learning_curve.value} learning curve"
    skill = knows(tech, list(ctx.get("team.experience") or []))
    if skill:
        score += rules.experience_bonus
        reason += f"; the team already knows {skill}"
    lacking = knows(tech, list(ctx.get("team.avoid") or []))
    if lacking and not skill:
        score -= rules.avoid_penalty
        reason += f"; the team has no {lacking} experience"
    return score, reason


def _experience(tech: Technology, ctx: Context) -> tuple[int, str]:
    """Where the technology stands against what the team knows and runs: the platform
    it runs scores 5, one it knows (or that speaks what it knows) 4; when the team names
    others, a new one scores 2 (learning and running a second platform is the switching
    cost); one it said it does not know, 1.
    """
    running = list(ctx.get("team.existing_stack") or [])
    known = list(ctx.get("team.experience") or []) + running
    found = is_named(tech, running)
    if found:
        return 5, f"{found} already runs here"
    skill = knows(tech, known)
    if skill:
        return 4, f"the team knows {skill}"
    lacking = knows(tech, list(ctx.get("team.avoid") or []))
    if lacking:
        return 1, f"the team has no {lacking} experience"
    if known:
        return 2, f"new to a team that knows {', '.join(sorted(set(known))[:3])}"
    return 3, "no team experience stated"


def _role_fit(tech: Technology, role: Role, rules: TechnologyScoring) -> tuple[int, str]:
    if role.primary is None:
        return 3, "a kind group: every kind fills it equally"
    misfit = rules.role_misfit.get(role.primary.value, {})
    if tech.name in misfit:
        return 1, misfit[tech.name]
    if tech.name in rules.frameworks and role.primary in _COMPUTE:
        return 3, "a web framework: it says how the code is written, not where it runs"
    if tech.name in rules.role_fit.get(role.primary.value, []):
        return 5, f"a usual fit for a {role.primary.value} (kb role_fit)"
    if tech.kind is role.primary:
        return 4, f"the natural kind for this role ({tech.kind.value})"
    return 3, f"a {tech.kind.value} standing in for a {role.primary.value}"


def _cloud_fit(
    tech: Technology, ctx: Context, cloud: str, rules: TechnologyScoring
) -> tuple[int, str]:
    if not runs_on(tech, tech.kind, cloud):
        return 1, f"does not run on {cloud}"
    if tech.hosting is Hosting.SAAS and cloud == "on_prem" and self_hosting(ctx):
        return 1, "a vendor's service where everything is to run on premises"
    # No cloud stated: the design runs on the assumed cloud, so its managed services fit
    # it like a stated one (said so in the reason), rather than a third vendor winning.
    said = "" if ctx.get("constraints.cloud") else " (assumed: no cloud stated)"
    if tech.cloud == cloud:
        return 5, f"managed on {cloud}, the cloud you run{said}"
    if tech.cloud is not None:
        return 1, f"managed on {tech.cloud}, not on {cloud}{said}"
    if tech.hosting is Hosting.SAAS and tech.kind.value in rules.origin_fed and cloud != "on_prem":
        return 1, f"every origin fetch leaves {cloud} as billed internet egress{said}"
    if tech.hosting is Hosting.SAAS:
        return 3, f"a separate SaaS vendor beside {cloud}{said}"
    return 3, f"runs on {cloud}, operated by you{said}"


def _guarantees(
    tech: Technology, ctx: Context, rules: TechnologyScoring, role: Role | None
) -> tuple[int, str]:
    """Ordering and delivery needs are the messages' needs: they judge the technologies
    that carry messages, not the database or the compute beside them. A filtering need
    judges the vector search (`_filtering`)."""
    kinds = role.kinds if role else (tech.kind,)
    if Kind.VECTOR_DB in kinds:
        return _filtering(tech, ctx, rules)
    carries = {KIND_GROUP[k] for k in kinds}
    if KindGroup.MESSAGING not in carries or (tech.ordering == tech.delivery == "n/a"):
        return 3, "ordering and delivery needs do not apply to this role"
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
        elif tech.name in rules.single_consumer_order:
            score = min(score, rules.single_consumer_order_score)
            parts.append(
                f"order holds per queue for one consumer only: with competing consumers a "
                f"key's messages are processed out of order ({wanted_order} order needs "
                "queues sharded by key, each with a single active consumer)"
            )
        else:
            parts.append(
                f"{tech.ordering} ordering meets {wanted_order} (partitions / message groups)"
            )
    if wanted_delivery:
        rank_of = {"at-most-once": 0, "at-least-once": 1, "exactly-once": 2, "n/a": -1}
        if rank_of.get(tech.delivery, -1) < rank_of.get(str(wanted_delivery), 0):
            score = 1
            parts.append(f"{tech.delivery} delivery falls short of {wanted_delivery}")
        else:
            parts.append(f"{tech.delivery} delivery meets {wanted_delivery}")
    return score, "; ".join(parts)


def _filtering(tech: Technology, ctx: Context, rules: TechnologyScoring) -> tuple[int, str]:
    """A vector search's filters against how the store applies them (catalog
    `filtering`): inside the index walk or before the search, k matches come back
    however narrow the filter; after the approximate search, a selective filter leaves
    few of its candidates (`post_filter_scores`)."""
    wanted = ctx.get("needs.filtering")
    if not wanted:
        return 3, "no filtered vector search stated"
    how = tech.filtering
    if how is None:
        return 3, f"{wanted} filters: how it applies them is not in the catalog"
    if how.mode != "post-filter":
        where = "inside the index walk" if how.mode == "in-index" else "before the search"
        return 5, f"{wanted} filters applied {where}: k matches however narrow ({how.source})"
    score = rules.post_filter_scores.get(str(wanted), 3)
    reason = f"{wanted} filters applied after the approximate search ({how.source})"
    if score < 3:
        reason += (
            ": few candidates survive a selective filter (recall falls) unless the scan goes on"
        )
    return score, reason
