from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL017",
    name="reliability.single_region_vs_slo",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Very high availability SLO in a single region",
    rationale=(
        "Regional outages happen every year or two at each provider; above 99.99% the SLO "
        "leaves about 50 minutes a year, less than a typical regional incident."
    ),
    fix=("Plan a second region (active-passive with replicated data at least) or relax the SLO."),
    refs=(
        "AWS Well-Architected REL10-BP01",
        "AWS whitepaper: Disaster recovery of workloads on AWS",
    ),
)

REGION_SLO = 99.99


def check(ctx: Context) -> Iterator[Finding]:
    slo = ctx.req.slo.availability
    if slo is None or slo < REGION_SLO:
        return
    regions = {c.region for c in ctx.arch.components if c.region}
    regions |= set(ctx.req.constraints.regions)
    if len(regions) < 2:
        where = next(iter(regions), "one region")
        msg = f"SLO {slo:g}% with everything in {where}"
        yield RULE.finding([c.id for c in ctx.stores] or [c.id for c in ctx.apps], msg)
