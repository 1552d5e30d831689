from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="CMP011",
    name="compliance.gdpr_erasure_coverage",
    category=Category.COMPLIANCE,
    severity=Severity.MEDIUM,
    summary="Right to erasure cannot reach every copy of personal data",
    rationale=(
        "An erasure request must remove a person's data from every store that holds it, "
        "including search indexes, caches, warehouses and logs; a copy that no service of "
        "ours writes to is usually forgotten."
    ),
    fix=(
        "For each store holding personal data, name the service that deletes from it (a "
        "connection from that service) or document the erasure path in properties.erasure."
    ),
    refs=(
        "GDPR Art. 17",
        "GDPR Art. 5(1)(e)",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.personal_stores + ctx.of_kind(Kind.CACHE):
        if not ctx.holds_personal(c) or c.properties.get("erasure"):
            continue
        if not any(ctx.is_app(conn.source) for conn in ctx.inc.get(c.id, [])):
            msg = f"{c.label} holds personal data that no service of ours deletes from"
            yield RULE.finding(c, msg)
