from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.kb.capacity import context_overflow_share
from archwright.model import Severity

RULE = Rule(
    code="AI010",
    name="ai.no_context_window_headroom",
    category=Category.AI,
    severity=Severity.MEDIUM,
    summary="Prompt tail overflows the model's context window",
    rationale=(
        "Prompts are a distribution: retrieval, chat history and attachments give a long "
        "tail. A prompt that leaves no room for the answer is truncated (losing the "
        "instructions or the evidence) or refused outright, and it happens to exactly the "
        "hardest requests."
    ),
    fix=(
        "Cap the prompt (fewer or shorter retrieved passages, summarised history) so its "
        "p99 plus the p99 answer fits, or use a model with a larger context window."
    ),
    refs=(
        "OWASP LLM10:2025 Unbounded Consumption",
        "https://platform.openai.com/docs/guides/text-generation (context window)",
    ),
)

# A thousandth of requests failing on size is already a visible error rate.
MAX_OVERFLOW = 0.001


def check(ctx: Context) -> Iterator[Finding]:
    for cid, prof in ctx.profiles.items():
        if prof.tokens is None:
            continue
        share = context_overflow_share(prof.tokens)
        if share >= MAX_OVERFLOW:
            window = prof.tokens.context_window
            yield RULE.finding(
                ctx.components[cid],
                f"{ctx.components[cid].label}: {share:.2%} of prompts leave no room for a "
                f"p99 answer in its {window:,.0f}-token context window",
            )
