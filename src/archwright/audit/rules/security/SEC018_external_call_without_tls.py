from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="SEC018",
    name="security.external_call_without_tls",
    category=Category.SECURITY,
    severity=Severity.HIGH,
    summary="Call to a third party without TLS",
    rationale=(
        "Calls to external APIs cross the public internet: without TLS the payload and the "
        "API key travel in clear text."
    ),
    fix=(
        "Use HTTPS (tls: true) for every call to a third party, with certificate verification on."
    ),
    refs=(
        "OWASP A02:2021 Cryptographic Failures",
        "CWE-319",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.external_calls:
        if not conn.tls:
            yield RULE.finding(conn, f"{conn.source} calls third party {conn.target} without TLS")
