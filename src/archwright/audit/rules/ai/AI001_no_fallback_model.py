from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI001",
    name="ai.no_fallback_model",
    category=Category.AI,
    severity=Severity.HIGH,
    summary="LLM call without a fallback model",
    rationale=(
        "Hosted models have outages, rate limits and capacity errors several times a month; "
        "a feature that calls one model with no fallback is down whenever that provider is."
    ),
    fix=(
        "Configure a fallback (another provider's model, a smaller self-hosted one, or a "
        "cached/degraded answer) on the call (fallback: ...), ideally behind a circuit "
        "breaker."
    ),
    refs=(
        "AWS Well-Architected Generative AI Lens GENREL03",
        "OWASP LLM10:2025 Unbounded Consumption",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.calls_into(Kind.LLM):
        target = ctx.components[conn.target]
        if conn.fallback:
            continue
        if conn.share < 1.0 and target.id in ctx.fallback_targets:
            continue  # this call is itself the fallback path
        yield RULE.finding(conn, f"{conn.source} calls {target.label} with no fallback model")
