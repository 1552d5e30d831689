"""The remove, technology and timeout/retry edits end to end on a design `archwright
design` just wrote (`-o` in a temporary folder), through the CLI a user runs: the file
written, what it then holds, and the deltas against the engines run on it.

The examples are covered by test_edits.py; a generated design has roles from the
pattern library (a primary database that may be SQL or NoSQL, queues with consumers,
a search journey) that the examples do not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archwright.archfile import load_architecture
from archwright.cli.app import app
from archwright.cost import monthly_cost
from archwright.kb import load_catalog
from archwright.model import Architecture, Kind
from archwright.simulate.chaos import Scenario, chaos
from archwright.simulate.load import default_rps, simulate

DESCRIPTION = (
    "An online marketplace with product search, a job queue for emails, "
    "50k daily active users, on AWS."
)


@pytest.fixture(scope="module")
def designed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("designed")
    result = CliRunner().invoke(app, ["design", DESCRIPTION, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / "archwright.yaml"


@pytest.fixture
def model(designed: Path, tmp_path: Path) -> Path:
    path = tmp_path / "archwright.yaml"
    shutil.copyfile(designed, path)
    return path


def ask_json(path: Path, question: str, *flags: str, stdin: str = "") -> dict[str, Any]:
    result = CliRunner().invoke(
        app, ["ask", question, "--arch", str(path), "--format", "json", *flags], input=stdin
    )
    assert result.exit_code == 0, result.output
    out = result.output
    data: dict[str, Any] = json.loads(out[out.index("{") : out.rindex("}") + 1])
    return data


def of_kind(arch: Architecture, kind: Kind) -> str:
    return next(c.id for c in arch.components if c.kind is kind)


def deltas(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["metric"]: d for d in data["edit"]["deltas"]}


def test_dropping_search_is_refused_while_it_breaks_a_journey(model: Path) -> None:
    arch = load_architecture(model)
    search = of_kind(arch, Kind.SEARCH_INDEX)
    ending = [j for j in arch.journeys if j.steps[-1] == search]
    assert ending, "the design has no journey ending at search; pick another description"
    before = model.read_bytes()
    data = ask_json(model, f"drop {search}", "--yes")
    assert data["edit"] is None and data.get("applied") is not True
    for journey in ending:
        assert f"'{journey.name}' ({' -> '.join(journey.steps)})" in data["text"]
    assert model.read_bytes() == before


def test_dropping_search_with_its_journeys(model: Path) -> None:
    arch = load_architecture(model)
    search = of_kind(arch, Kind.SEARCH_INDEX)
    gone = [j.name for j in arch.journeys if search in j.steps]
    data = ask_json(model, f"drop {search} and its journeys", "--yes")
    assert data["applied"] is True
    after = load_architecture(model)
    assert search not in after.components_by_id()
    assert not any(search in (c.source, c.target) for c in after.connections)
    assert {j.name for j in after.journeys} == {j.name for j in arch.journeys} - set(gone)
    measured = deltas(data)
    p99 = simulate(arch, None, 1.0)["journeys"]
    for name in gone:
        assert measured[f"journey {name}"]["after"] == "dropped"
        assert measured[f"P99 {name}"] == {
            "metric": f"P99 {name}",
            "before": p99[name]["latency_ms"]["p99"],
            "after": "absent",
            "unit": "ms",
        }
    cost = monthly_cost(after, load_catalog(), None).monthly_total
    assert measured["monthly cost"]["after"] == cost < measured["monthly cost"]["before"]


def test_switching_the_primary_database_to_dynamodb(model: Path) -> None:
    arch = load_architecture(model)
    db = of_kind(arch, Kind.SQL_DB)
    data = ask_json(model, f"switch {db} to dynamodb", "--yes")
    assert data["applied"] is True
    after = load_architecture(model)
    comp = after.components_by_id()[db]
    assert (comp.technology, comp.kind) == ("aws-dynamodb", Kind.NOSQL_DB)
    dynamodb = load_catalog().get("aws-dynamodb").protocol
    assert dynamodb is not None
    into = [c for c in after.connections if c.target == db]
    assert into and all(c.protocol is dynamodb.name for c in into)
    measured = deltas(data)
    catalog = load_catalog()
    assert measured[f"{db} monthly cost"]["after"] == (
        monthly_cost(after, catalog, None).components[db].monthly
    )
    assert (
        measured[f"{db} saturates at"]["after"]
        == (simulate(after, None, 1.0)["components"][db]["saturates_at_rps"])
    )


def test_switching_a_queue_to_kafka_re_speaks_producer_and_consumer(model: Path) -> None:
    arch = load_architecture(model)
    queue = next(
        c.id
        for c in arch.components
        if c.kind is Kind.QUEUE and any(x.source == c.id for x in arch.connections)
    )
    data = ask_json(model, f"switch {queue} to kafka", "--yes")
    assert data["applied"] is True
    after = load_architecture(model)
    touching = [c for c in after.connections if queue in (c.source, c.target)]
    assert len(touching) >= 2
    assert all(c.protocol.value == "kafka" for c in touching)


def test_refusing_a_technology_change_leaves_the_design_byte_identical(model: Path) -> None:
    db = of_kind(load_architecture(model), Kind.SQL_DB)
    before = model.read_bytes()
    data = ask_json(model, f"switch {db} to dynamodb", stdin="n\n")
    assert data["edit"] is not None and data["applied"] is False
    assert model.read_bytes() == before


def test_a_timeout_and_retries_on_the_database_call(model: Path) -> None:
    arch = load_architecture(model)
    db = of_kind(arch, Kind.SQL_DB)
    caller = next(c.source for c in arch.connections if c.target == db)
    data = ask_json(model, f"set a 2 s timeout and 3 retries on {caller} -> {db}", "--yes")
    assert data["applied"] is True
    after = load_architecture(model)
    call = next(c for c in after.connections if (c.source, c.target) == (caller, db))
    assert (call.timeout_ms, call.retries) == (2000.0, 3)
    failed = chaos(after, Scenario(fail=[db]), default_rps(after))
    measured = deltas(data)
    assert (
        measured[f"when {db} fails: load offered to {db}"]["after"]
        == (failed["components"][db]["load_factor"])
    )
