"""A provider-run service is one unit at its SLA, however many replicas the model declares.

Issue 17's known defect "SaaS replicas count as several units": availability made a SaaS
station (Confluent Cloud, `hosting: saas`) a 1-of-n block of its declared replicas, so
three replicas of a 99.95% service read 1 − 0.0005³ ≈ 99.99999999%, and the sweep gave a
SaaS or regional service the odds (1 − a)^replicas of a full outage (a regional DynamoDB
that sizing had widened to 15 replicas: 1e-60). The provider's SLA is the figure for its
whole service; replicas of it are capacity units, not independent chances. One reading,
`availability.failing_nodes`, serves both.
"""

from __future__ import annotations

import pytest
from simulate_helpers import make_arch

from archwright.kb.capacity import resolve
from archwright.kb.catalog import load_catalog
from archwright.model import Architecture
from archwright.simulate.availability import Unit, journey_figures, replica_units
from archwright.simulate.settings import defaults
from archwright.simulate.sweep import sweep


def _publisher(tech: str, replicas: int) -> Architecture:
    """client → api (2 replicas, zones a and b) → topic (`tech`, zones a and b)."""
    return make_arch(
        [
            {"id": "api", "kind": "service", "replicas": 2, "zones": ["a", "b"]},
            {
                "id": "topic",
                "kind": load_catalog().get(tech).kind.value,
                "technology": tech,
                "replicas": replicas,
                "zones": ["a", "b"],
            },
        ],
        [{"source": "client", "target": "api"}, {"source": "api", "target": "topic"}],
    )


def _topic_down(tech: str, replicas: int) -> float:
    (row,) = [r for r in sweep(_publisher(tech, replicas), 1.0) if r["component"] == "topic"]
    down: float = row["unavailability"]
    return down


@pytest.mark.parametrize("replicas", [1, 2, 3])
def test_a_saas_stream_is_one_unit_at_its_sla_whatever_its_replicas(replicas: int) -> None:
    """api: two replicas over zones a and b, so up with 1 − (1 − z·a_api)²; then the
    SaaS topic at its SLA alone (0.9995 for Confluent Cloud), not 1 − 0.0005^replicas."""
    arch = _publisher("confluent-cloud", replicas)
    profiles = resolve(arch, load_catalog())
    assert profiles["topic"].unbounded and profiles["topic"].availability == 0.9995
    unit = replica_units(arch, 1.0)["topic"]
    assert unit == Unit("topic", 1, 1, 0.9995, ("",))
    za = defaults().zone_availability
    api_up = 1.0 - (1.0 - za * profiles["api"].availability) ** 2
    (figure,) = journey_figures(arch, 1.0)
    assert figure.value == pytest.approx(api_up * 0.9995, rel=1e-12)


@pytest.mark.parametrize("replicas", [1, 3, 15])
def test_the_sweep_gives_a_provider_run_service_the_odds_of_its_sla(replicas: int) -> None:
    """A full outage of a SaaS (Confluent Cloud, 99.95%) or regional (Kinesis, 99.9%)
    service is the provider's: 1 − a, whatever the declared replicas."""
    assert _topic_down("confluent-cloud", replicas) == pytest.approx(0.0005, rel=1e-9)
    assert _topic_down("aws-kinesis", replicas) == pytest.approx(0.001, rel=1e-9)


def test_the_sweep_still_counts_each_replica_of_a_broker_of_ours() -> None:
    """Self-hosted Kafka: its replicas are ours and fail one by one, (1 − a)^n."""
    a = resolve(_publisher("kafka", 3), load_catalog())["topic"].availability
    assert a < 1.0
    assert _topic_down("kafka", 1) == pytest.approx(1.0 - a, rel=1e-6)
    assert _topic_down("kafka", 3) == pytest.approx((1.0 - a) ** 3, rel=1e-5)


def test_with_no_replica_a_saas_service_is_still_there_and_a_regional_one_is_not() -> None:
    """At zero declared replicas: the SaaS provider still answers (an unbounded station
    is there whatever the model says), a regional service of ours has no unit up."""
    assert _topic_down("confluent-cloud", 0) == pytest.approx(0.0005, rel=1e-9)
    assert _topic_down("aws-kinesis", 0) == 1.0
    assert replica_units(_publisher("confluent-cloud", 0), 1.0)["topic"].n == 1
    assert replica_units(_publisher("aws-kinesis", 0), 1.0)["topic"].n == 0
