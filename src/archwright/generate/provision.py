"""Sizing a wired design from the load each component actually receives.

The envelope gives the peak; the load function spreads it over the wired graph (shares,
calls, cache misses); `sizing.size` turns each component's load into replicas, shards and
partitions with the target utilisation of sizing.yaml. The simulator then evaluates the
sized design at the recorded peak: a caller holds its slot while its synchronous callees
answer, which per-node throughput alone does not see, so any station above the target
utilisation is widened and the evaluation repeated. What is written is what `simulate`
sustains; redundancy.py then adds the replicas that survive a lost replica or zone.
"""

from __future__ import annotations

import math

from archwright.cost.traffic import Arrivals, arrivals
from archwright.generate.assemble import data_held, zones_for
from archwright.generate.redundancy import add_redundancy
from archwright.generate.sizing import (
    PARTITIONED,
    PROVIDER_SCALED,
    Envelope,
    Size,
    defaults,
    size,
    within_bounds,
)
from archwright.kb.capacity import resolve
from archwright.kb.catalog import Hosting, Technology
from archwright.kb.held import Payload, SampleFigure, per_record, per_text, sample_bytes
from archwright.kb.patterns import LoadBasis, PatternComponent
from archwright.kb.scoring import DATA_KINDS
from archwright.model import Architecture, Component, Kind, Requirements, Scale
from archwright.simulate.capacity import evaluate
from archwright.simulate.flow import build

_WIDEN_ROUNDS = 8
# Datastores widen by shards, and streams by partitions too.
_PARTITIONED_KINDS = PARTITIONED | {Kind.STREAM}


def record_load(req: Requirements, env: Envelope) -> Requirements:
    """The requirements with the load the design was sized for written into `scale`.

    `simulate`, `cost` and the audit default to these figures, so every engine reads the
    design at the same load; designing again from them gives the same envelope.
    """
    ratio = env.read_rps / env.write_rps if env.write_rps > 0 else None
    scale = req.scale.model_copy(
        update={
            "dau": req.scale.dau or round(env.dau, 3),
            "peak_rps": round(env.peak_rps, 3),
            "avg_rps": round(env.avg_rps, 3),
            "read_write_ratio": round(ratio, 6) if ratio else req.scale.read_write_ratio,
            "events_per_second": round(env.events_rps, 3),
            "concurrent": round(env.concurrent, 3),
            "data_gb": round(env.data_gb, 3),
        }
    )
    return req.model_copy(update={"scale": Scale.model_validate(scale.model_dump())})


def loads_at(arch: Architecture, rps: float) -> Arrivals:
    """Requests/s reaching every component when `rps` enters: the one load function
    (`cost.traffic.arrivals`: shares × calls, cache-aside misses, idle fallbacks,
    telemetry out of the path), so sizing, `simulate`, `cost` and the audit agree; with
    the cycles that did not settle, whose rates are a lower bound to size from."""
    return arrivals(arch, rps)


