"""Run every check on a repository and grade it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archwright.codeaudit.checks import (
    complexity,
    dockerfiles,
    lint,
    pinning,
    secrets,
    tests_present,
)
from archwright.codeaudit.repository import walk
from archwright.codeaudit.result import CheckResult, CodeFinding
from archwright.codeaudit.rubric import rubric
from archwright.model.grades import letter_grade

CHECKS = (
    lint.check,
    complexity.check,
    tests_present.check,
    pinning.check,
    dockerfiles.check,
    secrets.check,
)

__all__ = ["CheckResult", "CodeFinding", "CodeReport", "audit_code"]


@dataclass(frozen=True)
class CodeReport:
    root: str
    checks: tuple[CheckResult, ...]
    score: float
    grade: str
    reasons: tuple[str, ...]  # why the grade is not an A, worst first
    files: int
    truncated: bool


def _grade(results: list[CheckResult]) -> tuple[float, str]:
    weights = rubric().weights
    counted = [r for r in results if r.applies]
    total = sum(weights[r.name] for r in counted)
    score = sum(weights[r.name] * r.score for r in counted) / total if total else 100.0
    secret = next(r for r in results if r.name == "secrets")
    cap = rubric().secrets.cap if secret.findings else None
    return round(score, 1), letter_grade(score, cap)


def audit_code(root: Path) -> CodeReport:
    repo = walk(root)
    results = [run(repo) for run in CHECKS]
    score, grade = _grade(results)
    reasons = tuple(
        f"{r.name}: {r.summary}" for r in sorted(results, key=lambda r: r.score) if r.score < 100
    )
    return CodeReport(
        str(root), tuple(results), score, grade, reasons, len(repo.files), repo.truncated
    )
