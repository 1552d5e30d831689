import math
from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="PRF008",
    name="performance.saturated_at_peak",
    category=Category.PERFORMANCE,
    severity=Severity.HIGH,
    summary="Component saturated at the stated peak load",
    rationale=(
        "Queueing delay grows without bound as utilisation approaches 100%: a component "
        "whose capacity is below the stated peak cannot serve it at any latency."
    ),
    fix=(
        "Add replicas (or concurrency) until utilisation at peak is below about 70%, or cut "
        "the load reaching it (cache, batching)."
    ),
    refs=(
        "AWS Well-Architected PERF02-BP01",
        "AWS Well-Architected REL07-BP01",
    ),
)

MAX_UTILISATION = 0.85
SKIP = (Kind.CLIENT, Kind.CDN, Kind.DNS, Kind.EXTERNAL_API, Kind.PAYMENT, Kind.NOTIFICATION)


def check(ctx: Context) -> Iterator[Finding]:
    for cid, load in ctx.load_by_id:
        c = ctx.components[cid]
        if not load or c.kind in SKIP:
            continue
        capacity = ctx.capacity_at_load[cid]
        if capacity <= 0 or not math.isfinite(capacity):
            continue
        util = load / capacity
        if util > MAX_UTILISATION:
            msg = f"{c.label} at {util:.0%} of its {capacity:,.0f} req/s capacity at peak"
            yield RULE.finding(c, msg)
