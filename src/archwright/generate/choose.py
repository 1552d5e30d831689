"""Technology choice for each role of a design, recorded as decisions.

The scoring is not here: `archwright.kb.scoring` is the one scorer, shared with `select`
and `tradeoff`. A role's decision is the scorer's ranking for the role's kinds under the
design's requirements: the chosen technology is its first, the alternatives the next
ones in order, so `archwright select <kinds> --spec <requirements>` prints the same list.
"""

from __future__ import annotations

from dataclasses import dataclass

from archwright.kb.catalog import Catalog, Technology
from archwright.kb.context import Context, context_from
from archwright.kb.scoring import Ranked, Ranking, ScoringError, cloud_of, is_named, runs_on
from archwright.kb.scoring import Role as ScoredRole
from archwright.kb.scoring import choose as rank_role
from archwright.kb.tradeoffs import TradeoffKB, load_tradeoffs
from archwright.model import Alternative, Cloud, Decision, Kind, Requirements

# Alternatives a decision lists: with the choice, the eight rows `select` prints by default.
ALTERNATIVES = 7


@dataclass(frozen=True)
class Role:
    """What needs a technology: the kinds that may fill it (the first the natural one)."""

    key: str
    title: str
    kinds: tuple[Kind, ...]
    job: str = ""  # `select`'s qualifier of a narrowed role (":embedding", ":training")
    speaks: tuple[str, ...] = ()
    """Protocols the role's clients speak: candidates were narrowed to them."""
    holds_gb: float | None = None
    """GB of data the role's store holds in the design (its share of the data), priced
    with each candidate; None for a role that stores none of the system's data."""
    left_out: tuple[str, ...] = ()
    """Technologies that run here but do not speak `speaks`, with what they speak: the
    stated reason they are not ranked (an L4 balancer for an HTTP front door)."""

    @property
    def select_argument(self) -> str:
        """What `archwright select` takes to rank the same candidates."""
        out = ",".join(k.value for k in self.kinds) + self.job
        if self.speaks:
            out += f" --speaks {','.join(self.speaks)}"
        if self.holds_gb is not None:
            out += f" --holds {gb_argument(self.holds_gb)}"
        return out


def unspoken(
    catalog: Catalog, narrowed: Catalog, kinds: tuple[Kind, ...], cloud: str
) -> tuple[str, ...]:
    """The role's technologies on `cloud` that narrowing by protocol (`speaking`) left out
    of `narrowed`, each with the protocol it speaks instead."""
    kept = {t.name for t in narrowed.technologies}
    out = {
        f"{t.name} ({t.protocol.name.value if t.protocol else 'no client protocol'})"
        for kind in kinds
        for t in catalog.of_kind(kind)
        if t.name not in kept and runs_on(t, kind, cloud)
    }
    return tuple(sorted(out))


def gb_argument(gb: float) -> str:
    """A GB figure as `select --holds` takes it back exactly: plain digits, no exponent."""
    return f"{gb:.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Choice:
    role: Role
    ranking: Ranking | None

    @property
    def ranked(self) -> tuple[Ranked, ...]:
        return self.ranking.ranked if self.ranking else ()

    @property
    def chosen(self) -> Ranked | None:
        return self.ranking.best if self.ranking else None

    @property
    def tech(self) -> Technology | None:
        best = self.chosen
        return best.tech if best else None


def context(
    req: Requirements, cloud: Cloud, kb: TradeoffKB, holds_gb: float | None = None
) -> Context:
    """The scorer's context for a design: the requirements' own, on the design's cloud,
    with the data the role's store holds (`analysis.held_gb`, as `select --holds` sets it).

    When the requirements name no cloud and the design runs on AWS (the default), the
    context is exactly what `select` builds from the same requirements."""
    ctx = context_from(req, kb)
    if cloud_of(ctx) != cloud.value:
        ctx = ctx.with_fact("constraints.cloud", cloud.value)
    if holds_gb is not None:
        ctx = ctx.with_fact("analysis.held_gb", holds_gb)
    return ctx


def choose(
    catalog: Catalog, role: Role, req: Requirements, cloud: Cloud, kb: TradeoffKB | None = None
) -> Choice:
    """The scorer's ranking for the role (no ranking when nothing in the catalog fits)."""
    kb = kb or load_tradeoffs()
    scored = ScoredRole(role.kinds, role.kinds[0])
    try:
        ctx = context(req, cloud, kb, role.holds_gb)
        return Choice(role, rank_role(catalog, scored, ctx, kb))
    except ScoringError:
        return Choice(role, None)


def unused_requests(req: Requirements, chosen: list[Technology]) -> list[str]:
    """A technology asked for by name that no role of the design took, said so rather
    than dropped: the design has no role of its kind, or it cannot run there."""
    return [
        f"{name} was asked for by name, but no role of this design is of its kind "
        "(or it does not run on the target cloud): not used"
        for name in req.constraints.requested
        if not any(is_named(tech, [name]) for tech in chosen)
    ]


