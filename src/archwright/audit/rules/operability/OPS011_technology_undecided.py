from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="OPS011",
    name="operability.technology_undecided",
    category=Category.OPERABILITY,
    severity=Severity.LOW,
    summary="Datastore without a chosen technology",
    rationale=(
        "Capacity, cost, consistency and operations all depend on the technology; a "
        "datastore left generic defers the most expensive decision of the design."
    ),
    fix=(
        "Choose a technology from the catalog (technology: ...) and record the decision "
        "with alternatives."
    ),
    refs=("AWS Well-Architected PERF01-BP01",),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.stores + ctx.of_kind(Kind.CACHE):
        if not c.technology:
            yield RULE.finding(c, f"{c.label} ({c.kind.value}) has no technology chosen")
