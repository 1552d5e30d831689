from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL016",
    name="reliability.timeout_inversion",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Downstream timeout longer than the caller's",
    rationale=(
        "When a callee's own calls may wait longer than its caller is willing to wait, the "
        "caller gives up first and the work continues for nothing, holding resources and "
        "often being retried on top."
    ),
    fix=(
        "Make timeouts shrink along the chain: each hop's timeout below its caller's (minus "
        "its own work)."
    ),
    refs=(
        "AWS Builders' Library: Timeouts, retries and backoff with jitter",
        "AWS Well-Architected REL05-BP05",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for first in ctx.connections:
        if first.timeout_ms is None or not first.is_sync:
            continue
        for second in ctx.out.get(first.target, []):
            late = second.timeout_ms is not None and second.timeout_ms >= first.timeout_ms
            if second.is_sync and late:
                msg = (
                    f"{second.id} waits {second.timeout_ms:g} ms but its caller "
                    f"{first.id} gives up after {first.timeout_ms:g} ms"
                )
                yield RULE.finding([first, second], msg)
