from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="PRF001",
    name="performance.read_heavy_without_cache",
    category=Category.PERFORMANCE,
    severity=Severity.MEDIUM,
    summary="Read-heavy workload with no cache in front of the database",
    rationale=(
        "With many reads per write, most database work repeats answers it has already "
        "given; a cache serves them in well under a millisecond and frees the database for "
        "writes."
    ),
    fix=(
        "Put a cache (Redis, Memcached) in front of hot reads with a TTL and an "
        "invalidation strategy, or add read replicas."
    ),
    refs=(
        "AWS Well-Architected PERF03-BP04",
        "AWS whitepaper: Database Caching Strategies",
    ),
)

READ_HEAVY = 5
DBS = (Kind.SQL_DB, Kind.NOSQL_DB, Kind.GRAPH_DB)


def check(ctx: Context) -> Iterator[Finding]:
    ratio = ctx.req.scale.read_write_ratio
    if ratio is None or ratio < READ_HEAVY:
        return
    unreplicated = {db.id for db in ctx.of_kind(*DBS) if not db.read_replicas}
    caches = {c.id for c in ctx.of_kind(Kind.CACHE)}
    for app in ctx.apps:
        callees = [c.target for c in ctx.sync_out.get(app.id, [])]
        dbs = [c for c in callees if c in unreplicated]
        if dbs and caches.isdisjoint(callees):
            names = ", ".join(dbs)
            msg = f"{app.label} reads {names} directly at {ratio:g} reads per write, no cache"
            yield RULE.finding([app.id, *dbs], msg)
