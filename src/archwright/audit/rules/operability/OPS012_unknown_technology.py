from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS012",
    name="operability.unknown_technology",
    category=Category.OPERABILITY,
    severity=Severity.LOW,
    summary="Technology not in the catalog",
    rationale=(
        "A technology the catalog does not know gets generic capacity and no price: "
        "simulations and cost estimates for it are guesses."
    ),
    fix=(
        "Use the catalog name (or an alias) of the technology, or add it to the catalog "
        "with its capacity and prices."
    ),
    refs=("AWS Well-Architected PERF01-BP01",),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.arch.components:
        if c.technology and ctx.catalog.find(c.technology) is None:
            yield RULE.finding(
                c, f"{c.label} uses {c.technology!r}, which the catalog does not know"
            )
