"""Cyclomatic complexity of every Python function, measured by radon."""

from __future__ import annotations

from archwright.codeaudit.repository import Repository
from archwright.codeaudit.result import CheckResult, CodeFinding
from archwright.codeaudit.rubric import rubric
from archwright.codeaudit.tools import INSTALL_HINT, ToolMissing


def check(repo: Repository) -> CheckResult:
    try:
        from radon.complexity import cc_visit
    except ImportError:
        raise ToolMissing(f"radon is not installed ({INSTALL_HINT})") from None
    limits = rubric().complexity
    sources = repo.named(".py")
    if not sources:
        return CheckResult("complexity", 100, "no Python files", applies=False)
    findings: list[CodeFinding] = []
    penalty = 0.0
    functions = 0
    for rel in sources:
        try:
            blocks = cc_visit(repo.text(rel))
        except (SyntaxError, ValueError, RecursionError):
            continue  # the lint check reports what does not parse
        for block in blocks:
            functions += 1
            if block.complexity >= limits.moderate:
                high = block.complexity >= limits.high
                penalty += limits.high_penalty if high else limits.moderate_penalty
                findings.append(
                    CodeFinding(
                        "complexity",
                        rel,
                        block.lineno,
                        f"{block.name} has cyclomatic complexity {block.complexity}",
                    )
                )
    summary = f"{len(findings)} of {functions} functions at complexity {limits.moderate} or more"
    return CheckResult("complexity", max(0.0, 100 - penalty), summary, tuple(findings))
