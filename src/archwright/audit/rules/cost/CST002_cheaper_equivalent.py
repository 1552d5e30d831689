from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="CST002",
    name="cost.cheaper_equivalent",
    category=Category.COST,
    severity=Severity.LOW,
    summary="A cheaper technology of the same kind is in the catalog",
    rationale=(
        "The catalog prices an alternative of the same kind for clearly less (at least 20% "
        "below) for the same number of nodes; unless the current choice is needed for a "
        "reason, the difference is spent every month."
    ),
    fix=(
        "Consider the suggested technology (check its trade-offs: hosting, ops burden, "
        "lock-in, consistency) or record why the current one is needed in a decision."
    ),
    refs=(
        "AWS Well-Architected COST05-BP01",
        "AWS Well-Architected COST05-BP03",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    decided = {t for d in ctx.arch.decisions for t in d.targets}
    for alt in ctx.cost.alternatives:
        if alt.component in decided:
            continue  # a decision record already argues for the current choice
        msg = (
            f"{alt.component} uses {alt.current} (${alt.current_monthly:,.0f}/month); "
            f"{alt.suggestion} would cost ${alt.suggested_monthly:,.0f} ({alt.tradeoff})"
        )
        fix = (
            f"Consider {alt.suggestion} for {alt.component}, or record why {alt.current} is needed."
        )
        yield RULE.finding(alt.component, msg, fix=fix)
