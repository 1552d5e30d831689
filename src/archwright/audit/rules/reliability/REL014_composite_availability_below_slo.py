from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

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
    if slo is None:
        return
    for journey in ctx.journeys:
        if not journey.critical:
            continue
        total = 1.0
        weakest: tuple[float, str] = (1.0, "")
        previous = ""
        for step in dict.fromkeys(journey.steps):
            if step not in ctx.components or ctx.components[step].kind is Kind.CLIENT:
                previous = step
                continue
            cap = ctx.capacity(step)
            avail = 1 - (1 - cap.availability) ** max(cap.replicas, 1)
            edge = ctx.capacity(previous) if previous in ctx.components else None
            if edge is not None and edge.kind is Kind.CDN and edge.is_cache:
                # The origin behind a CDN is needed only for the CDN's misses.
                avail = 1 - (1 - edge.hit_ratio) * (1 - avail)
            previous = step
            total *= avail
            weakest = min(weakest, (avail, step))
        if total * 100 < slo:
            msg = (
                f"journey {journey.name!r} is available {total * 100:.4f}% "
                f"(SLO {slo:g}%); weakest step {weakest[1]}"
            )
            yield RULE.finding(weakest[1], msg)
