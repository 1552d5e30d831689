from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="REL019",
    name="reliability.stateful_without_replica",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Database with one node and no failover",
    rationale=(
        "A single-node database is down for the whole of every failure, restart and "
        "maintenance window, and its disk is the only copy of recent writes."
    ),
    fix=(
        "Run a standby replica with automatic failover (Multi-AZ, HA configuration) or a "
        "replicated managed service."
    ),
    refs=(
        "AWS Well-Architected REL10-BP01",
        "AWS Well-Architected REL09-BP03",
    ),
)

DBS = (
    Kind.SQL_DB,
    Kind.NOSQL_DB,
    Kind.GRAPH_DB,
    Kind.TIMESERIES_DB,
    Kind.SEARCH_INDEX,
    Kind.VECTOR_DB,
    Kind.STREAM,
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.of_kind(*DBS):
        # a regional service (DynamoDB, Kinesis) has no node of ours to replicate
        if c.replicas < 2 and c.id not in ctx.critical_steps and not ctx.provider_redundant(c.id):
            yield RULE.finding(c, f"{c.label} has a single node and no failover")
