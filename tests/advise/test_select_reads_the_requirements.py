"""`archwright select` answers what the requirements state, as the CLI runs it.

Two things it used to ignore: the data the role holds (a database priced at 5 GB when the
file says 500 TB) and the needs the requirements give the role (devices that speak MQTT,
said in the prose or asked for by pattern, ruled out nothing without `--speaks`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from archwright.cli.app import app
from archwright.kb import load_catalog

RUNNER = CliRunner()


def _select(tmp_path: Path, kind: str, spec: dict[str, Any], *extra: str) -> dict[str, Any]:
    path = tmp_path / "need.yaml"
    path.write_text(yaml.safe_dump(spec))
    args = ["select", kind, "--spec", str(path), "--format", "json", *extra]
    result = RUNNER.invoke(app, args)
    assert result.exit_code == 0, result.output
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def _cost_usd(row: dict[str, Any]) -> float:
    """The monthly figure of the cost reason (`cost 3/5: ~$1,234/month: ...`)."""
    reason = next(r for r in row["reasons"] if r.startswith("cost "))
    return float(reason.split("~$", 1)[1].split("/month", 1)[0].replace(",", ""))


def _row(answer: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in answer["ranking"] if r["technology"] == name)


def _store(data_gb: float) -> dict[str, Any]:
    return {"scale": {"peak_rps": 200, "data_gb": data_gb}, "constraints": {"cloud": "gcp"}}


def test_the_stated_data_is_priced_per_gb_month(tmp_path: Path) -> None:
    """Firebase Realtime Database bills stored GB by the month: at 500 TB the bill is at
    least the catalog's GB-month price times 500,000, not the plan's flat fee."""
    name = "gcp-firebase-realtime-database"
    tech = load_catalog().find(name)
    assert tech is not None
    per_gb = tech.prices["gcp"].per_gb_month
    assert per_gb
    small = _select(tmp_path, "nosql_db", _store(5))
    huge = _select(tmp_path, "nosql_db", _store(500_000))
    assert _cost_usd(_row(huge, name)) >= 500_000 * per_gb
    assert _row(huge, name)["scores"]["cost"] < _row(small, name)["scores"]["cost"]
    assert huge["need"]["data_gb_held"] == 500_000
    assert huge["recommendation"] != name


def test_a_store_too_big_for_one_node_is_priced_with_the_nodes_that_hold_it(
    tmp_path: Path,
) -> None:
    """A self-run store holds `max_storage_gb` per node: past it, more nodes are billed."""
    name = "cassandra"
    tech = load_catalog().find(name)
    assert tech is not None and tech.capacity.max_storage_gb
    shards = 40
    small = _select(tmp_path, "nosql_db", _store(tech.capacity.max_storage_gb / 2))
    big = _select(tmp_path, "nosql_db", _store(tech.capacity.max_storage_gb * shards))
    assert _cost_usd(_row(big, name)) >= shards * tech.prices["gcp"].usd_per_month
    assert _cost_usd(_row(big, name)) > 10 * _cost_usd(_row(small, name))


def test_a_role_that_stores_no_data_is_not_billed_for_it(tmp_path: Path) -> None:
    """The stated data is the system's records: a queue carrying its events holds none."""
    spec = {"scale": {"events_per_second": 500, "data_gb": 500_000}}
    flat = {"scale": {"events_per_second": 500}}
    assert _select(tmp_path, "queue", spec)["need"]["data_gb_held"] == 0
    costs = [
        {r["technology"]: _cost_usd(r) for r in _select(tmp_path, "queue", s)["ranking"]}
        for s in (spec, flat)
    ]
    assert costs[0] == costs[1]


def test_holds_sets_the_data_the_role_holds(tmp_path: Path) -> None:
    """`--holds` is the store's share, as a design's decision names it."""
    answer = _select(tmp_path, "nosql_db", _store(500_000), "--holds", "5")
    assert answer["need"]["data_gb_held"] == 5
    bad = RUNNER.invoke(app, ["select", "nosql_db", "--holds", "-1"])
    assert bad.exit_code == 2 and "--holds" in bad.stderr


IOT = {
    "description": "Two million sensors report temperature over MQTT every minute.",
    "constraints": {"cloud": "aws"},
}


def _speaks(tech: str) -> str | None:
    found = load_catalog().find(tech)
    assert found is not None
    return found.protocol.name.value if found.protocol else None


def test_the_prose_rules_out_what_the_devices_cannot_speak(tmp_path: Path) -> None:
    answer = _select(tmp_path, "realtime_gateway", IOT)
    ranked = [r["technology"] for r in answer["ranking"]]
    assert ranked and all(_speaks(t) == "mqtt" for t in ranked)
    assert answer["ruled_out"], "nothing ruled out: the catalog has WebSocket gateways"
    assert all("mqtt" in why for why in answer["ruled_out"].values())
    assert answer["need"]["speaks"] == ["mqtt"]
    assert answer["need"]["speaks_from"] == "the requirements"


def test_the_pattern_asked_for_by_key_rules_out_too(tmp_path: Path) -> None:
    spec = {"features": ["timeseries-iot"], "constraints": {"cloud": "aws"}}
    ranked = [r["technology"] for r in _select(tmp_path, "realtime_gateway", spec)["ranking"]]
    assert ranked and all(_speaks(t) == "mqtt" for t in ranked)


def test_speaks_overrides_the_requirements(tmp_path: Path) -> None:
    answer = _select(tmp_path, "realtime_gateway", IOT, "--speaks", "websocket")
    ranked = [r["technology"] for r in answer["ranking"]]
    assert ranked and all(_speaks(t) == "websocket" for t in ranked)
    assert answer["need"]["speaks_from"] == "--speaks"


def test_the_table_names_what_was_ruled_out(tmp_path: Path) -> None:
    path = tmp_path / "need.yaml"
    path.write_text(yaml.safe_dump(IOT))
    result = RUNNER.invoke(app, ["select", "realtime_gateway", "--spec", str(path)])
    assert result.exit_code == 0, result.output
    assert "Ruled out" in result.stdout and "speak mqtt" in result.stdout
