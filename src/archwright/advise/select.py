"""Technology selection: rank the catalog's candidates for a kind under the context.

Guarantees (ordering, delivery) are weighed heaviest because a missed guarantee is a
correctness bug; then operational burden, cost at the stated load, the team's learning
curve and experience, cloud fit and lock-in. The same ranking is recomputed at the growth
horizon (the stated `scale.growth_per_year` compounded over `--horizon` years, or an
assumed 10x when no growth is stated) to show when today's pick stops being the right one.
The prose description is read by `design`'s own reader; `--speaks` narrows the candidates
to a protocol the clients speak, as `design` does for a role whose clients speak it.

The scoring itself is `archwright.kb.scoring`, the one scorer `design` and `tradeoff`
use too: `design` records as each decision exactly the ranking printed here for the same
role (`select queue,stream`) and requirements.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from archwright.advise.reading import read_context
from archwright.generate import model_roles
from archwright.kb.catalog import Catalog, Technology
from archwright.kb.context import Context, assumptions, describe
from archwright.kb.scoring import (
    Needs,
    Role,
    ScoringError,
    candidates,
    cloud_of,
    growth,
    held_gb,
    load_of,
    needs_of,
    role_of,
    ruled_out,
    self_hosting,
    speaking,
)
from archwright.kb.scoring import rank as rank_technologies
from archwright.kb.tradeoffs import TradeoffKB
from archwright.model import Protocol, Requirements

SelectError = ScoringError
"""The kind asked for does not exist or has no candidates."""


def rank(techs: list[Technology], ctx: Context, kb: TradeoffKB, role: Role) -> dict[str, Any]:
    """The scorer's ranking as the JSON `select` prints."""
    ranking = rank_technologies(techs, ctx, kb, role)
    rows = [
        {
            "technology": r.tech.name,
            "title": r.tech.title,
            "score": r.score,
            "reasons": r.reasons,
            "scores": {d: c.score for d, c in sorted(r.cells.items())},
        }
        for r in ranking.ranked
    ]
    return {
        "ranking": rows,
        "weights": ranking.weights,
        "weight_reasons": list(ranking.weight_reasons),
    }


def select(
    kind: str,
    req: Requirements | None,
    catalog: Catalog,
    kb: TradeoffKB,
    speaks: str | None = None,
    horizon: float | None = None,
    holds: float | None = None,
) -> dict[str, Any]:
    """The full `select` answer: ranking now, the pick at the growth horizon, assumptions.

    The requirements are read as `design` reads them (`read_context`: keys, then prose),
    and the role's needs in them (its clients' protocol, its job, data kept on premises:
    kb/scoring.needs_of) narrow the candidates, as they do in `design` and `tradeoff`.
    `speaks` (protocols, comma-separated) replaces the protocol the requirements give;
    `horizon` is the years of stated growth the ceiling looks ahead; `holds` the GB of
    data the role holds (default: the stated data, for a role that stores it)."""
    base, job = model_roles.parse(kind)
    role = role_of(base)
    ctx = read_context(req, kb)
    if horizon is not None:
        ctx = ctx.with_fact("analysis.horizon_years", horizon)
    if holds is not None:
        ctx = ctx.with_fact("analysis.held_gb", holds)
    asked = protocols(speaks)
    needs = role_needs(ctx, role, job, asked)
    techs, out = pool(catalog, role, ctx, kb, job, needs)
    now = rank(techs, ctx, kb, role)
    factor, basis = growth(ctx, kb.technology)
    later = rank(techs, grown(ctx, factor), kb, role)
    best = now["ranking"][0]
    held = held_gb(ctx, role, techs[0])
    need = _need(kind, ctx, role, needs, held, asked)
    at_horizon = _at_horizon(ctx, role, factor, basis, best, later)
    return {
        "role": role.argument,
        "sensitivity": _sensitivity(catalog, role, ctx, kb, best["technology"], job, asked),
        "need": need,
        "ranking": [
            {k: r[k] for k in ("technology", "score", "reasons", "title", "scores")}
            for r in now["ranking"]
        ],
        "ruled_out": dict(sorted(out.items())),
        "recommendation": best["technology"],
        "at_horizon": at_horizon,
        "assumptions": _notes(ctx, load_of(ctx, role), held),
        "weights": {d: round(w, 3) for d, w in sorted(now["weights"].items())},
        "context_rules": now["weight_reasons"],
    }


