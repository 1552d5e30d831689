from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Compliance, Kind, Severity

RULE = Rule(
    code="CMP013",
    name="compliance.soc2_no_monitoring",
    category=Category.COMPLIANCE,
    severity=Severity.MEDIUM,
    summary="SOC 2 in scope but no monitoring or central logging",
    rationale=(
        "SOC 2's monitoring criteria require detecting anomalies and security events; "
        "without a monitoring or logging component the control cannot operate."
    ),
    fix=(
        "Add monitoring and central logging components and connect the services to them "
        "(metrics, logs, alerts on security events)."
    ),
    refs=(
        "SOC 2 CC7.2",
        "SOC 2 CC7.3",
        "AWS Well-Architected OPS08-BP01",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.requires(Compliance.SOC2) or not ctx.apps:
        return
    if not ctx.of_kind(Kind.MONITORING, Kind.LOGGING):
        yield RULE.finding(
            [c.id for c in ctx.apps], "SOC 2 is required and nothing monitors the services"
        )
