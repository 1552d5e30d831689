from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.cost.estimate import HOURS_PER_MONTH
from archwright.cost.traffic import design_load
from archwright.model import Kind, Severity

RULE = Rule(
    code="CST003",
    name="cost.egress_heavy",
    category=Category.COST,
    severity=Severity.MEDIUM,
    summary="Large data transfer out of the region or to the internet",
    rationale=(
        "Data leaving a cloud region is billed per GB (around $0.02 between regions and "
        "$0.05-0.09 to the internet); a large payload at a steady rate becomes one of the "
        "biggest lines of the bill."
    ),
    fix=(
        "Serve heavy content through a CDN, compress payloads, keep chatty traffic within a "
        "region, or move the consumer next to the data."
    ),
    refs=(
        "AWS Well-Architected COST08-BP02",
        "AWS Well-Architected COST08-BP03",
    ),
)

EGRESS_GB_MONTH = 10_000.0  # about $900/month at internet egress prices
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600


def _crosses(ctx: Context, source: str, target: str) -> bool:
    a, b = ctx.components[source], ctx.components[target]
    if b.kind is Kind.CLIENT or ctx.external(b):
        return True
    return bool(a.region and b.region and a.region != b.region)


def _average_share(ctx: Context) -> float:
    """Egress is billed on the month's average, not the peak the load is stated at."""
    load = design_load(ctx.arch)
    return load.avg_rps / load.peak_rps if load.peak_rps and load.avg_rps else 0.0


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.connections:
        if not conn.payload_kb or not _crosses(ctx, conn.source, conn.target):
            continue
        rate = ctx.connection_load.get(conn.id, 0.0) * _average_share(ctx)
        gb = rate * conn.payload_kb * SECONDS_PER_MONTH / 1e6
        if gb > EGRESS_GB_MONTH:
            yield RULE.finding(conn, f"{conn.id} moves about {gb:,.0f} GB/month out of the region")
