from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="OPS001",
    name="operability.shared_database",
    category=Category.OPERABILITY,
    severity=Severity.HIGH,
    summary="Database shared between services",
    rationale=(
        "Services that read and write the same database are coupled through its schema: "
        "one team's migration breaks another's code, a slow query in one service starves "
        "the others, and none can be deployed, scaled or failed over on its own."
    ),
    fix=(
        "Give each service its own database (or schema with its own credentials) and let "
        "the others get the data through the owner's API or its published events."
    ),
    refs=("AWS Well-Architected REL03-BP01", "microservices.io: Database per service"),
)

SHARED_KINDS = (Kind.SQL_DB, Kind.NOSQL_DB, Kind.GRAPH_DB, Kind.TIMESERIES_DB)


def check(ctx: Context) -> Iterator[Finding]:
    for db in ctx.of_kind(*SHARED_KINDS):
        calls = ctx.inc.get(db.id, [])
        if len(calls) < 2:
            continue  # no more users than calls
        users = sorted({c.source for c in calls if ctx.is_app(c.source)})
        if len(users) >= 2:
            yield RULE.finding(
                [db.id, *users],
                f"{db.label} is used directly by {len(users)} services: {', '.join(users)}",
                fix=f"Make one of {', '.join(users)} the owner of {db.label}; "
                "the others call its API or consume its events. " + RULE.fix,
            )
