from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="OPS013",
    name="operability.orphan_component",
    category=Category.OPERABILITY,
    severity=Severity.LOW,
    summary="Component with no connections",
    rationale=(
        "A component nothing calls and that calls nothing is either dead weight (cost, "
        "attack surface) or a missing connection that makes every analysis of the model "
        "wrong."
    ),
    fix=("Connect it to its callers and callees, or remove it."),
    refs=("AWS Well-Architected COST02-BP06",),
)

STANDALONE = (Kind.MONITORING, Kind.LOGGING, Kind.TRACING, Kind.SECRETS, Kind.DNS)


def check(ctx: Context) -> Iterator[Finding]:
    if len(ctx.components) < 2:
        return
    dlqs = ctx.dead_letter_ids
    for c in ctx.arch.components:
        if ctx.out.get(c.id) or ctx.inc.get(c.id):
            continue
        if c.kind not in STANDALONE and c.id not in dlqs:
            yield RULE.finding(c, f"{c.label} has no connections")
