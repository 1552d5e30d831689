"""The price of one component at one list price: nodes × unit, requests, storage.

The one definition of what a priced unit costs. The cost engine (`archwright.cost`) sums
it over a model; the technology scorer (`archwright.kb.scoring`) asks it what a candidate
would cost at the stated load. It lives here, below both, because it needs only the
catalog's `Price` and the model's `Component`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archwright.kb.capacity import TokenProfile, token_profile
from archwright.kb.catalog import Price, Tier, load_catalog, tiered_usd
from archwright.kb.transfer import CloudTransfer, Volume, load_transfer
from archwright.model import KIND_GROUP, Component, Kind, KindGroup

# Kinds whose copies each hold the full data set (storage is paid per copy).
_SINGLE_COPY_STORAGE = frozenset({Kind.OBJECT_STORE, Kind.DATA_LAKE, Kind.WAREHOUSE})


def nodes(comp: Component) -> int:
    """Billed instances: replicas (and read replicas) times shards for datastores."""
    if KIND_GROUP[comp.kind] is KindGroup.DATASTORE:
        return (comp.replicas + comp.read_replicas) * comp.shards
    return comp.replicas


def price_component(
    comp: Component,
    price: Price,
    monthly_requests: float,
    tokens: TokenProfile | None = None,
    moved: Volume | None = None,
    transfer: CloudTransfer | None = None,
    request_kb: float | None = None,
    batched: bool = True,
    connections: float = 0.0,
) -> tuple[float, list[str]]:
    """Monthly USD for one component at one price, and the terms it was built from.

    A usage-priced technology lists a bundle (`usd_per_month` for its `unit`, e.g. 100k
    model calls or 1 TB served) and a per-request price: adding both would count the
    bundle's requests twice, so the larger of the bundle charge and the request charge
    is taken. A model priced per token is billed for the tokens its requests carry
    (`tokens`: the component's resolved token figures, looked up when not given); a
    reranker priced per search for its searches.

    A load balancer adds the GB it processes (`per_gb_processed`: each request and its
    response of `request_kb`); a WebSocket gateway the minutes its average `connections`
    stay open (`per_million_connection_minutes`).

    `moved` is the GB the component sends (`cost.transfer`): a CDN's deliveries at its
    own tiers (usage then replaces the bundle, which includes some transfer), anything
    else's at the cloud's internet egress tiers, and zone crossings at the cloud's
    inter-zone price (`transfer`), each added as its own term.
    """
    base, parts = _provisioned(comp, price)
    usage = _usage(comp, price, monthly_requests, tokens)
    if usage is not None and usage[0] > base:
        base, parts = usage[0], [usage[1]]
    base, parts = _with_requests(price, base, parts, monthly_requests, request_kb, batched)
    cdn = _cdn_egress(price, moved, monthly_requests)
    if cdn is not None and cdn[0] > base:
        base, parts = cdn
    for usd, term in _use_terms(price, monthly_requests, request_kb, connections):
        base += usd
        parts.append(term)
    total = base + sum(usd for usd, _ in _transfer_terms(price, moved, transfer))
    parts.extend(term for usd, term in _transfer_terms(price, moved, transfer) if term)
    stored = _storage_term(comp, price)
    if stored is not None:
        total += stored[0]
        parts.append(stored[1])
    return total, parts


def _provisioned(comp: Component, price: Price) -> tuple[float, list[str]]:
    """The charge for the billed units (nodes, shards or one serverless unit) and its
    terms, before any use is weighed against it.

    A component on one of the price's other instance classes (`instance_size`) pays
    that class's price per node.

    A price whose unit includes the HA copies (`replicas_in_price`: AlloyDB's HA
    primary, a Spanner node) bills one per shard plus the read replicas, each at
    `read_replica_usd_per_month` where the price lists one (an AlloyDB read pool node is
    one node, not an HA pair).

    A `serverless` price bills use only: partitions and the provider's copies are not
    nodes, so the bundle is charged once and storage once.
    """
    count = 1 if price.serverless or price.billed_once else nodes(comp)
    if price.replicas_in_price and KIND_GROUP[comp.kind] is KindGroup.DATASTORE:
        count = (1 + comp.read_replicas) * comp.shards  # the HA copies are in the unit
    if price.per_shard:  # the sizing's partitions are the billed units
        count = comp.shards
    sized = price.size(comp.instance_size)
    unit_usd = sized.usd_per_month if sized else price.usd_per_month
    unit = f"{sized.sku} instance" if sized else price.unit
    if price.scales_up and comp.shards > 1 and not price.per_shard:
        count, unit_usd, unit = _one_larger_node(comp, count, unit_usd, unit)
    base = unit_usd * count
    parts = [f"{count} x {unit} at ${unit_usd:,.2f}"] if base else []
    readers = _read_pool(comp, price, unit_usd)
    if readers is not None and count > comp.shards:
        base = unit_usd * comp.shards + readers[0]
        parts = [f"{comp.shards} x {unit} at ${unit_usd:,.2f}", readers[1]]
    if price.storage_bundle and comp.storage_gb:  # the stated size replaces the bundle
        base, parts = 0.0, []
    return base, parts


def _with_requests(
    price: Price,
    base: float,
    parts: list[str],
    monthly_requests: float,
    request_kb: float | None,
    batched: bool,
) -> tuple[float, list[str]]:
    """The charge so far with the per-request price weighed in: it replaces a smaller
    bundle charge, or adds to it where both are billed.

    A price `per_resolver_query` bills only the queries that reach it: authoritative DNS
    is billed per query a resolver sends, and the client's and resolver's caches answer
    the rest for the record's TTL (`usage.dns_queries_per_request`, kb/transfer.yaml).

    A price with `requests_added` bills both: the provisioned units (Kinesis shard-hours,
    Event Hubs throughput units) and, on top, every request (PUT payload unit, ingress
    event); its bundle includes no requests.
    """
    if price.per_million_requests is None or not monthly_requests:
        return base, parts
    billed, how = billed_requests(price, monthly_requests, request_kb, batched)
    if price.per_resolver_query:  # caches answer the rest for the TTL
        share = load_transfer().usage.dns_queries_per_request.point
        billed *= share
        queries = f"{billed / 1e6:,.1f}M" if billed >= 1e5 else f"{billed:,.0f}"
        how += f" x {share:g} resolver queries per request = {queries} queries"
    by_requests = billed / 1e6 * price.per_million_requests
    term = f"{how} at ${price.per_million_requests:,}/M"
    if price.requests_added:  # provisioned units and requests are both billed
        base += by_requests
        parts.append(term)
    elif by_requests > base:
        base = by_requests
        parts = [term]
    return base, parts


def _storage_term(comp: Component, price: Price) -> tuple[float, str] | None:
    """The stated storage at the per-GB-month price, paid per copy the provider bills
    (`storage_copies`); None when the price or the component has no storage figure."""
    if price.per_gb_month is None or not comp.storage_gb:
        return None
    copies = storage_copies(comp, price)
    usd = comp.storage_gb * price.per_gb_month * copies
    copy_note = f" x {copies} copies" if copies > 1 else ""
    if price.shared_storage and nodes(comp) > 1:
        copy_note = " (one shared volume, not per instance)"
    return usd, f"{comp.storage_gb:g} GB{copy_note} at ${price.per_gb_month}/GB-month"


def _read_pool(comp: Component, price: Price, unit_usd: float) -> tuple[float, str] | None:
    """The read replicas of a price whose unit is an HA pair, at their own node price
    (`read_replica_usd_per_month`, scaled as the unit is by its instance class), with
    the term that says so; None where read replicas cost a unit."""
    if not (price.replicas_in_price and price.read_replica_usd_per_month):
        return None
    if KIND_GROUP[comp.kind] is not KindGroup.DATASTORE or not comp.read_replicas:
        return None
    each = price.read_replica_usd_per_month * unit_usd / price.usd_per_month
    count = comp.read_replicas * comp.shards
    return each * count, f"{count} x read pool node (one node, not an HA pair) at ${each:,.2f}"


def _one_larger_node(
    comp: Component, count: int, unit_usd: float, unit: str
) -> tuple[int, float, str]:
    """Copies of one node `shards` times the priced unit, for an engine that scales up:
    the same bill as `count` units, read as what runs (one large primary and its
    replicas), not as shards the engine cannot make."""
    size = comp.shards
    copies = max(1, count // size)
    return copies, unit_usd * size, f"node sized {size} x {unit} (scaled up, not sharded)"


def storage_copies(comp: Component, price: Price) -> int:
    """How many times the component's `storage_gb` is billed.

    Each instance of a classic replicated database keeps its own disk, so its data is
    paid per copy. A store whose copies the provider keeps inside the per-GB price is
    paid once: object stores and warehouses, use-billed services, a cluster volume shared
    by a writer and its readers (`shared_storage`: Aurora bills the volume once however
    many instances read it), and partition-billed services (`per_shard`).
    """
    single = comp.kind in _SINGLE_COPY_STORAGE or price.serverless or price.billed_once
    if single or price.shared_storage or price.per_shard:
        return 1
    return max(1, comp.replicas + comp.read_replicas)


MINUTES_PER_MONTH = 730 * 60


def _use_terms(
    price: Price, monthly_requests: float, request_kb: float | None, connections: float
) -> list[tuple[float, str]]:
    """Charges that grow with use on top of the billed resource: GB a load balancer
    processes (request and response), minutes a WebSocket gateway holds connections."""
    out: list[tuple[float, str]] = []
    if price.per_gb_processed is not None and monthly_requests:
        kb = request_kb or load_transfer().usage.payload_kb.point
        gb = monthly_requests * kb * 2 / 1e6
        out.append(
            (
                gb * price.per_gb_processed,
                f"{_gb(gb)} processed ({monthly_requests / 1e6:,.1f}M requests x {kb:g} KB "
                f"in and out) at ${price.per_gb_processed:g}/GB",
            )
        )
    if price.per_million_connection_minutes is not None and connections > 0:
        minutes = connections * MINUTES_PER_MONTH
        out.append(
            (
                minutes / 1e6 * price.per_million_connection_minutes,
                f"{connections:,.0f} connections held on average x {MINUTES_PER_MONTH:,} min "
                f"= {minutes / 1e6:,.1f}M connection-minutes at "
                f"${price.per_million_connection_minutes:g}/M",
            )
        )
    return out


def billed_requests(
    price: Price, requests: float, request_kb: float | None = None, batched: bool = True
) -> tuple[float, str]:
    """Billed units for `requests` messages or calls, and how they were counted.

    A queue bills every API call (send, receive, delete: `calls_per_message`) and a batch
    of up to `batch_max` messages is one call when the client batches (`batched`, the
    point estimate; unbatched is the high end of the range). Each call is billed once per
    `request_unit_kb` of payload it carries (`request_kb` per message).
    """
    per_message = price.calls_per_message or 1.0
    batch = price.batch_max if batched and price.batch_max else 1
    calls = requests * per_message / batch
    units = 1
    if price.request_unit_kb and request_kb:
        units = max(1, math.ceil(round(request_kb * batch / price.request_unit_kb, 9)))
    billed = calls * units
    how = f"{requests / 1e6:,.1f}M requests"
    if per_message != 1 or batch != 1 or units != 1:
        how = f"{requests / 1e6:,.1f}M messages"
        how += f" x {per_message:g} calls" if per_message != 1 else ""
        how += f" / {batch} per batch" if batch != 1 else ""
        how += f" x {units} units of {price.request_unit_kb:g} KB" if units != 1 else ""
        how += f" = {billed / 1e6:,.1f}M billed"
    return billed, how


def _cdn_egress(
    price: Price, moved: Volume | None, monthly_requests: float
) -> tuple[float, list[str]] | None:
    """A CDN's usage charge, requests plus GB delivered at its tiers; None without both."""
    if moved is None or not moved.cdn or price.egress_tiers is None or moved.out_gb <= 0:
        return None
    usd = pooled_usd(moved.out_gb, moved.pool_gb, price.egress_tiers)
    parts = [
        f"{_gb(moved.out_gb)} delivered at tiered {_rates(price)}/GB{_pool(moved)} ({moved.how})"
    ]
    if price.per_million_requests is not None and monthly_requests:
        usd += monthly_requests / 1e6 * price.per_million_requests
        parts.insert(
            0, f"{monthly_requests / 1e6:,.1f}M requests at ${price.per_million_requests:,}/M"
        )
    return usd, parts


def _transfer_terms(
    price: Price, moved: Volume | None, transfer: CloudTransfer | None
) -> list[tuple[float, str]]:
    """Internet egress of a non-CDN sender and zone crossings, each priced by the cloud."""
    if moved is None or transfer is None:
        return []
    out: list[tuple[float, str]] = []
    if not moved.cdn and moved.out_gb > 0:
        tiers = transfer.internet_egress.tiers
        usd = pooled_usd(moved.out_gb, moved.pool_gb, tiers)
        out.append(
            (
                usd,
                f"{_gb(moved.out_gb)} to the internet at tiered ${tiers[0].usd_per_gb:g}"
                f"-${tiers[-1].usd_per_gb:g}/GB{_pool(moved)} ({moved.how})",
            )
        )
    if moved.inter_zone_gb > 0 and transfer.inter_zone.usd_per_gb > 0:
        rate = transfer.inter_zone.usd_per_gb
        out.append(
            (moved.inter_zone_gb * rate, f"{_gb(moved.inter_zone_gb)} across zones at ${rate:g}/GB")
        )
    return out


def pooled_usd(gb: float, pool_gb: float, tiers: list[Tier]) -> float:
    """USD for `gb` of an account's `pool_gb` under tiers that count the account's total.

    Providers apply volume tiers to everything an account sends a month, not to each
    resource: the pool is priced once at its tiers and each sender pays its share of that
    charge, so the shares add up to the pool's price. A pool smaller than `gb` (0: not
    pooled) is the sender alone.
    """
    pool = max(pool_gb, gb)
    if pool <= 0:
        return 0.0
    return tiered_usd(pool, tiers) * gb / pool


def _pool(moved: Volume) -> str:
    if moved.pool_gb <= moved.out_gb:
        return ""
    return f" on the account's {_gb(moved.pool_gb)} ({moved.out_gb / moved.pool_gb:.0%} share)"


def _gb(gb: float) -> str:
    if gb >= 1e6:
        return f"{gb / 1e6:,.2f} PB"
    if gb >= 1e3:
        return f"{gb / 1e3:,.1f} TB"
    return f"{gb:,.1f} GB"


def _rates(price: Price) -> str:
    tiers = price.egress_tiers or []
    first, last = tiers[0].usd_per_gb, tiers[-1].usd_per_gb
    return f"${first:g}" if first == last else f"${first:g}-${last:g}"


def _usage(
    comp: Component, price: Price, monthly_requests: float, tokens: TokenProfile | None
) -> tuple[float, str] | None:
    """Charge for tokens or searches, with its terms; None when not priced by use."""
    if price.per_thousand_searches is not None:
        usd = monthly_requests / 1e3 * price.per_thousand_searches
        return usd, f"{monthly_requests / 1e6:,.1f}M searches at ${price.per_thousand_searches}/1k"
    if price.per_million_input_tokens is None:
        return None
    shape = tokens if tokens is not None else _tokens_of(comp)
    if shape is None:
        return None
    bill = token_bill(price, monthly_requests, shape)
    return bill.usd, bill.terms


@dataclass(frozen=True)
class TokenBill:
    """A month of one model's tokens at one price: fresh input, cached input, output,
    and the batch discount, each as its own term so the bill can be checked by hand."""

    usd: float
    terms: str
    cache_saving: float  # USD the prompt cache saves against the full input price
    batch_saving: float  # USD the batch API saves


def token_bill(price: Price, monthly_requests: float, shape: TokenProfile) -> TokenBill:
    """calls × (fresh input × input price + cached input × cached price + output × output
    price) × (1 − batch discount when the calls go through the batch API).

    The cached share is priced at the cached-input price only where the provider lists
    one (else at the full input price, said in the terms). Cache writes are not added:
    at a steady request rate a prefix is written once per cache lifetime (minutes) and
    read by every call in between. The batch discount applies to the whole token charge
    after the cache price (Anthropic states the two stack).
    """
    full_in = price.per_million_input_tokens or 0.0
    out_price = price.per_million_output_tokens or 0.0
    inp = monthly_requests * shape.input.mean
    cached_price = price.per_million_cached_input_tokens
    cached = inp * shape.cached_input_share if cached_price is not None else 0.0
    usd = (inp - cached) / 1e6 * full_in + cached / 1e6 * (cached_price or 0.0)
    usd += monthly_requests * shape.output.mean / 1e6 * out_price
    cache_saving = cached / 1e6 * (full_in - (cached_price or 0.0))
    terms = f"{monthly_requests / 1e6:,.1f}M calls x {shape.input.mean:,.0f} input tokens at "
    terms += f"${full_in:g}/M"
    if cached:
        terms += f" ({shape.cached_input_share:.0%} cached at ${cached_price:g}/M, "
        terms += f"saving ${cache_saving:,.2f})"
    elif shape.cached_input_share:
        terms += " (no cached-input price listed: the cached share at the full price)"
    if shape.output.mean:
        terms += f" + {shape.output.mean:,.0f} output tokens at ${out_price:g}/M"
    batch_saving = 0.0
    if shape.batch and price.batch_discount:
        batch_saving = usd * price.batch_discount
        usd -= batch_saving
        terms += f", batch API {price.batch_discount:.0%} off (saving ${batch_saving:,.2f})"
    elif shape.batch:
        terms += " (no batch discount listed: full price)"
    return TokenBill(usd, terms, cache_saving, batch_saving)


def _tokens_of(comp: Component) -> TokenProfile | None:
    """The component's token figures, from the shipped catalog (callers that hold their
    own catalog pass `tokens` instead)."""
    catalog = load_catalog()
    return token_profile(comp, catalog.for_component(comp))
