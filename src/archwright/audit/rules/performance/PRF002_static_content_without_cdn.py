from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="PRF002",
    name="performance.static_content_without_cdn",
    category=Category.PERFORMANCE,
    severity=Severity.MEDIUM,
    summary="Web front end served without a CDN",
    rationale=(
        "Static assets served from the origin travel the full distance to every user and "
        "use origin capacity for bytes that never change; a CDN serves them from the edge."
    ),
    fix=(
        "Put a CDN (CloudFront, Cloud CDN, Cloudflare) in front of the web front end and "
        "static assets, with long cache lifetimes for fingerprinted files."
    ),
    refs=(
        "AWS Well-Architected PERF04-BP03",
        "AWS Well-Architected COST08-BP03",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.of_kind(Kind.CDN):
        return
    for c in ctx.internet_facing:
        if c.kind is Kind.WEB_FRONTEND:
            yield RULE.finding(c, f"{c.label} serves the internet with no CDN in front")
