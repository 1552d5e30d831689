from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI002",
    name="ai.no_token_budget",
    category=Category.AI,
    severity=Severity.MEDIUM,
    summary="No token or cost budget on LLM usage",
    rationale=(
        "LLM spend scales with tokens, which users and bugs (loops, long contexts) control; "
        "without a budget or quota the first sign of runaway usage is the invoice."
    ),
    fix=(
        "Set a token or spend budget on the gateway or caller "
        "(properties.monthly_token_budget or monthly_cost_budget_usd) with per-user quotas "
        "and alerts."
    ),
    refs=(
        "OWASP LLM10:2025 Unbounded Consumption",
        "AWS Well-Architected Generative AI Lens GENCOST03",
    ),
)

KEYS = ("monthly_token_budget", "token_budget", "monthly_cost_budget_usd", "max_tokens_per_user")


def check(ctx: Context) -> Iterator[Finding]:
    for llm in ctx.of_kind(Kind.LLM):
        chain = {llm.id} | ctx.upstream(llm.id)
        # A standby model is reached through the call it backs up.
        for conn in ctx.connections:
            if conn.fallback == llm.id:
                chain |= {conn.source} | ctx.upstream(conn.source)
        if not any(k in ctx.components[c].properties for c in chain for k in KEYS):
            yield RULE.finding(llm, f"nothing on the way to {llm.label} enforces a token budget")
