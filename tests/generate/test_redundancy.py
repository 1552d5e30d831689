"""Redundancy (generate/redundancy.py): a generated component survives losing one replica,
and a step of a critical journey whose SLO needs it survives losing a zone, both counted
by the availability engine the audit's REL014 judges.

The design here is one service of 10 slots x 50 ms per request (200 requests/s per
replica), so `busy` = rps / 200 replicas and the load needs k = floor(busy) + 1 of them.
"""

from __future__ import annotations

from archwright.audit import audit
from archwright.generate.assemble import zones_for
from archwright.generate.redundancy import add_redundancy
from archwright.generate.sizing import envelope
from archwright.model import Architecture
from archwright.simulate.availability import journey_figures, replica_units

REGION = "us-east-1"


def _arch(rps: float, replicas: int, slo: float, psp: bool = False) -> Architecture:
    steps = ["users", "api", *(["psp"] if psp else [])]
    components: list[dict[str, object]] = [
        {"id": "users", "kind": "client"},
        {
            "id": "api",
            "kind": "service",
            "replicas": replicas,
            "region": REGION,
            "zones": zones_for(REGION, replicas),
            "availability": 0.995,
            "concurrency": 10,
            "service_time_ms": 50,
        },
    ]
    connections = [{"source": "users", "target": "api"}]
    if psp:
        components.append(
            {"id": "psp", "kind": "payment", "availability": 0.999, "service_time_ms": 1}
        )
        connections.append({"source": "api", "target": "psp"})
    return Architecture.model_validate(
        {
            "name": "shop",
            "requirements": {"slo": {"availability": slo}, "scale": {"peak_rps": rps}},
            "components": components,
            "connections": connections,
            "journeys": [{"name": "order", "steps": steps}],
        }
    )


def _redundant(arch: Architecture) -> Architecture:
    add_redundancy(arch, envelope(arch.requirements), frozenset({"api"}))
    return arch


def _api(arch: Architecture) -> tuple[int, int, int]:
    unit = replica_units(arch, arch.requirements.scale.peak_rps or 0.0)["api"]
    return unit.n, unit.k, len(unit.zone_names())


def test_two_of_two_gets_a_spare_in_a_third_zone() -> None:
    arch = _arch(300, 2, 99.9)  # busy 1.5: the load needs 2 of the 2
    assert _api(arch) == (2, 2, 2)
    assert _api(_redundant(arch)) == (3, 2, 3)
    assert "(N+1)" in str(arch.components_by_id()["api"].properties["sizing"])


def test_a_journey_the_slo_needs_survives_a_zone() -> None:
    """4 of 5 over three zones (2, 2, 1): N+1 holds, but a zone holding two leaves 3.
    At 99.99% the journey misses its SLO until a sixth replica evens the zones."""
    arch = _arch(700, 5, 99.99)
    before = journey_figures(arch, 700)[0].value
    assert _api(arch) == (5, 4, 3) and before * 100 < 99.99
    assert _api(_redundant(arch)) == (6, 4, 3)
    assert journey_figures(arch, 700)[0].value * 100 >= 99.99
    assert not [f for f in audit(arch).findings if f.rule_id == "REL014"]


def test_a_zone_is_not_bought_where_the_slo_does_not_need_it() -> None:
    arch = _arch(700, 5, 99.9)  # 4 of 5 is about 99.95%: above 99.9% already
    assert journey_figures(arch, 700)[0].value * 100 >= 99.9
    assert _api(_redundant(arch)) == (5, 4, 3)


def test_no_replica_is_bought_for_a_target_a_provider_caps() -> None:
    """A payment provider at 99.9% caps the journey below 99.99% whatever the API runs:
    the audit reports that journey; a sixth replica would not change the finding."""
    arch = _redundant(_arch(700, 5, 99.99, psp=True))
    assert _api(arch) == (5, 4, 3)
    assert [f.targets for f in audit(arch).findings if f.rule_id == "REL014"] == [("psp",)]


def test_below_the_ha_target_nothing_is_added() -> None:
    arch = _arch(300, 2, 98.0)
    assert _api(_redundant(arch)) == (2, 2, 2)
