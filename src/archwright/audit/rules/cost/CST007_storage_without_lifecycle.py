from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="CST007",
    name="cost.storage_without_lifecycle",
    category=Category.COST,
    severity=Severity.LOW,
    summary="Large object storage without a retention or lifecycle rule",
    rationale=(
        "Object storage grows forever by default; old objects in the standard class cost as "
        "much as new ones."
    ),
    fix=(
        "Set retention_days or a lifecycle rule (properties.lifecycle) moving old objects "
        "to infrequent-access or archive classes."
    ),
    refs=(
        "AWS Well-Architected COST04-BP05",
        "AWS Well-Architected SUS04-BP03",
    ),
)

LARGE_GB = 1000.0


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.of_kind(Kind.OBJECT_STORE, Kind.DATA_LAKE):
        big = (c.storage_gb or 0) >= LARGE_GB
        if big and c.retention_days is None and not c.properties.get("lifecycle"):
            yield RULE.finding(c, f"{c.label} holds {c.storage_gb:,.0f} GB with no lifecycle")
