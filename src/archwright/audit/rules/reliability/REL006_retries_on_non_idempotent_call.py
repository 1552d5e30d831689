from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL006",
    name="reliability.retries_on_non_idempotent_call",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Retries on a non-idempotent call",
    rationale=(
        "Retrying a call that is not idempotent (a payment, an order) after a timeout can "
        "perform it twice: the first attempt may have succeeded even though its response "
        "was lost."
    ),
    fix=(
        "Make the operation idempotent (idempotency keys stored by the callee) before "
        "enabling retries, or do not retry it."
    ),
    refs=(
        "AWS Well-Architected REL04-BP04",
        "CWE-837",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.connections:
        if conn.retries > 0 and conn.idempotent is False:
            yield RULE.finding(conn, f"{conn.id} retries a non-idempotent call")
