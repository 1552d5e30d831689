from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS006",
    name="operability.missing_tracing",
    category=Category.OPERABILITY,
    severity=Severity.LOW,
    summary="Services calling each other without distributed tracing",
    rationale=(
        "When a request crosses several services, only a trace shows where its time went "
        "and which hop failed; logs per service cannot be joined up reliably without it."
    ),
    fix=(
        "Propagate trace context (W3C traceparent) and export spans with OpenTelemetry "
        "(observability.traces: true)."
    ),
    refs=(
        "AWS Well-Architected OPS04-BP03",
        "OpenTelemetry specification",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    # Apps that call another of our apps or are called by one.
    linked = {c.source for c in ctx.app_calls} | {c.target for c in ctx.app_calls}
    for app in ctx.apps:
        if app.id in linked and not app.observability.traces:
            yield RULE.finding(app, f"{app.label} is part of a multi-service path and not traced")
