from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS016",
    name="operability.ops_burden_vs_team",
    category=Category.OPERABILITY,
    severity=Severity.MEDIUM,
    summary="Self-hosted, high-burden technology for a small team",
    rationale=(
        "Running a self-hosted database or broker (upgrades, failover, backups, tuning, "
        "on-call) takes a meaningful share of a small team's time that a managed service "
        "would free."
    ),
    fix=(
        "Prefer the managed equivalent on your cloud (see the catalog's equivalents) unless "
        "cost or control clearly justify self-hosting."
    ),
    refs=(
        "AWS Well-Architected OPS01-BP04",
        "AWS Well-Architected OPS11-BP01",
    ),
)

SMALL_TEAM = 5


def check(ctx: Context) -> Iterator[Finding]:
    size = ctx.req.team.size
    if size is None or size > SMALL_TEAM:
        return
    for c in ctx.arch.components:
        tech = ctx.tech.get(c.id)
        if tech is None or not c.technology or tech.hosting.value != "self_hosted":
            continue
        if tech.ops_burden.value in ("medium", "high") and ctx.is_store(c.id):
            managed = ", ".join(
                sorted(v for k, v in tech.equivalents.items() if k != "self_hosted")
            )
            msg = f"{c.label} runs self-hosted {tech.name} with a team of {size}"
            fix = f"Consider a managed equivalent ({managed})." if managed else RULE.fix
            yield RULE.finding(c, msg, fix=fix)
