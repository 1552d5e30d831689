from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="SEC006",
    name="security.store_unencrypted_at_rest",
    category=Category.SECURITY,
    severity=Severity.LOW,
    summary="Datastore without encryption at rest",
    rationale=(
        "Encryption at rest is free or nearly so on every managed store and protects "
        "against lost disks, leaked snapshots and over-broad backup access; data classified "
        "later as sensitive is then already covered."
    ),
    fix=("Enable encryption at rest (encryption_at_rest: true) with a managed key."),
    refs=(
        "CWE-311",
        "AWS Well-Architected SEC08-BP02",
        "SOC 2 CC6.1",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.stores:
        if not c.encryption_at_rest and not ctx.holds_personal(c):
            yield RULE.finding(c, f"{c.label} is not encrypted at rest")
