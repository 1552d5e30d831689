"""`archwright compare`: structural diff always; engine deltas only from real engines."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from archwright.advise import engines
from archwright.advise.compare import compare
from archwright.archfile import load_architecture
from archwright.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
THREE_TIER = ROOT / "examples" / "three_tier.yaml"


def _variant(tmp_path: Path) -> Path:
    arch = load_architecture(THREE_TIER)
    arch.components = [c for c in arch.components if c.id != "cache"]
    arch.connections = [c for c in arch.connections if c.target != "cache"]
    arch.journeys = [j for j in arch.journeys if "cache" not in j.steps]
    arch.boundaries = []
    db = arch.component("db")
    db.replicas = 1
    from archwright.archfile import save_architecture

    out = tmp_path / "variant.yaml"
    save_architecture(arch, out)
    return out


def test_structural_diff(tmp_path: Path) -> None:
    result = compare(load_architecture(THREE_TIER), load_architecture(_variant(tmp_path)))
    assert result["components"]["removed"] == ["cache"]
    assert result["components"]["added"] == []
    assert result["components"]["changed"]["db"]["replicas"] == {"from": 2, "to": 1}
    assert result["connections"]["removed"] == ["api->cache"]


def test_engine_deltas_are_always_computed(tmp_path: Path) -> None:
    a, b = load_architecture(THREE_TIER), load_architecture(_variant(tmp_path))
    result = compare(a, b)
    assert "unavailable" not in result
    assert result["cost"]["from"] == engines.cost_summary(a)["monthly_total"]
    assert result["cost"]["to"] == engines.cost_summary(b)["monthly_total"]
    assert result["capacity"]["max_rps"]["to"] == engines.capacity_summary(b)["max_rps"]
    assert result["availability"]["percent"]["from"] == engines.availability_summary(a)["percent"]
    # One database node and no failover is a finding the variant introduces.
    assert any("db" in f["targets"] for f in result["audit"]["new"])


def test_identical_files_have_no_diff() -> None:
    arch = load_architecture(THREE_TIER)
    result = compare(arch, arch)
    assert result["components"] == {"added": [], "removed": [], "changed": {}}
    if "audit" in result:
        assert result["audit"]["new"] == [] and result["audit"]["fixed"] == []


def test_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    variant = _variant(tmp_path)
    out = runner.invoke(app, ["compare", str(THREE_TIER), str(variant), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["components"]["removed"] == ["cache"]
    text = runner.invoke(app, ["compare", str(THREE_TIER), str(variant)])
    assert "removed  cache" in text.stdout
    bad = runner.invoke(app, ["compare", str(THREE_TIER), str(tmp_path / "none.yaml")])
    assert bad.exit_code == 2 and "no such file" in bad.stderr
