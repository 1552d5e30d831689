"""Data transfer in the estimate: tiered CDN delivery, internet egress, zone crossings,
the video range, and the price data's sources."""

from __future__ import annotations

import pytest

from archwright.cost import estimate
from archwright.cost.estimate import Estimate
from archwright.kb.catalog import Tier, load_catalog, tiered_usd
from archwright.kb.transfer import Range, load_transfer
from archwright.model import Architecture

CLOUDFRONT = load_catalog().get("aws-cloudfront").prices["aws"].egress_tiers


def test_tiered_price_charges_each_gb_at_its_tier() -> None:
    assert CLOUDFRONT is not None
    # 15,000 GB: the first 10,240 at $0.085, the next 4,760 at $0.080.
    assert tiered_usd(15_000, CLOUDFRONT) == pytest.approx(10_240 * 0.085 + 4_760 * 0.080)
    assert tiered_usd(0, CLOUDFRONT) == 0
    flat = [Tier(up_to_gb=None, usd_per_gb=0.12)]
    assert tiered_usd(1_000, flat) == pytest.approx(120)


def test_tiers_must_end_open_and_increase() -> None:
    from archwright.kb.catalog import ascending_tiers

    with pytest.raises(ValueError):
        ascending_tiers([Tier(up_to_gb=10, usd_per_gb=1)])
    with pytest.raises(ValueError):
        ascending_tiers(
            [Tier(up_to_gb=10, usd_per_gb=1), Tier(up_to_gb=5, usd_per_gb=1), Tier(usd_per_gb=0)]
        )


def test_every_transfer_price_has_a_public_source() -> None:
    data = load_transfer()
    assert set(data.clouds) == {"aws", "gcp", "azure"}
    for cloud in data.clouds.values():
        assert cloud.internet_egress.source.startswith("https://")
        assert cloud.inter_zone.source.startswith("https://")
    assert data.usage.video_gb_per_hour.source.startswith("https://")
    for tech in load_catalog().technologies:
        for price in tech.prices.values():
            if price.egress_tiers is not None:
                assert price.source.startswith("https://"), tech.name


def _arch(**scale: float) -> Architecture:
    return Architecture.model_validate(
        {
            "name": "transfer",
            "requirements": {"scale": {"avg_rps": 1000, "peak_rps": 3000, **scale}},
            "components": [
                {"id": "users", "kind": "client"},
                {"id": "cdn", "kind": "cdn", "technology": "aws-cloudfront", "public": True},
                {
                    "id": "lb",
                    "kind": "load_balancer",
                    "technology": "aws-alb",
                    "public": True,
                    "region": "us-east-1",
                },
                {
                    "id": "api",
                    "kind": "service",
                    "technology": "aws-ecs-fargate",
                    "region": "us-east-1",
                    "zones": ["us-east-1a", "us-east-1b"],
                    "replicas": 2,
                },
                {
                    "id": "db",
                    "kind": "sql_db",
                    "technology": "aws-rds-postgresql",
                    "region": "us-east-1",
                    "zones": ["us-east-1a", "us-east-1b"],
                    "replicas": 2,
                },
            ],
            "connections": [
                {"source": "users", "target": "cdn", "share": 0.5},
                {"source": "users", "target": "lb", "share": 0.5},
                {"source": "lb", "target": "api"},
                {"source": "api", "target": "db", "protocol": "sql", "payload_kb": 10},
            ],
        }
    )


