"""`design(text or requirements) -> DesignResult`: the built-in design engine.

Read the requirements (extracting from text), work out the load, pick the patterns the
features and the load call for, join their sub-graphs, choose a technology for every
role under the constraints, size every component, then price the result and name the
conflicts and risks. Pure and deterministic: no clock, no randomness, sorted iteration
wherever order is not already fixed by the data files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archwright.generate import choose as chooser
from archwright.generate.conflicts import Conflict
from archwright.generate.conflicts import find as find_conflicts
from archwright.generate.costing import CostEstimate, estimate
from archwright.generate.read import read
from archwright.generate.sizing import PROVIDER_SCALED, Envelope, envelope, size
from archwright.kb.catalog import Catalog, Hosting, Level, load_catalog
from archwright.kb.patterns import (
    LoadBasis,
    Pattern,
    PatternComponent,
    PatternLibrary,
    load_patterns,
)
from archwright.model import (
    KIND_GROUP,
    STATEFUL_KINDS,
    Architecture,
    Backoff,
    Backups,
    Boundary,
    BoundaryType,
    Cloud,
    Compliance,
    Component,
    Connection,
    DataClass,
    Decision,
    Journey,
    Kind,
    KindGroup,
    Mode,
    Observability,
    Protocol,
    Requirements,
    Severity,
)


@dataclass(frozen=True)
class PatternUse:
    """A pattern the engine applied (or considered and left out), and why."""

    id: str
    title: str
    why: str


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
    cost: CostEstimate
    roles: dict[str, str] = field(default_factory=dict)


_WHEN_FIGURES = {
    "min_peak_rps": ("peak load", "peak_rps", "req/s"),
    "min_read_rps": ("peak reads", "read_rps", "req/s"),
    "min_write_rps": ("peak writes", "write_rps", "req/s"),
    "min_dau": ("daily active users", "dau", ""),
    "min_concurrent": ("concurrent connections", "concurrent", ""),
    "min_data_gb": ("data in 3 years", "data_horizon_gb", "GB"),
    "min_availability": ("availability target", "availability", "%"),
}


def _check_when(pattern: Pattern, env: Envelope, req: Requirements) -> tuple[bool, str]:
    """Whether a scale pattern's thresholds hold, with the comparison as a sentence."""
    assert pattern.when is not None
    parts: list[str] = []
    ok = True
    for key, (label, attr, unit) in _WHEN_FIGURES.items():
        threshold = getattr(pattern.when, key)
        if threshold is None:
            continue
        value = float(getattr(env, attr))
        holds = value >= threshold
        ok = ok and holds
        parts.append(
            f"{label} {value:,{'g' if unit == '%' else '.0f'}}{_sp(unit)} "
            f"{'≥' if holds else '<'} {threshold:,g}{_sp(unit)}"
        )
    if pattern.when.compliance_any:
        have = sorted({c.value for c in req.compliance} & set(pattern.when.compliance_any))
        ok = ok and bool(have)
        parts.append(
            f"compliance {', '.join(have)}"
            if have
            else f"no {'/'.join(pattern.when.compliance_any)} requirement"
        )
    return ok, "; ".join(parts) or "alongside " + ", ".join(pattern.alongside)


