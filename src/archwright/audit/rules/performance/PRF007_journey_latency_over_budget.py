from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.kb.capacity import journey_step_ms
from archwright.model import Kind, Severity

RULE = Rule(
    code="PRF007",
    name="performance.journey_latency_over_budget",
    category=Category.PERFORMANCE,
    severity=Severity.HIGH,
    summary="Journey latency above its P99 target",
    rationale=(
        "Each synchronous hop adds its own time and the network's; when the sum of the "
        "typical times along a journey is already above the P99 target, the tail will be "
        "far above it. A journey measured to the first token (a streaming UI) counts "
        "a model's time to first token, not the whole answer."
    ),
    fix=(
        "Remove or parallelise hops, cache the slow step, or move work off the request "
        "path; otherwise revise the target."
    ),
    refs=(
        "AWS Well-Architected PERF01-BP01",
        "Google SRE workbook: Implementing SLOs",
    ),
)

HOP_MS = 1.0  # network round trip inside one region


def check(ctx: Context) -> Iterator[Finding]:
    for journey in ctx.journeys:
        target = journey.p99_target_ms or ctx.req.slo.p99_latency_ms
        if target is None:
            continue
        steps = [s for s in journey.steps if s in ctx.components]
        measured = journey.measured_to(ctx.req.slo)
        own = sum(
            journey_step_ms(ctx.capacity(s), measured)
            for s in steps
            if ctx.components[s].kind is not Kind.CLIENT
        )
        total = own + HOP_MS * max(0, len(steps) - 1)
        if total > target:
            msg = (
                f"journey {journey.name!r} needs about {total:,.0f} ms before any queueing; "
                f"P99 target {target:g} ms"
            )
            yield RULE.finding(steps, msg)
