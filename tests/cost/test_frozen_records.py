"""`records.frozen_record` fills a frozen dataclass's fields at once; the records built
that way (a `Profile` per component, a `Flow` per connection, an `Edge` per flow) must be
the records their classes' own constructors build: every field, in the class's order,
with the same values, and still frozen (issue 16)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from archwright.archfile import load_architecture
from archwright.cost.traffic import Flow, FlowRole, flow_graph
from archwright.kb.capacity import resolve
from archwright.model import Architecture
from archwright.records import frozen_record
from archwright.simulate.flow import build

ROOT = Path(__file__).resolve().parents[2]

# Every path a record takes: a cache with a miss path and a standby, a plain fallback,
# a degraded answer, telemetry, a component stating its own figures, a token model.
MIXED = {
    "name": "mixed",
    "requirements": {"scale": {"peak_rps": 100, "read_write_ratio": 4}},
    "components": [
        {"id": "users", "kind": "client"},
        {"id": "api", "kind": "service", "concurrency": 8, "service_time_ms": 20},
        {"id": "cache", "kind": "cache", "technology": "redis", "hit_ratio": 0.8},
        {"id": "db", "kind": "sql_db", "technology": "postgresql", "read_replicas": 2},
        {"id": "spare", "kind": "sql_db", "technology": "postgresql"},
        {"id": "llm", "kind": "llm", "technology": "openai-gpt-4o"},
        {"id": "logs", "kind": "logging"},
    ],
    "connections": [
        {"source": "users", "target": "api"},
        {"source": "api", "target": "cache", "fallback": "db"},
        {"source": "api", "target": "db", "fallback": "spare", "retries": 2},
        {"source": "api", "target": "llm", "fallback": "cached answer", "timeout_ms": 900},
        {"source": "api", "target": "logs", "protocol": "kafka"},
    ],
}


def _designs() -> list[Architecture]:
    return [
        Architecture.model_validate(MIXED),
        *(load_architecture(p) for p in sorted((ROOT / "examples").glob("*.yaml"))),
    ]


def _hash(record: Any) -> int | str:
    try:
        return hash(record)
    except TypeError as refused:
        return str(refused)


def _same_as_constructed(record: Any) -> None:
    cls = type(record)
    names = [f.name for f in dataclasses.fields(cls)]
    assert list(vars(record)) == names  # every field, the class's order, nothing else
    rebuilt = cls(**vars(record))
    assert record == rebuilt and repr(record) == repr(rebuilt)
    assert _hash(record) == _hash(rebuilt)  # a field holding a pydantic model: unhashable
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, names[0], None)


@pytest.mark.parametrize("arch", _designs(), ids=lambda a: a.name)
def test_profiles_flows_and_edges_are_the_constructors_records(arch: Architecture) -> None:
    profiles = resolve(arch)
    graph = flow_graph(arch, profiles)
    net = build(arch, profiles, graph)
    assert profiles and graph.flows and net.edges
    for record in [*profiles.values(), *graph.flows, *net.edges]:
        _same_as_constructed(record)


def test_the_mixed_design_takes_every_path() -> None:
    """The parametrised test above sees each kind of record it claims to."""
    arch = Architecture.model_validate(MIXED)
    profiles = resolve(arch)
    graph = flow_graph(arch, profiles)
    roles = {f.role for f in graph.flows}
    assert roles == {FlowRole.CALL, FlowRole.MISS, FlowRole.STANDBY}
    assert profiles["llm"].tokens is not None and profiles["api"].source.startswith("model")
    edges = build(arch, profiles, graph).edges
    assert any(e.degraded_answer for e in edges) and any(e.retries for e in edges)


def test_a_record_built_at_once_is_the_class_instance() -> None:
    flow = frozen_record(
        Flow,
        {
            "id": "a->b",
            "connection": None,
            "source": "a",
            "target": "b",
            "sync": True,
            "calls": 1.0,
            "rate": 0.5,
            "role": FlowRole.CALL,
            "of": None,
        },
    )
    assert type(flow) is Flow
    _same_as_constructed(flow)
