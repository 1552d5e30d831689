"""Secrets committed to the repository: known credential formats (`secrets.yaml`) and
files that hold secrets by convention (`.env`). The secret itself is never reported."""

from __future__ import annotations

from archwright.codeaudit.repository import Repository
from archwright.codeaudit.result import CheckResult, CodeFinding
from archwright.codeaudit.rubric import secrets

_MAX_PER_FILE = 20


def check(repo: Repository) -> CheckResult:
    data = secrets()
    patterns = [(p.name, p.compiled()) for p in data.patterns]
    findings = [
        CodeFinding("secrets", rel, 0, "a file that holds secrets by convention is committed")
        for rel in repo.basename(*data.committed_files)
    ]
    for rel in repo.files:
        text = repo.text(rel)
        if "\x00" in text[:4096]:
            continue  # binary
        hits = 0
        for number, line in enumerate(text.splitlines(), start=1):
            for name, regex in patterns:
                if regex.search(line) and hits < _MAX_PER_FILE:
                    hits += 1
                    findings.append(
                        CodeFinding("secrets", rel, number, f"matches the pattern of a {name}")
                    )
    if findings:
        return CheckResult(
            "secrets", 0, f"{len(findings)} possible secrets committed", tuple(findings)
        )
    return CheckResult("secrets", 100, "no secrets found")
