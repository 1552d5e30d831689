from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Severity

RULE = Rule(
    code="CMP006",
    name="compliance.hipaa_phi_transmission",
    category=Category.COMPLIANCE,
    severity=Severity.HIGH,
    summary="PHI transmitted without TLS",
    rationale=(
        "HIPAA requires transmission security for electronic PHI; a clear-text hop exposes "
        "health data to anyone on the network path."
    ),
    fix=("Enable TLS on every connection to or from components holding PHI."),
    refs=(
        "HIPAA 164.312(e)(1)",
        "HIPAA 164.312(e)(2)(ii)",
        "CWE-319",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    phi = {c.id for c in ctx.holding(DataClass.PHI)}
    for conn in ctx.connections:
        if not conn.tls and (conn.source in phi or conn.target in phi):
            yield RULE.finding(conn, f"{conn.id} carries PHI without TLS")
