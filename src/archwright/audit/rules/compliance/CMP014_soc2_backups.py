from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Compliance, Severity

RULE = Rule(
    code="CMP014",
    name="compliance.soc2_backups",
    category=Category.COMPLIANCE,
    severity=Severity.MEDIUM,
    summary="SOC 2 availability: datastore without backups",
    rationale=(
        "SOC 2's availability criteria require backups and recovery that are tested; a "
        "system-of-record without backups fails the control."
    ),
    fix=(
        "Enable backups with a retention period on every system of record and test restores "
        "regularly."
    ),
    refs=(
        "SOC 2 A1.2",
        "SOC 2 A1.3",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.requires(Compliance.SOC2):
        return
    for c in ctx.stores:
        if ctx.is_record_store(c) and not ctx.backed_up(c):
            yield RULE.finding(c, f"{c.label} has no backups and SOC 2 is in scope")
