from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS015",
    name="operability.high_fan_in",
    category=Category.OPERABILITY,
    severity=Severity.MEDIUM,
    summary="Component called by very many others",
    rationale=(
        "A component everything calls is a bottleneck for change (every caller must agree "
        "on its API) and for failure (its outage is everyone's)."
    ),
    fix=(
        "Split it by consumer needs, put a cache or replicas in front of it, and version "
        "its API so callers can move independently."
    ),
    refs=("AWS Well-Architected REL03-BP01",),
)

MAX_CALLERS = 10


def check(ctx: Context) -> Iterator[Finding]:
    # Apps with more calls in than the limit (no more callers than calls), in id order.
    crowded = [cid for cid, calls in ctx.inc.items() if len(calls) > MAX_CALLERS]
    for cid in sorted(crowded):
        if not ctx.is_app(cid):
            continue
        callers = {c.source for c in ctx.inc[cid]}
        if len(callers) > MAX_CALLERS:
            yield RULE.finding(cid, f"{cid} is called by {len(callers)} components")
