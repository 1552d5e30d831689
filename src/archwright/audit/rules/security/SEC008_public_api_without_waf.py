from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="SEC008",
    name="security.public_api_without_waf",
    category=Category.SECURITY,
    severity=Severity.MEDIUM,
    summary="Public API or site without a web application firewall",
    rationale=(
        "Internet-facing HTTP endpoints receive injection attempts, credential stuffing and "
        "bot traffic from day one; a WAF blocks the known patterns before they reach "
        "application code."
    ),
    fix=(
        "Put a WAF (AWS WAF, Cloud Armor, Cloudflare) in front of the public entry point, "
        "with the managed OWASP rule sets enabled."
    ),
    refs=(
        "OWASP A03:2021 Injection",
        "CWE-20",
        "PCI-DSS 6.4.2",
        "AWS Well-Architected SEC06-BP03",
    ),
)

KINDS = (Kind.API_GATEWAY, Kind.SERVICE, Kind.WEB_FRONTEND, Kind.FUNCTION, Kind.LOAD_BALANCER)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.internet_facing:
        if c.kind not in KINDS or c.properties.get("waf"):
            continue
        if not any(ctx.components[u].kind is Kind.WAF for u in ctx.upstream(c.id)):
            yield RULE.finding(c, f"{c.label} faces the internet with no WAF in front")
