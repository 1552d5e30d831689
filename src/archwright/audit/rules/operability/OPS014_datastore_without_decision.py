from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS014",
    name="operability.datastore_without_decision",
    category=Category.OPERABILITY,
    severity=Severity.INFO,
    summary="Datastore choice without a decision record",
    rationale=(
        "Datastore choices are the hardest to reverse; without a record of the context and "
        "the alternatives, nobody can tell later whether the reasons still hold."
    ),
    fix=(
        "Add a decision (decisions: [...]) targeting the datastore with the drivers, "
        "alternatives and what would make you revisit it."
    ),
    refs=(
        "AWS Well-Architected OPS01-BP06",
        "MADR: Markdown Any Decision Records",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    decided = {t for d in ctx.arch.decisions for t in d.targets}
    for c in ctx.stores:
        if c.technology and c.id not in decided:
            yield RULE.finding(c, f"{c.label} uses {c.technology} with no decision record")
