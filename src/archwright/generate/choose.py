"""Technology choice under constraints, recorded as decisions.

Candidates come from the catalog (every technology that can fill the role's kinds and
runs where the design runs). Each is scored by additive factors read from catalog
attributes — team experience, existing stack, things the team said it does not know,
managed vs self-hosted, operations burden for the team's size, lock-in, price against
the budget, ordering and delivery needs — and each factor carries its sentence, so the
winner's reasons and the losers' why-nots are the same numbers a person can check.
Ties break by catalog order: the same input always gives the same choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archwright.kb.catalog import Catalog, Hosting, Level, Technology
from archwright.model import Alternative, Cloud, Decision, Kind, Requirements

# Kinds that are always bought from a third party whatever the hosting constraint.
_EXTERNAL = frozenset(
    {Kind.PAYMENT, Kind.NOTIFICATION, Kind.LLM, Kind.EXTERNAL_API, Kind.IDENTITY, Kind.CLIENT}
)


@dataclass
class Factor:
    points: float
    text: str
    driver: str


@dataclass
class Scored:
    tech: Technology
    factors: list[Factor] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(f.points for f in self.factors)

    def good(self) -> list[str]:
        return [f.text for f in self.factors if f.points > 0]

    def bad(self) -> list[str]:
        return [f.text for f in self.factors if f.points < 0]


@dataclass(frozen=True)
class Role:
    """What needs a technology: the kinds that may fill it and the load it takes."""

    key: str
    title: str
    kinds: tuple[Kind, ...]
    prefer: tuple[str, ...]
    load: float


def family(tech: Technology) -> frozenset[str]:
    """Cached `_family` (the catalog never changes within a process)."""
    found = _FAMILIES.get(tech.name)
    if found is None:
        found = _FAMILIES[tech.name] = frozenset(_family(tech))
    return found


_FAMILIES: dict[str, frozenset[str]] = {}


def _family(tech: Technology) -> set[str]:
    """Names that mean 'this technology': its name, title and aliases, their words, and its
    self-hosted twin when the description says it is that software (MSK is Kafka; Kinesis,
    the same role, is not)."""
    names = {tech.name, tech.title.lower(), *tech.aliases}
    twin = tech.equivalents.get("self_hosted")
    if twin and twin in tech.description.lower():
        names.add(twin)
    words = set(names)
    for name in names:
        words.update(w for w in re.split(r"[^a-z0-9.+#]+", name) if len(w) > 2)
    return words


def runs_on(tech: Technology, kind: Kind, cloud: Cloud) -> bool:
    """Whether the technology can be used where the design runs."""
    if tech.hosting is Hosting.SAAS:
        return cloud is not Cloud.ON_PREM or kind in _EXTERNAL
    if cloud is Cloud.ON_PREM:
        return tech.cloud is None
    return tech.cloud is None or tech.cloud == cloud.value


def candidates(catalog: Catalog, kinds: tuple[Kind, ...], cloud: Cloud) -> list[Technology]:
    """Technologies that can fill one of `kinds` where the design runs (cached per catalog)."""
    key = (id(catalog), kinds, cloud)
    found = _CANDIDATES.get(key)
    if found is None or found[0] is not catalog:
        found = _CANDIDATES[key] = (catalog, _candidates(catalog, kinds, cloud))
    return found[1]


_CANDIDATES: dict[tuple[int, tuple[Kind, ...], Cloud], tuple[Catalog, list[Technology]]] = {}


def _candidates(catalog: Catalog, kinds: tuple[Kind, ...], cloud: Cloud) -> list[Technology]:
    seen: set[str] = set()
    out: list[Technology] = []
    for kind in kinds:
        for tech in catalog.of_kind(kind):
            if tech.name not in seen and runs_on(tech, kind, cloud):
                seen.add(tech.name)
                out.append(tech)
    return out


def _unit_price(tech: Technology, cloud: Cloud) -> float | None:
    key = "aws" if cloud is Cloud.ON_PREM else cloud.value
    price = tech.prices.get(key)  # type: ignore[call-overload]
    return price.usd_per_month if price is not None else None


def score(
    tech: Technology, role: Role, req: Requirements, cloud: Cloud, cheapest: float | None
) -> Scored:
    """All the factors for one candidate."""
    s = Scored(tech)
    add = s.factors.append
    names = family(tech)
    team = req.team
    small = team.size is not None and team.size <= 5
    large = team.size is not None and team.size >= 20
    managed = tech.hosting in (Hosting.MANAGED, Hosting.SAAS)
    pref = req.constraints.managed_preferred
    avoid = [str(a).lower() for a in getattr(req, "avoid", None) or []]

    if tech.name in role.prefer:
        add(Factor(1.5, f"{tech.title} fits the role well (pattern preference)", "role fit"))
    if role.kinds and tech.kind is role.kinds[0]:
        add(Factor(0.5, f"the natural kind for this role ({tech.kind.value})", "role fit"))
    if tech.cloud is not None and tech.cloud == cloud.value:
        add(Factor(1.0, f"native to {cloud.value.upper()}, the target cloud", "cloud"))
    known = [e for e in team.experience if e.lower() in names]
    if known:
        add(Factor(3.0, f"the team already knows {known[0]}", "team experience"))
    running = [e for e in team.existing_stack if e.lower() in names]
    if running:
        add(Factor(1.5, f"{running[0]} already runs in production here", "existing stack"))
    lacking = [a for a in avoid if a in names]
    if lacking:
        add(Factor(-3.0, f"the team has no {lacking[0]} experience", "team experience"))
    if pref is True:
        if managed:
            add(Factor(2.0, "managed service, as preferred", "managed preferred"))
        else:
            add(
                Factor(-2.0, "self-hosted, but managed services are preferred", "managed preferred")
            )
    elif pref is False and not managed:
        add(Factor(1.0, "self-hosted, as asked", "self-hosting"))
    if small and not managed:
        points = {Level.HIGH: -2.0, Level.MEDIUM: -1.0, Level.LOW: 0.0}[tech.ops_burden]
        if points:
            add(
                Factor(
                    points,
                    f"{tech.ops_burden.value} operations burden for a team of {team.size}",
                    "team size",
                )
            )
    if large and not managed and tech.ops_burden is Level.HIGH and known:
        add(Factor(1.0, f"a team of {team.size} can run it themselves", "team size"))
    if tech.ops_burden is Level.LOW:
        add(Factor(0.3, "low operations burden", "operations"))
    if tech.learning_curve is Level.HIGH and not known:
        add(Factor(-1.0, "steep learning curve and no one knows it yet", "team experience"))
    if req.constraints.no_lock_in:
        points = {Level.HIGH: -3.0, Level.MEDIUM: -1.0, Level.LOW: 0.5}[tech.lock_in]
        add(
            Factor(
                points, f"{tech.lock_in.value} lock-in, and lock-in must be avoided", "no lock-in"
            )
        )
    price = _unit_price(tech, cloud)
    budget = req.budget.monthly_usd
    if budget is None and price is not None and cheapest is not None and price <= cheapest * 1.05:
        add(Factor(0.2, f"cheapest list price here (${price:,.0f}/month per unit)", "budget"))
    if budget is not None and price is not None and cheapest is not None:
        if price <= cheapest * 1.05:
            add(
                Factor(
                    1.5 if budget < 2000 else 0.5,
                    f"cheapest option (${price:,.0f}/month per unit)",
                    "budget",
                )
            )
        elif budget < 2000 and price > 3 * max(cheapest, 1.0):
            add(Factor(-1.0, f"${price:,.0f}/month per unit on a ${budget:,.0f} budget", "budget"))
    _needs(s, tech, req)
    nodes = role.load / (tech.capacity.throughput_rps * 0.65) if role.load else 0.0
    if nodes > 30 and not managed:
        add(Factor(-1.5, f"would need about {nodes:,.0f} nodes at this load", "scale"))
    return s


def _needs(s: Scored, tech: Technology, req: Requirements) -> None:
    order = req.needs.ordering
    if order is not None and order.value != "none" and tech.ordering != "n/a":
        if tech.ordering == "none":
            s.factors.append(
                Factor(
                    -2.0, f"no ordering guarantee, but {order.value} ordering is needed", "ordering"
                )
            )
        elif order.value == "global" and tech.ordering == "per-key":
            s.factors.append(
                Factor(-1.0, "orders per key only, global ordering needed", "ordering")
            )
        else:
            s.factors.append(Factor(0.5, f"guarantees {tech.ordering} ordering", "ordering"))
    delivery = req.needs.delivery
    if delivery is not None and tech.delivery != "n/a":
        if delivery.value == tech.delivery:
            s.factors.append(Factor(0.5, f"{tech.delivery} delivery, as needed", "delivery"))
        elif delivery.value == "exactly-once":
            s.factors.append(
                Factor(
                    -1.0, f"{tech.delivery} delivery only; consumers must deduplicate", "delivery"
                )
            )


@dataclass
class Choice:
    role: Role
    chosen: Scored | None
    ranked: list[Scored]


def choose(catalog: Catalog, role: Role, req: Requirements, cloud: Cloud) -> Choice:
    """Rank the candidates for a role; the best one (or None when the catalog has none)."""
    options = candidates(catalog, role.kinds, cloud)
    prices = [p for t in options if (p := _unit_price(t, cloud)) is not None]
    cheapest = min(prices) if prices else None
    order = {t.name: i for i, t in enumerate(options)}
    ranked = sorted(
        (score(t, role, req, cloud, cheapest) for t in options),
        key=lambda s: (-round(s.score, 6), order[s.tech.name]),
    )
    return Choice(role, ranked[0] if ranked else None, ranked)


def decision(choice: Choice, number: int, targets: list[str]) -> Decision | None:
    """The decision record of a choice with real alternatives (None when there were none)."""
    if choice.chosen is None or len(choice.ranked) < 2:
        return None
    best = choice.chosen
    alternatives = []
    shown = choice.ranked[1:4]
    mentioned = [o for o in choice.ranked[4:] if any(f.driver in _MENTIONED for f in o.factors)]
    for other in shown + mentioned[:2]:
        why = other.bad() or [
            f"as good here ({other.score:+.1f}); listed after {best.tech.name} in the catalog, "
            "which keeps the choice stable"
        ]
        missing = [g for g in best.good() if g not in other.good()]
        if not other.bad() and missing:
            why = [f"lacks what decided it: {missing[0]}"]
        alternatives.append(Alternative(name=other.tech.name, reason="; ".join(why)))
    drivers = sorted(
        {f.driver for f in best.factors} | {f.driver for o in choice.ranked[1:4] for f in o.factors}
    )
    good = best.good() or ["the catalog's reference technology for this role"]
    return Decision(
        id=f"ADR-{number:03d}",
        title=f"{choice.role.title}: {best.tech.title}",
        context=f"Needs a {' or '.join(k.value for k in choice.role.kinds)} for "
        f"{choice.role.title.lower()}; {len(choice.ranked)} catalog options run here.",
        drivers=drivers,
        chosen=best.tech.name,
        rationale="; ".join(good) + f" (score {best.score:+.1f}).",
        alternatives=alternatives,
        consequences=[f"{best.tech.title}: {w}" for w in best.tech.weaknesses[:2]],
        revisit_if=_revisit(best, choice.ranked[1]),
        targets=targets,
    )


_MENTIONED = frozenset({"team experience", "existing stack", "no lock-in"})
"""Drivers that come from what the person said: such options are shown even when far behind."""

_REVISIT = {
    "team experience": "the team's experience changes (hires, training)",
    "existing stack": "the existing platform changes",
    "managed preferred": "the preference for managed services changes",
    "team size": "the team grows enough to run it (or shrinks)",
    "no lock-in": "portability stops mattering",
    "budget": "the budget changes",
    "cloud": "the target cloud changes",
    "ordering": "ordering needs change",
    "delivery": "delivery guarantees change",
    "scale": "load grows past what the chosen option serves comfortably",
    "role fit": "the role changes shape (replay, fan-out or ordering needs change)",
    "operations": "the team's operations capacity changes",
}


def _revisit(best: Scored, runner_up: Scored) -> list[str]:
    """What would flip the choice: the factors where the two differ most."""
    diff: dict[str, float] = {}
    for f in best.factors:
        diff[f.driver] = diff.get(f.driver, 0.0) + f.points
    for f in runner_up.factors:
        diff[f.driver] = diff.get(f.driver, 0.0) - f.points
    ranked = sorted((d for d in diff if d in _REVISIT and diff[d] > 0), key=lambda d: -diff[d])
    out = [_REVISIT[d] for d in ranked[:2]]
    return out or [f"{runner_up.tech.title} gains what {best.tech.title} has over it"]
