from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Severity

RULE = Rule(
    code="CMP007",
    name="compliance.hipaa_audit_controls",
    category=Category.COMPLIANCE,
    severity=Severity.HIGH,
    summary="No audit logging on systems handling PHI",
    rationale=(
        "HIPAA requires mechanisms that record and examine activity in systems containing "
        "PHI; without logs there is no way to show who read which record."
    ),
    fix=(
        "Enable logs on every component that stores or processes PHI and keep them (with "
        "access records) for six years."
    ),
    refs=(
        "HIPAA 164.312(b)",
        "HIPAA 164.316(b)(2)",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.touching(DataClass.PHI):
        if not c.observability.logs and not ctx.external(c):
            yield RULE.finding(c, f"{c.label} handles PHI with no audit logs")
