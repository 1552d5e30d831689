from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="CST004",
    name="cost.always_on_for_bursty_load",
    category=Category.COST,
    severity=Severity.MEDIUM,
    summary="Fixed capacity for bursty load",
    rationale=(
        "When the peak is several times the average, a fleet sized for the peak sits mostly "
        "idle; autoscaling or serverless pays for the average instead."
    ),
    fix=(
        "Autoscale the services (min for the average, max for the peak) or move spiky work "
        "to functions or queues drained by workers."
    ),
    refs=(
        "AWS Well-Architected COST09-BP03",
        "AWS Well-Architected COST06-BP03",
    ),
)

BURSTY = 3.0


def check(ctx: Context) -> Iterator[Finding]:
    peak, avg = ctx.req.scale.peak_rps, ctx.req.scale.avg_rps
    if not peak or not avg or peak < BURSTY * avg:
        return
    fixed = [c for c in ctx.apps if c.replicas >= 2 and c.autoscaling is None]
    fixed = [c for c in fixed if c.kind is not Kind.FUNCTION]
    if fixed:
        msg = f"peak is {peak / avg:.1f}x the average and {len(fixed)} services have fixed replicas"
        yield RULE.finding(fixed, msg)
