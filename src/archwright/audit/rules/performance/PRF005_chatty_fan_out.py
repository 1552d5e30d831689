from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="PRF005",
    name="performance.chatty_fan_out",
    category=Category.PERFORMANCE,
    severity=Severity.MEDIUM,
    summary="Chatty fan-out: many synchronous calls per request",
    rationale=(
        "Every request that waits on many downstream calls pays their latency and, worse, "
        "the tail of the slowest; with ten calls a 1-in-100 slow call hits one request in "
        "ten."
    ),
    fix=(
        "Aggregate calls (batch APIs, a backend-for-frontend), parallelise the independent "
        "ones, or precompute the combined view asynchronously."
    ),
    refs=(
        "AWS Well-Architected PERF05-BP03",
        "Google: The Tail at Scale (Dean & Barroso, 2013)",
    ),
)

MAX_CALLS = 6.0


def check(ctx: Context) -> Iterator[Finding]:
    for cid in sorted(ctx.sync_out):
        calls = sum(c.calls * c.share for c in ctx.sync_out[cid])
        if calls > MAX_CALLS:
            msg = f"{cid} makes {calls:g} synchronous calls per request"
            yield RULE.finding(cid, msg)
