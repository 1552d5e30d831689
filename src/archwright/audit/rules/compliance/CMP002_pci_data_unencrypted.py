from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Severity

RULE = Rule(
    code="CMP002",
    name="compliance.pci_data_unencrypted",
    category=Category.COMPLIANCE,
    severity=Severity.CRITICAL,
    summary="Stored cardholder data not encrypted",
    rationale=(
        "PCI-DSS requires stored primary account numbers to be unreadable (strong "
        "cryptography with key management); plain storage fails the assessment outright and "
        "turns any breach into a card-brand incident."
    ),
    fix=(
        "Encrypt the store at rest and tokenise card numbers (keep PANs only at the payment "
        "provider where possible)."
    ),
    refs=(
        "PCI-DSS 3.5.1",
        "PCI-DSS 3.6.1",
        "CWE-311",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.holding(DataClass.PCI):
        if ctx.is_store(c.id) and not c.encryption_at_rest:
            yield RULE.finding(c, f"{c.label} stores cardholder data unencrypted")
