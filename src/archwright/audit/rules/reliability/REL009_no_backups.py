from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="REL009",
    name="reliability.no_backups",
    category=Category.RELIABILITY,
    severity=Severity.HIGH,
    summary="System of record without backups",
    rationale=(
        "Replicas copy deletions and corruption as faithfully as writes; only backups bring "
        "back data lost to a bad migration, a bug or ransomware."
    ),
    fix=(
        "Enable backups (with point-in-time recovery for databases), keep them for at least "
        "a week, and test restores."
    ),
    refs=(
        "AWS Well-Architected REL09-BP01",
        "AWS Well-Architected REL09-BP04",
        "SOC 2 A1.2",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.stores:
        if ctx.is_record_store(c) and c.kind is not Kind.OBJECT_STORE and not ctx.backed_up(c):
            yield RULE.finding(c, f"{c.label} has no backups")
