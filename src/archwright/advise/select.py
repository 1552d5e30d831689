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

from typing import Any

from archwright.advise.reading import understood
from archwright.generate import model_roles
from archwright.kb.catalog import Catalog, Technology
from archwright.kb.context import Context, assumptions, context_from, describe
from archwright.kb.scoring import (
    Role,
    ScoringError,
    candidates,
    cloud_of,
    growth,
    load_of,
    role_of,
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
) -> dict[str, Any]:
    """The full `select` answer: ranking now, the pick at the growth horizon, assumptions.

    `speaks` (protocols, comma-separated) narrows the role's candidates as `design` does;
    `horizon` is the years of stated growth the ceiling looks ahead."""
    base, job = model_roles.parse(kind)
    role = role_of(base)
    ctx = context_from(understood(req), kb)
    if horizon is not None:
        ctx = ctx.with_fact("analysis.horizon_years", horizon)
    catalog = speaking(catalog, role.kinds, protocols(speaks))
    # Narrowed as design narrows a role: an embedder among embedders, training among ML
    # platforms, a fallback away from the primary's provider (generate/model_roles.py).
    techs = model_roles.narrow_list(
        candidates(catalog, role, cloud_of(ctx), self_hosting(ctx)), role.kinds, job
    )
    now = rank(techs, ctx, kb, role)
    load = load_of(ctx, role)
    factor, basis = growth(ctx, kb.technology)
    bigger = ctx.with_fact("analysis.headroom", 1)
    for fact in ("scale.events_per_second", "scale.peak_rps"):
        if ctx.get(fact):
            bigger = bigger.with_fact(fact, float(ctx.get(fact)) * factor)
    later = rank(techs, bigger, kb, role)
    best, best_later = now["ranking"][0], later["ranking"][0]
    need = {
        "kind": kind,
        "load_per_second": load,
        "ordering": ctx.get("needs.ordering"),
        "delivery": ctx.get("needs.delivery"),
        "cloud": ctx.get("constraints.cloud"),
        "managed_preferred": ctx.get("constraints.managed_preferred"),
        "team_experience": ctx.get("team.experience") or [],
        "speaks": sorted(p.value for p in protocols(speaks)),
    }
    at_horizon = {
        "factor": round(factor, 3),
        "basis": basis,
        "load_per_second": load * factor,
        "technology": best_later["technology"],
        "score": best_later["score"],
        "changes": best_later["technology"] != best["technology"],
        "reasons": best_later["reasons"],
        "ranking": [
            {"technology": r["technology"], "score": r["score"]} for r in later["ranking"][:5]
        ],
    }
    used = {
        "scale.events_per_second",
        "scale.peak_rps",
        "needs.ordering",
        "needs.delivery",
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
    }
    notes = assumptions(ctx, used)
    notes.append(f"load of {load:,.0f}/s treated as sustained for pay-per-request prices")
    notes.append("costs are catalog list prices; nodes = load / one node's sustained throughput")
    if not ctx.get("constraints.cloud"):
        notes.append(
            "no cloud stated: AWS assumed (as `design` does): candidates that run there, "
            "AWS list prices, AWS's managed services fit best"
        )
    return {
        "role": role.argument,
        "sensitivity": _sensitivity(catalog, role, ctx, kb, best["technology"]),
        "need": need,
        "ranking": [
            {k: r[k] for k in ("technology", "score", "reasons", "title", "scores")}
            for r in now["ranking"]
        ],
        "recommendation": best["technology"],
        "at_horizon": at_horizon,
        "assumptions": notes,
        "weights": {d: round(w, 3) for d, w in sorted(now["weights"].items())},
        "context_rules": now["weight_reasons"],
    }


def _sensitivity(
    catalog: Catalog, role: Role, ctx: Context, kb: TradeoffKB, best: str
) -> list[dict[str, Any]]:
    """The pick with one assumption flipped: the probes of the trade-off data plus the
    other clouds and the opposite managed preference."""
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
        techs = candidates(catalog, role, cloud_of(changed), self_hosting(changed))
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
