"""An IoT design's rules engine is written as an IoT Core topic rule whose Kinesis action
puts readings on the designed stream, and reads back as the same component and edge
(issue 13, Build 4)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from archwright.cli.conform import drift_against
from archwright.exporters import registry
from archwright.exporters.exporter import write_files
from archwright.generate import design
from archwright.importers import registry as importers
from archwright.model import Architecture, Kind

IOT = "IoT platform, 1M devices sending telemetry every second, dashboards and alerts, AWS"


@cache
def _design() -> Architecture:
    return design(IOT).architecture


def _rules(arch: Architecture) -> str:
    (rules,) = [c for c in arch.components if c.technology == "aws-iot-rules"]
    return rules.id


def test_the_design_routes_broker_rules_stream() -> None:
    arch = _design()
    rules = _rules(arch)
    kinds = {c.id: c.kind for c in arch.components}
    into = [c.source for c in arch.connections if c.target == rules]
    out = [c.target for c in arch.connections if c.source == rules]
    assert [kinds[s] for s in into] == [Kind.REALTIME_GATEWAY]
    assert [kinds[t] for t in out] == [Kind.STREAM]


def test_terraform_writes_a_topic_rule_with_a_kinesis_action(tmp_path: Path) -> None:
    arch = _design()
    files = registry.load("terraform").render(arch)
    data = str(files["terraform/data.tf"])
    stream = next(c.target for c in arch.connections if c.source == _rules(arch))
    assert 'resource "aws_iot_topic_rule"' in data
    assert f"stream_name   = aws_kinesis_stream.{stream}.name" in data
    assert '"$${topic(2)}"' in data  # IoT's substitution template, not Terraform's
    lost = {loss.component for loss in registry.losses("terraform", arch)}
    assert f"{_rules(arch)}->{stream}" not in lost  # written, so not declared a gap


def test_the_topic_rule_reads_back_without_drift(tmp_path: Path) -> None:
    arch = _design()
    write_files(registry.load("terraform").render(arch), tmp_path)
    actual = importers.load("terraform").parse(tmp_path / "terraform").architecture
    (back,) = [c for c in actual.components if c.technology == "aws-iot-rules"]
    assert back.kind is Kind.STREAM_PROCESSOR
    assert back.id == "aws_iot_topic_rule.iot_rules"
    drift = drift_against(arch, registry.losses("terraform", arch), actual)
    assert not drift.drifted, drift.to_data()


def test_another_clouds_rules_engine_is_written_as_a_topic_rule_with_its_gaps(
    tmp_path: Path,
) -> None:
    """On Azure the routing writes Kafka into Event Hubs; Terraform writes an IoT rule
    putting records on Kinesis (HTTPS), and says so instead of drifting."""
    arch = design(IOT.replace("AWS", "Azure")).architecture
    (rules,) = [c for c in arch.components if c.technology == "azure-iot-hub-routing"]
    lost = registry.losses("terraform", arch)
    assert any(loss.component == rules.id and loss.expressed_as == "aws-iot-rules" for loss in lost)
    write_files(registry.load("terraform").render(arch), tmp_path)
    actual = importers.load("terraform").parse(tmp_path / "terraform").architecture
    drift = drift_against(arch, lost, actual)
    assert not drift.drifted, drift.to_data()
