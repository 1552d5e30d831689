from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS002",
    name="operability.cyclic_dependencies",
    category=Category.OPERABILITY,
    severity=Severity.HIGH,
    summary="Cyclic dependency between components",
    rationale=(
        "Components that depend on each other in a cycle cannot be deployed, tested or "
        "reasoned about separately: every change risks breaking the loop, and start-up "
        "order has no answer."
    ),
    fix=(
        "Break the cycle by inverting one dependency (events instead of calls, or a shared "
        "lower-level service both depend on)."
    ),
    refs=(
        "AWS Well-Architected REL03-BP02",
        "Acyclic Dependencies Principle (R. C. Martin)",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for cycle in ctx.cycles:
        yield RULE.finding(cycle, f"dependency cycle {' -> '.join([*cycle, cycle[0]])}")
