from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="CMP016",
    name="compliance.unclassified_data_under_compliance",
    category=Category.COMPLIANCE,
    severity=Severity.MEDIUM,
    summary="Compliance in scope but no data is classified",
    rationale=(
        "Compliance controls apply to the components that hold regulated data; when no "
        "component declares its data classes, none of those controls can be checked and "
        "scope is guesswork."
    ),
    fix=("Set data_classes (pii, phi, pci, internal, public) on every datastore."),
    refs=(
        "GDPR Art. 30",
        "PCI-DSS 12.5.2",
        "SOC 2 C1.1",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.req.compliance or not ctx.stores:
        return
    if not any(c.data_classes for c in ctx.arch.components):
        regimes = ", ".join(r.value for r in ctx.req.compliance)
        yield RULE.finding([c.id for c in ctx.stores], f"{regimes} in scope, no data classified")
