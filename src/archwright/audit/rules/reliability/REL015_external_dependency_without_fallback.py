from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="REL015",
    name="reliability.external_dependency_without_fallback",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Synchronous third-party call without a fallback",
    rationale=(
        "Third-party APIs fail and throttle on their own schedule; a synchronous call with "
        "no fallback makes their outage yours."
    ),
    fix=(
        "Give the call a fallback (cached answer, queued retry, degraded feature) or move "
        "it off the request path."
    ),
    refs=(
        "AWS Well-Architected REL05-BP01",
        "AWS Well-Architected REL04-BP02",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.external_calls:
        target = ctx.components[conn.target]
        if conn.is_sync and not conn.fallback:
            if target.kind is Kind.LLM:
                continue  # model fallbacks have their own rule (AI001)
            yield RULE.finding(conn, f"{conn.source} depends on {target.label} with no fallback")
