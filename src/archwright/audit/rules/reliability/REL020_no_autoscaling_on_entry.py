from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="REL020",
    name="reliability.no_autoscaling_on_entry",
    category=Category.RELIABILITY,
    severity=Severity.LOW,
    summary="Entry service with a fixed replica count",
    rationale=(
        "Traffic at the front of the system varies by hour and by event; a fixed count is "
        "either too small at peak (errors) or too big the rest of the time (cost)."
    ),
    fix=(
        "Configure autoscaling (min_replicas >= 2, max_replicas sized for the peak, a "
        "target utilisation)."
    ),
    refs=(
        "AWS Well-Architected REL07-BP01",
        "AWS Well-Architected PERF02-BP03",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    first_hops = {c.id for c in ctx.internet_facing}
    for entry in ctx.internet_facing:
        first_hops |= {c.target for c in ctx.out.get(entry.id, [])}
    for cid in sorted(first_hops):
        c = ctx.components[cid]
        if ctx.is_app(cid) and c.kind is not Kind.FUNCTION and c.autoscaling is None:
            yield RULE.finding(
                c, f"{c.label} takes front-line traffic with a fixed {c.replicas} replicas"
            )
