from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="REL008",
    name="reliability.no_dead_letter_queue",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Queue or stream without a dead-letter queue",
    rationale=(
        "A message that always fails is retried forever (blocking its partition) or dropped "
        "silently; a dead-letter queue keeps it for inspection and replay."
    ),
    fix=("Configure a dead-letter queue (dead_letter: <queue id>) with an alarm on its depth."),
    refs=(
        "AWS Well-Architected REL05-BP04",
        "Enterprise Integration Patterns: Dead Letter Channel",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    dlqs = ctx.dead_letter_ids
    for c in ctx.of_kind(Kind.QUEUE, Kind.STREAM):
        if c.dead_letter or c.id in dlqs or c.properties.get("dead_letter_queue"):
            continue
        yield RULE.finding(c, f"{c.label} has no dead-letter queue")
