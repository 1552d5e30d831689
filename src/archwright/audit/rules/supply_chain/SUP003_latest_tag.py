from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.audit.rules.supply_chain._artifacts import images, stating
from archwright.model import Severity

RULE = Rule(
    code="SUP003",
    name="supply_chain.latest_tag",
    category=Category.SUPPLY_CHAIN,
    severity=Severity.MEDIUM,
    summary="Container image on the `latest` tag (or no tag)",
    rationale=(
        "`latest` (what Docker pulls when no tag is given) changes with every release, "
        "so two deployments of the same file can run different major versions and a "
        "rollback cannot return to what ran before."
    ),
    fix="Name an explicit version tag, and pin its digest.",
    refs=(
        "https://kubernetes.io/docs/concepts/containers/images/#image-names",
        "https://docs.docker.com/reference/cli/docker/image/tag/",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for comp in stating(ctx.with_properties):
        for ref in images(comp):
            if ref.digest:
                continue  # a digest fixes the bytes whatever the tag says
            if ref.tag in ("", "latest"):
                said = "the latest tag" if ref.tag else "no tag (Docker pulls latest)"
                yield RULE.finding(comp, f"{comp.label} runs image {ref.text} with {said}")
