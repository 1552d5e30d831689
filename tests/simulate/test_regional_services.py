"""Regional managed services (issue 17): Kinesis and Pub/Sub replicate across the zones
of their region by construction, as their providers state (catalog `capacity.regional`,
with its source). One declared replica over two zones was placed in the first zone and
failed with it; it is now one regional unit at the service's availability (its SLA).
"""

from __future__ import annotations

import pytest
from simulate_helpers import make_arch

from archwright.kb.capacity import resolve
from archwright.kb.catalog import load_catalog
from archwright.model import Architecture
from archwright.simulate.availability import journey_figures, replica_units
from archwright.simulate.chaos import Scenario, chaos
from archwright.simulate.settings import defaults

# Each with the provider's page saying it replicates across the zones of its region.
# Not among them: SQS FIFO, Amazon MQ, Service Bus, Queue Storage and Blob Storage (LRS,
# one datacenter, as priced), Cosmos DB (zone redundancy is an option), Cloud Tasks.
REGIONAL = (
    "aws-kinesis",
    "gcp-pub-sub",
    "aws-sqs",
    "aws-sns",
    "aws-eventbridge",
    "aws-dynamodb",
    "aws-s3",
    "gcp-cloud-storage",
    "gcp-firestore",
)
ZONED = ("kafka", "aws-msk", "rabbitmq", "aws-mq", "aws-sqs-fifo", "azure-blob-storage")


def _publisher(tech: str, replicas: int = 1) -> Architecture:
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


def test_only_services_whose_provider_states_it_are_regional() -> None:
    catalog = load_catalog()
    for tech in (*REGIONAL, *ZONED):
        profile = resolve(_publisher(tech), catalog)["topic"]
        stated = catalog.get(tech).capacity.regional
        assert profile.regional is (stated is not None)
        assert profile.regional is (tech in REGIONAL)
        if stated is not None:
            assert stated.startswith("https://")


@pytest.mark.parametrize("tech", REGIONAL)
@pytest.mark.parametrize("replicas", [1, 2, 3])
def test_a_regional_service_is_one_unit_in_no_zone_at_its_stated_availability(
    tech: str, replicas: int
) -> None:
    unit = replica_units(_publisher(tech, replicas), 1.0)["topic"]
    assert (unit.n, unit.k, unit.zones) == (1, 1, ("",))
    assert unit.a == load_catalog().get(tech).capacity.availability
    assert unit.survives_zone_loss()


@pytest.mark.parametrize("tech", REGIONAL)
def test_the_journey_through_a_regional_service_loses_no_zone_factor(tech: str) -> None:
    """api: 2 replicas over zones a, b (availability a each, zones z each): given the
    zones, 1 − Π(1 − z·a) over the two; the topic multiplies by its SLA alone, not by
    the availability of zone a as a one-zone replica did."""
    za = defaults().zone_availability
    arch = _publisher(tech)
    profiles = resolve(arch, load_catalog())
    a_api, sla = profiles["api"].availability, profiles["topic"].availability
    (figure,) = journey_figures(arch, 1.0)
    api_up = 1.0 - (1.0 - za * a_api) ** 2
    assert figure.value == pytest.approx(api_up * sla, rel=1e-12)


def test_a_self_hosted_broker_on_one_replica_still_fails_with_its_zone() -> None:
    za = defaults().zone_availability
    arch = _publisher("kafka")
    profiles = resolve(arch, load_catalog())
    a_api, a_topic = profiles["api"].availability, profiles["topic"].availability
    (figure,) = journey_figures(arch, 1.0)
    # The one replica is in zone a: both api replicas' zone states matter jointly.
    # P = z·[a_topic·(1 − (1 − a_api)(1 − z·a_api))]  (zone a up, then api's two replicas)
    expected = za * a_topic * (1.0 - (1.0 - a_api) * (1.0 - za * a_api))
    assert figure.value == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("tech", REGIONAL)
def test_losing_a_zone_leaves_a_regional_service_whole(tech: str) -> None:
    for zone in ("a", "b"):
        result = chaos(_publisher(tech), Scenario(zones=[zone]), 10.0)
        assert result["components"]["topic"]["status"] == "ok", result["components"]
        assert "topic" not in result["failed"]
    kafka = chaos(_publisher("kafka"), Scenario(zones=["a"]), 10.0)
    assert kafka["components"]["topic"]["status"] != "ok"


@pytest.mark.parametrize(("zones", "method"), [(12, "exact"), (13, "monte_carlo")])
def test_exact_availability_conditions_on_up_to_twelve_zones(zones: int, method: str) -> None:
    """docs/simulate.md: exact when the structure is series-parallel over Z ≤ 12 zones
    (2^Z cases), sampled beyond: an api of one replica per zone."""
    names = [f"z{i}" for i in range(zones)]
    arch = make_arch(
        [{"id": "api", "kind": "service", "replicas": zones, "zones": names}],
        [{"source": "client", "target": "api"}],
    )
    (figure,) = journey_figures(arch, 1.0)
    assert figure.method == method


@pytest.mark.parametrize("replicas", [1, 2])
def test_a_saas_stream_given_zones_is_in_none_of_them_as_the_audit_reads_it(
    replicas: int,
) -> None:
    """Confluent Cloud is a SaaS provider (hosting: saas, an unbounded station): the
    audit counts it provider-redundant (`Context.provider_redundant`, via
    `Profile.provider_run`), so its replicas sit in no zone of the design. Before,
    availability placed its one replica in zone a: the journey carried zone a's factor
    twice over (api and topic) and `chaos --zone a` failed the topic."""
    from archwright.audit.context import Context

    za = defaults().zone_availability
    arch = _publisher("confluent-cloud", replicas)
    assert Context(arch, load_catalog()).provider_redundant("topic")
    unit = replica_units(arch, 1.0)["topic"]
    assert unit.zones == ("",) and unit.zone_names() == set()
    assert unit.survives_zone_loss()
    if replicas == 1:  # api's two replicas over a and b, then the SLA alone
        profiles = resolve(arch, load_catalog())
        api_up = 1.0 - (1.0 - za * profiles["api"].availability) ** 2
        (figure,) = journey_figures(arch, 1.0)
        assert figure.value == pytest.approx(api_up * profiles["topic"].availability, rel=1e-12)
    for zone in ("a", "b"):
        result = chaos(arch, Scenario(zones=[zone]), 10.0)
        assert result["components"]["topic"]["status"] == "ok", result["components"]