def test_egress_and_zone_crossings_are_line_items() -> None:
    # 30 KB is within an API response's range (kb/transfer.yaml): every response carries it.
    est = estimate(_arch(payload_kb=30), load_catalog(), "aws")
    seconds = 730 * 3600
    # 500 responses/s x 30 KB at the CDN: 39,420 GB in the month, at CloudFront's tiers.
    cdn_gb = 500 * seconds * 30 / 1e6
    assert "delivered at tiered" in est.components["cdn"].basis
    assert est.components["cdn"].monthly >= tiered_usd(cdn_gb, CLOUDFRONT or [])
    # The load balancer's responses leave at the internet egress tiers.
    internet = load_transfer().clouds["aws"].internet_egress.tiers
    assert "to the internet" in est.components["lb"].basis
    assert est.components["lb"].monthly >= tiered_usd(cdn_gb, internet)
    # api -> db: 500 calls/s (half the users reach the API) x 10 KB; half of them cross
    # to the other zone, at $0.02/GB.
    crossing = 500 * seconds * 10 / 1e6 * 0.5
    assert "across zones" in est.components["api"].basis
    without = estimate(_arch(payload_kb=30), load_catalog(), "azure")
    assert "across zones" not in without.components["api"].basis  # Azure charges none
    assert est.components["api"].monthly == pytest.approx(2 * 36.04 + crossing * 0.02, rel=0.01)
    assert est.monthly_low is None  # nothing assumed about usage


def _streamed(tag: str, per: Range) -> Estimate:
    """The estimate of 1M DAU streaming 2 h/day through a CDN tagged `tag`, after
    checking the CDN's line: hours x GB per hour at CloudFront's tiers, plus requests."""
    arch = _arch(dau=1_000_000, watch_hours_per_user_day=2)
    arch.components[1].tags = [tag]
    est = estimate(arch, load_catalog(), "aws")
    hours = 1_000_000 * 2 * 730 / 24
    point = tiered_usd(hours * per.point, CLOUDFRONT or [])
    assert est.components["cdn"].monthly == pytest.approx(
        point + 500 * 730 * 3600 / 1e6 * 1.0, rel=1e-6
    )
    return est


def test_audio_delivery_is_priced_by_hours_listened_not_per_response() -> None:
    """An audio CDN sends the tracks' bytes: hours listened x GB per hour at the audio
    range, not 2 KB per request (20M listeners for 2 h/day were 16.6 TB a month)."""
    per = load_transfer().usage.audio_gb_per_hour
    est = _streamed("audio", per)
    assert per.low < per.point < per.high < load_transfer().usage.video_gb_per_hour.low
    assert est.monthly_low is not None and est.monthly_high is not None
    assert est.monthly_low < est.monthly_total < est.monthly_high
    assert any("GB per hour listened" in a for a in est.assumptions)


def test_the_audio_pattern_cdn_streams_audio() -> None:
    """The music design's CDN carries the `audio` tag that prices it by hours listened."""
    from archwright.kb.patterns import load_patterns

    pattern = load_patterns().get("audio-streaming")
    cdn = next(c for c in pattern.components if c.id == "media-cdn")
    assert "audio" in cdn.tags


def test_video_delivery_is_priced_by_hours_watched_with_a_range() -> None:
    est = _streamed("video", load_transfer().usage.video_gb_per_hour)
    assert est.monthly_low is not None and est.monthly_high is not None
    assert est.monthly_low < est.monthly_total < est.monthly_high
    assert any("GB per hour watched" in a for a in est.assumptions)


def test_an_assumed_response_size_prices_egress_as_a_range() -> None:
    # No payload stated anywhere: responses at the usage default's point (2 KB) with its
    # low and high ends (1 KB, 37 KB) as the range. The CDN's 500 responses/s are
    # 1,314M responses a month: 1,314 GB at 1 KB, 2,628 GB at 2 KB, 48,618 GB at 37 KB.
    usage = load_transfer().usage.payload_kb
    assert (usage.low, usage.point, usage.high) == (1, 2, 37)
    est = estimate(_arch(), load_catalog(), "aws")
    assert est.monthly_low is not None and est.monthly_high is not None
    assert est.monthly_low < est.monthly_total < est.monthly_high
    responses = 500 * 730 * 3600
    tiers = CLOUDFRONT or []
    cdn_at = {kb: tiered_usd(responses * kb / 1e6, tiers) for kb in (1, 2, 37)}
    internet = load_transfer().clouds["aws"].internet_egress.tiers
    lb_at = {kb: tiered_usd(responses * kb / 1e6, internet) for kb in (1, 2, 37)}
    # Only the two senders' GB move between the ends (nothing else is ranged here).
    assert est.monthly_high - est.monthly_total == pytest.approx(
        cdn_at[37] - cdn_at[2] + lb_at[37] - lb_at[2], rel=1e-4
    )
    assert est.monthly_total - est.monthly_low == pytest.approx(
        cdn_at[2] - cdn_at[1] + lb_at[2] - lb_at[1], rel=1e-4
    )
    assert "(assumed; range 1-37 KB)" in est.components["cdn"].basis
    assert any("responses of unstated size" in a for a in est.assumptions)
    assert not any("GB per hour watched" in a for a in est.assumptions)


