"""The price models a cost comparison between technologies leans on (issue 13): DNS billed
per resolver query, Kinesis billed for the shards the event rate needs, Confluent Cloud
billed for its throughput. Each is checked through the one pricing path
(`kb.pricing.price_component`, which `kb.scoring.monthly_cost` calls)."""

from __future__ import annotations

import pytest

from archwright.kb.catalog import load_catalog
from archwright.kb.context import Context
from archwright.kb.pricing import price_component
from archwright.kb.scoring import SECONDS_PER_MONTH, monthly_cost, record_kb_of
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.kb.transfer import load_transfer
from archwright.model import Component, Kind

CATALOG = load_catalog()
RULES = load_tradeoffs().technology
SHARE = load_transfer().usage.dns_queries_per_request


def _usd(name: str, cloud: str, rps: float, record_kb: float | None = None) -> float:
    usd, _ = monthly_cost(CATALOG.get(name), cloud, rps, RULES, 0.0, record_kb)
    assert usd is not None
    return usd


@pytest.mark.parametrize(
    ("name", "cloud"), [("aws-route53", "aws"), ("gcp-cloud-dns", "gcp"), ("azure-dns", "azure")]
)
def test_dns_is_billed_per_resolver_query_plus_the_zone(name: str, cloud: str) -> None:
    price = CATALOG.get(name).prices[cloud]  # type: ignore[index]
    dns = Component(id="dns", kind=Kind.DNS, technology=name)
    requests = 5_000 * SECONDS_PER_MONTH
    usd, terms = price_component(dns, price, requests)
    queries = requests * SHARE.point
    per_million = price.per_million_requests or 0.0
    assert usd == pytest.approx(price.usd_per_month + queries / 1e6 * per_million)
    assert usd < requests / 1e6 * per_million / 10  # caches answer most lookups
    assert "resolver queries per request" in terms[-1]
    assert 0 < SHARE.low <= SHARE.point <= SHARE.high <= 1


def test_route53_is_cheap_enough_to_win_on_aws_by_its_fit() -> None:
    """At 5,000 requests/s Route 53 costs tens of dollars, not thousands: the cost cell of
    the free Cloudflare plan no longer outweighs the cloud fit."""
    usd = _usd("aws-route53", "aws", 5_000)
    assert 10 < usd < 100
    band = next(score for limit, score in RULES.cost_bands if usd <= limit)
    assert band == 5


def test_kinesis_shards_follow_the_event_rate() -> None:
    one, ten = _usd("aws-kinesis", "aws", 1_000), _usd("aws-kinesis", "aws", 10_000)
    _, basis = monthly_cost(CATALOG.get("aws-kinesis"), "aws", 10_000, RULES)
    assert "10 x 1 provisioned shard" in basis
    assert ten > 9 * one  # ten shards and ten times the PUT units


def test_kinesis_shards_follow_the_bytes_when_records_are_large() -> None:
    """1,000 records/s of 4 KB is 3.9 MB/s: four shards at 1 MB/s each, not one."""
    _, basis = monthly_cost(CATALOG.get("aws-kinesis"), "aws", 1_000, RULES, 0.0, 4.0)
    assert "4 x 1 provisioned shard" in basis
    _, small = monthly_cost(CATALOG.get("aws-kinesis"), "aws", 1_000, RULES, 0.0, 1.0)
    assert "1 x 1 provisioned shard" in small


def test_confluent_cloud_bills_its_throughput() -> None:
    quiet, busy = _usd("confluent-cloud", "aws", 10), _usd("confluent-cloud", "aws", 10_000)
    price = CATALOG.get("confluent-cloud").prices["aws"]  # type: ignore[index]
    kb = load_transfer().usage.payload_kb.point
    gb = 10_000 * SECONDS_PER_MONTH * kb * 2 / 1e6  # each event in once and out once
    assert busy - quiet == pytest.approx((gb - gb / 1000) * (price.per_gb_processed or 0))
    assert busy > 10 * quiet


def test_a_media_payload_is_not_an_event_size() -> None:
    high = load_transfer().usage.payload_kb.high
    assert record_kb_of(Context({"scale.payload_kb": 4.0}, {})) == 4.0
    assert record_kb_of(Context({"scale.payload_kb": high * 10}, {})) is None
    assert record_kb_of(Context({}, {})) is None
