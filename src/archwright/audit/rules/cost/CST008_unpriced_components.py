from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="CST008",
    name="cost.unpriced_components",
    category=Category.COST,
    severity=Severity.INFO,
    summary="Components the cost estimate could not price",
    rationale=(
        "A component without a catalog price is counted as zero in the estimate, so the "
        "total understates the bill."
    ),
    fix=(
        "Set technology to a catalog name (see `archwright rules` and the catalog) or add "
        "the technology and its prices to the catalog."
    ),
    refs=("AWS Well-Architected COST02-BP02",),
)


def check(ctx: Context) -> Iterator[Finding]:
    est = ctx.cost
    missing = [
        c.id
        for c in est.components.values()
        if not c.priced and ctx.components[c.id].kind is not Kind.CLIENT
    ]
    if missing:
        msg = f"{len(missing)} components are not priced on {est.cloud}: {', '.join(missing[:10])}"
        yield RULE.finding(missing, msg)