def test_a_stated_payload_prices_egress_without_a_range() -> None:
    est = estimate(_arch(payload_kb=30), load_catalog(), "aws")
    assert est.monthly_low is None and est.monthly_high is None
    assert not any("responses of unstated size" in a for a in est.assumptions)


def _with_third_party() -> Architecture:
    """The transfer design with its private api calling a third-party API (no zones:
    outside the network) on every request, 4 KB a call."""
    base = _arch().model_dump(mode="json", exclude_none=True)
    base["components"].append({"id": "psp", "kind": "payment", "technology": "stripe"})
    base["connections"].append({"source": "api", "target": "psp", "payload_kb": 4})
    return Architecture.model_validate(base)


def test_private_compute_pays_nat_gateways_by_the_hour_and_the_gb() -> None:
    arch = _with_third_party()
    nat = load_transfer().clouds["aws"].nat
    est = estimate(arch, load_catalog(), "aws")
    assert "nat-gateways" not in est.components  # not a component of the model
    line = est.network["nat-gateways"]
    # api: 500 requests/s reach it (half the 1,000/s average), each calls the psp once.
    gb = 500 * 730 * 3600 * 4 / 1e6
    # two zones: one gateway per zone on AWS
    assert line.monthly == pytest.approx(2 * nat.usd_per_hour * 730 + gb * nat.usd_per_gb, 0.01)
    assert "2 NAT gateway(s)" in line.basis
    assert est.monthly_total == pytest.approx(
        sum(c.monthly for c in est.components.values() if c.in_total) + line.monthly, abs=0.02
    )


def test_gcp_cloud_nat_bills_per_vm_up_to_its_cap() -> None:
    """GKE nodes sit in private subnets behind Cloud NAT, billed per VM (two here);
    Cloud Run, reached through a regional endpoint, needs none."""
    nat = load_transfer().clouds["gcp"].nat
    assert nat.usd_per_vm_hour is not None
    base = _with_third_party().model_dump(mode="json", exclude_none=True)
    assert estimate(Architecture.model_validate(base), load_catalog(), "gcp").network == {}
    base["components"][3]["technology"] = "gcp-gke"
    line = estimate(Architecture.model_validate(base), load_catalog(), "gcp").network
    hourly = min(nat.usd_per_hour, 2 * nat.usd_per_vm_hour)
    assert (
        f"1 NAT gateway(s) (one per region) x 730 h at ${hourly:g}/h" in line["nat-gateways"].basis
    )


def test_a_public_box_has_no_nat() -> None:
    box = Architecture.model_validate(
        {
            "name": "box",
            "requirements": {"scale": {"avg_rps": 10, "peak_rps": 20}},
            "components": [
                {"id": "users", "kind": "client"},
                {"id": "api", "kind": "service", "technology": "aws-ecs-fargate", "public": True},
                {"id": "psp", "kind": "payment", "technology": "stripe"},
            ],
            "connections": [
                {"source": "users", "target": "api"},
                {"source": "api", "target": "psp"},
            ],
        }
    )
    assert estimate(box, load_catalog(), "aws").network == {}


def _media_arch(payload_kb: float) -> Architecture:
    """The transfer design with media: the CDN serves a bucket the API hands upload URLs
    for, and the API answers through the load balancer."""
    arch = _arch(payload_kb=payload_kb)
    media = {"id": "media", "kind": "object_store", "technology": "aws-s3", "region": "us-east-1"}
    data = arch.model_dump(mode="json", exclude_none=True)
    data["components"].append(media)
    data["connections"] += [
        {"source": "cdn", "target": "media", "protocol": "s3"},
        {"source": "api", "target": "media", "protocol": "s3", "share": 0.01},
    ]
    return Architecture.model_validate(data)


