"""Technology fit comes from the catalog (issue 12, Build 5): the protocol a connection
speaks is its technology's, notifications go through a provider for the channel asked
for, and device telemetry enters through an MQTT broker."""

from __future__ import annotations

import pytest

from archwright.generate import design
from archwright.kb.catalog import Channel, load_catalog
from archwright.kb.specs import load_specs
from archwright.model import KIND_GROUP, Architecture, Cloud, Kind, KindGroup, Protocol

CATALOG = load_catalog()
SPOKEN = (KindGroup.DATASTORE, KindGroup.MESSAGING)
UNSPOKEN = {Kind.WAREHOUSE, Kind.DATA_LAKE, Kind.FEATURE_STORE, Kind.GRAPH_DB}


def test_every_datastore_broker_and_notifier_names_its_protocol_with_a_source() -> None:
    missing = [
        t.name
        for t in CATALOG.technologies
        if (KIND_GROUP[t.kind] in SPOKEN or t.kind is Kind.NOTIFICATION)
        and t.kind not in UNSPOKEN
        and t.name != "sqlite"  # embedded: no wire protocol
        and (t.protocol is None or not t.protocol.source.startswith("https://"))
    ]
    assert not missing
    assert all(t.channels for t in CATALOG.of_kind(Kind.NOTIFICATION))


def _speaks(arch: Architecture) -> list[str]:
    """Connections whose protocol is not the one the catalog gives their technology."""
    by_id = arch.components_by_id()
    wrong = []
    for conn in arch.connections:
        source, target = by_id[conn.source], by_id[conn.target]
        if conn.properties.get("replication"):
            continue
        ends = (source, target) if source.kind in (Kind.QUEUE, Kind.STREAM) else (target,)
        for end in ends:
            tech = CATALOG.find(end.technology) if end.technology else None
            if tech is not None and tech.protocol is not None:
                if conn.protocol is not tech.protocol.name:
                    wrong.append(
                        f"{conn.id}: {conn.protocol} but {tech.name} speaks {tech.protocol.name}"
                    )
                break
    return wrong


@pytest.mark.parametrize("cloud", [Cloud.AWS, Cloud.GCP, Cloud.AZURE])
def test_protocols_follow_the_catalog_on_every_spec(cloud: Cloud) -> None:
    wrong = [
        f"{spec.name}: {w}"
        for spec in load_specs().specs
        for w in _speaks(design(spec.requirements, cloud=cloud).architecture)
    ]
    assert not wrong, "\n".join(wrong[:20])


def test_dynamodb_and_cloud_object_stores_are_called_natively() -> None:
    aws = design("Chat app with photo sharing, 5M DAU, AWS").architecture
    gcp = design("Chat app with photo sharing, 5M DAU, GCP").architecture
    azure = design("Chat app with photo sharing, 5M DAU, Azure").architecture
    for arch, store, media in (
        (aws, "aws-dynamodb", "aws-s3"),
        (gcp, "gcp-bigtable", "gcp-cloud-storage"),
        (azure, "azure-cosmos-db", "azure-blob-storage"),
    ):
        techs = {c.id: c.technology for c in arch.components}
        assert techs["media"] == media
        into_media = {c.protocol for c in arch.connections if c.target == "media"}
        assert into_media == {CATALOG.get(media).protocol.name}  # type: ignore[union-attr]
        if techs["messages-db"] == store:
            calls = [c for c in arch.connections if c.target == "messages-db"]
            assert {c.protocol for c in calls} == {CATALOG.get(store).protocol.name}  # type: ignore[union-attr]
    dynamo = [c for c in aws.connections if c.target == "messages-db"]
    assert dynamo and all(c.protocol is Protocol.HTTPS for c in dynamo)


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Chat app with push notifications, 1M DAU", Channel.PUSH),
        ("Newsletter service that sends emails, 100k DAU", Channel.EMAIL),
        ("Appointment reminders by SMS, 50k DAU", Channel.SMS),
    ],
)
@pytest.mark.parametrize("cloud", ["aws", "gcp", "azure"])
def test_notifications_go_through_a_provider_for_the_channel(
    text: str, channel: Channel, cloud: str
) -> None:
    arch = design(f"{text}, {cloud}").architecture
    providers = [c for c in arch.components if c.kind is Kind.NOTIFICATION]
    assert providers
    for comp in providers:
        assert comp.technology is not None
        assert channel in CATALOG.get(comp.technology).channels


@pytest.mark.parametrize("cloud", ["AWS", "GCP", "Azure"])
def test_device_telemetry_enters_through_an_mqtt_broker(cloud: str) -> None:
    arch = design(f"IoT telemetry from 2M sensors, {cloud}").architecture
    gateway = arch.component("device-gateway")
    tech = CATALOG.get(gateway.technology or "")
    assert tech.protocol is not None and tech.protocol.name is Protocol.MQTT
    entry = [c for c in arch.connections if c.target == "device-gateway"]
    assert entry and all(c.protocol is Protocol.MQTT for c in entry)
