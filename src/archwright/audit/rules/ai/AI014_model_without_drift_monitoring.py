from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI014",
    name="ai.model_without_drift_monitoring",
    category=Category.AI,
    severity=Severity.MEDIUM,
    summary="Served model with no drift monitoring",
    rationale=(
        "A trained model's accuracy decays as the data it sees moves away from its "
        "training data (data drift) or the relation it learned changes (concept drift). "
        "Without monitoring inputs and outcomes, decay shows up as business loss."
    ),
    fix=(
        "Log predictions with their inputs and compare them with the training "
        "distribution and later outcomes: a component tagged 'drift' fed by the model or "
        "its callers (or reading their prediction log), or properties.drift_monitoring."
    ),
    refs=(
        "Google Cloud MLOps: continuous delivery and automation pipelines in ML",
        "AWS Well-Architected Machine Learning Lens MLOE-15",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for model in ctx.of_kind(Kind.ML_MODEL):
        tech = ctx.tech.get(model.id)
        if tech is not None and tech.tokens is not None:
            continue  # an embedder or reranker from a provider: not a model we trained
        callers = [c.source for c in ctx.inc.get(model.id, [])]
        if "model-registry" in model.tags:
            continue  # stores models, serves no predictions
        if not callers or model.properties.get("drift_monitoring"):
            continue
        fed = {c.target for cid in (model.id, *callers) for c in ctx.out.get(cid, [])}
        watched = any(
            "drift" in c.tags
            and (
                c.id in fed or any(x.target in fed for x in ctx.out.get(c.id, []))  # reads the log
            )
            for c in ctx.arch.components
        )
        if not watched:
            yield RULE.finding(model, f"{model.label} is served with no drift monitoring")
