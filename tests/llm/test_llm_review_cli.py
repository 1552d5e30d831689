"""`archwright review`: audit skeleton offline, grounded narrative with a model."""

from __future__ import annotations

import json
from pathlib import Path

from llm_wire import SECRET, Harness, openai_reply, run_cli

from archwright.archfile import load_architecture
from archwright.audit import audit

ROOT = Path(__file__).resolve().parents[2]
ARCH = ROOT / "examples" / "three_tier.yaml"


def test_review_without_provider_prints_the_skeleton(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path)}
    res = run_cli("review", str(ARCH), env=env, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("# Architecture review\n")
    assert res.stderr == "archwright: LLM not used (no provider configured)\n"
    doc = json.loads(run_cli("review", str(ARCH), "--format", "json", env=env, cwd=tmp_path).stdout)
    report = audit(load_architecture(ARCH))
    assert doc["llm"]["used"] is False
    assert len(doc["review"]["points"]) == len(report.active)
    assert doc["overall"] == report.overall.grade


def test_review_with_a_model_is_grounded_in_real_findings(harness: Harness) -> None:
    report = audit(load_architecture(ARCH))
    assert report.active, "the example should have findings to discuss"
    first = report.active[0]
    answer = {
        "summary": "Fix the first finding first.",
        "points": [
            {
                "title": first.title,
                "findings": [first.rule_id],
                "targets": [t for t in first.targets if "->" not in t][:1],
                "why_it_matters": "Because it matters.",
                "recommendation": first.fix,
                "priority": "high",
            }
        ],
    }
    harness.server.script(openai_reply(json.dumps(answer)))
    res = run_cli("review", str(ARCH), "--llm", "openai:gpt-4o-mini", "--format", "json",
                  env=harness.env(), cwd=harness.tmp)  # fmt: skip
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["llm"]["used"] is True and doc["llm"]["source"] == "openai:gpt-4o-mini"
    assert doc["review"]["points"][0]["findings"] == [first.rule_id]
    sent = harness.server.requests[0].body["messages"][1]["content"]
    assert f'"rule_id": "{first.rule_id}"' in sent
    assert SECRET not in res.stdout + res.stderr


def test_review_bad_input(tmp_path: Path) -> None:
    res = run_cli("review", str(tmp_path / "none.yaml"), env={"HOME": str(tmp_path)}, cwd=tmp_path)
    assert res.returncode == 2 and res.stderr.strip().endswith("no such file")
