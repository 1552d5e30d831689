from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="PRF004",
    name="performance.hot_partition",
    category=Category.PERFORMANCE,
    severity=Severity.HIGH,
    summary="Load per shard above what one node sustains",
    rationale=(
        "Sharding spreads load only as evenly as its keys: when the load on one shard "
        "exceeds one node's throughput, that shard saturates while the others idle."
    ),
    fix=(
        "Add shards (and a high-cardinality partition key), add read replicas for read "
        "load, or cache the hottest keys."
    ),
    refs=(
        "AWS Well-Architected PERF03-BP02",
        "DynamoDB docs: Designing partition keys to distribute workload",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.stores:
        load = ctx.load.get(c.id, 0.0)
        tech = ctx.tech.get(c.id)
        if not load or tech is None:
            continue
        per_shard = load / c.shards / max(1, 1 + c.read_replicas)
        node = ctx.capacity(c.id).per_replica_rps
        if per_shard > node:
            msg = (
                f"{c.label} takes {per_shard:,.0f} req/s per shard; one {tech.name} node "
                f"sustains about {node:,.0f}"
            )
            yield RULE.finding(c, msg)
