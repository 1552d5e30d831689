from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="SEC013",
    name="security.no_trust_boundaries",
    category=Category.SECURITY,
    severity=Severity.MEDIUM,
    summary="No trust boundaries in a system exposed to the internet",
    rationale=(
        "Without trust zones the model cannot show which components the internet reaches "
        "and which must only be reached from inside; reviews, segmentation and "
        "least-privilege rules all start from these boundaries."
    ),
    fix=(
        "Group components into boundaries (type: trust_zone or network): at least an edge "
        "zone for internet-facing components and a private zone for services and data."
    ),
    refs=(
        "OWASP A04:2021 Insecure Design",
        "CWE-1008",
        "AWS Well-Architected SEC05-BP01",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.arch.boundaries or not ctx.internet_facing or len(ctx.components) < 3:
        return
    yield RULE.finding(
        [c.id for c in ctx.internet_facing],
        f"{len(ctx.components)} components, some internet-facing, and no trust boundaries",
    )
