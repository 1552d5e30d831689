from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.audit.rules.supply_chain._artifacts import images, stating
from archwright.model import Severity

RULE = Rule(
    code="SUP002",
    name="supply_chain.image_not_pinned_by_digest",
    category=Category.SUPPLY_CHAIN,
    severity=Severity.MEDIUM,
    summary="Container image not pinned by digest",
    rationale=(
        "A tag is a movable pointer: the registry can serve different bytes under the same "
        "tag tomorrow, whether by a routine rebuild or a compromised publisher account. Only "
        "a digest names exactly the image that was tested."
    ),
    fix="Reference the image as name:tag@sha256:<digest> and let a bot (Renovate, Dependabot) "
    "update the digest through reviewed changes.",
    refs=(
        "https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier",
        "SLSA v1.0 Build L3",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for comp in stating(ctx.with_properties):
        for ref in images(comp):
            if not ref.pinned:
                yield RULE.finding(comp, f"{comp.label} runs image {ref.text} without a digest")
