from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="REL018",
    name="reliability.queue_without_consumer",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Queue or stream nobody consumes",
    rationale=(
        "Messages published to a queue with no consumer pile up until the queue's retention "
        "drops them: the work silently never happens."
    ),
    fix=("Add the consumer (a connection from the worker to the queue) or remove the queue."),
    refs=("AWS Well-Architected REL05-BP04",),
)


def check(ctx: Context) -> Iterator[Finding]:
    for q in ctx.of_kind(Kind.QUEUE, Kind.STREAM):
        producers = ctx.inc.get(q.id, [])
        if producers and not ctx.out.get(q.id) and q.id not in ctx.dead_letter_ids:
            yield RULE.finding(q, f"{q.label} has a producer but no consumer")
