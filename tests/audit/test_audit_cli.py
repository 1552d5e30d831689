"""`archwright audit` and `archwright rules` end to end: shapes, exit codes, formats."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from archwright.cli.app import app

FIXTURE = Path(__file__).parent / "fixtures" / "classic_review.yaml"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_shape_is_spec_section_4() -> None:
    code, out, _ = run("audit", str(FIXTURE), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) >= {"findings", "grades"}
    assert set(doc["grades"]) == {
        "security",
        "compliance",
        "reliability",
        "performance",
        "cost",
        "operability",
        "ai",
        "supply-chain",
    }
    assert all(g in "ABCDF" and len(g) == 1 for g in doc["grades"].values())
    first = doc["findings"][0]
    assert list(first)[:7] == [
        "rule_id",
        "category",
        "severity",
        "title",
        "targets",
        "rationale",
        "fix",
    ]
    assert {"OPS001", "REL002", "REL003", "REL004", "REL013"} <= {
        f["rule_id"] for f in doc["findings"]
    }


def test_fail_on_threshold_sets_exit_code() -> None:
    assert run("audit", str(FIXTURE), "--format", "json", "--fail-on", "high")[0] == 1
    code, _, _ = run(
        "audit", str(FIXTURE), "--format", "json", "--only", "REL013", "--fail-on", "high"
    )
    assert code == 0  # REL013 is medium: below the threshold


def test_only_and_skip_select_by_code_name_and_category() -> None:
    _, out, _ = run("audit", str(FIXTURE), "--format", "json", "--only", "reliability")
    cats = {f["category"] for f in json.loads(out)["findings"]}
    assert cats == {"reliability"}
    _, out, _ = run(
        "audit", str(FIXTURE), "--format", "json", "--only", "operability.shared_database,REL002"
    )
    assert {f["rule_id"] for f in json.loads(out)["findings"]} == {"OPS001", "REL002"}
    _, out, _ = run("audit", str(FIXTURE), "--format", "json", "--skip", "reliability")
    assert "reliability" not in {f["category"] for f in json.loads(out)["findings"]}


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "xml"),
        ("--fail-on", "severe"),
        ("--only", "NOPE999"),
    ],
)
def test_bad_options_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    code, out, err = run("audit", str(FIXTURE), *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("archwright: ")


def test_bad_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ncomponents:\n  - {id: a, kind: spaceship}\n")
    code, out, err = run("audit", str(bad), "--format", "json")
    assert code == 2 and out == ""
    assert "bad.yaml:3" in err and "spaceship" in err


def test_suppressed_findings_are_reported_with_reason_not_dropped(tmp_path: Path) -> None:
    text = FIXTURE.read_text()
    text = text.replace(
        "  - {id: db, kind: sql_db, technology: postgresql, replicas: 1}",
        "  - id: db\n    kind: sql_db\n    technology: postgresql\n    suppress:\n"
        "      - {rule: operability.shared_database, reason: migration to per-service DBs in Q3}",
    )
    text += (
        "suppressions:\n"
        "  - {rule: REL003, targets: [web->gateway], reason: edge timeout set in CDN}\n"
    )
    path = tmp_path / "arch.yaml"
    path.write_text(text)
    _, out, _ = run("audit", str(path), "--format", "json")
    findings = json.loads(out)["findings"]
    shared = [f for f in findings if f["rule_id"] == "OPS001"]
    assert shared and shared[0]["suppressed"] is True
    assert shared[0]["suppression_reason"] == "migration to per-service DBs in Q3"
    timeouts = {f["targets"][0]: f["suppressed"] for f in findings if f["rule_id"] == "REL003"}
    assert timeouts["web->gateway"] is True and timeouts["orders->inventory"] is False
    # Suppressed findings do not fail the build.
    assert run("audit", str(path), "--only", "OPS001", "--fail-on", "high")[0] == 0


def test_sarif_validates_against_the_official_schema_and_points_at_lines() -> None:
    code, out, _ = run("audit", str(FIXTURE), "--format", "sarif")
    assert code == 0
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    run0 = log["runs"][0]
    rules = {r["id"]: r for r in run0["tool"]["driver"]["rules"]}
    assert all(r["shortDescription"]["text"] and r["help"]["text"] for r in rules.values())
    sec = [r for r in rules.values() if "security" in r["properties"]["tags"]]
    assert sec and all(float(r["properties"]["security-severity"]) > 0 for r in sec)
    lines = FIXTURE.read_text().splitlines()
    for result in run0["results"]:
        assert result["ruleId"] in rules
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith("classic_review.yaml")
        line = lines[loc["region"]["startLine"] - 1]
        first_target = result["properties"]["targets"][0]
        if "->" in first_target:
            src, dst = first_target.split("->")
            assert f"source: {src}," in line and f"target: {dst}," in line
        else:
            assert f"id: {first_target}," in line


def test_markdown_report_lists_findings_and_grades() -> None:
    code, out, _ = run("audit", str(FIXTURE), "--format", "markdown")
    assert code == 0
    assert out.startswith("# Audit: Classic three-service design")
    assert "| reliability | F |" in out
    assert "OPS001 Database shared between services" in out and "**Fix:**" in out


def test_rules_reference_is_in_sync_with_the_registry() -> None:
    code, out, _ = run("rules", "--format", "markdown")
    assert code == 0
    doc = ROOT / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == out, (
        "docs/rules.md is stale: archwright rules --format markdown > docs/rules.md"
    )


def test_examples_audit_without_rule_errors(example_path: Path) -> None:
    code, out, _ = run("audit", str(example_path), "--format", "json")
    assert code == 0
    assert not [f for f in json.loads(out)["findings"] if f["error"]]
