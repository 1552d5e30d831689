from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="PRF013",
    name="performance.database_connection_pressure",
    category=Category.PERFORMANCE,
    severity=Severity.MEDIUM,
    summary="More potential connections than the database accepts",
    rationale=(
        "Each replica of each caller keeps a pool of connections; when the sum exceeds the "
        "database's connection limit, new instances fail to start or requests queue for a "
        "connection during scale-out."
    ),
    fix=(
        "Put a connection pooler (PgBouncer, RDS Proxy) in front of the database or cap "
        "pool sizes per replica."
    ),
    refs=(
        "AWS Well-Architected PERF03-BP05",
        "PostgreSQL docs: max_connections",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for db in ctx.of_kind(Kind.SQL_DB):
        tech = ctx.tech.get(db.id)
        limit = tech.capacity.max_connections if tech else None
        if not limit or db.properties.get("pooler"):
            continue
        callers = [c.source for c in ctx.inc.get(db.id, []) if ctx.is_app(c.source)]
        wanted = sum(p.concurrency * p.replicas for p in map(ctx.capacity, callers))
        if wanted > limit * max(1, db.replicas):
            msg = f"{db.label} may get {wanted:,} connections; it accepts about {limit:,}"
            yield RULE.finding([db.id, *callers], msg)
