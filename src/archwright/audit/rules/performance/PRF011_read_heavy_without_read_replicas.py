from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="PRF011",
    name="performance.read_heavy_without_read_replicas",
    category=Category.PERFORMANCE,
    severity=Severity.LOW,
    summary="Read-heavy SQL database without read replicas",
    rationale=(
        "A single primary serves every read and write; at high read ratios read replicas "
        "take read load off the primary (and double as warm standbys)."
    ),
    fix=(
        "Add read replicas and route read-only queries to them (accepting replication lag "
        "where the product allows it)."
    ),
    refs=("AWS Well-Architected PERF03-BP02",),
)

READ_HEAVY = 10


def check(ctx: Context) -> Iterator[Finding]:
    ratio = ctx.req.scale.read_write_ratio
    if ratio is None or ratio < READ_HEAVY:
        return
    for db in ctx.of_kind(Kind.SQL_DB):
        if not db.read_replicas:
            yield RULE.finding(db, f"{db.label} has no read replicas at {ratio:g} reads per write")
