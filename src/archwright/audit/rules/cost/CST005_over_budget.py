import heapq
from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="CST005",
    name="cost.over_budget",
    category=Category.COST,
    severity=Severity.HIGH,
    summary="Estimated cost above the monthly budget",
    rationale=(
        "The estimate from list prices already exceeds the stated budget before data "
        "transfer, support and growth are added."
    ),
    fix=(
        "Right-size replicas, pick cheaper equivalents, use reserved/committed pricing, or "
        "raise the budget explicitly."
    ),
    refs=(
        "AWS Well-Architected COST01-BP05",
        "AWS Well-Architected COST02-BP05",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    budget = ctx.req.budget.monthly_usd
    if budget is None:
        return
    est = ctx.cost
    if est.monthly_total > budget:
        top = heapq.nsmallest(3, est.components.values(), key=lambda c: (-c.monthly, c.id))
        msg = (
            f"estimated ${est.monthly_total:,.0f}/month on {est.cloud} is above the "
            f"${budget:,.0f} budget"
        )
        yield RULE.finding([c.id for c in top if c.monthly > 0], msg)
