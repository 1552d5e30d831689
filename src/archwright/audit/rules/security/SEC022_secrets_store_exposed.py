from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="SEC022",
    name="security.secrets_store_exposed",
    category=Category.SECURITY,
    severity=Severity.CRITICAL,
    summary="Secrets manager or identity provider admin reachable from the internet",
    rationale=(
        "A secrets store reachable from the internet turns every leaked token into access "
        "to every credential the system holds."
    ),
    fix=(
        "Keep the secrets manager private (VPC endpoint / private service access) and grant "
        "each workload read access to only its own secrets."
    ),
    refs=(
        "OWASP A05:2021 Security Misconfiguration",
        "CWE-522",
        "AWS Well-Architected SEC02-BP03",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    facing = {c.id for c in ctx.internet_facing}
    for c in ctx.of_kind(Kind.SECRETS):
        if c.id in facing:
            yield RULE.finding(c, f"{c.label} is reachable from the internet")
