from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS009",
    name="operability.no_owner",
    category=Category.OPERABILITY,
    severity=Severity.LOW,
    summary="Service without an owner",
    rationale=(
        "A service nobody owns gets no upgrades, no on-call and no decisions; incidents on "
        "it wait while people find out who can act."
    ),
    fix=("Set owner to the team responsible (and page them for its alerts)."),
    refs=(
        "AWS Well-Architected OPS02-BP01",
        "SOC 2 CC1.3",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    if not any(c.owner for c in ctx.arch.components):
        return  # ownership not modelled at all: one missing-team finding would be noise
    for app in ctx.apps + ctx.stores:
        if not app.owner:
            yield RULE.finding(app, f"{app.label} has no owner")
