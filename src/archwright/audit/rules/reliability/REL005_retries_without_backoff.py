from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Backoff, Severity

RULE = Rule(
    code="REL005",
    name="reliability.retries_without_backoff",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Retries without backoff",
    rationale=(
        "Immediate retries multiply load on a dependency exactly when it is struggling (a "
        "retry storm), turning a brief slowdown into an outage."
    ),
    fix=("Use exponential backoff with jitter (backoff: exponential) and cap the retry budget."),
    refs=(
        "AWS Well-Architected REL05-BP03",
        "AWS Builders' Library: Timeouts, retries and backoff with jitter",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.connections:
        if conn.retries > 0 and conn.backoff is Backoff.NONE:
            yield RULE.finding(conn, f"{conn.id} retries {conn.retries}x with no backoff")
