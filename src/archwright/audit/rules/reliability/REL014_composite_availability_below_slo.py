"""REL014 judges the availability figure `archwright availability` prints: the journey's
composition (series of k-of-n blocks over zones, fallbacks in parallel, a CDN's origin
for misses only) is computed once, in `simulate.availability`, at the load `simulate`
and `availability` default to (the recorded peak), over the context's profiles and flows."""

from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL014",
    name="reliability.composite_availability_below_slo",
    category=Category.RELIABILITY,
    severity=Severity.HIGH,
    summary="Journey availability below the SLO",
    rationale=(
        "A journey works only when every component on it works: its availability is the "
        "product of theirs (each raised by redundancy), and it can fall well below any "
        "single component's figure."
    ),
    fix=(
        "Add replicas to the weakest components on the journey, remove hops, or make "
        "non-essential calls optional (async or with a fallback)."
    ),
    refs=(
        "AWS Well-Architected REL10-BP01",
        "Google SRE book: Embracing risk",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    slo = ctx.req.slo.availability
    if slo is None or not any(j.critical for j in ctx.journeys):
        return
    # Imported here: the simulator brings numpy, which a model without an SLO never needs.
    from archwright.simulate.availability import journey_figures, meets
    from archwright.simulate.load import default_rps

    for fig in journey_figures(ctx.arch, default_rps(ctx.arch), net=ctx.network):
        target = fig.target_percent if fig.target_percent is not None else slo
        if not fig.critical or meets(fig.value, target):
            continue
        # Below the SLO means some step is less than certain: a block exists.
        weakest = fig.weakest[0] if fig.weakest else fig.blocks[0].alternatives[0].id
        msg = (
            f"journey {fig.name!r} is available {fig.value * 100:.4f}% "
            f"(SLO {target:g}%{' for this journey' if target != slo else ''}); "
            f"weakest step {weakest}"
        )
        yield RULE.finding(weakest, msg)