def decision(choice: Choice, number: int, targets: list[str]) -> Decision | None:
    """The decision record of a choice with real alternatives (None when there were none)."""
    ranking, best = choice.ranking, choice.chosen
    if ranking is None or best is None or len(ranking.ranked) < 2:
        return None
    others = ranking.ranked[1 : 1 + ALTERNATIVES]
    runner = others[0]
    argument = choice.role.select_argument
    return Decision(
        id=f"ADR-{number:03d}",
        title=f"{choice.role.title}: {best.tech.title}",
        context=f"Needs a {' or '.join(k.value for k in choice.role.kinds)} for "
        f"{choice.role.title.lower()}; {len(ranking.ranked)} catalog options run here, "
        f"ranked as `archwright select {argument}` ranks them for these requirements.",
        drivers=_drivers(best, runner, ranking),
        chosen=best.tech.name,
        rationale=_spoken(choice.role) + _rationale(best, runner, ranking),
        alternatives=[
            Alternative(name=o.tech.name, reason=_why_not(o, best, ranking)) for o in others
        ],
        consequences=[f"{best.tech.title}: {w}" for w in best.tech.weaknesses[:2]],
        revisit_if=_revisit(best, runner, ranking),
        targets=targets,
    )


def _gaps(a: Ranked, b: Ranked, ranking: Ranking) -> list[tuple[float, str]]:
    """Weighted score differences a − b per dimension, largest first (ties by name)."""
    out = []
    for dim, cell in a.cells.items():
        other = b.cells.get(dim)
        if other is not None and cell.score != other.score:
            out.append(((cell.score - other.score) * ranking.weights[dim], dim))
    return sorted(out, key=lambda g: (-g[0], g[1]))


def _drivers(best: Ranked, runner: Ranked, ranking: Ranking) -> list[str]:
    gaps = _gaps(best, runner, ranking)
    return sorted({dim for _, dim in gaps}) or sorted(best.cells)


def _spoken(role: Role) -> str:
    """Why some technologies were not ranked at all: the role's clients speak a protocol
    they do not (empty when narrowing left nothing out)."""
    if not role.speaks or not role.left_out:
        return ""
    verb = "was" if len(role.left_out) == 1 else "were"
    spoken, left = ", ".join(role.speaks), ", ".join(role.left_out)
    return f"its clients speak {spoken}, so {left} {verb} left out; "


def _rationale(best: Ranked, runner: Ranked, ranking: Ranking) -> str:
    wins = [d for gap, d in _gaps(best, runner, ranking) if gap > 0][:3]
    parts = [f"{d} {best.cells[d].score}/5: {best.cells[d].reason}" for d in wins]
    if ranking.requested == best.tech.name:
        parts.insert(0, "asked for by name in the requirements (constraints.requested)")
    elif not parts:
        parts = [f"as good as {runner.tech.name}; first by name, the stated tie-break"]
    return "; ".join(parts) + f" (score {best.score:.2f} against {runner.score:.2f})."


def _why_not(other: Ranked, best: Ranked, ranking: Ranking) -> str:
    losses = [d for gap, d in _gaps(best, other, ranking) if gap > 0][:2]
    if ranking.requested == best.tech.name and other.score >= best.score:
        return f"scores {other.score:.2f}, but {best.tech.name} was asked for by name"
    if not losses:
        return f"scores {other.score:.2f}, equal to the choice; ranked after it by name"
    parts = [f"{d} {other.cells[d].score}/5 vs {best.cells[d].score}/5" for d in losses]
    return f"scores {other.score:.2f}: " + "; ".join(parts) + f" ({other.cells[losses[0]].reason})"


_REVISIT = {
    "guarantees": "ordering or delivery needs change",
    "operational_complexity": "the team's operations capacity or managed preference changes",
    "team_cognitive_load": "the team's experience changes (hires, training)",
    "cost": "the budget or the load changes the price gap",
    "scalability_ceiling": "load grows past what the chosen option serves comfortably",
    "cloud_fit": "the target cloud changes",
    "lock_in": "portability starts or stops mattering",
    "latency": "the latency budget tightens",
    "role_fit": "the role changes shape",
    "consistency": "consistency needs change",
}


def _revisit(best: Ranked, runner: Ranked, ranking: Ranking) -> list[str]:
    """What would flip the choice: the dimensions where it leads the runner-up most."""
    wins = [d for gap, d in _gaps(best, runner, ranking) if gap > 0][:2]
    out = [_REVISIT[d] for d in wins if d in _REVISIT]
    return out or [f"{runner.tech.title} gains what {best.tech.title} has over it"]
