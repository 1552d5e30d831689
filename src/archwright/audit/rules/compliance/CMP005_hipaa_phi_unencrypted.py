from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Kind, Severity

RULE = Rule(
    code="CMP005",
    name="compliance.hipaa_phi_unencrypted",
    category=Category.COMPLIANCE,
    severity=Severity.HIGH,
    summary="PHI stored without encryption",
    rationale=(
        "HIPAA's security rule makes encryption at rest an addressable safeguard: "
        "unencrypted PHI that leaks is a reportable breach, while encrypted PHI falls under "
        "the safe harbour."
    ),
    fix=("Encrypt every store, cache and backup holding PHI, with keys managed in a KMS."),
    refs=(
        "HIPAA 164.312(a)(2)(iv)",
        "HIPAA 164.402 (safe harbour)",
        "CWE-311",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.holding(DataClass.PHI):
        if (ctx.is_store(c.id) or c.kind is Kind.CACHE) and not c.encryption_at_rest:
            yield RULE.finding(c, f"{c.label} stores PHI unencrypted")
