from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Auth, Kind, Severity

RULE = Rule(
    code="SEC007",
    name="security.secrets_without_manager",
    category=Category.SECURITY,
    severity=Severity.MEDIUM,
    summary="Credentials used with no secrets manager",
    rationale=(
        "Passwords and API keys for databases and third parties that are not kept in a "
        "secrets manager end up in environment files, images and repositories, and are "
        "never rotated."
    ),
    fix=(
        "Add a secrets component (Vault, AWS Secrets Manager, GCP Secret Manager) and have "
        "services fetch credentials from it at start-up, or use IAM auth instead of static "
        "secrets."
    ),
    refs=(
        "OWASP A07:2021 Identification and Authentication Failures",
        "CWE-798",
        "AWS Well-Architected SEC02-BP03",
    ),
)

STATIC = (Auth.PASSWORD, Auth.API_KEY, Auth.BASIC)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.of_kind(Kind.SECRETS):
        return
    users = [conn for conn in ctx.connections if conn.auth in STATIC and ctx.is_app(conn.source)]
    if users:
        yield RULE.finding(
            users, f"{len(users)} calls use static credentials and no secrets manager is modelled"
        )
