"""`archwright estimate`: the arithmetic of each step, shown and checkable."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from archwright.advise.estimate import Inputs, estimate
from archwright.cli.app import app

CASES = [
    # dau, actions, payload, rw, retention, peak, expected summary subset
    (10_000_000, 20, 2, 9, 365, 3, {"avg_qps": 2314.8, "peak_qps": 6944.4}),
    (86_400, 1, 1, 1, 1, 1, {"avg_qps": 1.0, "peak_qps": 1.0}),
]


@pytest.mark.parametrize(("dau", "actions", "payload", "rw", "days", "peak", "expect"), CASES)
def test_summary(
    dau: float,
    actions: float,
    payload: float,
    rw: float,
    days: float,
    peak: float,
    expect: dict[str, float],
) -> None:
    out = estimate(
        Inputs(
            dau=dau,
            actions_per_user=actions,
            payload_kb=payload,
            read_write=rw,
            retention_days=days,
            peak_factor=peak,
            server_rps=1000,
        )
    )
    for key, value in expect.items():
        assert out["summary"][key] == value


def test_steps_are_consistent() -> None:
    out = estimate(
        Inputs(
            dau=1_000_000,
            actions_per_user=10,
            payload_kb=4,
            read_write=4,
            retention_days=30,
            peak_factor=2,
            replication=3,
            server_rps=500,
            target_utilization=0.5,
        )
    )
    steps = {s["name"]: s for s in out["steps"]}
    avg = 1_000_000 * 10 / 86_400
    assert steps["average QPS"]["value"] == pytest.approx(avg, abs=1e-3)
    assert steps["average write QPS"]["value"] == pytest.approx(avg / 5, abs=1e-3)
    # 2M writes/day x 4 KB x 30 days x 3 copies
    assert steps["storage held"]["value"] == pytest.approx(2_000_000 * 4 * 30 * 3, rel=1e-6)
    # ceil(231.5 / 250) + 1
    assert out["summary"]["servers"] == 2
    assert "ceil(" in steps["application servers"]["formula"]
    assert all(s["formula"] for s in out["steps"])


def test_cli_json_and_bad_input() -> None:
    runner = CliRunner()
    ok = runner.invoke(
        app, ["estimate", "--dau", "1000000", "--server-rps", "1000", "--format", "json"]
    )
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.stdout)
    assert data["summary"]["avg_qps"] == pytest.approx(115.7, abs=0.1)
    table = runner.invoke(app, ["estimate", "--dau", "1000000"])
    assert "peak QPS" in table.stdout and "catalog" in table.stdout
    bad = runner.invoke(app, ["estimate", "--dau", "-5"])
    assert bad.exit_code == 2 and "--dau must be above 0" in bad.stderr
    missing = runner.invoke(app, ["estimate"])
    assert missing.exit_code == 2 and "--dau is required" in missing.stderr