def test_media_bytes_flow_from_the_store_and_cdn_not_through_the_load_balancer() -> None:
    """A 2 MB payload is a media object, not an API response: the CDN delivers it, and
    the load balancer processes and sends the API's responses only (issue 13)."""
    est = estimate(_media_arch(2000), load_catalog(), "aws")
    seconds = 730 * 3600
    api_kb = load_transfer().usage.payload_kb.point  # the API responses' usage default
    # The CDN delivers 500 responses/s x 2,000 KB at CloudFront's tiers.
    media_gb = 500 * seconds * 2000 / 1e6
    assert est.components["cdn"].monthly >= tiered_usd(media_gb, CLOUDFRONT or [])
    assert "x 2000 KB" in est.components["cdn"].basis
    lb = est.components["lb"].basis
    # 500 requests/s through the ALB, each carrying an API response in and out.
    requests = 500 * seconds
    processed = requests * api_kb * 2 / 1e6
    assert f"x {api_kb:g} KB in and out" in lb
    assert "x 2000 KB" not in lb
    internet = load_transfer().clouds["aws"].internet_egress.tiers
    alb = load_catalog().get("aws-alb").prices["aws"]
    assert alb.per_gb_processed is not None
    lb_most = (
        alb.usd_per_month * 2
        + processed * alb.per_gb_processed
        + tiered_usd(requests * 37 / 1e6, internet)
    )
    assert est.components["lb"].monthly < lb_most
    # api -> db stays at its stated 10 KB; no crossing is priced at the media size.
    crossing = 500 * seconds * 10 / 1e6 * 0.5
    assert est.components["api"].monthly == pytest.approx(2 * 36.04 + crossing * 0.02, rel=0.01)


def test_a_payload_within_an_api_responses_range_is_every_responses_size() -> None:
    """pastebin's 10 KB, chat's 1 KB: the payload is what the API answers with."""
    est = estimate(_media_arch(10), load_catalog(), "aws")
    assert "x 10 KB in and out" in est.components["lb"].basis
    assert "x 10 KB" in est.components["cdn"].basis


@pytest.mark.parametrize("dau", [1_000_000, 999_983, 123_457])
def test_a_range_is_given_in_whole_cents_like_the_point(dau: int) -> None:
    """The range's ends are money shown beside the point total: whole cents, as the total
    (a sum of components each rounded to the cent) is. The low and high ends are the total
    plus unrounded differences, so they are rounded themselves."""
    arch = _arch(dau=dau, watch_hours_per_user_day=2)
    arch.components[1].tags = ["video"]
    est = estimate(arch, load_catalog(), "aws")
    ends = [est.monthly_low, est.monthly_high]
    assert all(x is not None and round(x * 100) == pytest.approx(x * 100, abs=1e-6) for x in ends)
    assert est.monthly_total == round(est.monthly_total, 2)


def test_a_delivering_cdn_is_compared_only_with_cdns_that_price_delivery() -> None:
    """three_tier's CloudFront delivers about 2.1 TB a month (tiered $0.085-$0.02/GB).
    Cloudflare's catalog price on AWS states no delivery price (a flat plan): priced
    against it the delivery would look free, and it would be "cheaper" at any volume.
    So the estimate offers no CDN alternative that lacks delivery prices."""
    from pathlib import Path

    from archwright.archfile import load_architecture

    arch = load_architecture(Path(__file__).parents[2] / "examples" / "three_tier.yaml")
    catalog = load_catalog()
    assert catalog.get("cloudflare-cdn").prices["aws"].egress_tiers is None
    found = estimate(arch, catalog, "aws")
    assert "TB delivered at tiered" in found.components["cdn"].basis
    for alt in found.alternatives:
        if alt.component == "cdn":
            assert catalog.get(alt.suggestion).prices["aws"].egress_tiers is not None, alt
    assert all(alt.suggestion != "cloudflare-cdn" for alt in found.alternatives)
