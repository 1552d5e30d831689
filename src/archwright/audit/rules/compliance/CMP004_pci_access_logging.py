from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Severity

RULE = Rule(
    code="CMP004",
    name="compliance.pci_access_logging",
    category=Category.COMPLIANCE,
    severity=Severity.HIGH,
    summary="No audit logging around cardholder data",
    rationale=(
        "PCI-DSS requires every access to cardholder data to be logged and the logs "
        "reviewed; without logs on the components that store and process it, a breach "
        "cannot be detected or scoped."
    ),
    fix=(
        "Turn on logs (observability.logs: true) for every component that stores or "
        "processes card data and ship them to a central, tamper-evident log store."
    ),
    refs=(
        "PCI-DSS 10.2.1",
        "PCI-DSS 10.3.3",
        "SOC 2 CC7.2",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.touching(DataClass.PCI):
        if not c.observability.logs and not ctx.external(c):
            yield RULE.finding(c, f"{c.label} handles cardholder data with no audit logs")
