from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Severity

RULE = Rule(
    code="CMP008",
    name="compliance.hipaa_phi_backups",
    category=Category.COMPLIANCE,
    severity=Severity.HIGH,
    summary="PHI store without backups",
    rationale=(
        "HIPAA's contingency plan requires retrievable exact copies of electronic PHI; a "
        "store without backups cannot meet the data backup plan standard."
    ),
    fix=("Enable backups (with point-in-time recovery for databases) and test restores."),
    refs=(
        "HIPAA 164.308(a)(7)(ii)(A)",
        "HIPAA 164.308(a)(7)(ii)(B)",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.holding(DataClass.PHI):
        if ctx.is_record_store(c) and not ctx.backed_up(c):
            yield RULE.finding(c, f"{c.label} holds PHI with no backups")
