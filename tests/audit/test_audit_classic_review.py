"""The classic design review (issue 4, 'Must show'): what a senior architect would flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwright.archfile import load_architecture
from archwright.audit import Finding, Report, audit

FIXTURE = Path(__file__).parent / "fixtures" / "classic_review.yaml"


@pytest.fixture(scope="module")
def report() -> Report:
    return audit(load_architecture(FIXTURE))


def _by_rule(report: Report, code: str) -> list[Finding]:
    return [f for f in report.findings if f.rule_id == code]


def test_shared_database_is_flagged_as_coupling(report: Report) -> None:
    (shared,) = _by_rule(report, "OPS001")
    assert set(shared.targets) == {"db", "orders", "inventory", "pricing"}
    assert "owner" in shared.fix and "events" in shared.fix


def test_sync_chain_is_a_cascade_risk(report: Report) -> None:
    (chain,) = _by_rule(report, "REL002")
    assert chain.targets == ("inventory", "orders", "pricing")
    assert "cascades" in chain.message
    assert "asynchronous" in chain.fix


def test_missing_timeouts_and_breakers_on_every_service_hop(report: Report) -> None:
    hops = {"orders->inventory", "inventory->pricing"}
    no_breaker = {f.targets[0] for f in _by_rule(report, "REL004")}
    no_timeout = {f.targets[0] for f in _by_rule(report, "REL003")}
    assert hops <= no_breaker
    assert hops <= no_timeout
    assert all("circuit_breaker" in f.fix for f in _by_rule(report, "REL004"))
    assert all("timeout_ms" in f.fix for f in _by_rule(report, "REL003"))


def test_cache_invalidation_stale_read_risk(report: Report) -> None:
    (stale,) = _by_rule(report, "REL013")
    assert set(stale.targets) == {"cache", "db"}
    assert "invalidation" in stale.fix and "ttl_seconds" in stale.fix


def test_every_finding_has_a_fix_and_the_design_grades_poorly(report: Report) -> None:
    assert all(f.fix and f.rationale for f in report.findings)
    from archwright.audit import Category

    assert report.grades[Category.RELIABILITY].grade in {"D", "F"}
    assert report.grades[Category.OPERABILITY].grade != "A"
    assert report.overall.grade in {"C", "D", "F"}
