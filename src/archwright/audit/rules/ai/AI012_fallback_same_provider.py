from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="AI012",
    name="ai.fallback_same_provider",
    category=Category.AI,
    severity=Severity.MEDIUM,
    summary="Fallback model on the same provider and region",
    rationale=(
        "A provider's outages, quota exhaustion and regional incidents take all of its "
        "models in that region down together: a fallback there fails with the primary."
    ),
    fix=(
        "Fall back to another provider (or the same model family hosted elsewhere, e.g. "
        "Claude on Bedrock for Claude on Anthropic's API), or at least another region."
    ),
    refs=(
        "AWS Well-Architected Generative AI Lens GENREL03",
        "https://status.openai.com/",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.connections:
        backup = conn.fallback
        if backup not in ctx.components:
            continue
        main, spare = ctx.tech.get(conn.target), ctx.tech.get(backup)
        if main is None or spare is None or main.tokens is None or spare.tokens is None:
            continue
        same_region = ctx.components[conn.target].region == ctx.components[backup].region
        if main.tokens.provider == spare.tokens.provider and same_region:
            yield RULE.finding(
                conn,
                f"{backup} falls back from {conn.target} on the same provider "
                f"({main.tokens.provider}) and region",
            )
