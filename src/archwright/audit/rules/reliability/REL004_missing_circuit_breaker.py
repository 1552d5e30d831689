from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL004",
    name="reliability.missing_circuit_breaker",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Service-to-service call without a circuit breaker",
    rationale=(
        "When a dependency is failing, callers without a circuit breaker keep sending it "
        "requests (and retries), which keeps it down and ties up the callers' capacity; a "
        "breaker fails fast and gives the dependency room to recover."
    ),
    fix=(
        "Wrap the call in a circuit breaker (resilience4j, Polly, Envoy outlier detection, "
        "a service mesh) with a fallback for when it is open."
    ),
    refs=("AWS Well-Architected REL05-BP01", "Azure Architecture Center: Circuit Breaker pattern"),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.sync_calls:
        if conn.circuit_breaker or not ctx.is_app(conn.source):
            continue
        target = ctx.components[conn.target]
        if ctx.is_app(conn.target) or ctx.external(target):
            yield RULE.finding(
                conn,
                f"{conn.source} -> {conn.target} has no circuit breaker: a failing "
                f"{conn.target} keeps {conn.source}'s capacity busy",
                fix=f"Enable circuit_breaker on {conn.id} with a fallback "
                f"(cached or degraded answer) when {conn.target} is unavailable.",
            )
