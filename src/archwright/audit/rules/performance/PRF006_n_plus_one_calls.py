from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="PRF006",
    name="performance.n_plus_one_calls",
    category=Category.PERFORMANCE,
    severity=Severity.MEDIUM,
    summary="N+1 calls: one call per item",
    rationale=(
        "A connection made many times per request (one per item of a list) turns one "
        "request into dozens of round trips, each paying network latency."
    ),
    fix=(
        "Fetch in one batched call (WHERE id IN (...), a batch endpoint, DataLoader) or "
        "join on the server."
    ),
    refs=(
        "AWS Well-Architected PERF05-BP03",
        "CWE-1073",
    ),
)

MAX_CALLS_PER_REQUEST = 10.0


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.sync_calls:
        if conn.calls >= MAX_CALLS_PER_REQUEST:
            msg = f"{conn.source} calls {conn.target} {conn.calls:g} times per request"
            yield RULE.finding(conn, msg)
