"""The audit's single point of failure reads availability's definition (issue 17).

REL001 exempted every queue by its kind, a self-hosted RabbitMQ on one replica included,
while `availability` counts that broker as one replica in one zone. A queue or stream is
now redundant for the audit exactly when availability reads it as the provider's whole
service (`Profile.provider_run`): SQS, Pub/Sub, EventBridge and Kinesis are regional; a
broker of ours, or a managed single-instance broker (Amazon MQ), counts its replicas.
"""

from __future__ import annotations

import pytest

from archwright.audit import audit
from archwright.kb.catalog import Hosting, load_catalog
from archwright.model import Architecture
from archwright.simulate.availability import replica_units

CATALOG = load_catalog()
BROKERS = sorted(
    t.name
    for t in CATALOG.technologies
    if t.kind.value in ("queue", "stream") and t.hosting is not Hosting.SAAS
)


def _broker(tech: str) -> Architecture:
    """client → api (2 replicas, zones a, b) → mq (`tech`, one replica, zones a, b)."""
    kind = CATALOG.get(tech).kind.value
    return Architecture.model_validate(
        {
            "name": "broker",
            "components": [
                {"id": "u", "kind": "client"},
                {"id": "api", "kind": "service", "replicas": 2, "zones": ["a", "b"]},
                {"id": "mq", "kind": kind, "technology": tech, "zones": ["a", "b"]},
            ],
            "connections": [
                {"source": "u", "target": "api"},
                {"source": "api", "target": "mq"},
            ],
            "journeys": [{"name": "publish", "steps": ["u", "api", "mq"]}],
        }
    )


@pytest.mark.parametrize("tech", BROKERS)
def test_one_broker_replica_is_a_single_point_of_failure_exactly_when_availability_says_so(
    tech: str,
) -> None:
    arch = _broker(tech)
    survives = replica_units(arch, 1.0)["mq"].survives_zone_loss()
    flagged = any("mq" in f.targets for f in audit(arch, only=["REL001"]).active)
    assert flagged is not survives, (tech, survives)


def test_the_brokers_cover_both_readings() -> None:
    """The catalog holds regional brokers and brokers of ours, so the test above judges
    both ways (RabbitMQ flagged, SQS not)."""
    assert {"rabbitmq", "aws-sqs", "aws-mq", "aws-kinesis"} <= set(BROKERS)
    flagged = {t for t in ("rabbitmq", "aws-sqs") if audit(_broker(t), only=["REL001"]).active}
    assert flagged == {"rabbitmq"}