def select_patterns(
    features: list[str], env: Envelope, req: Requirements, library: PatternLibrary
) -> tuple[list[Pattern], list[PatternUse], list[PatternUse]]:
    """Core, then the features' patterns (with what they require), then load-driven ones."""
    chosen: dict[str, Pattern] = {}
    uses: list[PatternUse] = []
    skipped: list[PatternUse] = []

    def take(pattern_id: str, why: str) -> None:
        for p in library.closure(pattern_id):
            if p.id not in chosen:
                chosen[p.id] = p
                reason = why if p.id == pattern_id else f"required by {pattern_id}"
                uses.append(PatternUse(p.id, p.title, reason))

    for p in library.patterns:
        if p.always:
            take(p.id, "core of every design")
    for feature in features:
        take(feature, "asked for in the requirements")
    for p in library.patterns:
        if p.when is None or p.id in chosen:
            continue
        if not all(a in chosen for a in p.alongside):
            continue
        ok, why = _check_when(p, env, req)
        if ok:
            take(p.id, f"load-driven: {why}")
        else:
            skipped.append(PatternUse(p.id, p.title, f"not needed: {why}"))
    return list(chosen.values()), uses, skipped


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
_PROTOCOL_BY_WORD = (
    ("sqs", Protocol.SQS),
    ("sns", Protocol.SNS),
    ("pubsub", Protocol.PUBSUB),
    ("kafka", Protocol.KAFKA),
    ("msk", Protocol.KAFKA),
    ("event-hubs", Protocol.KAFKA),
    ("redpanda", Protocol.KAFKA),
    ("kinesis", Protocol.HTTPS),
    ("rabbitmq", Protocol.AMQP),
    ("amazon-mq", Protocol.AMQP),
    ("service-bus", Protocol.AMQP),
    ("nats", Protocol.NATS),
    ("redis", Protocol.REDIS),
    ("valkey", Protocol.REDIS),
    ("memcached", Protocol.MEMCACHED),
)
_EXTERNAL_KINDS = {Kind.PAYMENT, Kind.LLM, Kind.NOTIFICATION, Kind.EXTERNAL_API, Kind.IDENTITY}


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
    target = cloud or req.constraints.cloud
    if target is None:
        target = Cloud.AWS
        assumptions.append("no cloud named: AWS assumed (use --cloud to change)")
    env = envelope(req)
    assumptions.extend(env.assumptions)
    patterns, uses, skipped = select_patterns(reading.features, env, req, library)
    applied = {p.id for p in patterns}

    comps, origin, conns, journeys = _assemble(patterns)
    cached = "cache-aside" in applied
    roles: dict[str, str] = {}
    decisions: list[Decision] = []
    components: list[Component] = []
    groups: dict[tuple[Kind, ...], list[PatternComponent]] = {}
    for pc in comps:
        groups.setdefault((pc.kind, *pc.also_kinds), []).append(pc)
    choices: dict[str, chooser.Choice] = {}
    for kinds, members in groups.items():
        if kinds[0] is Kind.CLIENT:
            continue
        load = max(env.basis(m.load.basis, cached) * m.load.share for m in members)
        title = _KIND_TITLE.get(kinds[0], kinds[0].value.replace("_", " ").capitalize())
        prefer = tuple(sorted({t for m in members for t in m.prefer}))
        choice = chooser.choose(
            catalog, chooser.Role(kinds[0].value, title, kinds, prefer, load), req, target
        )
        for m in members:
            choices[m.id] = choice
        record = chooser.decision(choice, len(decisions) + 1, [m.id for m in members])
        if record is not None:
            decisions.append(record)

    region = (req.constraints.regions or [_DEFAULT_REGION[target]])[0]
    for pc in comps:
        picked = choices.get(pc.id)
        tech = picked.chosen.tech if picked and picked.chosen else None
        kind = tech.kind if tech and tech.kind in (pc.kind, *pc.also_kinds) else pc.kind
        load = env.basis(pc.load.basis, cached) * pc.load.share
        managed = tech is not None and tech.hosting is not Hosting.SELF_HOSTED
        sized = size(kind, tech, load, env, managed, _data_held(pc, kind, env))
        roles[pc.id] = pc.role
        components.append(
            _component(
                pc,
                kind,
                tech.name if tech else None,
                sized,
                load,
                env,
                req,
                origin[pc.id],
                region,
                applied,
            )
        )

    by_id = {c.id: c for c in components}
    connections = [_connection(pc, by_id) for pc in conns]
    arch = Architecture(
        name=name or _name(req),
        summary=_summary(uses),
        requirements=req,
        components=components,
        connections=connections,
        boundaries=_boundaries(components, region),
        journeys=_journeys(journeys, by_id, connections),
        decisions=decisions,
        properties={"generated_by": "archwright design", "patterns": [u.id for u in uses]},
    )
    peak_factor = env.peak_rps / env.avg_rps if env.avg_rps else 1.0
    cost = estimate(arch, catalog, target, peak_factor)
    conflicts = find_conflicts(req, env, cost, applied)
    risks = _risks(patterns, conflicts, arch, catalog, req)
    arch.properties.update(
        {
            "assumptions": assumptions,
            "not_understood": reading.not_understood,
            "conflicts": [f"{c.title}: {c.detail}" for c in conflicts],
        }
    )
    return DesignResult(
        arch, env, uses, skipped, risks, conflicts, assumptions, reading.not_understood, cost, roles
    )


_DEFAULT_REGION = {
    Cloud.AWS: "us-east-1",
    Cloud.GCP: "us-central1",
    Cloud.AZURE: "eastus",
    Cloud.ON_PREM: "dc1",
}


def _assemble(
    patterns: list[Pattern],
) -> tuple[list[PatternComponent], dict[str, str], list[Any], list[Any]]:
    comps: dict[str, PatternComponent] = {}
    origin: dict[str, str] = {}
    conns: dict[tuple[str, str], Any] = {}
    journeys = []
    for p in patterns:
        for pc in p.components:
            if pc.id not in comps:
                comps[pc.id] = pc
                origin[pc.id] = p.id
        for conn in p.connections:
            conns.setdefault((conn.source, conn.target), conn)
        if p.journey is not None:
            journeys.append(p.journey)
    valid = [c for (s, t), c in conns.items() if s in comps and t in comps]
    return list(comps.values()), origin, valid, journeys


