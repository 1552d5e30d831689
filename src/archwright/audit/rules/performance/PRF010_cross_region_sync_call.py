from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="PRF010",
    name="performance.cross_region_sync_call",
    category=Category.PERFORMANCE,
    severity=Severity.MEDIUM,
    summary="Synchronous call across regions",
    rationale=(
        "A round trip between regions costs tens to hundreds of milliseconds and crosses "
        "the least reliable links; on a request path it dominates latency and couples the "
        "regions' availability."
    ),
    fix=(
        "Keep synchronous paths within a region (replicate the data locally) and cross "
        "regions asynchronously."
    ),
    refs=(
        "AWS Well-Architected PERF04-BP01",
        "AWS Well-Architected REL10-BP01",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    # A call crosses regions only between two regions the model names: most name one or
    # none, and one walk of the components says so without a lookup per connection.
    if len({c.region for c in ctx.arch.components if c.region}) < 2:
        return
    for conn in ctx.connections:
        a = ctx.components[conn.source].region
        b = ctx.components[conn.target].region
        if conn.is_sync and a and b and a != b:
            yield RULE.finding(conn, f"{conn.id} crosses regions {a} -> {b} synchronously")
