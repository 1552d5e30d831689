import math
from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="CST001",
    name="cost.over_provisioned",
    category=Category.COST,
    severity=Severity.MEDIUM,
    summary="Capacity far above the stated peak load",
    rationale=(
        "Replicas that the stated peak never needs are paid for every hour; at under a "
        "fifth of capacity at peak, most of the fleet is idle all the time."
    ),
    fix=(
        "Reduce replicas to what the peak needs at about 60-70% utilisation (keep two for "
        "redundancy), or autoscale from a smaller minimum."
    ),
    refs=(
        "AWS Well-Architected COST06-BP01",
        "AWS Well-Architected COST09-BP01",
    ),
)

MAX_HEADROOM = 5.0
MIN_REPLICAS_TO_FLAG = 3


def check(ctx: Context) -> Iterator[Finding]:
    for cid, load in ctx.load_by_id:
        c = ctx.components[cid]
        if not load or c.replicas < MIN_REPLICAS_TO_FLAG or c.kind is Kind.CLIENT:
            continue
        capacity = ctx.capacity_at_load[cid]
        if not math.isfinite(capacity):
            continue  # unbounded: the provider scales it, replicas are not ours to trim
        if capacity > MAX_HEADROOM * load:
            per = capacity / c.replicas
            need = max(2, int(load / (per * 0.7)) + 1)
            msg = (
                f"{c.label} has {c.replicas} replicas for {capacity:,.0f} req/s; "
                f"the peak sends {load:,.0f} req/s ({need} would do)"
            )
            yield RULE.finding(
                c, msg, fix=f"Run {need} replicas of {c.id} or autoscale from {need}."
            )
