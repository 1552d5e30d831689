"""Monthly cost per component and in total, from the catalog's dated list prices.

Price × units, where units are the nodes a component runs (replicas, plus read replicas,
times shards for datastores), plus storage (GB × per-GB-month) and requests where the
technology is priced per request. A technology without a price on the chosen cloud is
mapped through its `equivalents`; what still has no price is listed as not priced, with
the reason, rather than counted as free.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Literal, cast

from archwright.cost.traffic import (
    DesignLoad,
    FlowGraph,
    design_load,
    flow_graph,
    propagate,
)
from archwright.cost.transfer import (
    AUDIO,
    CALL,
    PAYLOAD,
    VIDEO,
    Carried,
    NatUse,
    average_connections,
    carried,
    connection_scale,
    nat_use,
    pooled,
    request_sizes,
    volumes,
)
from archwright.kb.capacity import TokenProfile, token_profile
from archwright.kb.catalog import Catalog, Hosting, Price, Technology
from archwright.kb.pricing import nodes, price_component
from archwright.kb.transfer import CloudTransfer, Volume, load_transfer
from archwright.model import Architecture, Component, Kind

HOURS_PER_MONTH = 730
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
CLOUDS = ("aws", "gcp", "azure")
CloudName = Literal["aws", "gcp", "azure"]
# The estimate line of the design's NAT gateways (not a component of the model).
NAT_LINE = "nat-gateways"
# Suggest an alternative only when it saves at least this share of the current price.
MIN_SAVING = 0.2
# The component fields `price_component` reads besides its kind, in one C call: the
# keys of a priced line (`_line`) and of a shape (`_Pass.price`) name them
# (tests/cost/test_priced_line_key.py fails when pricing reads another).
_PRICED_FIELDS = attrgetter("replicas", "read_replicas", "shards", "instance_size", "storage_gb")


@dataclass(frozen=True)
class ComponentCost:
    id: str
    monthly: float
    basis: str
    priced: bool
    technology: str | None = None
    in_total: bool = True  # False for transaction fees, which scale with revenue


@dataclass(frozen=True)
class Alternative:
    component: str
    current: str
    suggestion: str
    current_monthly: float
    suggested_monthly: float
    tradeoff: str

    @property
    def saving(self) -> float:
        return self.current_monthly - self.suggested_monthly


@dataclass(frozen=True)
class Estimate:
    cloud: str
    currency: str
    monthly_total: float
    components: dict[str, ComponentCost]
    assumptions: list[str]
    alternatives: list[Alternative] = field(default_factory=list)
    transaction_fees: float = 0.0
    monthly_low: float | None = None
    """The total at the low end of assumed usage (video quality); None: no range."""
    monthly_high: float | None = None
    network: dict[str, ComponentCost] = field(default_factory=dict)
    """Lines the design pays for that are not components of the model (its NAT
    gateways), in the total."""
    warnings: list[str] = field(default_factory=list)
    """One line per cycle of calls whose load did not settle (`cost.traffic.Unsettled`):
    the figures of its components are then a lower bound, and the total with them."""


def priced_technology(tech: Technology, cloud: str, catalog: Catalog) -> Technology | None:
    """The technology itself when priced on `cloud`, else its equivalent there, else None."""
    if cloud in tech.prices:
        return tech
    other = tech.equivalents.get(cloud)  # type: ignore[call-overload]
    found = catalog.find(other) if other else None
    if found is not None and cloud in found.prices:
        return found
    return None


def _technology(
    comp: Component, catalog: Catalog, references: dict[Kind, Technology | None]
) -> Technology | None:
    """The named technology, or the kind's reference one when none is named.

    A named technology the catalog does not know is not replaced by the reference one:
    pricing 'unobtainium' as PostgreSQL would look precise and be wrong.
    """
    if comp.kind is Kind.CLIENT:
        return None
    if comp.technology:
        return catalog.find(comp.technology)
    if comp.kind not in references:  # of_kind scans the catalog: once per kind
        references[comp.kind] = catalog.reference(comp.kind)
    return references[comp.kind]


def _unpriced(comp: Component, tech: Technology | None, cloud: str) -> str:
    if comp.kind is Kind.CLIENT:
        return "not priced: clients run outside the system"
    if tech is None:
        name = comp.technology or comp.kind.value
        return f"not priced: no catalog technology for {name!r}"
    return f"not priced: {tech.name} has no {cloud} price and no {cloud} equivalent"


def estimate(
    arch: Architecture,
    catalog: Catalog,
    cloud: str,
    *,
    graph: FlowGraph | None = None,
) -> Estimate:
    """Monthly estimate on `cloud` (aws, gcp or azure); deterministic for a given input.

    Requests are priced at the design's recorded average load (`design_load`), spread
    over the components by the flows' propagation (`propagate`, as `arrival_rates`
    spreads them); `graph` is `flow_graph(arch)` when the caller
    already built it.
    """
    if cloud not in CLOUDS:
        raise ValueError(f"unknown cloud {cloud!r}; choose from: {', '.join(CLOUDS)}")
    cloud_key = cast(CloudName, cloud)
    load = design_load(arch)
    graph = graph if graph is not None else flow_graph(arch)
    avg = load.avg_rps or 0.0
    # One propagation at the average load for the rates, volumes, sizes and NAT use
    # (each ran its own: four walks of the same flows).
    flowing = propagate(graph, avg) if avg > 0 else None
    # what each flow carries and each component's placement, once for the three walks
    moving = carried(arch, graph, avg, flowing.rates if flowing is not None else None)
    techs = _priced_of(arch, catalog, cloud)
    regional = _regional(techs, cloud)
    moved = volumes(arch, moving, regional)
    moved = pooled(moved, _tier_groups(techs, moved))
    sizes = request_sizes(moving)
    ranged = any(v.ranged for v in moved.values())
    run = _Pass(catalog, cloud_key, load_transfer().clouds[cloud])
    _price_each(run, arch, techs, moving, moved, sizes)
    transfer, costs, batching = run.transfer, run.costs, run.batching
    nat = nat_use(arch, moving, regional)
    network = {NAT_LINE: _nat_line(nat, transfer)} if nat is not None else {}
    lines = [*costs.values(), *network.values()]
    total = round(sum(c.monthly for c in lines if c.in_total), 2)
    fees = round(sum(c.monthly for c in costs.values() if not c.in_total), 2)
    assumptions = _assumptions(arch, cloud, sorted(run.dates), load, run.not_priced)
    assumptions.extend(_transfer_assumptions(moved, transfer, batching))
    alternatives = sorted(run.alternatives, key=lambda a: (-a.saving, a.component, a.suggestion))
    return Estimate(
        cloud,
        "USD",
        total,
        costs,
        assumptions,
        alternatives,
        fees,
        round(total + run.low, 2) if ranged or batching else None,
        round(total + run.high, 2) if ranged or batching else None,
        network,
        flowing.warnings if flowing is not None else [],
    )


def _price_each(
    run: _Pass,
    arch: Architecture,
    techs: dict[str, tuple[Technology | None, Technology | None]],
    moving: Carried,
    moved: dict[str, Volume],
    sizes: dict[str, float],
) -> None:
    """Price every component into `run` at its monthly requests (`moving.lam`), tokens,
    bytes moved, request sizes and connections; one without a priced technology is
    listed unpriced. Ids come from the graph (the components' ids, in model order)."""
    scale = connection_scale(arch)  # the design's part of every component's connections
    for comp, cid, rps in zip(arch.components, moving.graph.ids, moving.lam):
        chosen = techs[cid]
        tech, priced = chosen
        if priced is None or tech is None:
            run.unpriced(comp, tech)
            continue
        # the use of `_Use` but its tokens, which `price` finds only when it prices
        use = (
            rps * SECONDS_PER_MONTH,
            moved.get(cid),
            sizes.get(cid),
            average_connections(arch, comp, scale),
        )
        run.price(cid, comp, tech, priced, id(chosen), use)


@dataclass(frozen=True)
class _Priced:
    """A component's line and cheaper alternative, whatever its id: what `_Pass.price`
    works out once per shape of component and applies to each component of the shape."""

    monthly: float
    rounded: float  # to the cent, as the line shows it
    basis: str
    name: str  # the priced technology
    in_total: bool
    to_low: float | None  # how far each end of the usage range moves the line
    to_high: float | None
    batching: bool  # a queue priced per batch of messages
    date: str  # the price snapshot used
    cheaper: tuple[Technology, float] | None


@dataclass
class _Pass:
    """The estimate's pass over the components: each component's line, and what the
    total's range, the assumptions and the alternatives gather from the lines as it goes.
    Its memos hold what a large model repeats: the options of a kind, a component of the
    same shape (`price`), a line priced from the same inputs (`_line`) and the cheapest
    alternative for the same inputs."""

    catalog: Catalog
    cloud: CloudName
    transfer: CloudTransfer
    low: float = 0.0  # how far the lines' low ends move the total
    high: float = 0.0
    batching: bool = False  # a queue priced per batch of messages
    costs: dict[str, ComponentCost] = field(default_factory=dict)
    alternatives: list[Alternative] = field(default_factory=list)
    dates: set[str] = field(default_factory=set)  # the price snapshots used
    not_priced: list[str] = field(default_factory=list)
    options: dict[Kind, list[Technology]] = field(default_factory=dict)
    cheapest: dict[tuple[object, ...], tuple[Technology, float] | None] = field(
        default_factory=dict
    )
    priced_lines: dict[tuple[object, ...], _Line] = field(default_factory=dict)
    shapes: dict[tuple[object, ...], _Priced] = field(default_factory=dict)

    def unpriced(self, comp: Component, tech: Technology | None) -> None:
        """A line of 0 that says why the component has no price on this cloud; listed
        among the assumptions unless it is a client, which the design does not run."""
        reason = _unpriced(comp, tech, self.cloud)
        self.costs[comp.id] = ComponentCost(
            comp.id, 0.0, reason, False, tech.name if tech else None
        )
        if comp.kind is not Kind.CLIENT:
            self.not_priced.append(f"{comp.id} ({reason.removeprefix('not priced: ')})")

    def price(
        self,
        cid: str,
        comp: Component,
        tech: Technology,
        priced: Technology,
        chosen: int,
        use: tuple[float, Volume | None, float | None, float],
    ) -> None:
        """The component's line at `priced` (its technology or this cloud's equivalent)
        and its cheaper alternative at its monthly requests, volume, request size and
        connections (`use`), worked out once per shape of component: its kind and named
        technology (`chosen`: the id of the pair `_priced_of` shares among them), the
        other component fields pricing reads (`_line`'s key) and that use. A
        10,000-component model has a few dozen shapes, and building each line's key,
        basis and the alternatives' key per component was a third of the estimate. A
        component with token figures of its own, or a price per token, is priced each
        time, as `_line` prices it."""
        key = None
        if comp.tokens is None:  # then its tokens are its technology's (`token_profile`)
            key = (chosen, _PRICED_FIELDS(comp), use)
            found = self.shapes.get(key)
            if found is not None:
                self._apply(cid, comp, priced, found)
                return
        requests, vol, size, connections = use
        line = _Use(requests, token_profile(comp, tech), vol, size, connections)
        found = self._priced(comp, tech, priced, line)
        if key is not None and line.tokens is None and not _per_token(priced.prices[self.cloud]):
            self.shapes[key] = found
        self.batching = self.batching or found.batching
        self.dates.add(found.date)
        self._apply(cid, comp, priced, found)

    def _apply(self, cid: str, comp: Component, priced: Technology, line: _Priced) -> None:
        """Add one component's line to the pass: its cost, how far it moves the range,
        its alternative. (Whether it batches and its price date are added once per
        shape, by `price`.)"""
        if line.to_low is not None:
            self.low += line.to_low
        if line.to_high is not None:
            self.high += line.to_high
        self.costs[cid] = ComponentCost(
            cid, line.rounded, line.basis, True, line.name, in_total=line.in_total
        )
        if line.cheaper is not None:
            self.alternatives.append(_alternative(comp, priced, line.monthly, line.cheaper))

    def _priced(self, comp: Component, tech: Technology, priced: Technology, use: _Use) -> _Priced:
        """`price` without the memo: the line with how far each end of its usage range
        moves it, its basis, and the cheapest alternative (`_cheaper`)."""
        price = priced.prices[self.cloud]
        monthly, parts, to_low, to_high = _line(
            comp, priced.name, price, use, self.transfer, self.priced_lines
        )
        via = "" if priced is tech else f" (the {self.cloud} equivalent of {tech.name})"
        implied = "" if comp.technology else " (reference technology for its kind)"
        basis = f"{priced.name}{via}{implied}: " + (" + ".join(parts) or "no billable units")
        # A payment provider's per-transaction fee is a share of revenue, not infrastructure:
        # at checkout volumes it dwarfs everything else and would hide every other figure.
        fee = comp.kind is Kind.PAYMENT
        if fee:
            basis += " (transaction fees: they scale with revenue, so they stay out of the total)"
        return _Priced(
            monthly,
            round(monthly, 2),
            basis,
            priced.name,
            not fee,
            to_low,
            to_high,
            bool(price.batch_max and use.requests),
            self.catalog.snapshot_dates.get(priced.name, "undated"),
            self._cheaper(comp, priced, monthly, use),
        )

    def _cheaper(
        self, comp: Component, priced: Technology, monthly: float, use: _Use
    ) -> tuple[Technology, float] | None:
        """The cheapest technology of the same kind that would save enough, if any;
        components priced from the same inputs get the same answer, computed once."""
        if priced.kind not in self.options:
            self.options[priced.kind] = [
                t for t in self.catalog.of_kind(priced.kind) if self.cloud in t.prices
            ]
        key = (
            priced.name,
            comp.kind,
            nodes(comp),
            comp.shards,
            comp.replicas + comp.read_replicas,
            comp.storage_gb,
            round(use.requests),
            use.vol,
            use.size,
            use.connections,
        )
        if key not in self.cheapest:
            self.cheapest[key] = _cheapest(
                comp, priced, monthly, use, self.cloud, self.options[priced.kind], self.transfer
            )
        return self.cheapest[key]


def _per_token(price: Price) -> bool:
    """Whether `price` bills per token (its line then reads the catalog for the
    component: `_line` prices it each time)."""
    return price.per_million_input_tokens is not None


def _nat_line(use: NatUse, transfer: CloudTransfer) -> ComponentCost:
    """The NAT gateways the private subnets route through: gateway-hours (per zone on
    AWS, per region elsewhere; per VM up to a cap on GCP) plus GB processed, priced from
    the cloud's row in kb/transfer.yaml."""
    nat = transfer.nat
    gateways = use.regions * (use.zones if nat.per_zone else 1)
    hourly = nat.usd_per_hour
    if nat.usd_per_vm_hour is not None:
        hourly = min(hourly, nat.usd_per_vm_hour * max(use.nodes, 1))
    hours = gateways * hourly * HOURS_PER_MONTH
    processed = use.gb * nat.usd_per_gb
    where = f"one per zone of {use.zones}" if nat.per_zone else "one per region"
    basis = (
        f"{gateways} NAT gateway(s) ({where}) x {HOURS_PER_MONTH} h at ${hourly:g}/h + "
        f"{use.gb:,.1f} GB processed at ${nat.usd_per_gb:g}/GB ({use.how}; {nat.source})"
    )
    return ComponentCost(NAT_LINE, round(hours + processed, 2), basis, True, None)


def _priced_of(
    arch: Architecture, catalog: Catalog, cloud: str
) -> dict[str, tuple[Technology | None, Technology | None]]:
    """Each component's technology and the one priced on `cloud` (None when unpriced),
    looked up once: the regional endpoints, the tier groups and the lines all ask. Both
    depend on the kind and the named technology alone, so each pair is looked up once
    (a 10,000-component model names a few dozen), and the components of one kind and
    named technology share one pair object (`_Pass.price` keys its memo on it)."""
    out: dict[str, tuple[Technology | None, Technology | None]] = {}
    references: dict[Kind, Technology | None] = {}
    found: dict[tuple[Kind, str | None], tuple[Technology | None, Technology | None]] = {}
    for comp in arch.components:
        key = (comp.kind, comp.technology)
        if key not in found:
            tech = _technology(comp, catalog, references)
            found[key] = (tech, priced_technology(tech, cloud, catalog) if tech else None)
        out[comp.id] = found[key]
    return out


def _regional(
    techs: dict[str, tuple[Technology | None, Technology | None]], cloud: str
) -> frozenset[str]:
    """Components priced per request on `cloud`: managed services reached through a
    regional endpoint, which bill no zone crossing. Asked once per priced technology."""
    per_request: dict[int, bool] = {}
    out = set()
    for cid, (_, priced) in techs.items():
        if priced is None:
            continue
        found = per_request.get(id(priced))
        if found is None:
            price = priced.prices.get(cloud)  # type: ignore[call-overload]
            found = per_request[id(priced)] = (
                price is not None and price.per_million_requests is not None
            )
        if found:
            out.add(cid)
    return frozenset(out)


def _tier_groups(
    techs: dict[str, tuple[Technology | None, Technology | None]], moved: dict[str, Volume]
) -> dict[str, str]:
    """Which tiers each sender's GB count towards: the cloud's internet egress for public
    responses, one CDN technology's delivery tiers for its deliveries (per account, so
    two CloudFront distributions share them)."""
    out: dict[str, str] = {}
    for cid, vol in moved.items():
        if vol.out_gb <= 0:
            continue
        if not vol.cdn:
            out[cid] = "internet"
            continue
        priced = techs[cid][1]
        if priced is not None:
            out[cid] = f"cdn:{priced.name}"
    return out


@dataclass(frozen=True)
class _Use:
    """What one component uses in a month, whatever its price: requests, the tokens they
    carry, GB it moves, KB per request, connections it holds on average."""

    requests: float
    tokens: TokenProfile | None
    vol: Volume | None
    size: float | None
    connections: float


def _price(
    comp: Component,
    price: Price,
    use: _Use,
    transfer: CloudTransfer | None,
    batched: bool = True,
) -> tuple[float, list[str]]:
    """`price_component` for one component's use (the one definition of a line's cost)."""
    return price_component(
        comp,
        price,
        use.requests,
        use.tokens,
        use.vol,
        transfer,
        use.size,
        batched,
        use.connections,
    )


# A component's monthly cost, its terms, and how far the low and high ends of its usage
# range move it (None: that end is the point).
_Line = tuple[float, list[str], float | None, float | None]


def _line(
    comp: Component,
    name: str,
    price: Price,
    use: _Use,
    transfer: CloudTransfer,
    seen: dict[tuple[object, ...], _Line],
) -> _Line:
    """The component's line at `price` (technology `name`), priced once per set of
    inputs `price_component` reads (`seen`): a large model repeats a few shapes of
    component at a few loads, and pricing each of 10,000 with its two range ends was
    most of the estimate. A model priced per token reads the catalog for the component
    when its `use` has no token figures, so those lines are priced each time. The key
    names the component fields pricing reads; tests/cost/test_priced_line_key.py records
    the reads and fails when one is missing from it."""
    if use.tokens is not None or _per_token(price):
        return _priced_line(comp, price, use, transfer)
    key = (name, comp.kind, _PRICED_FIELDS(comp), use)
    found = seen.get(key)
    if found is None:
        found = seen[key] = _priced_line(comp, price, use, transfer)
    return found


def _priced_line(comp: Component, price: Price, use: _Use, transfer: CloudTransfer) -> _Line:
    """`_line` without the memo: the point, then each end of the range that moves."""
    monthly, parts = _price(comp, price, use, transfer)
    exact = math.isfinite(monthly)  # inf - inf is NaN: keep pricing it as before
    to_low = to_high = None
    if _moves(use.vol, "low") or not exact:
        to_low = _at(comp, price, use, transfer, "low") - monthly
    if _moves(use.vol, "high") or price.batch_max or not exact:
        to_high = _at(comp, price, use, transfer, "high") - monthly
    return monthly, parts, to_low, to_high


def _moves(vol: Volume | None, end: Literal["low", "high"]) -> bool:
    """Whether a volume differs at one end of its range from its point: when it does not
    (and the price does not batch), `_at` prices exactly the point again, so the range
    moves by nothing and the component is not priced twice more (2 of 3 pricings of a
    10,000-component model)."""
    if vol is None:
        return False
    if end == "low":
        return vol.out_low_gb != vol.out_gb or vol.pool_low_gb != vol.pool_gb
    return vol.out_high_gb != vol.out_gb or vol.pool_high_gb != vol.pool_gb


def _at(
    comp: Component,
    price: Price,
    use: _Use,
    transfer: CloudTransfer,
    end: Literal["low", "high"],
) -> float:
    """The component's monthly cost at one end of its assumed usage range: video at the
    low or high GB per hour, queue messages batched (low) or sent one by one (high)."""
    vol = use.vol
    if vol is not None:  # a pool partner's range moves this sender's tier too
        low = end == "low"
        vol = replace(
            vol,
            out_gb=vol.out_low_gb if low else vol.out_high_gb,
            pool_gb=vol.pool_low_gb if low else vol.pool_high_gb,
        )
    batched = end == "low" or not price.batch_max
    return _price(comp, price, replace(use, vol=vol), transfer, batched)[0]


def _transfer_assumptions(
    moved: dict[str, Volume], transfer: CloudTransfer, batching: bool
) -> list[str]:
    """What transfer was priced from, with the public sources of its prices."""
    out = [
        "data transfer priced at the average load: CDN deliveries at the CDN's own tiers, "
        "other public responses at internet egress tiers "
        f"({transfer.internet_egress.source}), synchronous calls between zoned components "
        f"at ${transfer.inter_zone.usd_per_gb:g}/GB for the share that crosses a zone "
        f"({transfer.inter_zone.source}); volume tiers applied to the account's total per "
        "provider (every sender at the same tiers pooled), each component charged its share"
    ]
    if batching:
        out.append(
            "queues billed per API call as their providers bill them (send, receive and "
            "delete; batches of up to the provider's maximum as one call; each call per "
            "payload unit): the point assumes batching, the range's high end does not"
        )
    assumed = {v.assumed for v in moved.values() if v.ranged}
    usage = load_transfer().usage
    if VIDEO in assumed:
        per = usage.video_gb_per_hour
        out.append(
            f"video delivered at {per.point:g} GB per hour watched (HD), range "
            f"{per.low:g}-{per.high:g} GB/h (SD to Ultra HD; {per.source})"
        )
    if AUDIO in assumed:
        per = usage.audio_gb_per_hour
        out.append(
            f"audio delivered at {per.point:g} GB per hour listened, range "
            f"{per.low:g}-{per.high:g} GB/h ({per.source})"
        )
    if CALL in assumed:
        mbps = usage.call_mbps
        out.append(
            f"call media at {mbps.point:g} Mbit/s per participant, range "
            f"{mbps.low:g}-{mbps.high:g} Mbit/s ({mbps.source})"
        )
    if PAYLOAD in assumed:
        kb = usage.payload_kb
        out.append(
            f"responses of unstated size sent to users at {kb.point:g} KB, range "
            f"{kb.low:g}-{kb.high:g} KB ({kb.source}); state `payload_kb` in the "
            "requirements or `response_kb` on a component to price a known size"
        )
    return out


def _cheapest(
    comp: Component,
    current: Technology,
    monthly: float,
    use: _Use,
    cloud: CloudName,
    options: list[Technology],
    transfer: CloudTransfer | None = None,
) -> tuple[Technology, float] | None:
    """The cheapest comparable technology that saves at least MIN_SAVING, and its cost.

    A CDN that delivers data is compared only with CDNs whose catalog price says what
    delivery costs: one without egress prices would look free at any volume."""
    if monthly <= 0:
        return None
    best: tuple[float, str, Technology] | None = None
    vol = use.vol
    delivers = vol is not None and vol.cdn and vol.out_gb > 0
    for other in options:
        if other.name == current.name or not _comparable(current, other):
            continue
        if delivers and other.prices[cloud].egress_tiers is None:
            continue
        mine = replace(use, tokens=token_profile(comp, other))
        cost, _ = _price(comp, other.prices[cloud], mine, transfer)
        if cost <= monthly * (1 - MIN_SAVING) and (best is None or (cost, other.name) < best[:2]):
            best = (cost, other.name, other)
    return (best[2], best[0]) if best else None


def _alternative(
    comp: Component, current: Technology, monthly: float, found: tuple[Technology, float]
) -> Alternative:
    other, cost = found
    return Alternative(
        comp.id,
        current.name,
        other.name,
        round(monthly, 2),
        round(cost, 2),
        f"{other.hosting.value}, ops burden {other.ops_burden.value}, "
        f"lock-in {other.lock_in.value}, consistency {other.consistency}",
    )


def _comparable(current: Technology, other: Technology) -> bool:
    """Alternatives stay in the same operating model (run by a provider, or by us) and
    give the same consistency, speak the same protocol to their clients (an MQTT broker is
    not replaced by a WebSocket service) and, for models, do the same job: swapping a managed
    database for a self-hosted one, a strongly consistent store for an eventual one, or
    an embedder for a chat model, is a redesign, not a saving."""
    run_by_us = current.hosting is Hosting.SELF_HOSTED
    spoken = {t.protocol.name for t in (current, other) if t.protocol is not None}
    return (
        (other.hosting is Hosting.SELF_HOSTED) == run_by_us
        and len(spoken) <= 1
        and set(other.serves) == set(current.serves)
        and other.consistency == current.consistency
        and _role(other) == _role(current)
    )


def _role(tech: Technology) -> str | None:
    """What a model does (generation, embedding, rerank): an embedder is not replaced by a
    chat model, nor a model API by a model server."""
    return tech.tokens.role.value if tech.tokens is not None else None


def _assumptions(
    arch: Architecture, cloud: str, dates: list[str], load: DesignLoad, not_priced: list[str]
) -> list[str]:
    regions = arch.requirements.constraints.regions
    out = [
        f"{HOURS_PER_MONTH} hours per month, on-demand list prices (no reserved or "
        "committed-use discounts, no free tiers)",
        f"prices from the catalog snapshot of {', '.join(dates) or 'no priced technology'}",
        "region: the price file's reference region (us-east-1 / us-central1 / eastus)"
        + (
            f"; the model asks for {', '.join(regions)}, where prices may differ" if regions else ""
        ),
        "every replica, read replica and shard billed as one node of the listed unit "
        "(managed load balancers once, plus the GB they process; serverless services by "
        "use); autoscaling beyond the stated replicas not priced",
        "per-request prices at the design's "
        + (f"{load.describe('average')} at the edge" if load.avg_rps else "recorded load: none"),
        "usage-priced technologies (per request) billed at the larger of their listed "
        "bundle and their request charge, not both, except where the provider bills both "
        "(stream shards plus PUT units, object storage plus requests, WebSocket messages "
        "plus connection-minutes)",
        "storage priced per copy for databases (replicas each hold the data); backups "
        "storage and support plans not priced",
        "private subnets reach the internet, third-party APIs and the provider's regional "
        "endpoints through NAT gateways (no VPC endpoints), priced per gateway-hour and per "
        "GB processed (the network line nat-gateways); the gateways' public IPs not priced",
    ]
    if not_priced:
        out.append(f"not priced on {cloud}: " + "; ".join(not_priced))
    return out
