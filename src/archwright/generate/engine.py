"""`design(text or requirements) -> DesignResult`: the built-in design engine.

Read the requirements (extracting from text), work out the load, pick the patterns the
features and the load call for, join their sub-graphs, choose a technology for every
role under the constraints, size every component, then price the result and name the
conflicts and risks. Pure and deterministic: no clock, no randomness, sorted iteration
wherever order is not already fixed by the data files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from archwright.cost import Estimate, monthly_cost
from archwright.generate import choose as chooser
from archwright.generate import model_roles
from archwright.generate.accepted import accept_risks
from archwright.generate.assemble import (
    build_boundaries,
    build_component,
    build_connection,
    build_journeys,
    join,
    segment_cardholder_data,
    segment_networks,
)
from archwright.generate.channels import for_channels
from archwright.generate.channels import wanted as wanted_channels
from archwright.generate.checked import SimulatedCheck, simulated_check
from archwright.generate.conflicts import Conflict
from archwright.generate.conflicts import find as find_conflicts
from archwright.generate.deadlines import shrink_along_chains
from archwright.generate.edge_targets import hold_edge_journeys
from archwright.generate.mentions import Span
from archwright.generate.proportion import note as proportion_note
from archwright.generate.proportion import single_instance, without_edge
from archwright.generate.provision import provision, record_load, role_holds
from archwright.generate.quotas import size_quotas
from archwright.generate.read import Reading, read
from archwright.generate.regions import MULTI_REGION, add_region, second_region
from archwright.generate.select import PatternUse, select_patterns
from archwright.generate.sizing import Envelope, envelope
from archwright.generate.wiring import (
    break_sync_cycles,
    carried,
    front_door,
    out_of_path,
    request_rate,
    set_shares,
)
from archwright.kb.catalog import Catalog, Hosting, Level, Technology, load_catalog
from archwright.kb.patterns import (
    Pattern,
    PatternComponent,
    PatternLibrary,
    load_patterns,
)
from archwright.kb.scoring import speaking
from archwright.model import (
    Architecture,
    Cloud,
    Component,
    Decision,
    Kind,
    ModelRole,
    Requirements,
    Severity,
    Suppression,
)


@dataclass(frozen=True)
class Risk:
    risk: str
    mitigation: str
    severity: Severity
    source: str


@dataclass
class DesignResult:
    architecture: Architecture
    envelope: Envelope
    patterns: list[PatternUse]
    skipped: list[PatternUse]
    risks: list[Risk]
    conflicts: list[Conflict]
    assumptions: list[str]
    not_understood: list[str]
    cost: Estimate
    roles: dict[str, str] = field(default_factory=dict)
    simulated: SimulatedCheck | None = None
    accepted: list[Suppression] = field(default_factory=list)
    understood: list[Span] = field(default_factory=list)
    """Every phrase of the description that was read, with its reading."""


_KIND_TITLE = {
    Kind.SQL_DB: "Relational database",
    Kind.NOSQL_DB: "NoSQL database",
    Kind.CACHE: "In-memory cache",
    Kind.QUEUE: "Message queue",
    Kind.STREAM: "Event stream",
    Kind.SERVICE: "Service compute",
    Kind.WORKER: "Worker compute",
    Kind.OBJECT_STORE: "Object storage",
    Kind.CDN: "CDN",
    Kind.LOAD_BALANCER: "Load balancer",
    Kind.SEARCH_INDEX: "Search engine",
    Kind.VECTOR_DB: "Vector store",
    Kind.LLM: "LLM provider",
    Kind.IDENTITY: "Identity provider",
    Kind.REALTIME_GATEWAY: "Realtime gateway",
    Kind.MONITORING: "Monitoring",
    Kind.WAF: "Web application firewall",
    Kind.API_GATEWAY: "API gateway",
    Kind.DNS: "DNS",
    Kind.NOTIFICATION: "Notification provider",
    Kind.PAYMENT: "Payment provider",
    Kind.ML_MODEL: "Model serving",
    Kind.FEATURE_STORE: "Feature store",
    Kind.STREAM_PROCESSOR: "Stream processor",
    Kind.BATCH_PROCESSOR: "Batch processing",
    Kind.WAREHOUSE: "Data warehouse",
    Kind.DATA_LAKE: "Data lake",
    Kind.SECRETS: "Secrets manager",
    Kind.SCHEDULER: "Scheduler",
    Kind.TIMESERIES_DB: "Time-series database",
    Kind.GRAPH_DB: "Graph database",
    Kind.WEB_FRONTEND: "Web frontend",
    Kind.EXTERNAL_API: "External API",
}


@dataclass(frozen=True)
class _Setting:
    """What every step after the reading needs, passed together so each step's signature
    names only what it adds."""

    catalog: Catalog
    req: Requirements
    env: Envelope
    target: Cloud


def design(
    source: str | Requirements,
    *,
    cloud: Cloud | None = None,
    name: str | None = None,
    catalog: Catalog | None = None,
    library: PatternLibrary | None = None,
) -> DesignResult:
    """Design an architecture from a description or a requirements object."""
    catalog = catalog or load_catalog()
    library = library or load_patterns()
    reading = read(source, library)
    req = reading.requirements
    assumptions = list(reading.assumptions)
    target = _target_cloud(cloud, req, assumptions)
    env = _sized_envelope(req, assumptions)
    patterns, uses, skipped = select_patterns(reading.features, env, req, library)
    applied = {p.id for p in patterns}

    comps, origin, conns, journeys = join(patterns)
    direct = without_edge(comps, conns, journeys) if env.single_instance else None
    if direct is not None:
        comps, conns, journeys = direct
        assumptions.append(proportion_note(env))
    cached = "cache-aside" in applied
    setting = _Setting(catalog, req, env, target)
    recorded = record_load(req, env)
    choices, decisions = _choose_roles(setting, recorded, comps, assumptions)

    region = (req.constraints.regions or [_home_region(target, req)])[0]
    components, techs, roles = _build_components(setting, comps, choices, origin, region, applied)
    by_id = {c.id: c for c in components}
    connections = [build_connection(pc, by_id, catalog) for pc in conns]
    pattern_roles = {pc.id: pc for pc in comps}
    traffic = {f"{pc.source}->{pc.target}": carried(pc, pattern_roles, env, cached) for pc in conns}
    arch = Architecture(
        name=name or _name(req),
        summary=_summary(uses),
        requirements=recorded,
        components=components,
        connections=connections,
        boundaries=build_boundaries(components, region),
        decisions=decisions,
        properties={"generated_by": "archwright design", "patterns": [u.id for u in uses]}
        | ({"single_instance": True} if direct is not None else {}),
    )
    assumptions.extend(chooser.unused_requests(req, [t for t in techs.values() if t]))
    assumptions.extend(front_door(arch, traffic))
    out_of_path(arch)
    assumptions.extend(break_sync_cycles(arch))
    built = _Built(
        traffic,
        {pc.id: pattern_roles[pc.id] for pc in comps},
        techs,
        {pc.id: request_rate(pc.load, env, cached) for pc in comps},
        assumptions,
    )
    regions = _add_second_region(setting, arch, region, applied, built)
    _size(setting, arch, journeys, built, regions)
    return _result(setting, reading, arch, patterns, uses, skipped, applied, assumptions, roles)


def _result(
    setting: _Setting,
    reading: Reading,
    arch: Architecture,
    patterns: list[Pattern],
    uses: list[PatternUse],
    skipped: list[PatternUse],
    applied: set[str],
    assumptions: list[str],
    roles: dict[str, str],
) -> DesignResult:
    """Check, price and weigh the sized design, and write what was assumed, not understood
    and in conflict into its properties, so the written file explains itself."""
    check = simulated_check(arch)
    # The cost engine prices the model exactly as `archwright cost` prices the written file.
    cost = monthly_cost(arch, setting.catalog)
    conflicts = find_conflicts(setting.req, setting.env, cost, applied) + check.conflicts
    accepted = accept_risks(arch, setting.catalog, frozenset(c.id for c in conflicts))
    risks = _risks(patterns, conflicts, arch, setting.catalog, setting.req)
    arch.properties.update(
        {
            "assumptions": assumptions,
            "not_understood": reading.not_understood,
            "conflicts": [f"{c.title}: {c.detail}" for c in conflicts],
        }
    )
    return DesignResult(
        arch,
        setting.env,
        uses,
        skipped,
        risks,
        conflicts,
        assumptions,
        reading.not_understood,
        cost,
        roles,
        check,
        accepted,
        reading.understood,
    )


def _target_cloud(cloud: Cloud | None, req: Requirements, assumptions: list[str]) -> Cloud:
    """The cloud to design for: the option, else the requirements, else AWS with a note,
    so a description that names no cloud still designs and says what it assumed."""
    target = cloud or req.constraints.cloud
    if target is None:
        target = Cloud.AWS
        assumptions.append("no cloud named: AWS assumed (use --cloud to change)")
    return target


def _sized_envelope(req: Requirements, assumptions: list[str]) -> Envelope:
    """The load envelope, with its assumptions noted and marked single-instance when the
    load is small enough that one instance of everything serves it."""
    env = envelope(req)
    assumptions.extend(env.assumptions)
    if single_instance(req, env):
        env = replace(env, single_instance=True)
    return env


_RoleKey = tuple[tuple[Kind, ...], object, str | None, str | None, object]


def _role_groups(comps: list[PatternComponent]) -> dict[_RoleKey, list[PatternComponent]]:
    """The pattern roles that share one technology choice, in the order first met."""
    groups: dict[_RoleKey, list[PatternComponent]] = {}
    for pc in comps:
        # Roles of one kind that do different jobs (embed, rerank, serve, train), must
        # not share a provider (a fallback tier) or speak different protocols to their
        # clients (an MQTT broker for devices, a WebSocket gateway for a dashboard) are
        # chosen apart.
        key = (
            (pc.kind, *pc.also_kinds),
            pc.model_role,
            pc.other_provider_than,
            pc.serves,
            pc.speaks,
        )
        groups.setdefault(key, []).append(pc)
    return groups


def _choose_roles(
    setting: _Setting,
    recorded: Requirements,
    comps: list[PatternComponent],
    assumptions: list[str],
) -> tuple[dict[str, chooser.Choice], list[Decision]]:
    """A technology for every group of roles and the numbered decision that records it;
    clients are not chosen (they are the users' devices)."""
    choices: dict[str, chooser.Choice] = {}
    decisions: list[Decision] = []
    for key, members in _role_groups(comps).items():
        if key[0][0] is Kind.CLIENT:
            continue
        choice = _choose_role(setting, recorded, comps, key, members, choices, assumptions)
        for m in members:
            choices[m.id] = choice
        record = chooser.decision(choice, len(decisions) + 1, [m.id for m in members])
        if record is not None:
            decisions.append(record)
    return choices, decisions


def _choose_role(
    setting: _Setting,
    recorded: Requirements,
    comps: list[PatternComponent],
    key: _RoleKey,
    members: list[PatternComponent],
    choices: dict[str, chooser.Choice],
    assumptions: list[str],
) -> chooser.Choice:
    """One group's choice: the catalog's options narrowed to the protocols, the model job,
    the provider to avoid and the notification channels, then ranked."""
    catalog, req, env, target = setting.catalog, setting.req, setting.env, setting.target
    kinds, model_role, avoid, serves, _ = key
    title = _KIND_TITLE.get(kinds[0], kinds[0].value.replace("_", " ").capitalize())
    speaks = {m.speaks for m in members if m.speaks}
    options = speaking(catalog, kinds, speaks)
    left_out = chooser.unspoken(catalog, options, kinds, target.value) if speaks else ()
    primary = choices.get(avoid) if avoid else None
    job = model_roles.Job(
        model_role if isinstance(model_role, ModelRole) else None,
        serves,
        model_roles.provider(primary.tech if primary else None),
    )
    inside = model_roles.within_cloud(target.value, req.constraints.within_cloud)
    options = model_roles.narrow(
        options, kinds, job.model_role, job.avoid_provider, job.serves, inside
    )
    if Kind.NOTIFICATION in kinds:
        options, gap = for_channels(options, wanted_channels(req))
        assumptions.extend([gap] if gap else [])
    # Scored on the requirements the design records, so `select` on the written file's
    # requirements ranks the same way (its argument carries the job).
    choice = chooser.choose(
        options,
        chooser.Role(
            kinds[0].value,
            title,
            kinds,
            job.suffix(),
            tuple(sorted(p.value for p in speaks)),
            role_holds(members, kinds[0], env, comps),
            left_out,
        ),
        recorded,
        target,
    )
    if choice.tech is not None and choice.tech.kind is not kinds[0]:
        # the role could be filled by several kinds: title it by the one chosen
        title = _KIND_TITLE.get(choice.tech.kind, title)
        choice = replace(choice, role=replace(choice.role, title=title))
    return choice


def _build_components(
    setting: _Setting,
    comps: list[PatternComponent],
    choices: dict[str, chooser.Choice],
    origin: dict[str, str],
    region: str,
    applied: set[str],
) -> tuple[list[Component], dict[str, Technology | None], dict[str, str]]:
    """Every pattern role as a model component of the chosen technology, with the
    technology and the pattern role kept by id for the sizing steps and the report."""
    roles: dict[str, str] = {}
    components: list[Component] = []
    techs: dict[str, Technology | None] = {}
    for pc in comps:
        picked = choices.get(pc.id)
        tech = picked.tech if picked else None
        kind = tech.kind if tech and tech.kind in (pc.kind, *pc.also_kinds) else pc.kind
        techs[pc.id] = tech
        roles[pc.id] = pc.role
        components.append(
            build_component(
                pc,
                kind,
                tech.name if tech else None,
                setting.env,
                setting.req,
                origin[pc.id],
                region,
                applied,
            )
        )
    return components, techs, roles


@dataclass(frozen=True)
class _Built:
    """What the build keeps per component id for sizing (the traffic into it, its
    pattern role, its technology, the request rate its pattern intends), and the
    assumptions said so far: the second region's twins are added to each."""

    traffic: dict[str, float]
    role_of: dict[str, PatternComponent]
    techs: dict[str, Technology | None]
    intended: dict[str, float]
    assumptions: list[str]


def _add_second_region(
    setting: _Setting, arch: Architecture, region: str, applied: set[str], built: _Built
) -> int:
    """With the multi-region pattern, twin the design into a second region (each twin
    sized as its original) and return how many regions serve traffic."""
    if MULTI_REGION not in applied:
        return 1
    req = setting.req
    other = second_region(region, setting.target, req.constraints.regions)
    role_of, techs, intended = built.role_of, built.techs, built.intended
    for twin, original in add_region(arch, other, built.traffic, setting.env.write_rps).items():
        role_of[twin], techs[twin] = role_of[original], techs[original]
        intended[twin] = intended[original]
    built.assumptions.append(
        f"multi-region: {region} and {other} both serve traffic; each is sized "
        "to carry the whole peak when the other fails"
    )
    return 2


def _size(
    setting: _Setting, arch: Architecture, journeys: list[Any], built: _Built, regions: int
) -> None:
    """Segment the networks, set deadlines and traffic shares, build the journeys, then
    provision every component and its quotas for the peak (and a region's failover)."""
    segment_networks(arch)
    segment_cardholder_data(arch)
    shrink_along_chains(arch)
    set_shares(arch, built.traffic, built.intended)
    arch.journeys = build_journeys(journeys, arch.components_by_id(), arch.connections)
    built.assumptions.extend(hold_edge_journeys(arch, setting.catalog))
    unsettled = provision(
        arch, setting.env, built.role_of, built.techs, built.intended, failover=regions
    )
    # sizing and quotas read the same loop at nearly the same peak: say it once
    built.assumptions.extend(dict.fromkeys([*unsettled, *size_quotas(arch, setting.catalog)]))


_DEFAULT_REGION = {
    Cloud.AWS: "us-east-1",
    Cloud.GCP: "us-central1",
    Cloud.AZURE: "eastus",
    Cloud.ON_PREM: "dc1",
}


# Where personal data may live when the requirements say "EU residency" and name no
# region: the cloud's EU region that `region_pairs` (sizing.yaml) pairs with another EU one.
_EU_REGION = {Cloud.AWS: "eu-west-1", Cloud.GCP: "europe-west1", Cloud.AZURE: "westeurope"}


def _home_region(cloud: Cloud, req: Requirements) -> str:
    """The first region when none is stated: in the EU if personal data must stay there."""
    eu = any(j.upper() == "EU" for j in req.constraints.data_residency)
    return _EU_REGION.get(cloud, _DEFAULT_REGION[cloud]) if eu else _DEFAULT_REGION[cloud]


def _name(req: Requirements) -> str:
    text = (req.description or "").strip().split("\n")[0]
    if not text:
        return "Designed system"
    words = text.split()
    short = " ".join(words[:8])
    return short if len(words) <= 8 else short.rstrip(",.;:") + "…"


def _summary(uses: list[PatternUse]) -> str:
    features = [u.title for u in uses if u.why == "asked for in the requirements"]
    base = "Stateless API over a system of record"
    return base + (" with " + ", ".join(features) if features else "") + "."


def _risks(
    patterns: list[Pattern],
    conflicts: list[Conflict],
    arch: Architecture,
    catalog: Catalog,
    req: Requirements,
) -> list[Risk]:
    """The five most severe risks: conflicts first, then design-specific, then patterns'."""
    out: list[Risk] = []
    for c in conflicts:
        out.append(Risk(f"{c.title}: {c.detail}", c.resolution, c.severity, "conflict"))
    small = req.team.size is not None and req.team.size <= 5
    for comp in arch.components:
        tech = catalog.find(comp.technology) if comp.technology else None
        if small and tech and tech.hosting is Hosting.SELF_HOSTED and tech.ops_burden is Level.HIGH:
            out.append(
                Risk(
                    f"{tech.title} ({comp.id}) is hard to operate for a team of {req.team.size}.",
                    "Use the managed equivalent or buy support; automate upgrades and backups.",
                    Severity.HIGH,
                    "design",
                )
            )
        if comp.shards > 1 and comp.kind in (Kind.SQL_DB, Kind.NOSQL_DB):
            out.append(
                Risk(
                    f"{comp.label} is split into {comp.shards} shards: cross-shard queries "
                    "and hot keys.",
                    "Shard by a high-cardinality key (user or tenant id); "
                    "keep transactions within one shard.",
                    Severity.MEDIUM,
                    "design",
                )
            )
    for p in patterns:
        out.extend(Risk(r.risk, r.mitigation, r.severity, p.id) for r in p.risks)
    seen: set[str] = set()
    unique = [r for r in out if not (r.risk in seen or seen.add(r.risk))]  # type: ignore[func-returns-value]
    return sorted(unique, key=lambda r: -r.severity.rank)[:5]
