"""Technology selection: rank the catalog's candidates for a kind under the context.

Guarantees (ordering, delivery) are weighed heaviest because a missed guarantee is a
correctness bug; then operational burden, cost at the stated load, the team's learning
curve and experience, cloud fit and lock-in. The same ranking is recomputed at 10x the
load to show when the practical pick today stops being the right one.
"""

from __future__ import annotations

from typing import Any

from archwright.advise.context import Context, assumptions, context_from, describe, fill, holds
from archwright.advise.techscore import load_of, score_technology
from archwright.kb.catalog import Catalog, Technology
from archwright.kb.tradeoffs import TradeoffKB
from archwright.model import KIND_GROUP, Kind, KindGroup, Requirements


class SelectError(ValueError):
    """The kind asked for does not exist or has no candidates."""


def candidates_for(kind: str, catalog: Catalog) -> list[Technology]:
    """Technologies serving a kind (`stream`) or a kind group (`messaging`)."""
    key = kind.lower().strip().replace("-", "_")
    kinds: list[Kind] = []
    if key in {k.value for k in Kind}:
        kinds = [Kind(key)]
    elif key in {g.value for g in KindGroup}:
        kinds = [k for k, g in KIND_GROUP.items() if g is KindGroup(key)]
    else:
        known = sorted({k.value for k in Kind} | {g.value for g in KindGroup})
        raise SelectError(f"unknown kind {kind!r} (known: {', '.join(known)})")
    seen: dict[str, Technology] = {}
    for k in kinds:
        for tech in catalog.of_kind(k):
            seen.setdefault(tech.name, tech)
    if not seen:
        raise SelectError(f"the catalog has no technology of kind {kind!r}")
    return list(seen.values())


def _weights(ctx: Context, kb: TradeoffKB) -> tuple[dict[str, float], list[str]]:
    weights = dict(kb.technology.select_weights)
    reasons = []
    for rule in kb.rules:
        if rule.families or not rule.weights or not all(holds(c, ctx) for c in rule.when):
            continue
        hit = False
        for dim, factor in sorted(rule.weights.items()):
            if dim in weights:
                weights[dim] *= factor
                hit = True
        if hit:
            reasons.append(fill(rule.reason, ctx))
    return weights, reasons


def rank(techs: list[Technology], ctx: Context, kb: TradeoffKB) -> dict[str, Any]:
    weights, weight_reasons = _weights(ctx, kb)
    dims = sorted(weights)
    ranking: list[dict[str, Any]] = []
    for tech in techs:
        cells = score_technology(tech, ctx, kb.technology, dims)
        total = sum(cells[d].score * weights[d] for d in cells) / sum(weights[d] for d in cells)
        reasons = [f"{d} {cells[d].score}/5: {cells[d].reason}" for d in dims if d in cells]
        ranking.append(
            {
                "technology": tech.name,
                "title": tech.title,
                "score": round(total, 3),
                "reasons": reasons,
                "scores": {d: cells[d].score for d in dims if d in cells},
            }
        )
    ranking.sort(key=lambda r: (-r["score"], r["technology"]))
    return {"ranking": ranking, "weights": weights, "weight_reasons": weight_reasons}


def select(kind: str, req: Requirements | None, catalog: Catalog, kb: TradeoffKB) -> dict[str, Any]:
    """The full `select` answer: ranking now, the pick at 10x, and the assumptions."""
    techs = candidates_for(kind, catalog)
    ctx = context_from(req, kb)
    now = rank(techs, ctx, kb)
    load = load_of(ctx)
    bigger = ctx.with_fact("analysis.headroom", 1)
    for fact in ("scale.events_per_second", "scale.peak_rps"):
        if ctx.get(fact):
            bigger = bigger.with_fact(fact, float(ctx.get(fact)) * 10)
    later = rank(techs, bigger, kb)
    best, best_10x = now["ranking"][0], later["ranking"][0]
    need = {
        "kind": kind,
        "load_per_second": load,
        "ordering": ctx.get("needs.ordering"),
        "delivery": ctx.get("needs.delivery"),
        "cloud": ctx.get("constraints.cloud"),
        "managed_preferred": ctx.get("constraints.managed_preferred"),
        "team_experience": ctx.get("team.experience") or [],
    }
    at_10x = {
        "load_per_second": load * 10,
        "technology": best_10x["technology"],
        "score": best_10x["score"],
        "changes": best_10x["technology"] != best["technology"],
        "reasons": best_10x["reasons"],
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
        "team.size",
        "budget.monthly_usd",
    }
    notes = assumptions(ctx, used)
    notes.append(f"load of {load:,.0f}/s treated as sustained for pay-per-request prices")
    notes.append("costs are catalog list prices; nodes = load / one node's sustained throughput")
    if not ctx.get("constraints.cloud"):
        notes.append("no cloud stated: prices are AWS list prices and cloud fit is neutral")
    return {
        "sensitivity": _sensitivity(techs, ctx, kb, best["technology"]),
        "need": need,
        "ranking": [
            {k: r[k] for k in ("technology", "score", "reasons", "title", "scores")}
            for r in now["ranking"]
        ],
        "recommendation": best["technology"],
        "at_10x": at_10x,
        "assumptions": notes,
        "weights": {d: round(w, 3) for d, w in sorted(now["weights"].items())},
        "context_rules": now["weight_reasons"],
    }


def _sensitivity(
    techs: list[Technology], ctx: Context, kb: TradeoffKB, best: str
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
        top = rank(techs, changed, kb)["ranking"][0]["technology"]
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
