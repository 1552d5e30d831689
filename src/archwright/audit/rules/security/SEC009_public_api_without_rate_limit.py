from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="SEC009",
    name="security.public_api_without_rate_limit",
    category=Category.SECURITY,
    severity=Severity.MEDIUM,
    summary="Public API without rate limiting",
    rationale=(
        "Without a rate limit one client (a bug, a scraper, an attacker) can exhaust the "
        "capacity everyone shares and run up the bill; brute-force attacks on login also go "
        "unthrottled."
    ),
    fix=(
        "Set rate_limit_rps on the gateway or the API (per client key or IP), returning 429 "
        "above it."
    ),
    refs=(
        "OWASP API4:2023 Unrestricted Resource Consumption",
        "CWE-770",
        "AWS Well-Architected REL05-BP02",
    ),
)

KINDS = (Kind.API_GATEWAY, Kind.SERVICE, Kind.FUNCTION, Kind.REALTIME_GATEWAY)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.internet_facing:
        if c.kind not in KINDS or c.rate_limit_rps:
            continue
        limited = [u for u in ctx.upstream(c.id) if ctx.components[u].rate_limit_rps]
        if not limited:
            yield RULE.finding(c, f"{c.label} faces the internet with no rate limit on the way in")
