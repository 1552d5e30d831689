from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS005",
    name="operability.missing_logs",
    category=Category.OPERABILITY,
    severity=Severity.MEDIUM,
    summary="Service without logs",
    rationale=(
        "Without structured logs shipped off the host, the evidence for what a failing "
        "request did disappears with the instance that served it."
    ),
    fix=(
        "Write structured logs (JSON, with request ids) and ship them to central logging "
        "(observability.logs: true)."
    ),
    refs=(
        "AWS Well-Architected OPS04-BP01",
        "OWASP A09:2021 Security Logging and Monitoring Failures",
        "CWE-778",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for app in ctx.apps:
        if not app.observability.logs:
            yield RULE.finding(app, f"{app.label} ships no logs")
