"""Grades A–F per category and overall, from the unsuppressed findings.

The rule (also in docs/audit.md): each finding costs penalty points by severity
(critical 40, high 20, medium 8, low 3, info 0); one rule counts at most three findings,
so a model with many components is not failed by a single repeated issue. A category's
score is 100 minus its penalties (floor 0) and maps to A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40,
else F; a critical finding caps the category at D. The overall score is the mean of the
category scores, graded the same way, capped at D by any critical finding and at one
letter better than the worst category (an A in AI for a system with no model must not
hide an F in reliability).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from archwright.audit.rule import Category, Finding
from archwright.model import Severity
from archwright.model.grades import LETTERS, letter_grade

PENALTY: dict[Severity, int] = {
    Severity.CRITICAL: 40,
    Severity.HIGH: 20,
    Severity.MEDIUM: 8,
    Severity.LOW: 3,
    Severity.INFO: 0,
}
MAX_COUNTED_PER_RULE = 3
CRITICAL_CAP = "D"


@dataclass(frozen=True)
class Grade:
    score: int
    grade: str


def _letter(score: float, has_critical: bool) -> str:
    return letter_grade(score, CRITICAL_CAP if has_critical else None)


def grade(findings: Iterable[Finding]) -> tuple[dict[Category, Grade], Grade]:
    """Category grades (every category, in enum order) and the overall grade.

    A rule's findings past its first MAX_COUNTED_PER_RULE are skipped on one dict read:
    they are most of the 56,140 of a 10,000-component audit (a Counter's increment and
    read for each cost twice as much)."""
    penalty: Counter[Category] = Counter()
    per_rule: dict[str, int] = {}
    critical: set[Category] = set()
    for f in findings:
        if f.suppressed is not None:
            continue
        counted = per_rule.get(f.rule_id, 0)
        if counted >= MAX_COUNTED_PER_RULE:
            continue
        per_rule[f.rule_id] = counted + 1
        penalty[f.category] += PENALTY[f.severity]
        if f.severity is Severity.CRITICAL:
            critical.add(f.category)
    grades = {}
    for cat in Category:
        score = max(0, 100 - penalty[cat])
        grades[cat] = Grade(score, _letter(score, cat in critical))
    mean = round(sum(g.score for g in grades.values()) / len(grades))
    letter = _letter(mean, bool(critical))
    worst = max(g.grade for g in grades.values())
    ceiling = LETTERS[max(0, LETTERS.index(worst) - 1)]
    return grades, Grade(mean, max(letter, ceiling))
