from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI005",
    name="ai.no_semantic_cache",
    category=Category.AI,
    severity=Severity.LOW,
    summary="Repeated LLM queries with no cache",
    rationale=(
        "Many assistant and search workloads see the same or near-identical questions again "
        "and again; each uncached repeat costs a full model call in money and seconds."
    ),
    fix=(
        "Add an exact-match or semantic cache (embedding similarity over recent answers) in "
        "front of the model, with a TTL tied to the source data."
    ),
    refs=(
        "AWS Well-Architected Generative AI Lens GENCOST02",
        "OWASP LLM10:2025 Unbounded Consumption",
    ),
)

# Requests/s at the model, at the stated peak, below which repeats are too few for a
# cache to pay for itself. Without a stated peak every load is 0: the rule stays quiet
# rather than guess.
MIN_RPS = 5.0


def check(ctx: Context) -> Iterator[Finding]:
    for llm in ctx.of_kind(Kind.LLM):
        if ctx.load.get(llm.id, 0.0) < MIN_RPS:
            continue
        chain = set(ctx.upstream(llm.id))
        # A standby model is reached through the call it backs up.
        for conn in ctx.connections:
            if conn.fallback == llm.id:
                chain |= {conn.source} | ctx.upstream(conn.source)
        near = {c.target for u in chain for c in ctx.out.get(u, [])}
        if not any(ctx.components[n].kind is Kind.CACHE for n in near):
            yield RULE.finding(llm, f"every query to {llm.label} is a full model call (no cache)")
