from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI013",
    name="ai.no_eval_set",
    category=Category.AI,
    severity=Severity.MEDIUM,
    summary="LLM feature with no offline evaluation set",
    rationale=(
        "Prompt, model and retrieval changes silently change answers. Without a fixed set "
        "of questions with expected answers run before each release, a regression is "
        "found by users."
    ),
    fix=(
        "Keep a versioned evaluation set and run it in CI before a prompt, model or index "
        "change ships: a component tagged 'eval-set' (an evaluation job and its dataset) "
        "or properties.eval_set on the model naming it."
    ),
    refs=(
        "AWS Well-Architected Generative AI Lens GENOPS02",
        "NIST AI 600-1 MS-2.3",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    models = ctx.of_kind(Kind.LLM)
    if not models:
        return
    if any(m.properties.get("eval_set") for m in models):
        return
    if any("eval-set" in c.tags for c in ctx.arch.components):
        return
    yield RULE.finding(models, "no offline evaluation set guards prompt and model changes")
