from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Compliance, Severity

RULE = Rule(
    code="CMP015",
    name="compliance.personal_data_access_logging",
    category=Category.COMPLIANCE,
    severity=Severity.MEDIUM,
    summary="No access logging on stores of personal data",
    rationale=(
        "GDPR accountability and SOC 2 logical-access criteria both need a record of who "
        "accessed personal data; without access logs on the store a breach cannot be scoped "
        "or reported within 72 hours."
    ),
    fix=(
        "Enable logs (observability.logs: true, database audit logging) on every store "
        "holding personal data."
    ),
    refs=(
        "GDPR Art. 30",
        "GDPR Art. 33",
        "SOC 2 CC6.1",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    if not (ctx.requires(Compliance.GDPR) or ctx.requires(Compliance.SOC2)):
        return
    for c in ctx.personal_stores:
        if not c.observability.logs:
            yield RULE.finding(c, f"{c.label} holds personal data with no access logging")
