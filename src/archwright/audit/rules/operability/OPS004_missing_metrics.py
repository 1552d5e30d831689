from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS004",
    name="operability.missing_metrics",
    category=Category.OPERABILITY,
    severity=Severity.MEDIUM,
    summary="Service without metrics",
    rationale=(
        "Without request rate, error rate and latency metrics nobody can see an incident "
        "start, size capacity, or prove an SLO is met."
    ),
    fix=(
        "Export RED metrics (rate, errors, duration) and saturation (observability.metrics: "
        "true) to the monitoring system, with alerts on the SLO."
    ),
    refs=(
        "AWS Well-Architected OPS04-BP02",
        "Google SRE book: The four golden signals",
        "SOC 2 CC7.2",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for app in ctx.apps:
        if not app.observability.metrics:
            yield RULE.finding(app, f"{app.label} exports no metrics")