def provision(
    arch: Architecture,
    env: Envelope,
    roles: dict[str, PatternComponent],
    techs: dict[str, Technology | None],
    intended: dict[str, float],
    failover: int = 1,
) -> list[str]:
    """Size every component from its load at the recorded peak, then check by simulation.

    With `failover` regions sharing the load, each regional component is sized for
    `failover` times its share: one region must carry the whole peak when another fails.
    A component nothing calls (a poller) is sized from its `intended` envelope load.
    Returns the warnings to record with the design's assumptions: the cycles of calls
    whose load did not settle (`cost.traffic.Unsettled`), sized from a lower bound.
    """
    _pollers_share(arch, env, intended)
    found = loads_at(arch, env.peak_rps)
    loads = found.rates
    beside = payloads([roles[c.id] for c in arch.components])
    streamed = streamed_events(arch, loads)
    for comp in arch.components:
        role = roles[comp.id]
        tech = techs.get(comp.id)
        load = loads.get(comp.id, 0.0)
        load *= failover if comp.region else 1
        held = (LoadBasis.CONCURRENT, LoadBasis.DEVICES)
        if comp.kind is Kind.REALTIME_GATEWAY and role.load.basis in held:
            load = env.basis(role.load.basis, False) * role.load.share  # held connections
            comp.properties["connections"] = round(load)
        managed = _managed(tech)
        sample = sample_bytes(comp.kind, tech.name if tech else None)
        events = streamed.get(comp.id, 0.0)
        holds_gb = held_by(role, comp.kind, env, beside, events, _kb(sample))
        sized = size(comp.kind, tech, load, env, managed, holds_gb)
        _apply(comp, sized, env, load, loads.get(comp.id, 0.0))
        if events:
            _say_streamed(comp, events, env, holds_gb, sample)
        if comp.kind in STORED_KINDS:
            comp.storage_gb = round(holds_gb, 1) or None  # what it is sized and priced to hold
        if role.rate_limited:
            target = float(defaults()["defaults"]["target_utilization"])
            comp.rate_limit_rps = round(max(load, 1.0) / target, 1)
    _widen_until_sustained(arch, env.peak_rps * failover)
    add_redundancy(arch, env, _widenable(arch, techs))
    return found.warnings


def _managed(tech: Technology | None) -> bool:
    return tech is not None and tech.hosting is not Hosting.SELF_HOSTED


def _widenable(arch: Architecture, techs: dict[str, Technology | None]) -> frozenset[str]:
    """The components whose replicas sizing chose and placed in zones: not those the
    provider scales, nor a managed broker (the provider runs its brokers), nor a service
    availability reads as the provider's whole (`Profile.provider_run`: a SaaS or
    regional service is one unit at its SLA, which no replica of ours raises)."""
    profiles = resolve(arch)
    return frozenset(
        c.id
        for c in arch.components
        if c.zones
        and c.kind not in PROVIDER_SCALED
        and not profiles[c.id].provider_run
        and not (c.kind in (Kind.QUEUE, Kind.STREAM) and _managed(techs.get(c.id)))
    )


# The stores of payload bytes (files, media): beside one, the stated data is theirs.
BLOB_KINDS = frozenset({Kind.OBJECT_STORE, Kind.DATA_LAKE})
# The stores whose `storage_gb` is their held share: the data stores, and caches (their
# hot set). A broker's retention is not a share of the stated data, so it states none.
STORED_KINDS = DATA_KINDS | {Kind.CACHE}


def payloads(design: list[PatternComponent]) -> frozenset[Payload]:
    """What the design's blob stores hold: each one's declared `payload`, else other."""
    return frozenset(pc.payload or Payload.OTHER for pc in design if pc.kind in BLOB_KINDS)


def held_by(
    role: PatternComponent,
    kind: Kind,
    env: Envelope,
    beside: frozenset[Payload],
    events_rps: float = 0.0,
    event_kb: float | None = None,
) -> float:
    """GB a store of `kind` filling `role` holds: its share of the data (`data_held`),
    and at least the events the streams feeding it carry (`events_rps` at the peak,
    `Envelope.events_held_gb`, `event_kb` each: a time-series store's compressed
    sample, else a landed record): a lake lands every clickstream event, a time-series
    store every reading, however few writes the API takes. The two are not added:
    events landed are rows of the tables the share estimates, so the larger is what
    the store must hold."""
    own = _own_share(role, kind, env, beside)
    if role.held_gb is not None or events_rps <= 0:
        return own
    return max(own, env.events_held_gb(events_rps, event_kb))


def _kb(sample: SampleFigure | None) -> float | None:
    """KB of one stored sample (kb/held.yaml `samples`), None where events land as rows."""
    return sample.bytes / 1000 if sample is not None else None


