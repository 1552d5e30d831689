"""`archwright adr` (MADR from the model) and `archwright slo` (budgets, burn-rate alerts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from archwright.advise.adr import slug, write_records
from archwright.advise.slo import design, prometheus_rules
from archwright.archfile import load_architecture
from archwright.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
THREE_TIER = ROOT / "examples" / "three_tier.yaml"


def test_adr_from_model_decisions(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["adr", str(THREE_TIER), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.md"))
    assert [f.name for f in files] == ["0001-postgresql-on-rds-for-orders.md"]
    text = files[0].read_text()
    for heading in (
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "## Consequences",
    ):
        assert heading in text
    assert 'Chosen option: "aws-rds-postgresql"' in text
    assert "aws-dynamodb: Joins and ad-hoc reporting" in text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("Use Kafka!", "use-kafka"),
        ("", "decision"),
        ("Ünïcode ✓ title", "n-code-title"),
    ],
)
def test_slug_never_makes_a_path(title: str, expected: str) -> None:
    assert slug(title) == expected


def test_write_records_refuses_escapes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        write_records(tmp_path, [("../x.md", "nope")])
    assert not (tmp_path.parent / "x.md").exists()


def test_adr_without_decisions_is_bad_input(tmp_path: Path) -> None:
    arch = tmp_path / "a.yaml"
    arch.write_text("name: bare\ncomponents: [{id: s, kind: service}]\n")
    result = CliRunner().invoke(app, ["adr", str(arch)])
    assert result.exit_code == 2 and "records no decisions" in result.stderr


def test_slo_budgets_and_burn_rates() -> None:
    result = design(load_architecture(THREE_TIER))
    checkout = result["journeys"]["checkout"]
    assert checkout["slo"]["target_percent"] == 99.9
    assert checkout["slo"]["error_budget_minutes_per_month"] == 43.2  # 0.1% of 30 days
    assert checkout["slo"]["p99_latency_ms"] == 800
    rates = [(a["burn_rate"], a["long_window"], a["short_window"]) for a in checkout["alerts"]]
    assert rates == [(14.4, "1h", "5m"), (6.0, "6h", "30m"), (1.0, "3d", "6h")]
    assert checkout["alerts"][0]["threshold_error_ratio"] == pytest.approx(0.0144)
    assert checkout["alerts"][0]["budget_spent_percent"] == 2.0
    # A component on a 6-step path must beat the journey's SLO.
    assert result["components"]["db"]["slo"]["target_percent"] > 99.9
    assert "browser" not in result["components"]


def test_prometheus_rules_export(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["slo", str(THREE_TIER), "-o", str(tmp_path), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["written"] == [str(tmp_path / "slo-rules.yaml")]
    rules = yaml.safe_load((tmp_path / "slo-rules.yaml").read_text())
    alerts = [r for g in rules["groups"] for r in g["rules"] if "alert" in r]
    records = {r["record"] for g in rules["groups"] for r in g["rules"] if "record" in r}
    assert alerts and all(a["labels"]["severity"] in ("page", "ticket") for a in alerts)
    for alert in alerts:  # every alert reads recording rules that exist
        for token in alert["expr"].split():
            if ":error_ratio:" in token:
                assert token in records


def test_label_values_are_escaped() -> None:
    arch = load_architecture(THREE_TIER)
    arch.journeys[0].name = 'say "hi"'
    rules = prometheus_rules(design(arch))
    exprs = [r["expr"] for g in rules["groups"] for r in g["rules"] if "record" in r]
    assert any('journey="say \\"hi\\""' in e for e in exprs)


def test_non_critical_journeys_open_tickets_not_pages() -> None:
    arch = load_architecture(THREE_TIER)
    arch.journeys[0].critical = False
    result = design(arch)
    name = arch.journeys[0].name
    assert {a["severity"] for a in result["journeys"][name]["alerts"]} == {"ticket"}
    assert result["journeys"][name]["slo"]["target_percent"] == 99.9


def test_names_that_sanitize_alike_stay_distinct() -> None:
    arch = load_architecture(THREE_TIER)
    arch.journeys[0].name = "check-out"
    arch.journeys[1].name = "check out"
    rules = prometheus_rules(design(arch))
    groups = [g["name"] for g in rules["groups"]]
    assert len(groups) == len(set(groups))


@pytest.mark.validator
def test_promtool_accepts_the_rules(tmp_path: Path, example_path: Path) -> None:
    import shutil
    import subprocess

    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.skip("promtool is not installed (apt-get install prometheus; .ci/run does)")
    result = CliRunner().invoke(app, ["slo", str(example_path), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    check = subprocess.run(
        [promtool, "check", "rules", str(tmp_path / "slo-rules.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "SUCCESS" in check.stdout
