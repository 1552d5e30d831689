from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Kind, Severity

RULE = Rule(
    code="CMP001",
    name="compliance.pci_cardholder_data_not_segmented",
    category=Category.COMPLIANCE,
    severity=Severity.HIGH,
    summary="Cardholder data environment not segmented",
    rationale=(
        "PCI-DSS scope is everything that can reach cardholder data: without a boundary "
        "around the components that store or process card data, every system on the same "
        "network is in scope and must meet every requirement."
    ),
    fix=(
        "Put card-handling components in their own trust zone or network boundary (the CDE) "
        "containing nothing else, and allow only named flows into it."
    ),
    refs=(
        "PCI-DSS 1.2.1",
        "PCI-DSS 1.3.1",
        "PCI-DSS 1.4.1",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    cde = {c.id for c in ctx.holding(DataClass.PCI)}
    if not cde:
        return
    zone_of = ctx.trust_zone_of
    outside = sorted(c for c in cde if c not in zone_of)
    if outside:
        msg = f"cardholder data in {', '.join(outside)} sits in no trust zone"
        yield RULE.finding(outside, msg)
    for zone in sorted({zone_of[c] for c in cde if c in zone_of}):
        members = ctx.graph.boundary_members(zone) & set(ctx.components)
        mixed = sorted(m for m in members - cde if ctx.components[m].kind is not Kind.CLIENT)
        if mixed:
            msg = f"zone {zone} mixes cardholder data with {', '.join(mixed)}"
            yield RULE.finding(sorted(cde & members), msg)
