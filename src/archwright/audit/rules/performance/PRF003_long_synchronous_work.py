from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="PRF003",
    name="performance.long_synchronous_work",
    category=Category.PERFORMANCE,
    severity=Severity.MEDIUM,
    summary="Long work done synchronously on the request path",
    rationale=(
        "A call that takes a second or more holds the caller's thread and the user's "
        "connection for all of it; under load those slots run out and fast requests queue "
        "behind slow ones."
    ),
    fix=(
        "Accept the request, enqueue the work for a worker, and return a job id (202 "
        "Accepted) the client polls or is notified about."
    ),
    refs=(
        "AWS Well-Architected PERF05-BP02",
        "Azure Architecture Center: Asynchronous Request-Reply pattern",
    ),
)

SLOW_MS = 1000.0


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.app_calls:
        if not conn.is_sync:
            continue
        took = ctx.capacity(conn.target).service_time_ms
        if took >= SLOW_MS:
            target = ctx.components[conn.target]
            msg = f"{conn.source} waits for {target.label} ({took:g} ms per request) synchronously"
            yield RULE.finding(conn, msg)
