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
    for first in ctx.sync_calls:
        limit = first.timeout_ms
        if limit is None:
            continue
        for second in ctx.sync_out.get(first.target, []):
            waits = second.timeout_ms
            if waits is not None and waits >= limit:
                msg = (
                    f"{second.id} waits {waits:g} ms but its caller "
                    f"{first.id} gives up after {limit:g} ms"
                )
                yield RULE.finding([first, second], msg)
