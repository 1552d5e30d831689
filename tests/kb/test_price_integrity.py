"""Every price row, in the catalog and in the transfer prices, is sourced, dated and sane:
a public URL, an as-of date, finite non-negative numbers, tiers that end open and get
cheaper with volume."""

from __future__ import annotations

import math
import re

import pytest
from pydantic import ValidationError

from archwright.kb.catalog import Price, Tier, load_catalog
from archwright.kb.transfer import load_transfer

DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
CATALOG = load_catalog()
ROWS = [(t.name, cloud, p) for t in CATALOG.technologies for cloud, p in sorted(t.prices.items())]
FREE = re.compile(r"no charge|free|unlimited", re.IGNORECASE)


def _numbers(price: Price) -> dict[str, float]:
    dumped = price.model_dump()
    return {
        k: float(v)
        for k, v in dumped.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }


def _check_tiers(tiers: list[Tier], where: str) -> None:
    ends = [t.up_to_gb for t in tiers]
    assert ends[-1] is None and None not in ends[:-1], where
    bounded = [e for e in ends if e is not None]
    assert bounded == sorted(set(bounded)), where
    rates = [t.usd_per_gb for t in tiers]
    assert rates == sorted(rates, reverse=True), f"{where}: volume tiers must not cost more"
    assert all(math.isfinite(r) and r >= 0 for r in rates), where


@pytest.mark.parametrize(("name", "cloud", "price"), ROWS, ids=[f"{n}:{c}" for n, c, _ in ROWS])
def test_every_catalog_price_row_is_sourced_dated_and_sane(
    name: str, cloud: str, price: Price
) -> None:
    assert price.source.startswith("https://"), f"{name}/{cloud}: source must be a URL"
    as_of = price.as_of or CATALOG.snapshot_dates.get(name, "")
    assert DATE.match(as_of), f"{name}/{cloud}: no as-of date"
    assert as_of >= CATALOG.snapshot_dates[name], f"{name}/{cloud}: checked before its snapshot"
    for url in price.confirmed_by:
        assert url.startswith(("https://", "http://")), f"{name}/{cloud}: {url}"
    numbers = _numbers(price)
    assert all(math.isfinite(v) and v >= 0 for v in numbers.values()), f"{name}/{cloud}"
    if not any(v > 0 for v in numbers.values()):
        assert FREE.search(price.unit), (
            f"{name}/{cloud}: every figure is zero: the unit must say it is free"
        )
    if price.egress_tiers is not None:
        _check_tiers(price.egress_tiers, f"{name}/{cloud}")
    if price.requests_added:  # a flag without the requests it adds is a typo
        assert price.per_million_requests is not None, f"{name}/{cloud}"
    if price.per_resolver_query:  # the zone is the bundle; queries are billed on top
        assert price.per_million_requests is not None and price.requests_added, name
    if price.billed_once:  # one resource: what grows with use must be priced, or be free
        usage = (price.per_million_requests, price.per_gb_processed, price.per_gb_month)
        assert any(u is not None for u in usage) or FREE.search(price.unit), f"{name}/{cloud}"
    if price.storage_bundle:
        assert price.per_gb_month and price.requests_added, f"{name}/{cloud}"


def test_every_transfer_price_row_is_sourced_dated_and_sane() -> None:
    data = load_transfer()
    for cloud, rows in sorted(data.clouds.items()):
        for what, row in (
            ("egress", rows.internet_egress),
            ("inter-zone", rows.inter_zone),
            ("nat", rows.nat),
        ):
            assert row.source.startswith("https://"), f"{cloud} {what}"
            assert DATE.match(row.as_of) and row.as_of >= data.snapshot_date, f"{cloud} {what}"
            assert all(u.startswith(("https://", "http://")) for u in row.confirmed_by)
        _check_tiers(rows.internet_egress.tiers, f"{cloud} internet egress")
        assert rows.internet_egress.tiers[0].usd_per_gb > 0, cloud
        assert math.isfinite(rows.inter_zone.usd_per_gb) and rows.inter_zone.usd_per_gb >= 0
        nat = rows.nat  # a gateway costs by the hour and by the GB, on every cloud
        assert nat.usd_per_hour > 0 and nat.usd_per_gb > 0, cloud
        if nat.usd_per_vm_hour is not None:  # per VM up to the gateway's cap
            assert 0 < nat.usd_per_vm_hour <= nat.usd_per_hour, cloud


@pytest.mark.parametrize("bad", [float("inf"), float("nan"), -1.0])
def test_a_price_that_is_not_a_finite_non_negative_number_is_refused(bad: float) -> None:
    with pytest.raises(ValidationError):
        Price(usd_per_month=bad, unit="node", source="https://example.com/")
    with pytest.raises(ValidationError):
        Tier(up_to_gb=None, usd_per_gb=bad)