def _own_share(
    role: PatternComponent, kind: Kind, env: Envelope, beside: frozenset[Payload]
) -> float:
    """The share of the stated data a store holds. Beside blob stores holding what the
    stated data counts (`beside`: video, file bytes), a store that keeps records about
    those items (its kind's rule in kb/held.yaml: a database row, an index entry, an
    embedding, an audit entry) holds that per record (`record_kb` per write over the
    horizon), not the bytes; a blob store that declares its payload holds those bytes.
    Beside text (pages, documents) a vector store holds its share as chunk embeddings,
    larger than the text (`per_text`). The sizing sizes the store for it and the scorer
    prices the store's candidates holding it: one share."""
    held = data_held(role, kind, env)
    if role.held_gb is not None or role.payload is not None:
        return held
    rule = per_record(kind, beside)
    if rule is None:
        ratio = per_text(kind, beside)
        return held * ratio if ratio is not None else held
    ratio = rule.gb_per_record_gb(float(defaults()["defaults"]["record_kb"]))
    return min(held, env.records_horizon_gb * min(role.load.share, 1.0) * ratio)


# The stores that land the events a stream delivers (Firehose to S3, a Kafka sink).
LANDING_KINDS = frozenset({Kind.DATA_LAKE, Kind.WAREHOUSE})
# The stores whose writers take every event of a stream (a telemetry writer reading a
# topic into a time-series store): they hold each reading, however batched the writes.
WRITTEN_KINDS = frozenset({Kind.TIMESERIES_DB})
_BROKERS = frozenset({Kind.STREAM, Kind.QUEUE})


def streamed_events(arch: Architecture, loads: dict[str, float]) -> dict[str, float]:
    """Peak events/s landing in each lake or warehouse, or written to a time-series
    store: the load of every stream or queue with a connection into it (a stream's
    deliveries to a lake are batched, so the connection's own rate counts files, not
    events), a time-series store's also through the writers that read one (a batch of
    100 readings is one write but 100 samples), and a warehouse also the events of the
    lakes its loaders read (an ETL job connected to both). Read from the wired graph, as
    only connections say which stream feeds which store."""
    kinds = {c.id: c.kind for c in arch.components}
    landed = {
        store: sum(loads.get(broker, 0.0) for broker in brokers)
        for store, brokers in _feeding_brokers(arch, kinds).items()
    }
    reads: dict[str, set[str]] = {}
    for conn in arch.connections:
        reads.setdefault(conn.source, set()).add(conn.target)
    out = dict(landed)
    for conn in arch.connections:
        if kinds.get(conn.target) is not Kind.WAREHOUSE:
            continue
        lakes = reads[conn.source]
        fed = sum(landed.get(lake, 0.0) for lake in lakes if kinds.get(lake) is Kind.DATA_LAKE)
        if fed > out.get(conn.target, 0.0):
            out[conn.target] = fed
    return out


def _feeding_brokers(arch: Architecture, kinds: dict[str, Kind]) -> dict[str, set[str]]:
    """The streams and queues whose events reach each landing or written store: those
    connected into it, and for a time-series store those its writers read. A set, so a
    stream two writers read into one store counts once."""
    fed_by: dict[str, set[str]] = {}
    for conn in arch.connections:
        if kinds.get(conn.source) in _BROKERS:
            fed_by.setdefault(conn.target, set()).add(conn.source)
    out: dict[str, set[str]] = {}
    for conn in arch.connections:
        kind = kinds.get(conn.target)
        if kind in LANDING_KINDS | WRITTEN_KINDS and kinds.get(conn.source) in _BROKERS:
            out.setdefault(conn.target, set()).add(conn.source)
        elif kind in WRITTEN_KINDS and conn.source in fed_by:
            out.setdefault(conn.target, set()).update(fed_by[conn.source])
    return out


def _say_streamed(
    comp: Component,
    events_rps: float,
    env: Envelope,
    held_gb: float,
    sample: SampleFigure | None,
) -> None:
    """Write why a landing store holds what it does when its streams decide it."""
    kb = _kb(sample)
    if held_gb > env.events_held_gb(events_rps, kb) + 1e-9:
        return
    peak_factor = defaults()["defaults"]["peak_factor"]
    each = (
        f"{sample.bytes:g} bytes a sample (one per reading)"
        if sample is not None
        else f"{env.landed_event_kb:g} KB"
    )
    what = "samples its writers take from the streams" if sample else "events its streams land"
    comp.properties["sizing"] = (
        f"{comp.properties.get('sizing', '')}; holds the {what}: "
        f"{_fmt_gb(held_gb)} = {events_rps:,.0f} events/s at the peak ÷ {peak_factor} "
        f"× 86,400 × 365 × {each} × {env.horizon_factor:.3g} years held at the horizon"
    )


