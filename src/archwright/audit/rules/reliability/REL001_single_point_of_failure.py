from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL001",
    name="reliability.single_point_of_failure",
    category=Category.RELIABILITY,
    severity=Severity.HIGH,
    summary="Single point of failure on a critical journey",
    rationale=(
        "A component with one instance on a journey every user depends on takes the whole "
        "journey down when it fails, is redeployed or its host is patched."
    ),
    fix=(
        "Run at least two replicas (or autoscaling with min_replicas >= 2) across "
        "availability zones, behind a load balancer or with automatic failover."
    ),
    refs=(
        "AWS Well-Architected REL10-BP01",
        "AWS Well-Architected REL11-BP01",
        "SOC 2 A1.2",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for cid in sorted(ctx.critical_steps):
        c = ctx.components[cid]
        if ctx.provider_redundant(cid):
            continue
        floor = c.autoscaling.min_replicas if c.autoscaling else 0
        if max(c.replicas, floor) < 2:
            yield RULE.finding(c, f"{c.label} runs one instance on a critical journey")
