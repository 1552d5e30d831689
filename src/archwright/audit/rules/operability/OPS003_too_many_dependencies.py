from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="OPS003",
    name="operability.too_many_dependencies",
    category=Category.OPERABILITY,
    severity=Severity.MEDIUM,
    summary="Service with too many direct dependencies",
    rationale=(
        "A service that calls many others is coupled to all their releases and failures, is "
        "hard to test in isolation, and often does several jobs that belong to different "
        "services."
    ),
    fix=(
        "Split the service by responsibility, or put an aggregation layer or events between "
        "it and the services it orchestrates."
    ),
    refs=(
        "AWS Well-Architected REL03-BP01",
        "Building Microservices (S. Newman): coupling",
    ),
)

MAX_DEPENDENCIES = 7


def check(ctx: Context) -> Iterator[Finding]:
    for app in ctx.apps:
        calls = ctx.out.get(app.id, [])
        if len(calls) <= MAX_DEPENDENCIES:
            continue  # no more components than calls
        deps = {c.target for c in calls}
        if len(deps) > MAX_DEPENDENCIES:
            msg = f"{app.label} depends directly on {len(deps)} components"
            yield RULE.finding(app, msg)