def _need(
    kind: str,
    ctx: Context,
    role: Role,
    needs: Needs,
    held: tuple[float, str],
    asked: set[Protocol],
) -> dict[str, Any]:
    """What the role was asked to carry, as `select` read it (the answer's `need`)."""
    return {
        "kind": kind,
        "load_per_second": load_of(ctx, role),
        "data_gb_held": held[0],
        "ordering": ctx.get("needs.ordering"),
        "delivery": ctx.get("needs.delivery"),
        "filtering": ctx.get("needs.filtering"),
        "cloud": ctx.get("constraints.cloud"),
        "managed_preferred": ctx.get("constraints.managed_preferred"),
        "team_experience": ctx.get("team.experience") or [],
        "speaks": sorted(p.value for p in needs.protocols),
        "speaks_from": "--speaks" if asked else "the requirements" if needs.protocols else None,
        "jobs": sorted(needs.jobs),
    }


def _at_horizon(
    ctx: Context,
    role: Role,
    factor: float,
    basis: str,
    best: dict[str, Any],
    later: dict[str, Any],
) -> dict[str, Any]:
    """The pick at the growth horizon, and whether it differs from today's `best`."""
    best_later = later["ranking"][0]
    return {
        "factor": round(factor, 3),
        "basis": basis,
        "load_per_second": load_of(ctx, role) * factor,
        "technology": best_later["technology"],
        "score": best_later["score"],
        "changes": best_later["technology"] != best["technology"],
        "reasons": best_later["reasons"],
        "ranking": [
            {"technology": r["technology"], "score": r["score"]} for r in later["ranking"][:5]
        ],
    }


_USED = {
    "scale.events_per_second",
    "scale.peak_rps",
    "scale.data_gb",
    "needs.ordering",
    "needs.delivery",
    "needs.filtering",
    "constraints.cloud",
    "constraints.managed_preferred",
    "constraints.no_lock_in",
    "team.experience",
    "team.existing_stack",
    "team.avoid",
    "team.size",
    "budget.monthly_usd",
    "scale.growth_per_year",
    "analysis.horizon_years",
    "analysis.held_gb",
    "features",
}


def _notes(ctx: Context, load: float, held: tuple[float, str]) -> list[str]:
    """The facts the answer rests on, stated or assumed, and how costs were counted."""
    notes = assumptions(ctx, _USED)
    notes.append(f"load of {load:,.0f}/s treated as sustained for pay-per-request prices")
    notes.append("costs are catalog list prices; nodes = load / one node's sustained throughput")
    if held[0]:
        notes.append(f"{held[0]:,.0f} GB held, priced per GB-month and per node: {held[1]}")
    if not ctx.get("constraints.cloud"):
        notes.append(
            "no cloud stated: AWS assumed (as `design` does): candidates that run there, "
            "AWS list prices, AWS's managed services fit best"
        )
    return notes


def grown(ctx: Context, factor: float) -> Context:
    """The context at the growth horizon: load and data grown by `factor`, and the
    ceiling's headroom already spent."""
    out = ctx.with_fact("analysis.headroom", 1)
    for fact in ("scale.events_per_second", "scale.peak_rps", "scale.data_gb", "analysis.held_gb"):
        if ctx.get(fact):
            out = out.with_fact(fact, float(ctx.get(fact)) * factor)
    return out


