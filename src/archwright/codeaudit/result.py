"""What a check reports: a score and the findings behind it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeFinding:
    check: str
    file: str  # relative to the repository root ('' for the whole repository)
    line: int  # 0 when not about one line
    message: str


@dataclass(frozen=True)
class CheckResult:
    name: str
    score: float  # 0-100
    summary: str  # one line, the reason for the score
    findings: tuple[CodeFinding, ...] = ()
    applies: bool = True  # False when the repository has nothing this check looks at
