from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI004",
    name="ai.no_evaluation_monitoring",
    category=Category.AI,
    severity=Severity.MEDIUM,
    summary="No evaluation or drift monitoring for models",
    rationale=(
        "Model quality changes silently: providers update models, input distributions "
        "drift, retrieval corpora change. Without evaluations and drift monitoring, "
        "regressions are found by users."
    ),
    fix=(
        "Run offline evaluations on every change and online quality/drift monitoring (a "
        "monitoring component the model's caller reports to, or properties.evaluation)."
    ),
    refs=(
        "AWS Well-Architected Machine Learning Lens MLREL-13",
        "NIST AI RMF MEASURE 2.4",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    models = ctx.of_kind(Kind.LLM, Kind.ML_MODEL)
    if not models:
        return
    if any(m.properties.get("evaluation") for m in models):
        return
    callers = {c.source for m in models for c in ctx.inc.get(m.id, [])}
    reports = any(
        ctx.components[c.target].kind is Kind.MONITORING
        for cid in callers
        for c in ctx.out.get(cid, [])
    )
    if not reports:
        yield RULE.finding(models, "no evaluation or drift monitoring for the models")
