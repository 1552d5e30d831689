"""How providers add up a bill: provisioned units plus requests (Kinesis, Event Hubs), and
volume tiers counted on the account's total, not per sender."""

from __future__ import annotations

import pytest

from archwright.cost import estimate
from archwright.kb.catalog import load_catalog, tiered_usd
from archwright.kb.pricing import billed_requests, pooled_usd, price_component
from archwright.kb.transfer import load_transfer
from archwright.model import Architecture, Component, Kind

KINESIS = load_catalog().get("aws-kinesis").prices["aws"]
FARGATE = load_catalog().get("aws-ecs-fargate").prices["aws"]
AWS_EGRESS = load_transfer().clouds["aws"].internet_egress.tiers


def test_kinesis_bills_shard_hours_plus_put_payload_units() -> None:
    # https://aws.amazon.com/kinesis/data-streams/pricing/ (provisioned mode): shard-hours
    # and PUT payload units are two charges, summed. 2 shards x $0.015/h x 730 h = $21.90;
    # 100M records of 30 KB are 2 units of 25 KB each = 200M units x $0.014/M = $2.80.
    # Total $24.70 (the old max(shards, units) gave $21.90).
    stream = Component(id="events", kind=Kind.STREAM, technology="aws-kinesis", shards=2)
    usd, parts = price_component(stream, KINESIS, 100e6, request_kb=30)
    assert usd == pytest.approx(2 * 0.015 * 730 + 200 * 0.014)
    assert usd == pytest.approx(24.70)
    assert len(parts) == 2 and "2 units of 25 KB" in parts[1]


def test_a_stream_is_billed_per_shard_the_sizing_gave_it_not_per_replica() -> None:
    # 200,000 records/s need ceil(200,000 / 1,000) = 200 shards; the design records them
    # in `shards`. 200 x $10.95 = $2,190 a month before PUT units, whatever the replicas.
    stream = Component(
        id="telemetry", kind=Kind.STREAM, technology="aws-kinesis", replicas=2, shards=200
    )
    usd, parts = price_component(stream, KINESIS, 0)
    assert usd == pytest.approx(200 * 10.95)
    assert parts[0].startswith("200 x")


def test_kinesis_put_units_are_counted_per_record_batched_or_not() -> None:
    # PutRecords carries up to 500 records in one call, but each record is still billed
    # its own 25 KB units: batching must not shrink the bill (1 KB records: 1 unit each).
    assert KINESIS.batch_max is None
    batched, _ = billed_requests(KINESIS, 1e6, 1.0, batched=True)
    unbatched, _ = billed_requests(KINESIS, 1e6, 1.0, batched=False)
    assert batched == unbatched == 1e6


def test_a_bundle_that_includes_requests_still_takes_the_larger() -> None:
    sqs = load_catalog().get("aws-sqs").prices["aws"]
    assert not sqs.requests_added  # SQS bills only calls: nothing provisioned to add
    assert KINESIS.requests_added
    hubs = load_catalog().get("azure-event-hubs").prices["azure"]
    assert hubs.requests_added and hubs.request_unit_kb == 64


def test_a_stream_in_a_design_is_billed_for_its_records_on_top_of_its_shards() -> None:
    arch = Architecture.model_validate(
        {
            "name": "stream",
            "requirements": {"scale": {"avg_rps": 100, "peak_rps": 300}},
            "components": [
                {"id": "users", "kind": "client"},
                {"id": "api", "kind": "service", "technology": "aws-ecs-fargate"},
                {"id": "events", "kind": "stream", "technology": "aws-kinesis"},
            ],
            "connections": [
                {"source": "users", "target": "api"},
                {"source": "api", "target": "events", "mode": "async", "payload_kb": 30},
            ],
        }
    )
    line = estimate(arch, load_catalog(), "aws").components["events"]
    # 100 records/s x 2,628,000 s = 262.8M records x 2 units = 525.6M units x $0.014/M
    # = $7.36, plus 1 shard $10.95 = $18.31.
    assert line.monthly == pytest.approx(10.95 + 262.8 * 2 * 0.014, abs=0.01)


def test_pooled_shares_add_up_to_the_pools_price() -> None:
    # Two senders of 8,192 GB: the pool of 16,384 GB is 10,240 GB at $0.09 and 6,144 GB
    # at $0.085 = $1,443.84, $721.92 each; priced apart each would pay 8,192 x $0.09.
    each = pooled_usd(8_192, 16_384, AWS_EGRESS)
    assert each == pytest.approx((10_240 * 0.09 + 6_144 * 0.085) / 2)
    assert 2 * each == pytest.approx(tiered_usd(16_384, AWS_EGRESS))
    assert each < 8_192 * 0.09
    assert pooled_usd(8_192, 0, AWS_EGRESS) == pytest.approx(8_192 * 0.09)  # not pooled
    assert pooled_usd(0, 16_384, AWS_EGRESS) == 0


def _two_senders(payload_kb: float) -> Architecture:
    public = {"kind": "service", "technology": "aws-ecs-fargate", "public": True}
    return Architecture.model_validate(
        {
            "name": "senders",
            "requirements": {
                "scale": {"avg_rps": 1000, "peak_rps": 3000, "payload_kb": payload_kb}
            },
            "components": [
                {"id": "users", "kind": "client"},
                {"id": "a", **public},
                {"id": "b", **public},
            ],
            "connections": [
                {"source": "users", "target": "a", "share": 0.5},
                {"source": "users", "target": "b", "share": 0.5},
            ],
        }
    )


