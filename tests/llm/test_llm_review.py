"""The narrative review: grounded in the findings it is given, skeleton when no model helps."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm_wire import Harness, anthropic_reply, openai_reply

from archwright.advise.review import render_markdown, review, skeleton
from archwright.archfile import load_architecture
from archwright.model import Architecture, Severity

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Found:
    """A finding as the audit reports it (the fields a review reads)."""

    rule_id: str
    severity: Severity
    title: str
    message: str
    targets: tuple[str, ...]
    fix: str


FINDINGS = [
    Found("REL003", Severity.MEDIUM, "Missing timeout", "browser->cdn has no timeout",
          ("browser->cdn",), "Set timeout_ms."),
    Found("SEC010", Severity.HIGH, "Public datastore", "db is reachable", ("db",),
          "Put db in a private subnet."),
]  # fmt: skip
GRADES = {"reliability": "C", "security": "D", "cost": "A"}


def arch() -> Architecture:
    return load_architecture(ROOT / "examples" / "three_tier.yaml")


def good_review() -> dict[str, Any]:
    return {
        "summary": "The database exposure matters most.",
        "strengths": ["Cache in front of the database"],
        "points": [
            {
                "title": "Close the database",
                "findings": ["SEC010"],
                "targets": ["db"],
                "why_it_matters": "PII is one misconfiguration away from the internet.",
                "recommendation": "Private subnet, security group from api only.",
                "priority": "high",
            }
        ],
        "open_questions": ["Who owns the database?"],
    }


def test_without_a_model_the_skeleton_lists_every_finding_worst_first() -> None:
    result = review(arch(), FINDINGS, GRADES, None)
    assert not result.llm_used and result.note == "LLM not used (no provider configured)"
    assert [p.findings for p in result.review.points] == [["SEC010"], ["REL003"]]
    assert result.review.points[0].priority == "high"
    assert result.review.strengths == ["cost: grade A"]
    assert result.review == skeleton(arch(), FINDINGS, GRADES)
    text = render_markdown(result)
    assert "_Source: LLM not used (no provider configured)._" in text
    assert "### 1. Public datastore (db)" in text


def test_invented_findings_are_sent_back_for_repair(harness: Harness) -> None:
    invented = good_review()
    invented["points"][0]["findings"] = ["SEC999"]
    invented["points"][0]["targets"] = ["database"]
    harness.server.script(
        openai_reply(json.dumps(invented)), openai_reply(json.dumps(good_review()))
    )
    client = harness.client("openai:gpt-4o-mini")
    result = review(arch(), FINDINGS, GRADES, client)
    assert result.llm_used and result.source == "openai:gpt-4o-mini" and result.rounds == 2
    assert result.review.points[0].title == "Close the database"
    feedback = harness.server.requests[1].body["messages"][-1]["content"]
    assert "points[0].findings[0]: no finding 'SEC999' in the audit" in feedback
    assert "points[0].targets[0]: no component 'database'" in feedback
    first = harness.server.requests[0].body
    user = first["messages"][1]["content"]
    assert "<<<DATA" in user and '"rule_id": "SEC010"' in user
    assert first["response_format"]["json_schema"]["name"] == "review"


def test_garbage_falls_back_to_the_skeleton_and_says_why(harness: Harness) -> None:
    harness.server.default = anthropic_reply({"verdict": "looks fine"})
    client = harness.client("anthropic:claude-3-5-haiku-latest")
    result = review(arch(), FINDINGS, GRADES, client)
    assert not result.llm_used and result.source == "audit"
    assert result.note.startswith("LLM not used: answer still invalid after repairs")
    assert result.review == skeleton(arch(), FINDINGS, GRADES)
    assert len(harness.server.requests) == 3  # first answer + 2 repairs (default setting)
