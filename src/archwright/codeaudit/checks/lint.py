"""Lint findings from ruff (run as a tool: the repository's own ruff configuration when
it has one, ruff's defaults otherwise), per 100 lines of Python."""

from __future__ import annotations

import json

from archwright.codeaudit.repository import Repository
from archwright.codeaudit.result import CheckResult, CodeFinding
from archwright.codeaudit.rubric import rubric
from archwright.codeaudit.tools import ToolFailed, run, tool

_CONFIGS = ("ruff.toml", ".ruff.toml")


def _has_config(repo: Repository) -> bool:
    if any((repo.root / name).is_file() for name in _CONFIGS):
        return True
    pyproject = repo.root / "pyproject.toml"
    return pyproject.is_file() and "[tool.ruff" in repo.text("pyproject.toml")


def check(repo: Repository) -> CheckResult:
    sources = repo.named(".py")
    if not sources:
        return CheckResult("lint", 100, "no Python files", applies=False)
    cmd = [tool("ruff"), "check", "--output-format=json", "--exit-zero", "--no-cache"]
    if not _has_config(repo):
        cmd.append("--isolated")
    done = run([*cmd, "."], repo.root)
    try:
        items = json.loads(done.stdout or "[]")
    except json.JSONDecodeError:
        raise ToolFailed(f"ruff gave no JSON: {done.stderr.strip()[:200]}") from None
    prefix = str(repo.root.resolve()) + "/"
    findings = tuple(
        CodeFinding(
            "lint",
            str(item.get("filename", "")).removeprefix(prefix),
            int((item.get("location") or {}).get("row", 0)),
            f"{item.get('code') or 'syntax'}: {item.get('message', '')}",
        )
        for item in items
    )
    lines = sum(repo.text(f).count("\n") + 1 for f in sources)
    density = 100 * len(findings) / max(lines, 100)
    score = max(0.0, 100 - rubric().lint.points_per_finding_per_100_lines * density)
    summary = (
        f"{len(findings)} ruff findings in {lines:,} lines of Python ({density:.1f} per 100 lines)"
    )
    return CheckResult("lint", score, summary, findings)
