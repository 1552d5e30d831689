"""Dockerfile hygiene as hadolint judges it (run as a tool, JSON output)."""

from __future__ import annotations

import json

from archwright.codeaudit.repository import Repository
from archwright.codeaudit.result import CheckResult, CodeFinding
from archwright.codeaudit.rubric import rubric
from archwright.codeaudit.tools import ToolFailed, run, tool


def check(repo: Repository) -> CheckResult:
    files = [f for f in repo.files if f.rsplit("/", 1)[-1].startswith("Dockerfile")]
    if not files:
        return CheckResult("dockerfiles", 100, "no Dockerfiles", applies=False)
    done = run([tool("hadolint"), "--format", "json", "--no-fail", *files], repo.root)
    try:
        items = json.loads(done.stdout or "[]")
    except json.JSONDecodeError:
        raise ToolFailed(f"hadolint gave no JSON: {done.stderr.strip()[:200]}") from None
    weights = rubric().dockerfiles.model_dump()
    penalty = 0.0
    findings = []
    for item in items:
        level = str(item.get("level", "warning"))
        penalty += float(weights.get(level, weights["warning"]))
        findings.append(
            CodeFinding(
                "dockerfiles",
                str(item.get("file", "")),
                int(item.get("line", 0)),
                f"{item.get('code', '?')} ({level}): {item.get('message', '')}",
            )
        )
    summary = f"{len(findings)} hadolint findings in {len(files)} Dockerfiles"
    return CheckResult("dockerfiles", max(0.0, 100 - penalty), summary, tuple(findings))
