from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.audit.rules.supply_chain._artifacts import stating, versions
from archwright.kb.supply_chain import vulnerabilities
from archwright.model import Severity

RULE = Rule(
    code="SUP005",
    name="supply_chain.known_vulnerable_version",
    category=Category.SUPPLY_CHAIN,
    severity=Severity.HIGH,
    summary="Runs a version with a known high-severity vulnerability",
    rationale=(
        "Published vulnerabilities come with public exploit details; a version inside an "
        "advisory's affected range is what scanners and attackers look for first."
    ),
    fix="Upgrade to the advisory's fixed release (or later) of the same cycle.",
    refs=("https://osv.dev/", "OWASP Top 10 A06:2021 Vulnerable and Outdated Components"),
)


def check(ctx: Context) -> Iterator[Finding]:
    data = vulnerabilities()
    for comp in stating(ctx.with_properties):
        for advisory in data.advisories:
            known = data.products[advisory.product]
            for stated in versions(comp, known.technologies, known.images):
                hit = next((r for r in advisory.affected if r.contains(stated.version)), None)
                if hit is None:
                    continue
                yield RULE.finding(
                    comp,
                    f"{comp.label} runs {advisory.product} {stated.text}, affected by "
                    f"{advisory.id} ({advisory.summary}; fixed in {hit.fixed}; advisory "
                    f"snapshot of {data.snapshot}, {advisory.source})",
                    fix=f"Upgrade {advisory.product} to {hit.fixed} or later.",
                    severity=Severity.CRITICAL if advisory.severity == "critical" else None,
                )