def role_needs(ctx: Context, role: Role, job: model_roles.Job, asked: set[Protocol]) -> Needs:
    """The role's needs as the requirements give them (`needs_of`, the reader `design`
    and `tradeoff` use), with the protocols `--speaks` names instead of theirs.

    The job is the one the argument names (`batch_processor:training`): requirements can
    give a kind a generic role and a specialised one at once (nightly ETL beside model
    training), which `design` fills apart and names apart, so an argument without a job
    is the generic role."""
    needs = needs_of(ctx, role)
    if asked:
        needs = replace(needs, protocols=frozenset(asked))
    return replace(needs, jobs=frozenset({job.serves} if job.serves else ()))


def pool(
    catalog: Catalog,
    role: Role,
    ctx: Context,
    kb: TradeoffKB,
    job: model_roles.Job,
    needs: Needs,
) -> tuple[list[Technology], dict[str, str]]:
    """The candidates that can fill the role here, and those ruled out with why.

    Narrowed as design narrows a role: to the protocol its clients speak (`speaking`), to
    its job among ML platforms or models and away from a primary's provider
    (generate/model_roles.py); then every other need rules out what falls short
    (`ruled_out`, as `tradeoff` does)."""
    cloud, own = cloud_of(ctx), self_hosting(ctx)
    inside = model_roles.within_cloud(cloud, ctx.get("constraints.within_cloud"))
    every = model_roles.narrow_list(candidates(catalog, role, cloud, own), role.kinds, job, inside)
    spoken = speaking(catalog, role.kinds, set(needs.protocols))
    try:
        kept = model_roles.narrow_list(
            candidates(spoken, role, cloud, own), role.kinds, job, inside
        )
    except ScoringError:  # nothing on this cloud speaks it: the scores decide, as `speaking`
        kept = every  # leaves the role whole when nothing in the catalog does
    why = ruled_out(every, role, kb.technology, ctx, needs)
    techs = [t for t in kept if t.name not in why] or kept
    names = {t.name for t in techs}
    out = {t.name: why.get(t.name, "narrowed away with its role") for t in every}
    return techs, {n: w for n, w in out.items() if n not in names}


def _sensitivity(
    catalog: Catalog,
    role: Role,
    ctx: Context,
    kb: TradeoffKB,
    best: str,
    job: model_roles.Job,
    asked: set[Protocol],
) -> list[dict[str, Any]]:
    """The pick with one assumption flipped: the probes of the trade-off data plus the
    other clouds and the opposite managed preference; each flipped context narrows its
    candidates by its own needs, as the answer does."""
    from archwright.advise.tradeoff import flip

    flips: list[tuple[str, str, Context | None]] = [
        (p.label, p.fact, flip(ctx, p)) for p in kb.probes
    ]
    for cloud in ("aws", "gcp", "azure"):
        if ctx.get("constraints.cloud") != cloud:
            flips.append(
                (
                    f"the cloud is {cloud}",
                    "constraints.cloud",
                    ctx.with_fact("constraints.cloud", cloud),
                )
            )
    managed = bool(ctx.get("constraints.managed_preferred"))
    flips.append(
        (
            f"managed services are {'not ' if managed else ''}preferred",
            "constraints.managed_preferred",
            ctx.with_fact("constraints.managed_preferred", not managed),
        )
    )
    out = []
    for label, fact, changed in flips:
        if changed is None:
            continue
        techs, _ = pool(catalog, role, changed, kb, job, role_needs(changed, role, job, asked))
        top = rank(techs, changed, kb, role)["ranking"][0]["technology"]
        out.append(
            {
                "assumption": label,
                "fact": fact,
                "from": describe(ctx.get(fact)),
                "to": describe(changed.get(fact)),
                "recommendation": top,
                "flips": top != best,
            }
        )
    return out


def protocols(speaks: str | None) -> set[Protocol]:
    """`websocket,mqtt` as protocols; an unknown name is refused with the known ones."""
    out: set[Protocol] = set()
    for name in (speaks or "").split(","):
        name = name.strip().lower()
        if not name:
            continue
        try:
            out.add(Protocol(name))
        except ValueError:
            known = ", ".join(sorted(p.value for p in Protocol))
            raise ScoringError(f"unknown protocol {name!r} (known: {known})") from None
    return out