def test_two_components_sending_8_tb_each_reach_the_second_tier_once() -> None:
    # 500 responses/s x 2,628,000 s x 6.25 KB = 8,212.5 GB each, 16,425 GB together:
    # 10,240 GB at $0.09 + 6,185 GB at $0.085 = $1,447.33 for the account, $723.66 each.
    est = estimate(_two_senders(6.25), load_catalog(), "aws")
    each_gb = 500 * 730 * 3600 * 6.25 / 1e6
    egress = [est.components[c].monthly - FARGATE.usd_per_month for c in ("a", "b")]
    assert egress[0] == pytest.approx(egress[1], abs=0.01)
    assert sum(egress) == pytest.approx(10_240 * 0.09 + (2 * each_gb - 10_240) * 0.085, abs=0.02)
    assert sum(egress) < 2 * tiered_usd(each_gb, AWS_EGRESS) - 10  # not per component
    assert "account's 16.4 TB (50% share)" in est.components["a"].basis
    assert any("account's total per provider" in a for a in est.assumptions)


def test_a_managed_load_balancer_is_one_resource_plus_the_bytes_it_processes() -> None:
    # https://aws.amazon.com/elasticloadbalancing/pricing/: $0.0225 per ALB-hour (x 730 =
    # $16.43) and $0.008 per LCU-hour, an LCU being 1 GB processed an hour. 10M requests
    # of 5 KB in and out = 100 GB = 100 LCU-hours = $0.80. Two replicas in the sizing are
    # not two ALBs: the provider spreads one over the zones.
    alb = load_catalog().get("aws-alb").prices["aws"]
    edge = Component(id="edge", kind=Kind.LOAD_BALANCER, technology="aws-alb", replicas=2)
    usd, parts = price_component(edge, alb, 10e6, request_kb=5)
    assert usd == pytest.approx(0.0225 * 730 + 100 * 0.008, abs=0.01)
    assert parts[0].startswith("1 x") and "100.0 GB processed" in parts[1]


def test_a_websocket_gateway_bills_messages_and_connection_minutes() -> None:
    # https://aws.amazon.com/api-gateway/pricing/ (WebSocket): $1.00 per million messages
    # and $0.25 per million connection-minutes. 10M messages of 2 KB = $10; 3,000
    # connections at the peak, the average a third of the peak = 1,000 held x 43,800
    # minutes = 43.8M connection-minutes = $10.95. Total $20.95.
    arch = Architecture.model_validate(
        {
            "name": "ws",
            "requirements": {"scale": {"avg_rps": 100, "peak_rps": 300}},
            "components": [
                {"id": "users", "kind": "client"},
                {
                    "id": "ws",
                    "kind": "realtime_gateway",
                    "technology": "aws-api-gateway-websocket",
                    "properties": {"connections": 3000},
                },
            ],
            "connections": [{"source": "users", "target": "ws"}],
        }
    )
    line = estimate(arch, load_catalog(), "aws").components["ws"]
    messages = 100 * 730 * 3600 / 1e6  # 262.8M at $1/M
    assert line.monthly == pytest.approx(messages * 1.0 + 1_000 * 43_800 / 1e6 * 0.25, abs=0.01)
    assert "43.8M connection-minutes" in line.basis


def test_an_object_store_bills_storage_plus_requests() -> None:
    # https://aws.amazon.com/s3/pricing/: storage per GB-month and requests are two
    # charges. Unstated size: the 1 TB bundle ($23.55) + 50M requests x $0.86/M = $43;
    # a stated 5,000 GB replaces the bundle: 5,000 x $0.023 = $115 + $43.
    s3 = load_catalog().get("aws-s3").prices["aws"]
    bucket = Component(id="media", kind=Kind.OBJECT_STORE, technology="aws-s3")
    usd, _ = price_component(bucket, s3, 50e6)
    assert usd == pytest.approx(23.55 + 50 * 0.86)
    sized = Component(id="media", kind=Kind.OBJECT_STORE, technology="aws-s3", storage_gb=5000)
    usd, parts = price_component(sized, s3, 50e6)
    assert usd == pytest.approx(5000 * 0.023 + 50 * 0.86)
    assert not any("1 TB stored" in p for p in parts)


def test_two_cdns_of_one_provider_share_its_delivery_tiers() -> None:
    # CloudFront's tiers count the account's deliveries: two distributions of ~8.2 TB
    # each (500 responses/s x 6.25 KB) reach its second tier once between them.
    arch = _two_senders(6.25)
    for comp in arch.components[1:]:
        comp.kind, comp.technology = Kind.CDN, "aws-cloudfront"
    est = estimate(arch, load_catalog(), "aws")
    cloudfront = load_catalog().get("aws-cloudfront").prices["aws"]
    tiers = cloudfront.egress_tiers or []
    each_gb = 500 * 730 * 3600 * 6.25 / 1e6
    requests = 500 * 730 * 3600 / 1e6 * (cloudfront.per_million_requests or 0)
    lines = [est.components[c].monthly - requests for c in ("a", "b")]
    assert sum(lines) == pytest.approx(tiered_usd(2 * each_gb, tiers), abs=0.02)
    assert sum(lines) < 2 * tiered_usd(each_gb, tiers) - 10


def test_a_call_design_names_the_bitrate_it_assumed_not_video() -> None:
    arch = Architecture.model_validate(
        {
            "name": "calls",
            "requirements": {"scale": {"avg_rps": 10, "peak_rps": 30, "concurrent": 300}},
            "components": [
                {"id": "users", "kind": "client"},
                {
                    "id": "sfu",
                    "kind": "realtime_gateway",
                    "technology": "livekit",
                    "public": True,
                    "tags": ["webrtc"],
                },
            ],
            "connections": [{"source": "users", "target": "sfu"}],
        }
    )
    est = estimate(arch, load_catalog(), "aws")
    assert any("Mbit/s per participant" in a for a in est.assumptions)
    assert not any("GB per hour watched" in a for a in est.assumptions)
