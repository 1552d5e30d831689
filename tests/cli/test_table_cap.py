"""Tables past MAX_TABLE_ROWS rows show the first ones and say how many more JSON holds."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from cli_process import run

from archwright.cli.output import MAX_TABLE_ROWS, capped


def test_capped_keeps_short_lists_whole_and_counts_what_it_leaves_out() -> None:
    rows = list(range(MAX_TABLE_ROWS))
    assert capped(rows, "rows") == (rows, None)
    shown, more = capped([*rows, "x", "y"], "rows")
    assert list(shown) == rows
    assert more is not None and f"2 more rows not shown ({MAX_TABLE_ROWS + 2:,} in all)" in more
    assert "--format json" in more


def big_model(tmp_path: Path, services: int) -> Path:
    comps = [{"id": "web", "kind": "client"}]
    comps += [{"id": f"svc-{i}", "kind": "service"} for i in range(services)]
    conns = [{"source": "web", "target": f"svc-{i}"} for i in range(services)]
    path = tmp_path / "big.yaml"
    path.write_text(
        yaml.safe_dump({"name": "big", "components": comps, "connections": conns}),
        encoding="utf-8",
    )
    return path


def test_cost_and_sweep_tables_are_capped_but_json_is_whole(tmp_path: Path) -> None:
    services = MAX_TABLE_ROWS + 50
    model = big_model(tmp_path, services)
    cost = run("cost", str(model))
    assert cost.returncode == 0, cost.stderr
    assert f"51 more components not shown ({services + 1:,} in all)" in cost.stdout
    assert "svc-198" in cost.stdout and "svc-249" not in cost.stdout  # the first rows
    assert "total" in cost.stdout
    full = json.loads(run("cost", str(model), "--format", "json").stdout)
    assert len(full["components"]) == services + 1
    sweep = run("sweep", str(model))
    assert sweep.returncode == 0, sweep.stderr
    assert f"50 more components not shown ({services:,} in all)" in sweep.stdout


def test_audit_table_is_capped(tmp_path: Path) -> None:
    model = big_model(tmp_path, MAX_TABLE_ROWS + 50)
    table = run("audit", str(model))
    findings = json.loads(run("audit", str(model), "--format", "json").stdout)["findings"]
    active = [f for f in findings if not f.get("suppressed")]
    assert len(active) > MAX_TABLE_ROWS
    assert f"{len(active) - MAX_TABLE_ROWS:,} more findings not shown" in table.stdout
