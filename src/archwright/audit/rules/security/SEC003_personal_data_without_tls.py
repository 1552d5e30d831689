from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="SEC003",
    name="security.personal_data_without_tls",
    category=Category.SECURITY,
    severity=Severity.HIGH,
    summary="Personal data sent without TLS",
    rationale=(
        "A connection without TLS to or from a component holding personal data exposes that "
        "data (and the credentials of the call) to anyone on the network path, including "
        "other tenants of a shared network."
    ),
    fix=(
        "Turn on TLS for the connection (tls: true; for databases require SSL on the server "
        "and verify the certificate in the client)."
    ),
    refs=(
        "OWASP A02:2021 Cryptographic Failures",
        "CWE-319",
        "GDPR Art. 32",
        "PCI-DSS 4.2.1",
        "HIPAA 164.312(e)(1)",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.connections:
        if not conn.tls and ctx.carries_personal(conn):
            yield RULE.finding(
                conn,
                f"{conn.id} ({conn.protocol.value}) carries personal data without TLS",
                fix=f"Set tls: true on {conn.id} and require TLS on {conn.target}.",
            )
