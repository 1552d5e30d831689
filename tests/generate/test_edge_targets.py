"""A journey one CDN serves is held to the CDN's SLA only when the SLO is above it."""

from __future__ import annotations

from archwright.generate import design

TEXT = "Photo sharing site, 2M DAU, {slo} availability, AWS"


def _targets(slo: str) -> dict[str, float | None]:
    arch = design(TEXT.format(slo=slo)).architecture
    by_id = arch.components_by_id()
    return {
        j.name: j.availability_target
        for j in arch.journeys
        if any(by_id[s].kind.value == "cdn" for s in j.steps)
    }


def test_above_the_cdns_sla_the_cdn_journeys_are_held_to_it() -> None:
    held = _targets("99.95%")
    assert held and all(t == 99.9 for t in held.values()), held


def test_at_or_below_the_sla_the_slo_stands() -> None:
    held = _targets("99.5%")
    assert held and all(t is None for t in held.values()), held
