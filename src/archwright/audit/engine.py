"""Run the rules over an architecture: select, check, apply suppressions, grade.

A rule that raises does not stop the audit and is not dropped: it becomes a high-severity
error finding naming the rule and the exception, so a broken rule is visible at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from archwright.audit.context import Context
from archwright.audit.grading import Grade, grade
from archwright.audit.registry import RegisteredRule, all_rules
from archwright.audit.rule import Category, Finding, Rule, report_order
from archwright.cost.traffic import design_load
from archwright.kb.catalog import Catalog, load_catalog
from archwright.model import Architecture, Severity, Suppression
from archwright.model.collector import collector_paused
from archwright.model.unchanged import unchanged


class UnknownSelector(ValueError):
    """--only/--skip named something that is neither a rule code, a name nor a category."""


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    grades: dict[Category, Grade]
    overall: Grade
    rules: tuple[Rule, ...]
    load: str = ""  # the load capacity and cost rules judged against, in words
    # Why that load is a lower bound: the cycles of calls that did not settle at the peak
    # (`cost.traffic.Unsettled`, the line simulate, chaos and cost print).
    warnings: tuple[str, ...] = ()

    @property
    def rules_run(self) -> int:
        return len(self.rules)

    @property
    def active(self) -> list[Finding]:
        """Findings not suppressed (the ones that count for grades and --fail-on)."""
        return [f for f in self.findings if f.suppressed is None]


def select(
    rules: Sequence[RegisteredRule], only: Iterable[str] = (), skip: Iterable[str] = ()
) -> list[RegisteredRule]:
    """Rules matching `only` (all when empty) minus `skip`; each token is a code, a dotted
    name or a category, case-insensitive."""

    def matcher(tokens: Iterable[str]) -> set[str]:
        wanted: set[str] = set()
        for raw in tokens:
            token = raw.strip().lower()
            if not token:
                continue
            hit = {
                r.rule.code
                for r in rules
                if token in (r.rule.code.lower(), r.rule.name.lower(), r.rule.category.value)
            }
            if not hit:
                raise UnknownSelector(f"no rule or category {raw.strip()!r}")
            wanted |= hit
        return wanted

    only_set = matcher(only)
    skip_set = matcher(skip)
    return [
        r
        for r in rules
        if (not only_set or r.rule.code in only_set) and r.rule.code not in skip_set
    ]


def _run_one(reg: RegisteredRule, ctx: Context) -> list[Finding]:
    try:
        return list(reg.check(ctx))
    except Exception as exc:  # a broken rule must be loud, never silent
        crashed = reg.rule.finding(
            (),
            f"rule {reg.rule.code} crashed: {type(exc).__name__}: {exc}",
            fix="Report this as a bug in the rule; its category grade is incomplete.",
            severity=Severity.HIGH,
        )
        return [crashed._replace(error=True)]


def _suppression_for(
    f: Finding, arch: Architecture, owners: dict[str, list[Suppression]]
) -> str | None:
    keys = {f.rule_id.lower(), f.name.lower()}
    for sup in arch.suppressions:
        if sup.rule.lower() in keys and (not sup.targets or set(sup.targets) & set(f.targets)):
            return sup.reason
    for target in f.targets:
        for sup in owners.get(target, []):
            if sup.rule.lower() in keys and (not sup.targets or set(sup.targets) & set(f.targets)):
                return sup.reason
    return None


def audit(
    arch: Architecture,
    *,
    catalog: Catalog | None = None,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> Report:
    """Audit an architecture with every selected rule; deterministic for a given input."""
    rules = select(all_rules(), only, skip)
    # Findings and indexes hold no cycles (model/collector.py); no rule changes the model,
    # so what the cost, traffic and journey code derives from it is derived once.
    with collector_paused(), unchanged(arch):
        return _audit(arch, catalog if catalog is not None else load_catalog(), rules)


def _audit(arch: Architecture, catalog: Catalog, rules: list[RegisteredRule]) -> Report:
    ctx = Context(arch, catalog)
    owners = {c.id: c.suppress for c in arch.components if c.suppress}
    # A connection-level finding is also covered by a suppression on either end.
    for conn in ctx.connections if owners else ():
        sups = owners.get(conn.source, []) + owners.get(conn.target, [])
        if sups:
            owners[conn.id] = sups
    findings: list[Finding] = []
    suppressing = bool(arch.suppressions or owners)
    for reg in rules:
        if not suppressing:  # the common case: tens of thousands of findings, kept as they are
            findings.extend(_run_one(reg, ctx))
            continue
        for f in _run_one(reg, ctx):
            reason = None if f.error else _suppression_for(f, arch, owners)
            findings.append(f.suppress(reason) if reason is not None else f)
    findings = report_order(findings)
    grades, overall = grade(findings)
    recorded = design_load(arch)
    load = f"{recorded.describe('peak')}; cost at {recorded.describe('average')}"
    warnings = tuple(ctx.arrivals.warnings)
    return Report(tuple(findings), grades, overall, tuple(r.rule for r in rules), load, warnings)
