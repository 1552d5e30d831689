"""How many GB a design moves in a month, per component: to users and between zones.

Transfer is billed apart from the boxes that cause it and, for media, dwarfs them:
20M daily viewers streaming two hours of HD video is exabytes a month. The volumes are
worked out here from the recorded load (`arrival_rates` at the design's average) and
the usage figures of `kb/transfer.yaml`; `kb.pricing.price_component` prices them with
the other terms of the component's line, so the estimate has one total.

- Out to users: a CDN delivers its responses (video and audio: hours watched or
  listened × GB per hour, as a low/point/high range); a public entry point that is not
  a CDN sends its responses to the internet at the cloud's egress tiers. A WAF or DNS in
  front carries no payload of its own.
- Between zones: a synchronous call between two components spread over zones of one
  region crosses a zone on (zones − 1) / zones of calls, request and response both.
  Regional managed services (object stores, queues, request-priced stores) are reached
  through regional endpoints, and a load balancer forwards across zones for free, so no
  crossing is counted for them.
- Through NAT: workloads in private subnets (spread over zones, not public, not a
  regional endpoint) reach everything outside the network — third-party APIs, the
  provider's regional endpoints, its zoneless services — through NAT gateways, which
  bill per gateway-hour and per GB processed (`nat_use`). The exported network has a
  public and a private subnet per zone, with a NAT gateway each (`network_zones`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from archwright.cost.traffic import FlowGraph, FlowRole, propagate
from archwright.cost.zones import zones_spanned
from archwright.kb.pricing import nodes
from archwright.kb.transfer import Volume, load_transfer
from archwright.model import KIND_GROUP, Architecture, Component, Kind, KindGroup

SECONDS_PER_MONTH = 730 * 3600
DAYS_PER_MONTH = 730 / 24
KB_PER_GB = 1e6
# Public kinds that send responses to the internet themselves (the rest pass them on).
_SENDERS = frozenset(
    {Kind.LOAD_BALANCER, Kind.API_GATEWAY, Kind.REALTIME_GATEWAY, Kind.WEB_FRONTEND, Kind.SERVICE}
)
VIDEO = "video"
AUDIO = "audio"
WEBRTC = "webrtc"
CALL = "call"
PAYLOAD = "payload"
# A stated size's types, built once: `int | float` made a new union on each of the tens
# of thousands of calls a large design's estimate makes.
_NUMBER = (int, float)
# Provider-run routers whose cross-zone forwarding is free (an ALB to its targets).
_FREE_CROSSING = frozenset({Kind.LOAD_BALANCER, Kind.API_GATEWAY})
# KB one response carries: low, point, high.
Range = tuple[float, float, float]


def response_kb(
    arch: Architecture, comp: Component, objects: frozenset[str] | None = None
) -> float:
    """KB one response carries: the component's `response_kb`, the requirements'
    payload where it flows (`response_range`), else the usage default of
    kb/transfer.yaml."""
    return response_range(arch, comp, objects)[1]


def response_range(
    arch: Architecture, comp: Component, objects: frozenset[str] | None = None
) -> tuple[float, float, float]:
    """KB one response carries, low, point and high: the stated size three times, or
    the usage default's range when nothing states it (the size is then assumed).

    The requirements' `payload_kb` is the size of what the design serves. Within the
    range of an API response (kb/transfer.yaml's payload range, up to its high end) it
    is every response's size. Above it, it is a media object (a photo, a video segment,
    a file): those bytes flow from the object stores holding them and the CDNs in front
    of those (`object_carriers`; uploads go to the store on pre-signed URLs), so only
    they answer with it. A load balancer, the services, databases and queues still
    carry API responses: pricing them at the object's size billed every API call as a
    download. `objects` is `object_carriers(arch)` when the caller already has it."""
    return _Sizes(arch, objects).of(comp)


class _Sizes:
    """`response_range`'s answers for one design: what it reads of the design (the
    requirements' payload, the usage default, the object carriers) read once, so a
    component's answer costs its own `response_kb` alone."""

    def __init__(self, arch: Architecture, objects: frozenset[str] | None) -> None:
        usage = load_transfer().usage.payload_kb
        kb = arch.requirements.scale.payload_kb
        self.default: Range = (usage.low, usage.point, usage.high)
        self.design: Range | None = (kb, kb, kb) if kb else None
        self.everywhere = kb <= usage.high if kb else False
        self.arch, self.objects = arch, objects

    def of(self, comp: Component) -> Range:
        stated = comp.properties.get("response_kb")
        if stated is not None and isinstance(stated, _NUMBER) and stated > 0:
            return float(stated), float(stated), float(stated)
        if self.design is None:
            return self.default
        if self.everywhere:
            return self.design
        if self.objects is None:
            self.objects = object_carriers(self.arch)
        return self.design if comp.id in self.objects else self.default


