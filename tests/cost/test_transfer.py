"""Data transfer in the estimate: tiered CDN delivery, internet egress, zone crossings,
the video range, and the price data's sources."""

from __future__ import annotations

import pytest

from archwright.cost import estimate
from archwright.kb.catalog import Tier, load_catalog, tiered_usd
from archwright.kb.transfer import load_transfer
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
    est = estimate(_arch(payload_kb=100), load_catalog(), "aws")
    seconds = 730 * 3600
    # 500 responses/s x 100 KB at the CDN: 131,400 GB in the month, at CloudFront's tiers.
    cdn_gb = 500 * seconds * 100 / 1e6
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
    without = estimate(_arch(payload_kb=100), load_catalog(), "azure")
    assert "across zones" not in without.components["api"].basis  # Azure charges none
    assert est.components["api"].monthly == pytest.approx(2 * 36.04 + crossing * 0.02, rel=0.01)
    assert est.monthly_low is None  # nothing assumed about usage


def test_video_delivery_is_priced_by_hours_watched_with_a_range() -> None:
    arch = _arch(dau=1_000_000, watch_hours_per_user_day=2)
    arch.components[1].tags = ["video"]
    est = estimate(arch, load_catalog(), "aws")
    per = load_transfer().usage.video_gb_per_hour
    hours = 1_000_000 * 2 * 730 / 24
    point = tiered_usd(hours * per.point, CLOUDFRONT or [])
    assert est.components["cdn"].monthly == pytest.approx(
        point + 500 * 730 * 3600 / 1e6 * 1.0, rel=1e-6
    )
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
    est = estimate(_arch(payload_kb=100), load_catalog(), "aws")
    assert est.monthly_low is None and est.monthly_high is None
    assert not any("responses of unstated size" in a for a in est.assumptions)


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
