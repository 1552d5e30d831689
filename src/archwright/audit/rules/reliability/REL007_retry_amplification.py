from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL007",
    name="reliability.retry_amplification",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Retries at several layers of one call chain",
    rationale=(
        "When two or more consecutive hops each retry, attempts multiply (3 retries at "
        "three layers is 64 calls to the last service per user request), which overwhelms a "
        "dependency that is already failing."
    ),
    fix=(
        "Retry at one layer only (usually the outermost or the one closest to the failure) "
        "and let the others fail fast."
    ),
    refs=(
        "AWS Well-Architected REL05-BP03",
        "Google SRE book: Addressing cascading failures",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for first in ctx.sync_calls:
        if first.retries == 0:
            continue
        for second in ctx.sync_out.get(first.target, []):
            if second.retries > 0:
                factor = (first.retries + 1) * (second.retries + 1)
                msg = (
                    f"{first.id} and {second.id} both retry: up to {factor} calls "
                    f"reach {second.target} per request"
                )
                yield RULE.finding([first, second], msg)
