from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI006",
    name="ai.unbounded_context",
    category=Category.AI,
    severity=Severity.MEDIUM,
    summary="Model context and output not bounded",
    rationale=(
        "Without limits on context and output tokens, long conversations and retrieved "
        "documents grow prompts until they hit the model's limit (errors) or cost many "
        "times the typical request."
    ),
    fix=(
        "Cap input and output tokens per call (properties.max_context_tokens and "
        "max_output_tokens) and trim or summarise conversation history."
    ),
    refs=(
        "OWASP LLM10:2025 Unbounded Consumption",
        "CWE-770",
    ),
)

KEYS = ("max_context_tokens", "max_input_tokens", "max_output_tokens", "max_tokens")


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.calls_into(Kind.LLM):
        target = ctx.components[conn.target]
        source = ctx.components[conn.source]
        bounded = any(
            k in p for p in (conn.properties, source.properties, target.properties) for k in KEYS
        )
        if not bounded:
            yield RULE.finding(conn, f"{conn.id} sends prompts of unbounded size")
