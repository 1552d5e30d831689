from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="REL012",
    name="reliability.cache_only_data",
    category=Category.RELIABILITY,
    severity=Severity.HIGH,
    summary="Data written only to a cache",
    rationale=(
        "Caches evict under memory pressure and lose everything on restart or failover; "
        "data written to a cache and to no durable store is eventually lost."
    ),
    fix=(
        "Write the data to a durable store first (or enable persistence and replication on "
        "the cache and treat it as a database)."
    ),
    refs=(
        "AWS Well-Architected REL09-BP01",
        "CWE-1188",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for cache in ctx.of_kind(Kind.CACHE):
        if cache.properties.get("persistence"):
            continue
        for conn in ctx.inc.get(cache.id, []):
            durable = [c for c in ctx.out.get(conn.source, []) if ctx.is_store(c.target)]
            if ctx.is_app(conn.source) and not durable:
                msg = f"{conn.source} keeps its data only in {cache.label}"
                yield RULE.finding([cache.id, conn.source], msg)
