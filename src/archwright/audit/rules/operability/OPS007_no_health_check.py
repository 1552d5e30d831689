from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="OPS007",
    name="operability.no_health_check",
    category=Category.OPERABILITY,
    severity=Severity.MEDIUM,
    summary="Service without a health check",
    rationale=(
        "Load balancers and orchestrators route to and restart instances by their health "
        "checks; without one a hung instance keeps receiving traffic."
    ),
    fix=(
        "Expose a cheap liveness endpoint and a readiness endpoint that checks critical "
        "dependencies (observability.health_check: /healthz)."
    ),
    refs=(
        "AWS Well-Architected REL11-BP01",
        "Kubernetes docs: liveness and readiness probes",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for app in ctx.apps:
        if app.kind is Kind.FUNCTION or app.observability.health_check:
            continue
        yield RULE.finding(app, f"{app.label} has no health check")
