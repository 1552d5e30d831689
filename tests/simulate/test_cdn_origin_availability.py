"""A provider's SLA composed as it is stated: a CDN answers its hits without the origin, so
a journey through a CDN is bounded by the CDN's SLA and needs the origin for misses only
(simulate's availability and the audit's REL014 agree)."""

from __future__ import annotations

import pytest

from archwright.audit import audit
from archwright.model import Architecture
from archwright.simulate.availability import availability


def _arch(hit_ratio: float | None, slo: float) -> Architecture:
    cdn: dict[str, object] = {"id": "cdn", "kind": "cdn", "availability": 0.999, "public": True}
    if hit_ratio is not None:
        cdn["hit_ratio"] = hit_ratio
    return Architecture.model_validate(
        {
            "name": "static site",
            "requirements": {"slo": {"availability": slo}, "scale": {"peak_rps": 100}},
            "components": [
                {"id": "users", "kind": "client"},
                cdn,
                {"id": "assets", "kind": "object_store", "availability": 0.99},
            ],
            "connections": [
                {"source": "users", "target": "cdn"},
                {"source": "cdn", "target": "assets", "protocol": "s3"},
            ],
            "journeys": [{"name": "load assets", "steps": ["users", "cdn", "assets"]}],
        }
    )


def _journey(arch: Architecture) -> float:
    return float(availability(arch, 100)["journeys"]["load assets"]["availability"])


def test_origin_behind_a_cdn_counts_for_misses_only() -> None:
    # 0.999 x (1 - 0.1 x 0.01): the origin's 1% downtime reaches one request in ten.
    assert _journey(_arch(0.9, 99.0)) == pytest.approx(0.999 * (1 - 0.1 * 0.01), abs=1e-9)
    # Without a hit ratio every request needs the origin: the series product.
    assert _journey(_arch(None, 99.0)) == pytest.approx(0.999 * 0.99, abs=1e-9)


def test_rel014_composes_the_same_way() -> None:
    def rel014(arch: Architecture) -> list[str]:
        return [f.message for f in audit(arch).findings if f.rule_id == "REL014"]

    assert rel014(_arch(0.9, 99.8)) == []  # 99.80% >= 99.8%
    assert rel014(_arch(None, 99.8))  # 98.90% < 99.8%


def test_a_cdn_that_caches_nothing_cannot_serve_stale_content_for_its_origin() -> None:
    """`stale_if_error` lets a CDN answer from its cache while the origin errs; a CDN with
    no hit ratio holds nothing to answer with, so its origin stays serial: 0.999 x 0.99,
    as without the flag (with a hit ratio of 0.9 the origin drops out: 0.999)."""
    plain = _arch(None, 99.0)
    plain.components_by_id()["cdn"].properties["stale_if_error"] = True
    assert _journey(plain) == pytest.approx(0.999 * 0.99, abs=1e-12)
    caching = _arch(0.9, 99.0)
    caching.components_by_id()["cdn"].properties["stale_if_error"] = True
    assert _journey(caching) == pytest.approx(0.999, abs=1e-12)
