from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="CST006",
    name="cost.unused_read_replicas",
    category=Category.COST,
    severity=Severity.LOW,
    summary="Read replicas without a read-heavy workload",
    rationale=(
        "Read replicas cost as much as the primary; with about as many writes as reads they "
        "carry little load."
    ),
    fix=(
        "Remove read replicas until reads clearly dominate, or use them only for reporting "
        "queries that would otherwise hurt the primary."
    ),
    refs=("AWS Well-Architected COST06-BP01",),
)


def check(ctx: Context) -> Iterator[Finding]:
    ratio = ctx.req.scale.read_write_ratio
    if ratio is None or ratio > 1:
        return
    for c in ctx.stores:
        if c.read_replicas:
            msg = f"{c.label} has {c.read_replicas} read replicas at {ratio:g} reads per write"
            yield RULE.finding(c, msg)
