"""`archwright interview`: challenges, and grades measured against the reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archwright.advise import engines
from archwright.advise.interview import challenges, grade
from archwright.cli.app import app
from archwright.kb.interview import load_interview
from archwright.model import Architecture, check

KB = load_interview()
OWN = {c.name: c for c in KB.challenges}

WEAK = {
    "name": "weak",
    "components": [
        {"id": "client", "kind": "client"},
        {"id": "api", "kind": "service"},
        {"id": "db", "kind": "sql_db", "technology": "postgresql"},
    ],
    "connections": [
        {"source": "client", "target": "api"},
        {"source": "api", "target": "db", "protocol": "sql"},
    ],
}


def test_own_challenges_are_valid_models() -> None:
    for ch in KB.challenges:
        assert check(ch.reference) == [], ch.name
    assert {"url-shortener", "social-feed", "search-engine"} <= set(challenges(KB))


def test_reference_scores_full_coverage() -> None:
    ch = challenges(KB)["url-shortener"]
    result = grade(ch, ch.reference, KB)
    assert result["parts"]["components"] == 1.0
    assert result["missing_components"] == []


@pytest.mark.parametrize(
    ("name", "missing", "study"),
    [
        (
            "url-shortener",
            {"cache", "cdn", "monitoring", "nosql_db", "load_balancer"},
            "caching strategies",
        ),
        ("social-feed", {"stream", "worker", "cache"}, "logs and streams"),
    ],
)
def test_weak_answer_names_gaps_and_study(name: str, missing: set[str], study: str) -> None:
    result = grade(OWN[name], Architecture.model_validate(WEAK), KB)
    got = {m["kind"] for m in result["missing_components"]}
    assert missing <= got
    assert any(study in s["topic"] for s in result["study"])
    # sql_db stands in for the reference's nosql_db: half credit, said so.
    nosql = [m for m in result["missing_components"] if m["kind"] == "nosql_db"]
    assert nosql and nosql[0]["stand_in"] == "sql_db"
    assert result["score"] < 60


def test_reference_specs_take_precedence_when_installed() -> None:
    import importlib.util

    merged = challenges(KB)
    if importlib.util.find_spec("archwright.kb.specs") is None:
        assert merged == dict(sorted(OWN.items()))
    else:
        from archwright.kb.specs import load_specs  # type: ignore[import-not-found,unused-ignore]

        spec = load_specs().find("url-shortener")
        if spec is not None:
            assert merged["url-shortener"].reference == spec.architecture
        assert len(merged) >= len(OWN)


def test_audit_and_capacity_are_always_graded() -> None:
    """The engines are imported directly: their parts are graded, never "unavailable"."""
    ch = challenges(KB)["url-shortener"]
    result = grade(ch, Architecture.model_validate(WEAK), KB)
    assert {"audit", "capacity"} <= set(result["parts"])
    assert result["unavailable"] == []
    assert (
        result["audit"]["overall"]
        == engines.audit_summary(
            Architecture.model_validate(WEAK).model_copy(update={"requirements": ch.requirements})
        )["overall"]
    )


def test_same_answer_same_grade() -> None:
    ch = challenges(KB)["social-feed"]
    answer = Architecture.model_validate(WEAK)
    assert grade(ch, answer, KB) == grade(ch, answer, KB)


def test_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["interview", "list", "--format", "json"])
    assert "url-shortener" in {c["name"] for c in json.loads(listed.stdout)["challenges"]}
    brief = runner.invoke(app, ["interview", "challenge", "url-shortener", "--format", "json"])
    data = json.loads(brief.stdout)
    assert "reference" not in data and data["requirements"]["scale"]["peak_rps"] == 12000
    answer = tmp_path / "a.json"
    answer.write_text(json.dumps(WEAK))
    graded = runner.invoke(app, ["interview", "grade", "url-shortener", str(answer)])
    assert graded.exit_code == 0, graded.output
    assert "score" in graded.stdout and "Study" in graded.stdout
    bad = runner.invoke(app, ["interview", "grade", "nope", str(answer)])
    assert bad.exit_code == 2 and "unknown challenge" in bad.stderr


def test_grading_data_names_every_part_and_severity() -> None:
    assert set(KB.grading.weights) == {"components", "audit", "capacity"}
    assert all(k.value for k in KB.kinds)


def test_audit_part_is_the_audit_engines_own_score() -> None:
    """One definition of an answer's audit quality: the overall score of `archwright audit`."""
    from archwright.audit import audit

    ch = challenges(KB)["url-shortener"]
    answer = Architecture.model_validate(WEAK)
    overall = audit(answer.model_copy(update={"requirements": ch.requirements})).overall
    assert grade(ch, answer, KB)["parts"]["audit"] == round(overall.score / 100, 3)
    assert 0 < overall.score < 100
