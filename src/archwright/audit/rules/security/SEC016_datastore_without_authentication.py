from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Auth, Kind, Protocol, Severity

RULE = Rule(
    code="SEC016",
    name="security.datastore_without_authentication",
    category=Category.SECURITY,
    severity=Severity.HIGH,
    summary="Datastore accessed without authentication",
    rationale=(
        "A database, cache or broker that accepts unauthenticated connections trusts every "
        "process that can reach it over the network; one compromised container reads or "
        "wipes everything."
    ),
    fix=(
        "Require authentication on the datastore (password from a secrets manager, IAM "
        "auth, or mTLS) and set auth on the connection."
    ),
    refs=(
        "OWASP A07:2021 Identification and Authentication Failures",
        "CWE-306",
        "PCI-DSS 8.2.1",
        "SOC 2 CC6.1",
    ),
)


# Cloud storage and messaging APIs sign every request with the caller's IAM identity.
SIGNED = (Protocol.S3, Protocol.SQS, Protocol.SNS, Protocol.PUBSUB)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.connections:
        if conn.auth is not Auth.NONE or conn.protocol in SIGNED:
            continue
        store = ctx.is_store(conn.target) or ctx.components[conn.target].kind is Kind.CACHE
        from_client = ctx.components[conn.source].kind is Kind.CLIENT
        if store and not from_client:
            msg = f"{conn.source} connects to {conn.target} without authentication"
            yield RULE.finding(conn, msg)
