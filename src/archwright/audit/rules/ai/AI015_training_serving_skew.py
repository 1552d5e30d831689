from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI015",
    name="ai.training_serving_skew",
    category=Category.AI,
    severity=Severity.MEDIUM,
    summary="Features computed twice: for training and again for serving",
    rationale=(
        "When the training pipeline and the online service each compute features with "
        "their own code, the two drift apart (a default, a window, a join) and the model "
        "sees different inputs in production than in training: training/serving skew."
    ),
    fix=(
        "Define features once and read them from a feature store on both sides (offline "
        "store for training, online store for serving)."
    ),
    refs=(
        "Google, Rules of Machine Learning, rule #29 and #32",
        "https://docs.feast.dev/",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    training = [c for c in ctx.arch.components if "training" in c.tags]
    if not training:
        return
    # A feature store, or whatever store plays it (an online cache of features): what
    # matters is that both sides read the same one.
    stores = {c.id for c in ctx.datastores}
    for model in ctx.of_kind(Kind.ML_MODEL):
        callers = [c.source for c in ctx.inc.get(model.id, [])]
        if not callers:
            continue
        serving = {c.target for cid in (model.id, *callers) for c in ctx.out.get(cid, [])}
        trained = {c.target for job in training for c in ctx.out.get(job.id, [])}
        if not serving & trained & stores:
            yield RULE.finding(
                model,
                f"{model.label}: training and serving do not read one feature store, so "
                "features are computed twice",
            )
