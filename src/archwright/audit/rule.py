"""What a rule is (metadata plus one pure function) and what it reports (a finding).

A rule module holds `RULE = Rule(...)` and `def check(ctx) -> Iterator[Finding]`; the
metadata is plain data so that docs, SARIF rule descriptors and grades all derive from
the same place as the check itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter
from typing import NamedTuple

from archwright.model import Component, Connection, Severity


class Category(StrEnum):
    """Audit categories, each graded separately (SPEC §3.2)."""

    SECURITY = "security"
    COMPLIANCE = "compliance"
    RELIABILITY = "reliability"
    PERFORMANCE = "performance"
    COST = "cost"
    OPERABILITY = "operability"
    AI = "ai"
    SUPPLY_CHAIN = "supply-chain"


CODE_PREFIX: dict[Category, str] = {
    Category.SECURITY: "SEC",
    Category.COMPLIANCE: "CMP",
    Category.RELIABILITY: "REL",
    Category.PERFORMANCE: "PRF",
    Category.COST: "CST",
    Category.OPERABILITY: "OPS",
    Category.AI: "AI",
    Category.SUPPLY_CHAIN: "SUP",
}

Target = Component | Connection | str


class Finding(NamedTuple):
    """One problem found: which rule, where (component or connection ids), why, and the fix.

    `suppressed` holds the reason when a suppression in the model accepted the finding;
    suppressed findings are still reported, only not graded or failed on.
    `error` is set when the rule itself crashed: the finding says so loudly instead of
    the rule going quiet. A named tuple because a large model yields tens of thousands
    of findings and a frozen dataclass costs several times more to build.
    """

    rule_id: str
    name: str
    category: Category
    severity: Severity
    title: str
    message: str
    targets: tuple[str, ...]
    rationale: str
    fix: str
    references: tuple[str, ...]
    suppressed: str | None = None
    error: bool = False

    def suppress(self, reason: str) -> Finding:
        return self._replace(suppressed=reason)


# Within one severity, findings are ordered by rule, targets and message (Finding's
# fields 0, 6 and 5): a key the sort computes in C.
_WITHIN_SEVERITY = itemgetter(0, 6, 5)
SEVERITIES_MOST_FIRST = sorted(Severity, key=lambda s: s.rank, reverse=True)


def report_order(findings: Iterable[Finding]) -> list[Finding]:
    """The findings as a report lists them: most severe first, then by rule, targets and
    message; equal findings keep their order. One stable sort per severity: a key
    method called for each of the 56,000 findings of a 10,000-component audit cost
    more than the sorts themselves."""
    by_severity: dict[Severity, list[Finding]] = {s: [] for s in SEVERITIES_MOST_FIRST}
    for finding in findings:
        by_severity[finding.severity].append(finding)
    out: list[Finding] = []
    for group in by_severity.values():
        group.sort(key=_WITHIN_SEVERITY)
        out.extend(group)
    return out


# `Finding(...)` goes through a generated `__new__` in Python; the tuple's own is one C call.
_new_finding: Callable[[type[Finding], tuple[object, ...]], Finding] = tuple.__new__


def _target_id(target: Target) -> str:
    """A target's id, exact types first: `isinstance(model, str)` is false only after
    it has read the model's `__class__`, which on a pydantic model goes through its
    `__getattr__` hook."""
    kind = type(target)
    if kind is str:
        return target  # type: ignore[return-value]
    if kind is Component or kind is Connection:
        return target.id  # type: ignore[union-attr]
    return target if isinstance(target, str) else target.id


@dataclass(frozen=True)
class Rule:
    """Metadata of one rule. `summary` is the one-line title; `fix` the usual remedy."""

    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    rationale: str
    fix: str
    refs: tuple[str, ...] = field(default_factory=tuple)

    def finding(
        self,
        targets: Target | Iterable[Target],
        message: str,
        *,
        fix: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule; `fix` overrides the generic fix with a specific one.

        Built as a plain tuple of every field, with exact type tests first: a large
        model yields tens of thousands of findings, and keyword construction, the named
        tuple's own `__new__` and `isinstance` against a union were a third of the cost
        of making one. A list is told from a model before `isinstance` asks: pydantic's
        metaclass is an `ABCMeta`, whose instance check is several times a finding's
        cost."""
        kind = type(targets)
        if kind is str:
            ids: tuple[str, ...] = (targets,)  # type: ignore[assignment]
        elif kind is Component or kind is Connection:
            ids = (targets.id,)  # type: ignore[union-attr]
        elif kind is list or kind is tuple:
            ids = tuple(sorted(set(map(_target_id, targets))))  # type: ignore[arg-type]
        elif isinstance(targets, str):  # a subclass (an enum's value): not its letters
            ids = (targets,)
        elif isinstance(targets, (Component, Connection)):
            ids = (targets.id,)
        else:
            ids = tuple(sorted(set(map(_target_id, targets))))
        return _new_finding(
            Finding,
            (
                self.code,
                self.name,
                self.category,
                severity or self.severity,
                self.summary,
                message,
                ids,
                self.rationale,
                fix or self.fix,
                self.refs,
                None,
                False,
            ),
        )
