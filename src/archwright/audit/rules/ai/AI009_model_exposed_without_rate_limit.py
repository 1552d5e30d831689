from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI009",
    name="ai.model_exposed_without_rate_limit",
    category=Category.AI,
    severity=Severity.HIGH,
    summary="Model reachable from users with no rate limit on the way",
    rationale=(
        "Every request that reaches a hosted model costs money; without a rate limit "
        "between users and the model one script can spend the month's budget in hours "
        "(denial of wallet)."
    ),
    fix=(
        "Rate-limit per user at the gateway (rate_limit_rps) in front of model calls, with "
        "quotas per API key or tenant."
    ),
    refs=(
        "OWASP LLM10:2025 Unbounded Consumption",
        "OWASP API4:2023 Unrestricted Resource Consumption",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    entries = set(ctx.entry_points)
    for llm in ctx.of_kind(Kind.LLM):
        chain = ctx.upstream(llm.id)
        if not chain & entries or llm.rate_limit_rps:
            continue
        if not any(ctx.components[c].rate_limit_rps for c in chain):
            yield RULE.finding(llm, f"users reach {llm.label} with no rate limit on the way")
