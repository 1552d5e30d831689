from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Auth, Severity

RULE = Rule(
    code="SEC015",
    name="security.weak_service_authentication",
    category=Category.SECURITY,
    severity=Severity.MEDIUM,
    summary="Service called with basic or password authentication",
    rationale=(
        "Basic auth and shared passwords between services are long-lived secrets that are "
        "copied into configuration, rarely rotated and give no per-caller identity for "
        "audit."
    ),
    fix=(
        "Use workload identity: mTLS between services (service mesh) or short-lived tokens "
        "(IAM, OAuth2 client credentials)."
    ),
    refs=(
        "OWASP A07:2021 Identification and Authentication Failures",
        "CWE-522",
        "AWS Well-Architected SEC02-BP02",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.connections:
        if conn.auth is Auth.BASIC or (conn.auth is Auth.PASSWORD and ctx.is_app(conn.target)):
            yield RULE.finding(conn, f"{conn.id} authenticates with {conn.auth.value}")
