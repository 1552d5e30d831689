from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL010",
    name="reliability.backups_miss_rpo",
    category=Category.RELIABILITY,
    severity=Severity.HIGH,
    summary="Backups cannot meet the recovery point objective",
    rationale=(
        "The RPO is the most data the business accepts to lose; backups taken less often "
        "than that (without point-in-time recovery) lose more on a restore."
    ),
    fix=(
        "Enable point-in-time recovery (continuous log shipping) or take backups at least "
        "as often as the RPO."
    ),
    refs=(
        "AWS Well-Architected REL09-BP01",
        "AWS Well-Architected REL13-BP01",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    rpo = ctx.req.slo.rpo_minutes
    if rpo is None:
        return
    for c in ctx.stores:
        b = c.backups
        if b is None or not b.enabled or b.point_in_time:
            continue
        if b.interval_minutes is None or b.interval_minutes > rpo:
            every = (
                f"every {b.interval_minutes:g} min"
                if b.interval_minutes is not None
                else "at an unknown interval"
            )
            yield RULE.finding(c, f"{c.label} is backed up {every}; the RPO is {rpo:g} min")