def _fmt_gb(gb: float) -> str:
    return f"{gb / 1000:,.1f} TB" if gb >= 1000 else f"{gb:,.1f} GB"


def _pollers_share(arch: Architecture, env: Envelope, intended: dict[str, float]) -> None:
    """A component nothing calls polls (an outbox relay): record the work it does per
    request entering the system as its `share`, the traffic semantics' poller rule, so
    `simulate`, `cost` and the audit see its load and what it publishes downstream."""
    called = {c.target for c in arch.connections}
    for comp in arch.components:
        if comp.id in called or comp.kind is Kind.CLIENT or comp.public:
            continue
        work = intended.get(comp.id, 0.0)
        if work > 0 and env.peak_rps > 0:
            comp.share = round(min(work / env.peak_rps, 1.0), 6)


def _apply(comp: Component, sized: Size, env: Envelope, load: float, requests: float) -> None:
    """Write a size onto the component, with the load it was sized for and the requests
    per second it receives (what per-request prices are charged on)."""
    comp.replicas = within_bounds("replicas", sized.replicas, comp)
    comp.read_replicas = within_bounds("read_replicas", sized.read_replicas, comp)
    comp.shards = within_bounds("shards", sized.shards, comp)
    comp.instance_size = sized.instance_size
    if env.ha and comp.kind not in PROVIDER_SCALED and comp.region:
        comp.zones = zones_for(comp.region, sized.replicas)
    comp.properties.update(
        {
            "sizing": sized.explanation,
            "peak_load_rps": round(load, 2),
            "request_rps": round(requests, 2),
        }
    )


def _widen_until_sustained(arch: Architecture, rps: float) -> None:
    """Widen every station the simulator finds above the target utilisation at `rps`."""
    target = float(defaults()["defaults"]["target_utilization"])
    by_id = arch.components_by_id()
    for _ in range(_WIDEN_ROUNDS):
        net = build(arch)
        state = evaluate(net, rps)
        hot = [
            (cid, float(state.utilization[i]))
            for i, cid in enumerate(net.ids)
            if state.utilization[i] > target + 1e-9
        ]
        if not hot:
            return
        for cid, util in hot:
            _widen(by_id[cid], util / target if math.isfinite(util) else 4.0, util)


def _widen(comp: Component, factor: float, util: float) -> None:
    shown = f"{util:.0%}" if math.isfinite(util) else "saturated"
    if comp.kind in _PARTITIONED_KINDS:
        comp.shards = within_bounds(
            "shards", max(comp.shards + 1, math.ceil(comp.shards * factor)), comp
        )
        what = f"{comp.shards} shards"
    else:
        wider = max(comp.replicas + 1, math.ceil(comp.replicas * factor))
        comp.replicas = within_bounds("replicas", wider, comp)
        what = f"{comp.replicas} replicas"
    comp.properties["sizing"] = (
        f"{comp.properties.get('sizing', '')}; widened to {what}: the simulated "
        f"utilisation at the peak was {shown} (callers wait for their callees)"
    )


def role_holds(
    members: list[PatternComponent], kind: Kind, env: Envelope, design: list[PatternComponent]
) -> float | None:
    """GB the store of a role holds, for the scorer to price its candidates with (None
    for a role that stores none of the system's data: `kb.scoring.DATA_KINDS`). Roles
    given one technology are separate stores: the largest one's share is priced. The
    design's object stores are its pattern components' (`design`), as the role is chosen
    before components exist."""
    if kind not in DATA_KINDS:
        return None
    beside = payloads(design)
    return round(max(held_by(m, kind, env, beside) for m in members), 3)
