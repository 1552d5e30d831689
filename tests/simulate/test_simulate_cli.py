"""The simulation commands' CLI contract (SPEC §4): JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archwright.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
THREE_TIER = str(ROOT / "examples" / "three_tier.yaml")


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str) -> Ran:
    """In-process (the subprocess contract is covered by tests/cli; this keeps it fast)."""
    result = CliRunner().invoke(app, list(args))
    return Ran(result.exit_code, result.stdout, result.stderr)


def test_simulate_json_has_the_spec_shape() -> None:
    out = run("simulate", THREE_TIER, "--rps", "500", "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert {"rps", "max_rps", "bottleneck", "components", "journeys"} <= set(doc)
    assert doc["rps"] == 500
    for comp in doc["components"].values():
        assert {"arrival_rps", "utilization", "latency_ms", "saturates_at_rps"} <= set(comp)
        assert set(comp["latency_ms"]) == {"mean", "p50", "p95", "p99"}
    assert set(doc["journeys"]) == {"browse catalogue", "checkout"}
    for journey in doc["journeys"].values():
        assert set(journey["latency_ms"]) == {"mean", "p50", "p95", "p99"}


def test_simulate_scale_and_default_load() -> None:
    base = json.loads(run("simulate", THREE_TIER, "--format", "json").stdout)
    assert base["rps"] == 800  # requirements.scale.peak_rps
    tenfold = json.loads(run("simulate", THREE_TIER, "--scale", "10", "--format", "json").stdout)
    assert tenfold["rps"] == 8000
    assert tenfold["recommendations"]  # 8,000 rps is past the ceiling: advice appears
    table = run("simulate", THREE_TIER)
    assert table.returncode == 0 and "bottleneck" in table.stdout


def test_chaos_json_has_the_spec_shape() -> None:
    out = run("chaos", THREE_TIER, "--fail", "cache,db", "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert {"failed", "components", "journeys", "cascade", "contained_by"} <= set(doc)
    assert doc["failed"][:2] == ["cache", "db"] or {"cache", "db"} <= set(doc["failed"])
    for comp in doc["components"].values():
        assert comp["status"] in ("ok", "degraded", "failed")
        assert "load_factor" in comp
    for journey in doc["journeys"].values():
        assert {"status", "reason"} <= set(journey)
    for item in doc["cascade"]:
        assert set(item) == {"step", "component", "status", "cause"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("chaos", THREE_TIER, "--fail", "nope"), "unknown component id 'nope'"),
        (("chaos", THREE_TIER, "--zone", "mars-1a"), "unknown zone 'mars-1a'"),
        (("chaos", THREE_TIER, "--slow", "api"), "--slow expects ID=MS"),
        (("chaos", THREE_TIER), "nothing to break"),
        (("simulate", THREE_TIER, "--rps", "-1"), "--rps must be above 0"),
        (("simulate", THREE_TIER, "--format", "xml"), "unknown format"),
        (("availability", THREE_TIER, "--format", "xml"), "unknown format"),
        (("sweep", THREE_TIER, "--top", "-1"), "--top must be"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    out = run(*args)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_availability_and_sweep_commands() -> None:
    avail = json.loads(run("availability", THREE_TIER, "--format", "json").stdout)
    assert avail["slo_percent"] == 99.9
    assert avail["journeys"]["checkout"]["error_budget_min_per_month"] == pytest.approx(43.2)
    ranked = json.loads(run("sweep", THREE_TIER, "--top", "2", "--format", "json").stdout)
    assert [r["rank"] for r in ranked["ranking"]] == [1, 2]
    assert ranked["ranking"][0]["component"] == "cdn"  # one replica, every request
    assert run("sweep", THREE_TIER).returncode == 0
    assert run("availability", THREE_TIER).returncode == 0
    assert run("chaos", THREE_TIER, "--zone", "eu-west-1a").returncode == 0
