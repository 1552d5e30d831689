"""`archwright critique`: points backed by catalog facts and, when installed, engines."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from archwright.advise import engines
from archwright.advise.critique import critique
from archwright.archfile import load_architecture
from archwright.cli.app import app
from archwright.kb import load_catalog

ROOT = Path(__file__).resolve().parents[2]


def _self_hosted_variant() -> object:
    arch = load_architecture(ROOT / "examples" / "three_tier.yaml")
    arch.component("db").technology = "postgresql"
    arch.component("cache").technology = "redis"
    return arch


def test_self_hosted_state_is_a_hidden_cost_with_a_managed_alternative() -> None:
    arch = _self_hosted_variant()
    result = critique(arch, load_catalog())  # type: ignore[arg-type]
    costs = " ".join(result["hidden_operational_costs"])
    assert "db (PostgreSQL" in costs
    assert "per engineer" in costs
    simpler = " ".join(result["simpler_alternatives"])
    assert "db:" in simpler and "instead of self-run PostgreSQL" in simpler


def test_engine_backed_sections() -> None:
    arch = load_architecture(ROOT / "examples" / "event_driven_orders.yaml")
    result = critique(arch, load_catalog())
    assert "unavailable" not in result
    assert 1 <= len(result["failure_modes"]) <= 3
    assert all(m["evidence"] for m in result["failure_modes"])
    audit_ids = {f["rule_id"] for f in engines.audit_summary(arch)["findings"]}
    cited = [m for m in result["failure_modes"] if m["source"] == "audit"]
    assert cited and all(m["evidence"].split()[1] in audit_ids for m in cited)


def test_cli_json() -> None:
    out = CliRunner().invoke(
        app, ["critique", str(ROOT / "examples" / "three_tier.yaml"), "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    for key in (
        "failure_modes",
        "fails_at_10x",
        "hidden_operational_costs",
        "simpler_alternatives",
        "tech_debt_risks",
    ):
        assert key in data
