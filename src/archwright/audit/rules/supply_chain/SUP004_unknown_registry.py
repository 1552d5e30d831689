from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.audit.rules.supply_chain._artifacts import images, stating
from archwright.kb.supply_chain import registries
from archwright.model import Severity

RULE = Rule(
    code="SUP004",
    name="supply_chain.unknown_registry",
    category=Category.SUPPLY_CHAIN,
    severity=Severity.MEDIUM,
    summary="Container image from a registry that is not a known public or cloud registry",
    rationale=(
        "An image from an unfamiliar host has no known publisher accountability, may "
        "vanish or change, and is a common way to smuggle typosquatted or backdoored images "
        "into a deployment."
    ),
    fix="Mirror the image into your own cloud registry (ECR, Artifact Registry, ACR) or a "
    "well-known public registry, and pull it from there.",
    refs=(
        "https://kubernetes.io/docs/concepts/security/supply-chain-security/",
        "CIS Docker Benchmark 4.2",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    known = registries()
    for comp in stating(ctx.with_properties):
        for ref in images(comp):
            if not known.trusted(ref.registry.lower()):
                yield RULE.finding(
                    comp,
                    f"{comp.label} pulls image {ref.text} from {ref.registry}, not a known "
                    f"registry (registry list of {known.snapshot})",
                )