def object_carriers(arch: Architecture) -> frozenset[str]:
    """The components whose responses are the stored objects: object stores the design
    writes or reads at run time (a caller other than a CDN: uploads, processors), and
    the CDNs serving from them. A store only a CDN reads holds the front end's static
    build (scripts, styles, icons), deployed with it: web-request sized, not media."""
    by_id = arch.components_by_id()
    stores = {c.id for c in arch.components if c.kind is Kind.OBJECT_STORE}
    held = {
        conn.target
        for conn in arch.connections
        if conn.target in stores
        and conn.source in by_id
        and by_id[conn.source].kind is not Kind.CDN
    }
    cdns = {
        conn.source
        for conn in arch.connections
        if conn.target in held and conn.source in by_id and by_id[conn.source].kind is Kind.CDN
    }
    return frozenset(held | cdns)


def response_ranges(arch: Architecture) -> dict[str, Range]:
    """`response_range` of every component, by id, found once (`carried`): the volumes,
    the request sizes and the NAT use each asked it per flow (30,000 times for a
    10,000-component model), and the answer depends on the component alone."""
    of = _Sizes(arch, None).of  # finds the object carriers if a size needs them
    return {c.id: of(c) for c in arch.components}


@dataclass(frozen=True)
class Carried:
    """The design's flows at its average load, and what the transfer terms read of each
    flow and component, worked out once per estimate (`carried`): the volumes, the
    request sizes and the NAT use each walked the flows computing the same rate and KB
    per call, and read the same fields of each component (a pydantic read is ~0.14 us;
    at 10,000 components the three walks and their sizes were half the estimate).
    Lists are in the graph's order (`graph.ids`, the model's component order;
    `graph.flows`)."""

    graph: FlowGraph
    avg_rps: float
    lam: list[float]  # requests/s arriving at each component
    rates: list[float]  # requests/s each flow carries: its caller's rate x its own
    kb: list[float]  # KB per call of each flow: its `payload_kb`, else the target's response
    ranges: dict[str, Range]  # `response_ranges`
    zones: list[int]  # how many zones each component spreads over
    regions: list[str | None]
    kinds: list[Kind]
    public: list[bool]


def carried(
    arch: Architecture, graph: FlowGraph, avg_rps: float, lam: list[float] | None = None
) -> Carried:
    """`Carried` at `avg_rps` entering; `lam` is `propagate(graph, avg_rps).rates` when
    the caller already has them (no load: every rate is 0)."""
    if lam is None:
        lam = propagate(graph, avg_rps).rates if avg_rps > 0 else [0.0] * len(graph.ids)
    ranges = response_ranges(arch)
    rates = [lam[s] * f.rate for s, f in zip(graph.source, graph.flows)]
    kb = [f.connection.payload_kb or ranges[f.target][1] for f in graph.flows]
    comps = arch.components
    return Carried(
        graph,
        avg_rps,
        lam,
        rates,
        kb,
        ranges,
        [len(c.zones) for c in comps],
        [c.region for c in comps],
        [c.kind for c in comps],
        [c.public for c in comps],
    )


def volumes(arch: Architecture, load: Carried, regional: frozenset[str]) -> dict[str, Volume]:
    """GB per component per month at the design's average load (`load`).

    `regional`: components reached through a regional endpoint (request-priced managed
    services such as DynamoDB, Timestream, Kinesis), where no zone crossing is billed."""
    if load.avg_rps <= 0:
        return {}
    out: dict[str, Volume] = {}
    kinds, public = load.kinds, load.public
    for i, comp in enumerate(arch.components):
        # what `_out` may answer for: WebRTC servers, CDNs and public components
        if kinds[i] is Kind.CDN or public[i] or WEBRTC in comp.tags:
            vol = _out(arch, comp, load, i)
            if vol is not None:
                out[comp.id] = vol
    graph, ids = load.graph, load.graph.ids
    crossed: dict[str, float] = {}  # GB per caller, added in flow order
    zones = load.zones
    for k, (flow, src, dst) in enumerate(zip(graph.flows, graph.source, graph.target)):
        if flow.role is not FlowRole.CALL or not flow.sync:
            continue
        if not zones[src] or zones[dst] < 2:  # `_crossing`'s first test, before the call
            continue
        share = 0.0 if ids[dst] in regional else _crossing(load, src, dst)
        if share <= 0:
            continue
        calls = load.rates[k] * SECONDS_PER_MONTH
        gb = calls * load.kb[k] * share / KB_PER_GB
        caller = ids[src]
        if caller not in crossed:
            crossed[caller] = out[caller].inter_zone_gb if caller in out else 0.0
        crossed[caller] += gb
    # one copy per caller, not one per call (dataclasses.replace is slow), and a new
    # volume for a caller that sends nothing to users
    for cid, gb in crossed.items():
        sent = out.get(cid)
        out[cid] = Volume(inter_zone_gb=gb) if sent is None else replace(sent, inter_zone_gb=gb)
    return out


