from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Severity

RULE = Rule(
    code="CMP003",
    name="compliance.pci_transmission_without_tls",
    category=Category.COMPLIANCE,
    severity=Severity.CRITICAL,
    summary="Cardholder data transmitted without strong cryptography",
    rationale=(
        "PCI-DSS requires strong cryptography whenever cardholder data crosses a network; a "
        "single clear-text hop puts every card number on it at risk."
    ),
    fix=("Enable TLS 1.2+ on every connection to or from components handling card data."),
    refs=(
        "PCI-DSS 4.2.1",
        "CWE-319",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    pci = {c.id for c in ctx.holding(DataClass.PCI)}
    for conn in ctx.connections:
        if not conn.tls and (conn.source in pci or conn.target in pci):
            yield RULE.finding(conn, f"{conn.id} touches cardholder data without TLS")
