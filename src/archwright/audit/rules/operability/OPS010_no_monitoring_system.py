from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="OPS010",
    name="operability.no_monitoring_system",
    category=Category.OPERABILITY,
    severity=Severity.MEDIUM,
    summary="No monitoring, logging or tracing system in the design",
    rationale=(
        "Metrics and logs need somewhere to go, dashboards and alerts somewhere to run; a "
        "design without any observability component leaves production unobserved."
    ),
    fix=(
        "Add monitoring (Prometheus/CloudWatch/Datadog), central logging and tracing "
        "components and connect the services to them."
    ),
    refs=(
        "AWS Well-Architected OPS08-BP01",
        "OWASP A09:2021 Security Logging and Monitoring Failures",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    if len(ctx.apps) < 2 or ctx.of_kind(Kind.MONITORING, Kind.LOGGING, Kind.TRACING):
        return
    yield RULE.finding(
        [a.id for a in ctx.apps], f"{len(ctx.apps)} services and nothing observes them"
    )
