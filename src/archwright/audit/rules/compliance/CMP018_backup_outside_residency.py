from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="CMP018",
    name="compliance.backup_outside_residency",
    category=Category.COMPLIANCE,
    severity=Severity.MEDIUM,
    summary="Cross-region backups of personal data under a residency constraint",
    rationale=(
        "Backups copied to another region are a transfer of personal data like any other; "
        "with a residency constraint the backup region must be allowed too."
    ),
    fix=(
        "Keep cross-region backups inside the allowed jurisdiction (e.g. eu-west-1 to "
        "eu-central-1) and state the backup region in properties.backup_region."
    ),
    refs=(
        "GDPR Art. 44",
        "GDPR Art. 32(1)(c)",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    residency = ctx.req.constraints.data_residency
    if not residency:
        return
    for c in ctx.personal_stores:
        if c.backups and c.backups.cross_region and not c.properties.get("backup_region"):
            msg = f"{c.label} copies personal data to another region; residency {residency}"
            yield RULE.finding(c, msg)
