from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="CMP010",
    name="compliance.gdpr_retention_undefined",
    category=Category.COMPLIANCE,
    severity=Severity.MEDIUM,
    summary="No retention period for personal data",
    rationale=(
        "GDPR's storage-limitation principle requires personal data to be kept no longer "
        "than needed; a store with no stated retention keeps it forever by default."
    ),
    fix=(
        "Set retention_days on every store holding personal data and delete or anonymise "
        "what is older."
    ),
    refs=(
        "GDPR Art. 5(1)(e)",
        "SOC 2 P4.2",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.personal_stores:
        if c.retention_days is None:
            yield RULE.finding(c, f"{c.label} keeps personal data with no retention period")
