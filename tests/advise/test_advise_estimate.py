"""`archwright estimate`: the arithmetic of each step, shown and checkable."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from archwright.advise.estimate import Inputs, estimate
from archwright.cli.app import app

CASES = [
    # dau, actions, payload, rw, peak, expected summary subset
    (10_000_000, 20, 2, 9, 3, {"avg_qps": 2314.8, "peak_qps": 6944.4, "peak_write_qps": 694.4}),
    (86_400, 1, 1, 1, 1, {"avg_qps": 1.0, "peak_qps": 1.0, "peak_read_qps": 0.5}),
]


@pytest.mark.parametrize(("dau", "actions", "payload", "rw", "peak", "expect"), CASES)
def test_summary(
    dau: float,
    actions: float,
    payload: float,
    rw: float,
    peak: float,
    expect: dict[str, float],
) -> None:
    out = estimate(
        Inputs(
            dau=dau,
            actions_per_user=actions,
            payload_kb=payload,
            read_write=rw,
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
            peak_factor=3,
            server_rps=500,
            target_utilization=0.5,
        )
    )
    steps = {s["name"]: s for s in out["steps"]}
    avg = 1_000_000 * 10 / 86_400
    assert steps["average QPS"]["value"] == pytest.approx(avg, abs=1e-3)
    assert steps["peak writes"]["value"] == pytest.approx(avg * 3 / 5, abs=1e-3)
    # 2M writes/day x 1 KB per record x 365 days = 730 GB (the design engine's envelope)
    assert steps["data per year"]["value"] == pytest.approx(730, rel=1e-6)
    # ceil(347.2 / 250) + 1
    assert out["summary"]["servers"] == 3
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


def test_estimate_is_the_design_envelope() -> None:
    # One back-of-envelope: `estimate` reports what `design` sizes from (5M DAU: the hot
    # set is a fifth of a day's reads at 1 KB, below 0.2 x data and 5M x 100 KB).
    from archwright.generate.sizing import envelope
    from archwright.model import Requirements

    out = estimate(Inputs(dau=5_000_000, actions_per_user=20, server_rps=500))
    avg = 5_000_000 * 20 / 86_400
    env = envelope(
        Requirements.model_validate(
            {
                "scale": {
                    "dau": 5_000_000,
                    "avg_rps": avg,
                    "peak_rps": avg * 3,
                    "read_write_ratio": 10,
                    "payload_kb": 1,
                }
            }
        )
    )
    daily_reads_gb = avg * 3 * 10 / 11 / 3 * 86_400 * 1 / 1e6
    assert out["summary"]["cache_gb"] == round(env.hot_set_gb, 2) == round(0.2 * daily_reads_gb, 2)
    assert out["summary"]["storage_gb"] == round(env.data_gb, 1)
