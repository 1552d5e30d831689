from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="SEC020",
    name="security.no_identity_provider",
    category=Category.SECURITY,
    severity=Severity.MEDIUM,
    summary="Personal data served to users with no identity provider",
    rationale=(
        "A system that serves personal data to its users needs an identity provider (or an "
        "explicit authentication component) to know who each user is; hand-rolled user "
        "tables and password hashing are a frequent source of breaches."
    ),
    fix=(
        "Add an identity component (Cognito, Auth0, Keycloak, corporate SSO) and have the "
        "entry points validate its tokens."
    ),
    refs=(
        "OWASP A07:2021 Identification and Authentication Failures",
        "CWE-287",
        "SOC 2 CC6.1",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.of_kind(Kind.IDENTITY) or not ctx.personal_stores or not ctx.of_kind(Kind.CLIENT):
        return
    yield RULE.finding(
        [c.id for c in ctx.personal_stores],
        "personal data is served to clients and no identity provider is modelled",
    )
