from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Kind, Severity

RULE = Rule(
    code="CMP019",
    name="compliance.phi_to_model_provider",
    category=Category.COMPLIANCE,
    severity=Severity.HIGH,
    summary="PHI sent to an external model or API without a BAA",
    rationale=(
        "Under HIPAA an external service receiving PHI is a business associate: without a "
        "business associate agreement the disclosure itself is a violation. Processing a "
        "payment for health care is exempt (HIPAA section 1179, 42 USC 1320d-8), so a call "
        "to a payment provider is not flagged; sending it clinical detail would be."
    ),
    fix=(
        "Record the BAA on the provider (properties.baa: true), use a HIPAA-eligible "
        "deployment, or strip PHI before the call."
    ),
    refs=(
        "HIPAA 164.502(e)",
        "HIPAA 164.504(e)",
        "42 USC 1320d-8 (payment processing exemption); HHS business associates guidance, "
        "https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/business-associates/index.html",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    phi = {c.id for c in ctx.touching(DataClass.PHI)}
    for conn in ctx.external_calls:
        target = ctx.components[conn.target]
        if target.kind is Kind.PAYMENT:
            continue  # payment processing is exempt (section 1179); see the rationale
        if conn.source in phi and not target.properties.get("baa"):
            yield RULE.finding(conn, f"{conn.source} may send PHI to {target.label} with no BAA")
