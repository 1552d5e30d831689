"""The price of one component at one list price: nodes × unit, requests, storage.

The one definition of what a priced unit costs. The cost engine (`archwright.cost`) sums
it over a model; the technology scorer (`archwright.kb.scoring`) asks it what a candidate
would cost at the stated load. It lives here, below both, because it needs only the
catalog's `Price` and the model's `Component`.
"""

from __future__ import annotations

from archwright.kb.capacity import TokenProfile, token_profile
from archwright.kb.catalog import Price, load_catalog
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
) -> tuple[float, list[str]]:
    """Monthly USD for one component at one price, and the terms it was built from.

    A usage-priced technology lists a bundle (`usd_per_month` for its `unit`, e.g. 100k
    model calls or 1 TB served) and a per-request price: adding both would count the
    bundle's requests twice, so the larger of the bundle charge and the request charge
    is taken. A model priced per token is billed for the tokens its requests carry
    (`tokens`: the component's resolved token figures, looked up when not given); a
    reranker priced per search for its searches.
    """
    count = nodes(comp)
    base = price.usd_per_month * count
    parts = [f"{count} x {price.unit} at ${price.usd_per_month:,.2f}"] if base else []
    usage = _usage(comp, price, monthly_requests, tokens)
    if usage is not None and usage[0] > base:
        base, parts = usage[0], [usage[1]]
    if price.per_million_requests is not None and monthly_requests:
        by_requests = monthly_requests / 1e6 * price.per_million_requests
        if by_requests > base:
            base = by_requests
            parts = [
                f"{monthly_requests / 1e6:,.1f}M requests at ${price.per_million_requests:,}/M"
            ]
    total = base
    if price.per_gb_month is not None and comp.storage_gb:
        single = comp.kind in _SINGLE_COPY_STORAGE
        copies = 1 if single else max(1, comp.replicas + comp.read_replicas)
        total += comp.storage_gb * price.per_gb_month * copies
        copy_note = f" x {copies} copies" if copies > 1 else ""
        parts.append(f"{comp.storage_gb:g} GB{copy_note} at ${price.per_gb_month}/GB-month")
    return total, parts


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
    inp = monthly_requests * shape.input.mean
    out = monthly_requests * shape.output.mean
    usd = inp / 1e6 * price.per_million_input_tokens
    usd += out / 1e6 * (price.per_million_output_tokens or 0.0)
    terms = f"{monthly_requests / 1e6:,.1f}M calls x {shape.input.mean:,.0f} input tokens at "
    terms += f"${price.per_million_input_tokens:g}/M"
    if shape.output.mean:
        terms += f" + {shape.output.mean:,.0f} output tokens at "
        terms += f"${price.per_million_output_tokens or 0:g}/M"
    return usd, terms


def _tokens_of(comp: Component) -> TokenProfile | None:
    """The component's token figures, from the shipped catalog (callers that hold their
    own catalog pass `tokens` instead)."""
    catalog = load_catalog()
    return token_profile(comp, catalog.for_component(comp))
