"""A device gateway is sized for the connections the fleet holds open (`scale.devices`),
and a gateway for people for the people online: neither takes the other's count."""

from __future__ import annotations

from archwright.generate import design
from archwright.kb.specs import load_specs


def _connections(arch_id: str, spec: str) -> float:
    found = load_specs().find(spec)
    assert found is not None
    arch = design(found.requirements, name=found.title).architecture
    (comp,) = [c for c in arch.components if c.id == arch_id]
    return float(comp.properties["connections"])


def test_the_device_gateway_holds_one_connection_per_device() -> None:
    spec = load_specs().find("fleet-tracking")
    assert spec is not None and spec.requirements.scale.devices
    assert _connections("device-gateway", "fleet-tracking") == spec.requirements.scale.devices


def test_the_people_gateway_is_sized_for_people_online() -> None:
    spec = load_specs().find("fleet-tracking")
    assert spec is not None and spec.requirements.scale.dau
    people = _connections("realtime", "fleet-tracking")
    assert people != spec.requirements.scale.devices
    assert people < spec.requirements.scale.dau


def test_a_fleet_described_in_words_is_sized_for_every_device() -> None:
    arch = design("IoT platform, 1M devices sending telemetry every second").architecture
    (gateway,) = [c for c in arch.components if c.id == "device-gateway"]
    assert gateway.properties["connections"] == 1_000_000