def _data_held(pc: PatternComponent, kind: Kind, env: Envelope) -> float:
    """GB a datastore holds: all data, the hot set (read caches), or little (counters)."""
    if pc.load.basis is LoadBasis.DATA:
        return env.data_horizon_gb * pc.load.share
    if kind is Kind.CACHE:
        return env.hot_set_gb * pc.load.share if pc.load.basis is LoadBasis.READS else 1.0
    return env.data_horizon_gb * min(pc.load.share, 1.0)


def _component(
    pc: PatternComponent,
    kind: Kind,
    tech: str | None,
    sized: Any,
    load: float,
    env: Envelope,
    req: Requirements,
    pattern: str,
    region: str,
    applied: set[str],
) -> Component:
    classes = set(pc.data_classes)
    if Compliance.HIPAA in req.compliance and DataClass.PII in classes:
        classes.add(DataClass.PHI)
    stateful = kind in STATEFUL_KINDS
    compute = KIND_GROUP[kind] is KindGroup.COMPUTE
    zones = []
    if env.ha and kind not in PROVIDER_SCALED:
        sep = "-" if region.count("-") == 1 and region[-1].isdigit() and "central" in region else ""
        zones = [f"{region}{sep}{z}" for z in ("a", "b", "c")[: max(2, min(3, sized.replicas))]]
    rpo = req.slo.rpo_minutes
    backups = None
    if stateful and kind not in (Kind.QUEUE, Kind.STREAM, Kind.OBJECT_STORE):
        interval = min(rpo, 60.0) if rpo is not None else 60.0
        backups = Backups(
            interval_minutes=interval,
            retention_days=35 if req.compliance else 14,
            point_in_time=interval <= 15,
            cross_region="multi-region" in applied,
        )
    storage = round(env.data_horizon_gb, 1) if pc.load.basis is LoadBasis.DATA else None
    return Component(
        id=pc.id,
        name=pc.name,
        kind=kind,
        technology=tech,
        description=pc.role,
        replicas=sized.replicas,
        read_replicas=sized.read_replicas,
        shards=sized.shards,
        public=pc.public,
        data_classes=sorted(classes, key=list(DataClass).index),
        encryption_at_rest=stateful,
        backups=backups,
        storage_gb=storage,
        region=None if kind in (Kind.CLIENT, *_EXTERNAL_KINDS) else region,
        zones=zones,
        observability=Observability(
            metrics=compute,
            logs=compute,
            traces=compute,
            health_check="/health" if compute else None,
        ),
        properties={
            "pattern": pattern,
            "sizing": sized.explanation,
            "peak_load_rps": round(load, 2),
            "request_rps": round(
                env.events_rps if pc.load.basis is LoadBasis.CONCURRENT else load, 2
            ),
        },
    )


def _connection(pc: Any, by_id: dict[str, Component]) -> Connection:
    source, target = by_id[pc.source], by_id[pc.target]
    protocol = pc.protocol
    for end in (target, source):
        if end.kind in (Kind.QUEUE, Kind.STREAM, Kind.CACHE) and end.technology:
            for word, proto in _PROTOCOL_BY_WORD:
                if word in end.technology:
                    protocol = proto
                    break
            break
    external = target.kind in _EXTERNAL_KINDS
    calls_out = source.kind is not Kind.CLIENT
    mode = pc.mode
    if mode is None and protocol in (
        Protocol.KAFKA,
        Protocol.AMQP,
        Protocol.SQS,
        Protocol.SNS,
        Protocol.PUBSUB,
        Protocol.NATS,
    ):
        mode = Mode.ASYNC
    sync = (mode or Mode.SYNC) is Mode.SYNC
    return Connection(
        source=pc.source,
        target=pc.target,
        protocol=protocol,
        mode=mode,
        auth=pc.auth,
        tls=True if calls_out else None,
        description=pc.description,
        timeout_ms=(10_000 if target.kind is Kind.LLM else 3_000 if external else 1_000)
        if sync and calls_out
        else None,
        retries=2 if sync and calls_out else 0,
        backoff=Backoff.EXPONENTIAL if sync and calls_out else Backoff.NONE,
        circuit_breaker=sync and external,
        idempotent=True if external and sync else None,
    )


def _journeys(
    raw: list[Any], by_id: dict[str, Component], connections: list[Connection]
) -> list[Journey]:
    edges = {(c.source, c.target) for c in connections}
    valid = [
        j
        for j in raw
        if all(s in by_id for s in j.steps) and all(e in edges for e in zip(j.steps, j.steps[1:]))
    ]
    if not valid:
        return []
    share = int(1000 / len(valid)) / 1000
    return [Journey(name=j.name, steps=list(j.steps), share=share) for j in valid]


def _boundaries(components: list[Component], region: str) -> list[Boundary]:
    inside = [c.id for c in components if c.region is not None]
    return [Boundary(id=region, name=region, type=BoundaryType.REGION, members=inside)]


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


def _sp(unit: str) -> str:
    return unit if unit in ("", "%") else f" {unit}"
