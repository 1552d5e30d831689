from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Auth, Severity

RULE = Rule(
    code="SEC019",
    name="security.static_key_in_client",
    category=Category.SECURITY,
    severity=Severity.MEDIUM,
    summary="Client authenticates with a static API key",
    rationale=(
        "An API key shipped in a browser bundle or mobile app is public: anyone can extract "
        "it and call the API as the application, with no per-user identity or revocation."
    ),
    fix=(
        "Authenticate users (OAuth2/OIDC, short-lived JWTs); keep API keys for "
        "server-to-server calls only."
    ),
    refs=(
        "OWASP API2:2023 Broken Authentication",
        "CWE-798",
        "CWE-321",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.client_calls:
        if conn.auth is Auth.API_KEY:
            yield RULE.finding(
                conn, f"client {conn.source} calls {conn.target} with a static API key"
            )
