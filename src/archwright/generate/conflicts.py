"""Requirements that cannot all hold, named instead of silently resolved.

Each rule is a small function over the requirements, the load figures and the priced
design; it returns a `Conflict` naming the requirements involved, why they clash (with
the numbers), and the ways out. The engine still produces a design — sized for the
scale and SLO asked for — and the conflict says which requirement that design breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from archwright.cost import Estimate
from archwright.generate.sizing import Envelope
from archwright.model import Cloud, Compliance, Requirements, Severity


@dataclass(frozen=True)
class Conflict:
    id: str
    title: str
    involves: tuple[str, ...]
    detail: str
    resolution: str
    severity: Severity = Severity.HIGH


@dataclass(frozen=True)
class Context:
    req: Requirements
    env: Envelope
    cost: Estimate
    patterns: frozenset[str]


Check = Callable[[Context], "Conflict | None"]
CHECKS: list[Check] = []


def _check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def _nines(pct: float) -> str:
    minutes = (100 - pct) / 100 * 365 * 24 * 60
    return f"{pct:g}% allows {minutes:,.0f} minutes of downtime a year"


@_check
def budget_vs_cost(c: Context) -> Conflict | None:
    budget = c.req.budget.monthly_usd
    if budget is None or c.cost.monthly_total <= budget:
        return None
    return Conflict(
        "budget-vs-cost",
        "The budget does not cover the sized design",
        ("budget", "scale", "slo"),
        f"The budget is ${budget:,.0f}/month but the design sized for {c.env.dau:,.0f} DAU "
        f"and {c.env.availability:g}% availability costs about ${c.cost.monthly_total:,.0f}/month "
        "at list prices.",
        "Raise the budget, lower the availability target, or design for a smaller first "
        "milestone and grow into this one.",
    )


@_check
def free_tier_vs_scale(c: Context) -> Conflict | None:
    if c.req.budget.monthly_usd != 0 or c.env.dau <= 10_000:
        return None
    monthly = c.env.avg_rps * 86_400 * 30
    return Conflict(
        "free-tier-vs-scale",
        "Free tier versus the stated scale",
        ("budget", "scale.dau"),
        f"Free tiers stop around a million requests and a few GB a month; {c.env.dau:,.0f} DAU "
        f"make about {monthly / 1e6:,.0f} million requests a month.",
        "Budget for paid capacity, or state the scale of a first release that fits a free tier.",
    )


@_check
def free_tier_vs_availability(c: Context) -> Conflict | None:
    budget = c.req.budget.monthly_usd
    if budget is None or budget > 500 or c.env.availability < 99.95:
        return None
    return Conflict(
        "budget-vs-availability",
        "Availability target versus budget",
        ("budget", "slo.availability"),
        f"{_nines(c.env.availability)}; that needs redundant instances in several zones "
        f"(and regions from 99.99%), which a ${budget:,.0f}/month budget cannot pay for — free "
        "tiers carry no uptime commitment at all.",
        "Agree a lower target (99.5–99.9%) for now, or fund the redundancy.",
    )


@_check
def availability_vs_team(c: Context) -> Conflict | None:
    size = c.req.team.size
    if size is None or size > 5 or c.env.availability < 99.99:
        return None
    return Conflict(
        "availability-vs-team",
        "Availability target versus team size",
        ("slo.availability", "team.size"),
        f"{_nines(c.env.availability)}: incidents must be answered in minutes at any hour, which "
        f"needs an on-call rotation of six or more; a team of {size} cannot staff one.",
        "Lower the target, buy managed services with their own SLAs, or add on-call staff.",
        Severity.MEDIUM,
    )


@_check
def on_prem_vs_managed(c: Context) -> Conflict | None:
    k = c.req.constraints
    if k.cloud is not Cloud.ON_PREM or k.managed_preferred is not True:
        return None
    return Conflict(
        "on-prem-vs-managed",
        "On-premises versus managed services",
        ("constraints.cloud", "constraints.managed_preferred"),
        "Managed services are preferred but the system must run on-premises, where nobody "
        "else runs the databases and brokers.",
        "Choose: a cloud with managed services, or self-hosted software with an operations budget.",
    )


@_check
def residency_vs_regions(c: Context) -> Conflict | None:
    k = c.req.constraints
    if not any(j.upper() == "EU" for j in k.data_residency):
        return None
    outside = [
        r
        for r in k.regions
        if not r.startswith(("eu-", "europe-", "westeurope", "northeurope", "uksouth"))
    ]
    if not outside:
        return None
    return Conflict(
        "residency-vs-regions",
        "Data residency versus regions",
        ("constraints.data_residency", "constraints.regions"),
        f"Personal data must stay in the EU but the design runs in {', '.join(outside)}.",
        "Keep personal data in EU regions; serve other regions from EU storage or pseudonymise.",
    )


@_check
def latency_vs_llm(c: Context) -> Conflict | None:
    p99 = c.req.slo.p99_latency_ms
    if p99 is None or p99 >= 1000 or not c.patterns & {"llm-gateway", "rag"}:
        return None
    return Conflict(
        "latency-vs-llm",
        "Latency target versus model calls",
        ("slo.p99_latency_ms", "features"),
        f"A P99 of {p99:g} ms cannot hold on journeys that call a hosted LLM (typically 0.5–5 s "
        "to the last token).",
        "Apply the target to non-model journeys, stream tokens and target time-to-first-token, "
        "or precompute answers.",
        Severity.MEDIUM,
    )


@_check
def rpo_zero_multi_region(c: Context) -> Conflict | None:
    if c.req.slo.rpo_minutes != 0 or "multi-region" not in c.patterns:
        return None
    return Conflict(
        "rpo-vs-regions",
        "Zero data loss across regions",
        ("slo.rpo_minutes", "slo.availability"),
        "RPO 0 with active regions needs synchronous cross-region replication, adding a "
        "cross-region round trip (tens of ms) to every write.",
        "Accept a small RPO (seconds) for most data, and replicate synchronously only the "
        "records that cannot be lost.",
        Severity.MEDIUM,
    )


@_check
def exactly_once(c: Context) -> Conflict | None:
    delivery = c.req.needs.delivery
    if delivery is None or delivery.value != "exactly-once":
        return None
    return Conflict(
        "exactly-once",
        "Exactly-once delivery end to end",
        ("needs.delivery",),
        "Brokers can deliver exactly once only inside their own transactions; any external "
        "side effect (email, payment, HTTP call) can still happen twice.",
        "At-least-once delivery with idempotent consumers (deduplicate by message id).",
        Severity.LOW,
    )


@_check
def regulated_on_free_tier(c: Context) -> Conflict | None:
    regulated = {Compliance.HIPAA, Compliance.PCI_DSS} & set(c.req.compliance)
    if not regulated or c.req.budget.monthly_usd != 0:
        return None
    names = ", ".join(sorted(r.value for r in regulated))
    return Conflict(
        "compliance-vs-budget",
        "Regulated data on a zero budget",
        ("compliance", "budget"),
        f"{names} need covered services (a BAA, a PCI-compliant provider), audit logging and "
        "encryption with managed keys; free tiers do not provide them.",
        "Budget for compliant services, or keep regulated data out of scope.",
    )


@_check
def knows_and_lacks(c: Context) -> Conflict | None:
    avoid = {str(a).lower() for a in getattr(c.req, "avoid", None) or []}
    both = sorted(avoid & {e.lower() for e in c.req.team.experience})
    if not both:
        return None
    return Conflict(
        "experience-unclear",
        "Team experience stated both ways",
        ("team.experience", "avoid"),
        f"{', '.join(both)} is listed as known and as unknown to the team.",
        "Say which holds; the design treats it as unknown.",
        Severity.LOW,
    )


def find(req: Requirements, env: Envelope, cost: Estimate, patterns: set[str]) -> list[Conflict]:
    """Every conflict among the requirements, most severe first (stable order)."""
    ctx = Context(req, env, cost, frozenset(patterns))
    found = [c for check in CHECKS if (c := check(ctx)) is not None]
    return sorted(found, key=lambda c: -c.severity.rank)
