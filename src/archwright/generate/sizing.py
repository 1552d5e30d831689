"""Back-of-envelope sizing: requirements → load figures → replicas, shards and partitions.

Every figure is computed as a visible step (`Step`: what, formula, value) so the design
document can show the arithmetic, and every default used to fill a gap is returned as an
assumption. Replicas follow `ceil(load / (per-node throughput × target utilization))`
with the per-node throughput from the technology catalog; availability targets add a
floor of two (and redundancy.py a spare beyond the load, N+1); storage and write rate
decide shards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from archwright.kb.capacity import event_kb, memory_nodes, per_replica_rps, units_needed
from archwright.kb.catalog import Technology
from archwright.kb.patterns import LoadBasis
from archwright.model import Component, Kind, Requirements, Scale
from archwright.model.units import BOUNDS
from archwright.package_data import parsed_yaml


@cache
def defaults() -> dict[str, Any]:
    """The sizing defaults and fallback capacities (data, see sizing.yaml)."""
    data: dict[str, Any] = parsed_yaml("archwright.generate", "sizing.yaml")
    return data


@dataclass(frozen=True)
class Step:
    """One line of the back-of-envelope: a named figure and how it was reached."""

    name: str
    formula: str
    value: float
    unit: str


@dataclass
class Envelope:
    """The load figures a design is sized from."""

    dau: float
    avg_rps: float
    peak_rps: float
    read_rps: float
    write_rps: float
    events_rps: float
    concurrent: float
    data_gb: float
    data_horizon_gb: float
    bandwidth_mb_s: float
    hot_set_gb: float
    llm_rps: float
    media_rps: float
    availability: float
    steps: list[Step] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    # GB of records (`record_kb` per write) at the horizon: what a database holds when
    # the payload bytes (files, media) live in object storage.
    records_horizon_gb: float = 0.0
    # KB of one event a broker carries (`event_kb` of the stated payload), None when
    # unstated: a shard that caps bytes (`write_mb_per_s`) is sized for it.
    event_kb: float | None = None
    # The smallest designs (generate/proportion.py): one instance of each tier.
    single_instance: bool = False
    # Connected devices (`scale.devices`): each holds a broker connection (MQTT keeps it
    # open), so a device gateway is sized for all of them, not for the people online.
    devices: float = 0.0
    # Years of today's yearly volume held at the horizon: growth^horizon with a stated
    # growth (data today is a year's worth), else today's year plus `horizon` more.
    horizon_factor: float = 1.0

    @property
    def landed_event_kb(self) -> float:
        """KB a landed event takes: `event_kb`, or `record_kb` when no payload is stated."""
        return self.event_kb or float(defaults()["defaults"]["record_kb"])

    def events_held_gb(self, peak_events_rps: float, event_kb: float | None = None) -> float:
        """GB a store keeps at the horizon of events arriving at `peak_events_rps` at
        the peak: the daily average (peak ÷ peak factor) for a year, `event_kb` each
        (a time-series store's compressed sample), else `landed_event_kb`, grown as the
        records are (`horizon_factor`)."""
        peak_factor = defaults()["defaults"]["peak_factor"]
        kb = self.landed_event_kb if event_kb is None else event_kb
        yearly = peak_events_rps / peak_factor * 86_400 * 365 * kb / 1e6
        return float(yearly * self.horizon_factor)

    @property
    def ha(self) -> bool:
        """Whether the availability target needs two or more of everything."""
        if self.single_instance:
            return False
        return self.availability >= float(defaults()["defaults"]["ha_availability"])

    def basis(self, basis: LoadBasis, cached_reads: bool) -> float:
        """The figure a component with this load basis sees (before its share)."""
        hit = float(defaults()["defaults"]["cache_hit_ratio"]) if cached_reads else 0.0
        return {
            LoadBasis.EDGE: self.peak_rps,
            LoadBasis.READS: self.read_rps,
            LoadBasis.WRITES: self.write_rps,
            LoadBasis.EVENTS: self.events_rps,
            LoadBasis.CONCURRENT: self.concurrent,
            LoadBasis.DEVICES: self.devices or self.concurrent,
            LoadBasis.MEDIA: self.media_rps,
            LoadBasis.LLM: self.llm_rps,
            LoadBasis.DATA: self.write_rps + self.read_rps * (1 - hit),
            LoadBasis.BACKGROUND: 1.0,
        }[basis]


def _fmt(value: float) -> str:
    if value >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"


def envelope(req: Requirements) -> Envelope:
    """The back-of-envelope for a set of requirements, with its steps and assumptions."""
    d = defaults()["defaults"]
    scale = req.scale
    steps: list[Step] = []
    assumed: list[str] = []
    dau = _daily_users(scale, d, steps, assumed)
    avg_rps, peak_rps = _request_rates(scale, d, dau, steps, assumed)
    read_rps, write_rps, events_rps = _read_write(scale, d, peak_rps, steps, assumed)
    concurrent = _concurrent(scale, d, dau, steps, assumed)
    stored = _storage(scale, d, write_rps, steps, assumed)
    bandwidth = _bandwidth(scale, d, peak_rps, steps, assumed)
    hot = _hot_set(d, stored.data_gb, read_rps, dau, steps)
    llm_rps = peak_rps * d["llm_share"]
    media_rps = write_rps * d["media_share"]
    availability = _availability(req, d, dau, assumed)
    return Envelope(
        dau=dau,
        avg_rps=avg_rps,
        peak_rps=peak_rps,
        read_rps=read_rps,
        write_rps=write_rps,
        events_rps=events_rps,
        concurrent=concurrent,
        data_gb=stored.data_gb,
        data_horizon_gb=stored.horizon_gb,
        bandwidth_mb_s=bandwidth,
        hot_set_gb=hot,
        llm_rps=llm_rps,
        media_rps=media_rps,
        availability=availability,
        steps=steps,
        assumptions=assumed,
        records_horizon_gb=min(stored.records_gb, stored.horizon_gb),
        event_kb=event_kb(scale.payload_kb),
        devices=scale.devices or 0.0,
        horizon_factor=stored.years_held,
    )


def _daily_users(scale: Scale, d: dict[str, Any], steps: list[Step], assumed: list[str]) -> float:
    """Daily active users: stated, else from MAU, concurrent users or the request rate,
    else the default, so every later figure has a population to start from."""
    if scale.dau:
        dau = scale.dau
    elif scale.mau:
        dau = scale.mau * d["dau_per_mau"]
        assumed.append(f"DAU = {d['dau_per_mau']:g} × MAU (typical stickiness)")
        steps.append(
            Step("daily active users", f"{_fmt(scale.mau)} MAU × {d['dau_per_mau']}", dau, "users")
        )
    elif scale.concurrent:
        dau = scale.concurrent / d["concurrent_per_dau"]
        assumed.append(f"DAU = concurrent ÷ {d['concurrent_per_dau']:g} (share online at the peak)")
    elif scale.peak_rps or scale.avg_rps:
        avg = scale.avg_rps or (scale.peak_rps or 0) / d["peak_factor"]
        dau = avg * 86_400 / d["requests_per_user_per_day"]
    else:
        dau = float(d["dau"])
        assumed.append(f"no scale given: sized for {d['dau']:,} daily active users")
    return dau


def _request_rates(
    scale: Scale, d: dict[str, Any], dau: float, steps: list[Step], assumed: list[str]
) -> tuple[float, float]:
    """The average and peak request rates, each stated or derived from the other or from
    the users, since replicas are sized for the peak."""
    per_user = d["requests_per_user_per_day"]
    if scale.avg_rps:
        avg_rps = scale.avg_rps
    elif scale.peak_rps:
        avg_rps = scale.peak_rps / d["peak_factor"]
        assumed.append(f"average load = peak ÷ {d['peak_factor']} (peak factor)")
    else:
        avg_rps = dau * per_user / 86_400
        assumed.append(f"{per_user} requests per active user per day")
        steps.append(
            Step(
                "average QPS", f"{_fmt(dau)} DAU × {per_user} requests ÷ 86,400 s", avg_rps, "req/s"
            )
        )
    if scale.peak_rps:
        peak_rps = scale.peak_rps
    else:
        peak_rps = avg_rps * d["peak_factor"]
        assumed.append(f"peak = {d['peak_factor']}× the daily average")
        steps.append(
            Step(
                "peak QPS",
                f"{_fmt(avg_rps)} req/s × {d['peak_factor']} peak factor",
                peak_rps,
                "req/s",
            )
        )
    return avg_rps, peak_rps


def _read_write(
    scale: Scale, d: dict[str, Any], peak_rps: float, steps: list[Step], assumed: list[str]
) -> tuple[float, float, float]:
    """The peak split into reads and writes by the read/write ratio, and the event rate
    (stated, else one event per write): caches size for reads, stores and brokers for writes."""
    ratio = scale.read_write_ratio
    if ratio is None:
        ratio = float(d["read_write_ratio"])
        assumed.append(f"{ratio:g} reads per write")
    write_rps = peak_rps / (ratio + 1)
    read_rps = peak_rps - write_rps
    steps.append(Step("peak writes", f"{_fmt(peak_rps)} ÷ ({ratio:g} + 1)", write_rps, "req/s"))
    steps.append(Step("peak reads", f"{_fmt(peak_rps)} − {_fmt(write_rps)}", read_rps, "req/s"))
    events_rps = scale.events_per_second or write_rps
    if scale.events_per_second:
        steps.append(Step("events", "stated", events_rps, "events/s"))
    return read_rps, write_rps, events_rps


def _concurrent(
    scale: Scale, d: dict[str, Any], dau: float, steps: list[Step], assumed: list[str]
) -> float:
    """Connections open at the peak (stated, else a share of the daily users), which
    realtime gateways are sized for."""
    concurrent = scale.concurrent or dau * d["concurrent_per_dau"]
    if not scale.concurrent:
        assumed.append(f"{d['concurrent_per_dau']:.0%} of daily users connected at the peak")
    steps.append(
        Step(
            "concurrent connections",
            "stated" if scale.concurrent else f"{_fmt(dau)} DAU × {d['concurrent_per_dau']}",
            concurrent,
            "connections",
        )
    )
    return concurrent


@dataclass(frozen=True)
class _Stored:
    """The data figures reached together: today's GB, the GB at the horizon, the records'
    GB at the horizon and how many years of today's volume that horizon holds."""

    data_gb: float
    horizon_gb: float
    records_gb: float
    years_held: float


def _storage(
    scale: Scale, d: dict[str, Any], write_rps: float, steps: list[Step], assumed: list[str]
) -> _Stored:
    """Data today (stated, else a year of writes) and grown to the horizon, which decides
    shards and disk."""
    record_kb = d["record_kb"]
    horizon = d["horizon_years"]
    yearly_gb = (write_rps / d["peak_factor"]) * 86_400 * 365 * record_kb / 1e6
    if scale.data_gb:
        data_gb = scale.data_gb
    else:
        data_gb = yearly_gb
        assumed.append(f"{record_kb} KB stored per write; data today = one year of writes")
        steps.append(
            Step(
                "data per year",
                f"{_fmt(write_rps / d['peak_factor'])} writes/s avg × "
                f"86,400 × 365 × {record_kb} KB",
                yearly_gb,
                "GB",
            )
        )
    if scale.growth_per_year:
        horizon_gb = data_gb * scale.growth_per_year**horizon
        formula = f"{_fmt(data_gb)} GB × {scale.growth_per_year:g}^{horizon} years"
        years_held = scale.growth_per_year**horizon
    else:
        horizon_gb = data_gb + horizon * yearly_gb
        formula = f"{_fmt(data_gb)} GB + {horizon} × {_fmt(yearly_gb)} GB/year"
        years_held = 1 + horizon
    records_gb = yearly_gb * years_held
    steps.append(Step(f"storage in {horizon} years", formula, horizon_gb, "GB"))
    return _Stored(data_gb, horizon_gb, records_gb, years_held)


def _bandwidth(
    scale: Scale, d: dict[str, Any], peak_rps: float, steps: list[Step], assumed: list[str]
) -> float:
    """Peak MB/s in and out (requests × payload), which the edge and egress are sized for."""
    payload = scale.payload_kb or d["payload_kb"]
    if not scale.payload_kb:
        assumed.append(f"{payload} KB per request and response")
    bandwidth = peak_rps * payload / 1000
    steps.append(
        Step("peak bandwidth", f"{_fmt(peak_rps)} req/s × {payload:g} KB", bandwidth, "MB/s")
    )
    return bandwidth


def _hot_set(
    d: dict[str, Any], data_gb: float, read_rps: float, dau: float, steps: list[Step]
) -> float:
    """GB of the hot set a cache holds, bounded three ways so a small or read-light design
    is not given a cache the size of its data."""
    # The 80/20 rule: a fifth of a day's reads (at `record_kb` each) takes most reads;
    # never more than that share of the data, nor `hot_kb_per_user` per active user.
    daily_reads_gb = read_rps / d["peak_factor"] * 86_400 * d["record_kb"] / 1e6
    hot: float = min(
        data_gb * d["hot_fraction"],
        daily_reads_gb * d["hot_fraction"],
        dau * d["hot_kb_per_user"] / 1e6,
    )
    steps.append(
        Step(
            "cache memory (hot set)",
            f"min({d['hot_fraction']} × {_fmt(data_gb)} GB, {d['hot_fraction']} × "
            f"{_fmt(daily_reads_gb)} GB read a day, {_fmt(dau)} DAU × "
            f"{d['hot_kb_per_user']} KB)",
            hot,
            "GB",
        )
    )
    return hot


def _availability(req: Requirements, d: dict[str, Any], dau: float, assumed: list[str]) -> float:
    """The availability target: stated, else the default for consumer or small scale,
    which decides whether everything runs two or more."""
    if req.slo.availability is not None:
        return req.slo.availability
    consumer = dau >= d["consumer_dau"]
    availability: float = d["availability_consumer"] if consumer else d["availability_small"]
    assumed.append(
        f"availability target {availability}% ({'consumer' if consumer else 'small'} "
        "scale, none stated)"
    )
    return availability


@dataclass(frozen=True)
class Size:
    replicas: int
    read_replicas: int
    shards: int
    explanation: str
    instance_size: str | None = None  # an instance class among the price's `sizes`


# Kinds whose capacity the provider scales: one logical instance, nothing to size.
PROVIDER_SCALED: frozenset[Kind] = frozenset(
    {
        Kind.CLIENT,
        Kind.CDN,
        Kind.DNS,
        Kind.WAF,
        Kind.OBJECT_STORE,
        Kind.IDENTITY,
        Kind.SECRETS,
        Kind.NOTIFICATION,
        Kind.PAYMENT,
        Kind.EXTERNAL_API,
        Kind.LLM,
        Kind.MONITORING,
        Kind.LOGGING,
        Kind.TRACING,
        Kind.WAREHOUSE,
        Kind.DATA_LAKE,
        Kind.BATCH_PROCESSOR,
        Kind.SCHEDULER,
        Kind.FUNCTION,
    }
)
PARTITIONED = frozenset(
    {
        Kind.SQL_DB,
        Kind.NOSQL_DB,
        Kind.CACHE,
        Kind.SEARCH_INDEX,
        Kind.VECTOR_DB,
        Kind.GRAPH_DB,
        Kind.TIMESERIES_DB,
        Kind.FEATURE_STORE,
    }
)


def size(
    kind: Kind,
    tech: Technology | None,
    load: float,
    env: Envelope,
    managed: bool,
    data_gb: float = 0.0,
) -> Size:
    """Replicas, read replicas and shards for one component under `load` (per second)."""
    d = defaults()["defaults"]
    util = d["target_utilization"]
    floor = 2 if env.ha else 1
    if kind is Kind.OBJECT_STORE and tech is not None and load > 0:
        prefixes = max(1, math.ceil(load / (tech.capacity.throughput_rps * util)))
        return Size(
            1,
            0,
            prefixes,
            f"scaled by the provider; {prefixes} key prefixes = ceil({_fmt(load)}/s ÷ "
            f"({_fmt(tech.capacity.throughput_rps)}/s per prefix × {util}))",
        )
    if kind in PROVIDER_SCALED:
        return Size(1, 0, 1, "scaled by the provider; one logical instance")
    if tech is not None and any(p.serverless for p in tech.prices.values()):
        copies = 3 if env.ha and kind in PARTITIONED else floor
        return _size_serverless(tech, load, copies)
    if kind is Kind.REALTIME_GATEWAY:
        per_node = (
            tech.capacity.max_connections
            if tech and tech.capacity.max_connections
            else defaults()["fallback_connections_per_node"]
        )
        need = math.ceil(load / (per_node * util))
        replicas = max(floor, need)
        return Size(
            replicas,
            0,
            1,
            f"ceil({_fmt(load)} connections ÷ ({_fmt(per_node)} per "
            f"node × {util})) = {need}; minimum {floor}",
        )
    per_node = per_replica_rps(tech, kind)
    need = math.ceil(load / (per_node * util)) if load > 0 else 1
    basic = f"ceil({_fmt(load)}/s ÷ ({_fmt(per_node)}/s per node × {util})) = {need}"
    if kind in (Kind.QUEUE, Kind.STREAM):
        return _size_broker(tech, load, env, managed, need, basic)
    if kind not in PARTITIONED:
        replicas = max(floor, need)
        return Size(replicas, 0, 1, f"{basic}; minimum {floor}")
    return _size_datastore(kind, tech, load, env, per_node, floor, data_gb)


def _size_broker(
    tech: Technology | None, load: float, env: Envelope, managed: bool, need: int, basic: str
) -> Size:
    """Brokers and partitions: a partition per `partition_rps` events, and at least the
    units `units_needed` gives (the scorer's definition: a unit's records/s, and where
    the catalog caps a unit's bytes, `write_mb_per_s`, the stated event size over it)."""
    d = defaults()["defaults"]
    units = need
    if tech is not None and load > 0:
        units = max(need, units_needed(tech, load, env.event_kb, d["target_utilization"]))
    partitions = max(1, math.ceil(load / d["partition_rps"]), units)
    nodes = 1 if managed else max(3 if env.ha else 1, need)
    text = "managed: the provider runs the brokers" if managed else f"{basic} brokers"
    text += (
        f"; {partitions} partitions = max(ceil({_fmt(load)}/s ÷ {d['partition_rps']}/s), {units}"
    )
    if units > need and env.event_kb:
        text += f": {_fmt(load)} events/s × {env.event_kb:g} KB over the unit's byte cap"
    return Size(nodes, 0, partitions, text + ")")


def instance_size(
    tech: Technology | None, load: float, writes: float, by_storage: int, util: float
) -> str | None:
    """The smallest instance class the catalog lists that carries the load with the
    target utilisation's headroom, or None for the priced unit itself.

    Where one unit would carry the whole load, the smallest class that still does: a
    two-user tool does not pay for an xlarge. Where the unit's writes would need
    sharding, the smallest larger class whose primary takes them: a bigger primary comes
    before a sharded schema. Data too large for one node is sharded whatever the class.
    """
    price = next((p for p in tech.prices.values() if p.sizes), None) if tech else None
    if price is None or price.vcpus is None or by_storage > 1:
        return None
    unit = per_replica_rps(tech, Kind.SQL_DB)
    if load <= unit * util:
        fits = [s for s in price.sizes if s.vcpus < price.vcpus]
        need = load
    elif writes > unit * util:
        fits = [s for s in price.sizes if s.vcpus > price.vcpus]
        need = writes
    else:
        return None
    return next(
        (s.sku for s in fits if need <= per_replica_rps(tech, Kind.SQL_DB, s.sku) * util), None
    )


def _size_serverless(tech: Technology, load: float, copies: int) -> Size:
    """A service billed by use: one logical instance whose quota is counted in the
    provider's own units (requests/s per table or account), not in replicas. `copies`
    are the zone copies the provider keeps (what availability counts); the price bills
    requests, never copies (`Price.serverless`)."""
    util = defaults()["defaults"]["target_utilization"]
    per_unit = tech.capacity.throughput_rps
    units = max(1, math.ceil(load / (per_unit * util))) if load > 0 else 1
    return Size(
        copies,
        0,
        units,
        f"serverless, billed per request ({copies} zone cop{'ies' if copies > 1 else 'y'} "
        f"kept by the provider, not billed): {_fmt(load)} requests/s at the peak needs "
        f"{units} quota unit(s) of {_fmt(per_unit)}/s ({tech.capacity.source}) at "
        f"{util:.0%}; raise the quota before launch when above one unit",
    )


def _size_datastore(
    kind: Kind,
    tech: Technology | None,
    load: float,
    env: Envelope,
    per_node: float,
    floor: int,
    data: float,
) -> Size:
    d = defaults()["defaults"]
    util = d["target_utilization"]
    if tech is not None and tech.capacity.max_storage_gb:
        node_gb = tech.capacity.max_storage_gb
    else:
        node_gb = float(defaults()["fallback_storage_gb"].get(kind.value, 2000))
    by_storage = math.ceil(data / (node_gb * d["storage_fill"])) if data > 0 else 1
    if kind is Kind.SQL_DB:
        writes = min(load, env.write_rps)
        sku = instance_size(tech, load, writes, by_storage, util)
        per_node = per_replica_rps(tech, kind, sku)
        by_writes = math.ceil(writes / (per_node * util)) if writes > 0 else 1
        shards = max(1, by_storage, by_writes)
        reads = max(load - writes, 0.0)
        read_replicas = max(0, math.ceil(reads / shards / (per_node * util)) - 1)
        text = (
            f"shards = max(storage ceil({_fmt(data)} GB ÷ ({_fmt(node_gb)} GB × "
            f"{d['storage_fill']})) = {by_storage}, writes ceil({_fmt(writes)}/s ÷ "
            f"({_fmt(per_node)}/s × {util})) = {by_writes}); read replicas for "
            f"{_fmt(reads)} reads/s = {read_replicas}; {floor} instance(s) per shard"
        )
        if sku is not None:
            text += f"; instance class {sku}, the smallest listed that carries it"
        return Size(floor, read_replicas, shards, text, sku)
    by_load = math.ceil(load / (per_node * util)) if load > 0 else 1
    by_memory = memory_nodes(tech, data, d["storage_fill"])
    shards = max(1, by_storage, by_load, by_memory)
    replicas = 3 if env.ha and kind is Kind.NOSQL_DB else floor
    memory = tech.capacity.in_memory if tech is not None else None
    in_ram = (
        f", memory ceil({_fmt(data)} GB × {memory.per_data_gb:g} ÷ ({memory.node_gb:g} GB × "
        f"{d['storage_fill']})) = {by_memory} for the index held in memory"
        if memory is not None
        else ""
    )
    text = (
        f"shards = max(ceil({_fmt(data)} GB ÷ ({_fmt(node_gb)} GB × {d['storage_fill']})) = "
        f"{by_storage}, ceil({_fmt(load)}/s ÷ ({_fmt(per_node)}/s × {util})) = {by_load}"
        f"{in_ram}); {replicas} cop{'ies' if replicas > 1 else 'y'} of each"
    )
    if shards > 1 and tech is not None and any(p.scales_up for p in tech.prices.values()):
        text += f" (it does not shard: each copy is one node {shards} times the priced size)"
    return Size(replicas, 0, shards, text)


def within_bounds(field: str, value: int, comp: Component) -> int:
    """`value` held to the model's bound for `field` (model.units.BOUNDS).

    A count past the bound is not a design anyone can run (and the file would not load
    back), so it is capped and the cap is written where the sizing is explained; the
    simulated check then reports whatever the capped component cannot carry.
    """
    bound = BOUNDS[field]
    high, low = int(bound.high), int(bound.low)
    if value <= high:
        return max(value, low)
    note = f"{field} capped at the model's bound of {high:,} (the load asked for {value:,})"
    comp.properties["sizing_capped"] = [*comp.properties.get("sizing_capped", []), note]
    return high
