from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL011",
    name="reliability.single_zone_vs_slo",
    category=Category.RELIABILITY,
    severity=Severity.HIGH,
    summary="Critical component in one availability zone with a high availability SLO",
    rationale=(
        "A zone outage takes down everything in it; above about 99.9% availability a "
        "single-zone deployment cannot meet the SLO over a year."
    ),
    fix=(
        "Spread replicas across at least two zones (zones: [...]) and make stateful "
        "components fail over between zones."
    ),
    refs=(
        "AWS Well-Architected REL10-BP01",
        "AWS Well-Architected REL11-BP03",
    ),
)

ZONE_SLO = 99.9


def check(ctx: Context) -> Iterator[Finding]:
    slo = ctx.req.slo.availability
    if slo is None or slo < ZONE_SLO:
        return
    for cid in sorted(ctx.critical_steps):
        c = ctx.components[cid]
        if not ctx.provider_redundant(cid) and len(ctx.zones_of[cid]) < 2:
            yield RULE.finding(c, f"{c.label} is in fewer than two zones; the SLO is {slo:g}%")
