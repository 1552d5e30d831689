from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="CMP012",
    name="compliance.personal_data_to_processor",
    category=Category.COMPLIANCE,
    severity=Severity.MEDIUM,
    summary="Personal data sent to a third party without a processing agreement",
    rationale=(
        "Sending personal data to an external provider makes it a processor: a data "
        "processing agreement (and, outside the EEA, a transfer mechanism) is required "
        "before the first byte leaves."
    ),
    fix=(
        "Record the agreement on the external component (properties.dpa: true) or stop "
        "sending personal data to it (pseudonymise first)."
    ),
    refs=(
        "GDPR Art. 28",
        "GDPR Art. 44",
        "SOC 2 CC9.2",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.external_calls:
        source = ctx.components[conn.source]
        target = ctx.components[conn.target]
        if ctx.holds_personal(source) and not target.properties.get("dpa"):
            msg = f"{source.label} sends personal data to {target.label} with no DPA recorded"
            yield RULE.finding(conn, msg)
