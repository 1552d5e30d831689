from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="OPS008",
    name="operability.distributed_monolith",
    category=Category.OPERABILITY,
    severity=Severity.HIGH,
    summary="Distributed monolith: services coupled by synchronous calls and a shared database",
    rationale=(
        "Services that call each other synchronously and share one database must be "
        "released, scaled and failed together: they have the costs of distribution "
        "(network, partial failure) without its benefit (independence)."
    ),
    fix=(
        "Give each service its own data and talk across boundaries with events; or merge "
        "the services back into one well-modularised deployable."
    ),
    refs=(
        "AWS Well-Architected REL03-BP01",
        "microservices.io: Distributed monolith anti-pattern",
    ),
)

MIN_SERVICES = 3


def check(ctx: Context) -> Iterator[Finding]:
    for db in ctx.of_kind(Kind.SQL_DB, Kind.NOSQL_DB):
        calls_in = ctx.inc.get(db.id, [])
        if len(calls_in) < MIN_SERVICES:
            continue  # no more users than calls
        users = {c.source for c in calls_in if ctx.is_app(c.source)}
        if len(users) < MIN_SERVICES:
            continue
        calls = [c for c in ctx.sync_calls if c.source in users and c.target in users]
        linked = {c.source for c in calls} | {c.target for c in calls}
        if len(linked) >= MIN_SERVICES:
            names = ", ".join(sorted(linked))
            msg = f"{names} call each other synchronously and share {db.label}"
            yield RULE.finding([db.id, *linked], msg)
