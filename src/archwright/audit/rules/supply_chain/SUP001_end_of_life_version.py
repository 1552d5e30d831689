from collections.abc import Iterator
from datetime import timedelta

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.audit.rules.supply_chain._artifacts import stating, versions
from archwright.kb.supply_chain import end_of_life
from archwright.model import Severity

RULE = Rule(
    code="SUP001",
    name="supply_chain.end_of_life_version",
    category=Category.SUPPLY_CHAIN,
    severity=Severity.HIGH,
    summary="Runs a version past (or near) its end of life",
    rationale=(
        "A release past its end of life gets no security fixes: every vulnerability found "
        "after that date stays open for good, and upgrades skip several versions at once."
    ),
    fix="Upgrade to a supported release cycle and plan the next upgrade before its end of life.",
    refs=("https://endoflife.date/", "OWASP Top 10 A06:2021 Vulnerable and Outdated Components"),
)

_SOON = timedelta(days=365)


def check(ctx: Context) -> Iterator[Finding]:
    data = end_of_life()
    for comp in stating(ctx.with_properties):
        for product in data.products:
            for stated in versions(comp, product.technologies, product.images):
                cycle = product.cycle_of(stated.version)
                if cycle is None or cycle.eol > data.snapshot + _SOON:
                    continue
                past = cycle.eol <= data.snapshot
                when = "reached" if past else "reaches"
                yield RULE.finding(
                    comp,
                    f"{comp.label} runs {product.title} {cycle.cycle} ({stated.text}), which "
                    f"{when} end of life on {cycle.eol} (end-of-life snapshot of "
                    f"{data.snapshot}, {product.source})",
                    severity=None if past else Severity.LOW,
                )
