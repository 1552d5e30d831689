"""`archwright migrate`: extraction order by coupling, seams, data handling, rollback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archwright.advise.migrate import Module, Monolith, plan
from archwright.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SHOP = ROOT / "examples" / "monoliths" / "shop_monolith.yaml"


def _mono(modules: list[dict[str, object]], fks: list[dict[str, str]] | None = None) -> Monolith:
    return Monolith.model_validate({"name": "m", "modules": modules, "foreign_keys": fks or []})


def test_cleanest_boundary_goes_first() -> None:
    mono = _mono(
        [
            {"name": "billing", "writes": ["invoices"], "reads": ["users"], "calls": ["users"]},
            {"name": "users", "writes": ["users"]},
            {"name": "reports", "writes": ["report_cache"]},  # touches nothing shared
        ],
        [{"from": "invoices.user_id", "to": "users.id"}],
    )
    result = plan(mono)
    assert result["extraction_order"][0] == "reports"
    assert result["coupling"]["reports"] == 0
    assert result["phases"][1]["risk"] == "low"
    seam = result["riskiest_seams"][0]
    assert seam["between"] == ["billing", "users"]
    assert "foreign key invoices.user_id -> users.id" in seam["because"]


def test_shared_writes_get_an_outbox_and_fks_are_named() -> None:
    mono = _mono(
        [
            {"name": "orders", "writes": ["orders", "stock"]},
            {"name": "warehouse", "writes": ["stock"], "reads": ["orders"]},
        ],
        [{"from": "orders.sku", "to": "stock.sku"}],
    )
    result = plan(mono)
    text = json.dumps(result["phases"])
    assert "dual writes through an outbox" in text
    assert "CDC" in text
    phase = result["phases"][1]
    assert phase["rollback"].startswith("switch the facade route back")


def test_shop_example_plan() -> None:
    result = CliRunner().invoke(app, ["migrate", str(SHOP), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["extraction_order"][:2] == ["catalog", "notifications"]
    assert data["phases"][0]["title"].startswith("Put a routing facade")
    assert all(p["rollback"] for p in data["phases"])
    # Every FK is cut exactly once over the whole plan.
    cut = [fk for p in data["phases"][1:] for fk in p["seams"]["foreign_keys_across_cut"]]
    assert sorted(cut) == sorted(set(cut))


def test_from_two_architectures(tmp_path: Path) -> None:
    current = ROOT / "examples" / "three_tier.yaml"
    target = tmp_path / "target.yaml"
    target.write_text(
        "name: split\ncomponents:\n"
        "  - {id: catalog, kind: service}\n  - {id: checkout, kind: service}\n"
        "  - {id: catdb, kind: sql_db, entities: [{name: products}]}\n"
        "  - {id: orddb, kind: sql_db, entities: [{name: orders}, {name: customers}]}\n"
        "connections:\n  - {source: catalog, target: catdb, protocol: sql}\n"
        "  - {source: checkout, target: orddb, protocol: sql}\n"
        "  - {source: checkout, target: catalog, protocol: https}\n"
    )
    result = CliRunner().invoke(
        app, ["migrate", str(current), "--to", str(target), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["extraction_order"] == ["catalog"]
    assert data["remains_in_core"] == "checkout"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: m\nmodules: [{name: a}]\n", "modules"),
        ("name: m\nmodules: [{name: a, calls: [zz]}, {name: b}]\n", "unknown module"),
    ],
)
def test_bad_descriptions(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text)
    result = CliRunner().invoke(app, ["migrate", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr and str(path) in result.stderr


def test_architecture_without_target_is_refused() -> None:
    result = CliRunner().invoke(app, ["migrate", str(ROOT / "examples" / "three_tier.yaml")])
    assert result.exit_code == 2 and "--to" in result.stderr


def test_module_model_is_strict() -> None:
    with pytest.raises(ValueError):
        Module.model_validate({"name": "a", "tablez": []})
