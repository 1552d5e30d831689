from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Severity

RULE = Rule(
    code="CMP017",
    name="compliance.pci_retention",
    category=Category.COMPLIANCE,
    severity=Severity.MEDIUM,
    summary="Cardholder data kept with no retention limit",
    rationale=(
        "PCI-DSS requires cardholder data storage to be kept to a minimum with a defined "
        "retention and secure deletion; an unlimited store grows the breach impact every "
        "month."
    ),
    fix=("Set retention_days on stores of card data and purge beyond it (or keep only tokens)."),
    refs=("PCI-DSS 3.2.1",),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.holding(DataClass.PCI):
        if ctx.is_store(c.id) and c.retention_days is None:
            yield RULE.finding(c, f"{c.label} keeps cardholder data with no retention limit")
