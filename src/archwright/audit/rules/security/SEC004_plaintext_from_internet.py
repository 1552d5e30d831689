from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="SEC004",
    name="security.plaintext_from_internet",
    category=Category.SECURITY,
    severity=Severity.HIGH,
    summary="Internet traffic accepted without TLS",
    rationale=(
        "Plain HTTP from the internet lets anyone on the path read session cookies and "
        "tokens or inject content into responses."
    ),
    fix=(
        "Serve only HTTPS at the edge (redirect HTTP to HTTPS, HSTS) and set tls: true on "
        "connections from clients."
    ),
    refs=(
        "OWASP A02:2021 Cryptographic Failures",
        "CWE-319",
        "AWS Well-Architected SEC09-BP02",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.client_calls:
        if not conn.tls:
            yield RULE.finding(
                conn, f"{conn.source} reaches {conn.target} over {conn.protocol.value} without TLS"
            )
