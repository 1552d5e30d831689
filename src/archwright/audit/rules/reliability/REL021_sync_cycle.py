from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL021",
    name="reliability.sync_cycle",
    category=Category.RELIABILITY,
    severity=Severity.HIGH,
    summary="Synchronous call cycle",
    rationale=(
        "When A calls B which (directly or not) calls A synchronously, both hold threads "
        "waiting on each other: under load they deadlock or exhaust each other's pools, and "
        "neither can start without the other."
    ),
    fix=(
        "Break the cycle: move one direction to events, or move the shared logic into one service."
    ),
    refs=(
        "AWS Well-Architected REL03-BP02",
        "CWE-833",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for cycle in ctx.sync_cycles:
        yield RULE.finding(cycle, f"synchronous cycle {' -> '.join([*cycle, cycle[0]])}")