def _out(arch: Architecture, comp: Component, load: Carried, i: int) -> Volume | None:
    """What component `i` sends to users: WebRTC media, a CDN's deliveries, a public
    sender's responses; None for the rest."""
    if WEBRTC in comp.tags:
        return _calls(arch, comp)
    kind = load.kinds[i]
    if kind is Kind.CDN:
        for medium in (VIDEO, AUDIO):
            if medium in comp.tags or comp.properties.get("delivers") == medium:
                return _streamed(arch, medium)
        return _responses(comp, load.lam[i], load.ranges[comp.id], cdn=True)
    if not load.public[i] or kind not in _SENDERS:
        return None
    return _responses(comp, load.lam[i], load.ranges[comp.id], cdn=False)


def _responses(comp: Component, rps: float, kb: Range, *, cdn: bool) -> Volume | None:
    """GB of responses sent to users: responses a month × KB each (`kb`: the component's
    `response_range`), a range when the size is assumed (kb/transfer.yaml's payload
    range)."""
    low, point, high = kb
    responses = rps * SECONDS_PER_MONTH
    if responses <= 0:
        return None
    how = f"{responses / 1e6:,.1f}M responses x {point:g} KB"
    if low != high:
        how += f" (assumed; range {low:g}-{high:g} KB)"
    gb = responses / KB_PER_GB
    assumed = PAYLOAD if low != high else ""
    return Volume(gb * point, gb * low, gb * high, 0.0, cdn, how, assumed)


def _streamed(arch: Architecture, medium: str) -> Volume:
    """Media a CDN streams (video or audio): daily users × hours watched or listened ×
    days × GB per hour at the medium's quality range (kb/transfer.yaml). Priced by
    hours, not requests, because a player fetches segments whose size the bitrate sets."""
    usage = load_transfer().usage
    scale = arch.requirements.scale
    hours = scale.watch_hours_per_user_day or usage.watch_hours_per_user_day
    users = scale.dau or 0.0
    watched = users * hours * DAYS_PER_MONTH
    per = usage.video_gb_per_hour if medium == VIDEO else usage.audio_gb_per_hour
    how = (
        f"{users:,.0f} DAU x {hours:g} h/day x {DAYS_PER_MONTH:.1f} days = "
        f"{watched / 1e6:,.1f}M hours at {per.point:g} GB/h "
        f"(range {per.low:g}-{per.high:g} GB/h)"
    )
    return Volume(
        watched * per.point, watched * per.low, watched * per.high, 0.0, True, how, medium
    )


def _calls(arch: Architecture, comp: Component) -> Volume | None:
    """Media a WebRTC server sends: its connections (at the average, the peak's share of
    the recorded load) × the bitrate each participant receives (a low/point/high range)."""
    connections, ratio = _held(arch, comp)
    streams = connections * ratio
    per = load_transfer().usage.call_mbps
    seconds_gb = SECONDS_PER_MONTH / 8 / 1000  # Mbit/s held a month, in GB

    def gb(mbps: float) -> float:
        return streams * mbps * seconds_gb

    how = (
        f"{connections:,.0f} connections at the peak x {ratio:.2f} on average x "
        f"{per.point:g} Mbit/s (range {per.low:g}-{per.high:g})"
    )
    if streams <= 0:
        return None
    return Volume(gb(per.point), gb(per.low), gb(per.high), 0.0, False, how, CALL)


def connection_scale(arch: Architecture) -> tuple[float, float]:
    """The connections a component holds at the peak when it states none (the
    requirements' concurrent users), and the average's share of the peak (the recorded
    load's ratio): the design's part of `average_connections`, read once by a caller
    asking for every component."""
    load = arch.requirements.scale
    peak = load.concurrent or 0.0
    ratio = (load.avg_rps / load.peak_rps) if load.avg_rps and load.peak_rps else 1.0
    return peak, ratio


def _held(
    arch: Architecture, comp: Component, scale: tuple[float, float] | None = None
) -> tuple[float, float]:
    """Connections `comp` holds at the peak (its `connections`, else the requirements'
    concurrent users) and the average's share of the peak (`connection_scale`)."""
    peak, ratio = scale if scale is not None else connection_scale(arch)
    held = comp.properties.get("connections")
    connections = float(held) if isinstance(held, _NUMBER) else peak
    return connections, ratio


