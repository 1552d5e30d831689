from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Auth, Kind, Severity

RULE = Rule(
    code="SEC002",
    name="security.public_entry_without_authentication",
    category=Category.SECURITY,
    severity=Severity.HIGH,
    summary="Internet-facing API without authentication",
    rationale=(
        "An API the internet can call with no authentication on the way in, and no identity "
        "provider behind it, lets anyone read or change whatever the API exposes (broken "
        "access control is the top OWASP risk)."
    ),
    fix=(
        "Authenticate callers at the edge (auth: jwt, oauth2 or mtls on the incoming "
        "connection, validated by the gateway) or have the API verify tokens from an "
        "identity provider."
    ),
    refs=(
        "OWASP A01:2021 Broken Access Control",
        "OWASP API2:2023 Broken Authentication",
        "CWE-306",
    ),
)

USER_TOKENS = (Auth.JWT, Auth.OAUTH2)
KINDS = (Kind.API_GATEWAY, Kind.SERVICE, Kind.FUNCTION, Kind.REALTIME_GATEWAY)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.internet_facing:
        if c.kind not in KINDS or c.properties.get("anonymous"):
            continue
        authed = any(conn.auth is not Auth.NONE for conn in ctx.inc.get(c.id, []))
        # A gateway that validates user tokens shows it by forwarding them.
        authed = authed or (
            c.kind is Kind.API_GATEWAY
            and any(conn.auth in USER_TOKENS for conn in ctx.out.get(c.id, []))
        )
        idp = any(ctx.components[x.target].kind is Kind.IDENTITY for x in ctx.out.get(c.id, []))
        if not authed and not idp:
            yield RULE.finding(
                c, f"{c.label} is reachable from the internet with no authentication"
            )