def average_connections(
    arch: Architecture, comp: Component, scale: tuple[float, float] | None = None
) -> float:
    """Connections `comp` holds on average over the month: the peak's connections times
    the average's share of the peak load (connection-minutes are billed on it). `scale`
    is `connection_scale(arch)` when the caller already has it."""
    connections, ratio = _held(arch, comp, scale)
    return connections * ratio


def _crossing(load: Carried, src: int, dst: int) -> float:
    """Share of calls from component `src` to `dst` that cross a zone: both spread over
    zones of one region, the target picked among its zones."""
    zones = load.zones[dst]
    if not load.zones[src] or not zones or load.regions[src] != load.regions[dst]:
        return 0.0
    if load.kinds[src] in _FREE_CROSSING:
        return 0.0
    return (zones - 1) / zones if zones > 1 else 0.0


def request_sizes(load: Carried) -> dict[str, float]:
    """KB per request arriving at each component: the rate-weighted payload of the calls
    reaching it (a connection's `payload_kb`, else the component's response size)."""
    ids = load.graph.ids
    weight = [0.0] * len(ids)
    kb = [0.0] * len(ids)
    for target, rate, size in zip(load.graph.target, load.rates, load.kb):
        if rate <= 0:
            continue
        weight[target] += rate
        kb[target] += rate * size
    ranges = load.ranges
    return {
        cid: kb[i] / weight[i] if weight[i] > 0 else ranges[cid][1] for i, cid in enumerate(ids)
    }


def pooled(moved: dict[str, Volume], tiers_of: dict[str, str]) -> dict[str, Volume]:
    """`moved` with each volume's pool: the GB every component of the same tier group
    sends (at the point and at both ends of the range).

    Internet egress tiers and a CDN's delivery tiers count what the whole account sends
    in a month, so two components sending 8 TB each reach the second 10 TB tier once
    between them, not never. `tiers_of` names each sender's group (the cloud's internet
    egress, or one CDN technology's tiers); a volume without a group is left alone.
    """
    grouped = sorted(cid for cid in tiers_of if cid in moved)  # added in id order
    totals: dict[str, tuple[float, float, float]] = {}
    for cid in grouped:
        group, vol = tiers_of[cid], moved[cid]
        point, low, high = totals.get(group, (0.0, 0.0, 0.0))
        totals[group] = (point + vol.out_gb, low + vol.out_low_gb, high + vol.out_high_gb)
    out = dict(moved)
    for cid in grouped:  # keys already in `out`: its order stays `moved`'s
        point, low, high = totals[tiers_of[cid]]
        out[cid] = replace(moved[cid], pool_gb=point, pool_low_gb=low, pool_high_gb=high)
    return out


@dataclass(frozen=True)
class NatUse:
    """What the design's NAT gateways carry: the regions and zones whose private subnets
    need them, the nodes behind them (GCP bills per VM), the GB they process a month."""

    regions: int
    zones: int
    nodes: int
    gb: float
    how: str


def nat_use(arch: Architecture, load: Carried, regional: frozenset[str]) -> NatUse | None:
    """The NAT traffic at the design's average load; None when no compute runs in
    private subnets (databases alone make no outbound calls; serverless compute reached
    through a regional endpoint is outside the network). A call leaves through NAT when
    its source is private and its target is outside the network (`regional`: reached
    through a provider's regional endpoint; or spread over no zone: a third party or a
    zoneless service), at the call's KB as the zone-crossing term counts it."""
    graph, kinds = load.graph, load.kinds
    inside = [bool(zones) and cid not in regional for zones, cid in zip(load.zones, graph.ids)]
    private = [
        i
        for i, kind in enumerate(kinds)
        if inside[i]
        and not load.public[i]
        and KIND_GROUP[kind] is not KindGroup.DATASTORE
        and kind is not Kind.CLIENT
    ]
    if not private:
        return None
    gb, calls_out = 0.0, 0.0
    if load.avg_rps > 0:
        behind_nat = [False] * len(inside)
        for i in private:
            behind_nat[i] = True
        for k, flow in enumerate(graph.flows):
            if flow.role is not FlowRole.CALL or not behind_nat[graph.source[k]]:
                continue
            target = graph.target[k]
            if inside[target] or kinds[target] is Kind.CLIENT:
                continue
            calls = load.rates[k] * SECONDS_PER_MONTH
            calls_out += calls
            gb += calls * load.kb[k] / KB_PER_GB
    regions = len({load.regions[i] for i in private})
    comps = arch.components
    behind = sum(nodes(comps[i]) for i in private)
    how = f"{calls_out / 1e6:,.1f}M calls a month from private subnets to outside endpoints"
    return NatUse(regions, zones_spanned(load.zones), behind, gb, how)
