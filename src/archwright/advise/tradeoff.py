"""Trade-off analysis: options scored on dimensions under the team's own context.

Base scores come from data (patterns in kb/tradeoffs, catalog fields for technologies,
the model for architecture files); context rules (data too) reweight dimensions and
adjust cells, each adjustment leaving its reason in the cell. The recommendation is the
best weighted mean (equal means: the simpler option to run, then the one with less to
learn, then by name — `tie_break` in kb/tradeoffs/technology.yaml); technologies are
weighed with the one scorer's weights (kb/scoring.py), so `tradeoff` and `select` agree.
Sensitivity re-runs the whole
computation with one named assumption flipped and reports which flips change the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archwright.kb.context import Context, assumptions, describe, fill, holds
from archwright.kb.tradeoffs import Probe, Score, TradeoffKB


class TradeoffError(ValueError):
    """The options or dimensions asked for cannot be compared; phrased for the user."""


@dataclass(frozen=True)
class Candidate:
    """One option with its base scores, before the context is applied."""

    name: str
    title: str
    source: str  # pattern | technology | architecture
    family: str
    base: dict[str, Score]
    irreversible: list[str] = field(default_factory=list)
    considerations: list[str] = field(default_factory=list)
    rescore: Any = None  # technologies: Context -> dict[str, Score] (scores depend on it)


def evaluate(
    candidates: list[Candidate],
    dims: list[str],
    ctx: Context,
    kb: TradeoffKB,
    what_if: list[Probe] | None = None,
    needs: Callable[[Context], dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The full answer: matrix, totals, recommendation, sensitivity, irreversible parts.

    `what_if` adds assumptions the person names to the probes of the knowledge base;
    they are always reported, even when they change nothing. `needs` names the options
    that cannot fill the role in a context, and why (technologies: kb/scoring.ruled_out);
    they are scored and shown, ranked last, and never recommended."""
    if len(candidates) < 2:
        raise TradeoffError("a trade-off needs at least two options")
    names = [c.name for c in candidates]
    if len(set(names)) != len(names):
        raise TradeoffError("the same option is named twice")
    for cand in candidates:
        missing = [d for d in dims if d not in _base(cand, ctx, dims)]
        if missing:
            raise TradeoffError(
                f"{cand.name} has no score for {', '.join(missing)} "
                f"(it is scored on: {', '.join(sorted(_base(cand, ctx, dims)))})"
            )
    result = _score(candidates, dims, ctx, kb, needs)
    ranked = _ranked(names, result, kb.technology.tie_break)
    best, runner = ranked[0], ranked[1]
    answer: dict[str, Any] = {
        "options": names,
        "dimensions": dims,
        "matrix": result["matrix"],
        "recommendation": best,
        "ranking": ranked,
        "totals": result["totals"],
        "ruled_out": result["ruled_out"],
        "weights": result["weights"],
        "rationale": _rationale(best, runner, result, dims),
        "assumptions": assumptions(ctx, _used_facts(kb, ctx)),
        "sensitivity": _sensitivity(
            candidates, dims, ctx, kb, best, result["totals"], what_if or [], needs
        ),
        "irreversible": {c.name: list(c.irreversible) for c in candidates},
        "considerations": {c.name: list(c.considerations) for c in candidates},
        "rules_applied": result["rules"],
    }
    answer["flipped_by"] = [s["fact"] for s in answer["sensitivity"] if s["flips"]]
    return answer


def _ranked(names: list[str], result: dict[str, Any], tie_break: list[str]) -> list[str]:
    """Options that can fill the role first, then best total; equal totals by the
    tie-break dimensions (simpler to run, less to learn), then by name, so the order
    options are given in never decides (`tradeoff a b` and `tradeoff b a` recommend the
    same one)."""
    totals, matrix, out = result["totals"], result["matrix"], result["ruled_out"]

    def key(name: str) -> tuple[bool | float | str, ...]:
        row = matrix[name]
        cells = tuple(-row[d]["score"] if d in row else 0 for d in tie_break)
        return (name in out, -totals[name], *cells, name)

    return sorted(names, key=key)


def _base(cand: Candidate, ctx: Context, dims: list[str]) -> dict[str, Score]:
    if cand.rescore is not None:
        rescored: dict[str, Score] = cand.rescore(ctx, dims)
        return rescored
    return cand.base


def _score(
    candidates: list[Candidate],
    dims: list[str],
    ctx: Context,
    kb: TradeoffKB,
    needs: Callable[[Context], dict[str, str]] | None = None,
) -> dict[str, Any]:
    # Technologies are weighed as the one scorer weighs them; patterns start equal.
    start = kb.technology.select_weights if candidates[0].source == "technology" else {}
    weights = {d: start.get(d, 1.0) for d in dims}
    weight_reasons: dict[str, list[str]] = {d: [] for d in dims}
    applied: list[str] = []
    adjustments: list[tuple[str, str, int, str]] = []
    families = {c.family for c in candidates}
    for rule in kb.rules:
        if rule.families and not families & set(rule.families):
            continue
        if not all(holds(c, ctx) for c in rule.when):
            continue
        reason = fill(rule.reason, ctx)
        touched = False
        for dim, factor in sorted(rule.weights.items()):
            if dim in weights:
                weights[dim] *= factor
                weight_reasons[dim].append(f"x{factor:g}: {reason}")
                touched = True
        for adj in rule.adjust:
            if adj.dimension in dims:
                adjustments.append((adj.option, adj.dimension, adj.delta, reason))
                touched = True
        if touched:
            applied.append(rule.id)
    matrix: dict[str, dict[str, dict[str, Any]]] = {}
    totals: dict[str, float] = {}
    for cand in candidates:
        base = _base(cand, ctx, dims)
        row: dict[str, dict[str, Any]] = {}
        for dim in dims:
            score, reasons = base[dim].score, [base[dim].reason]
            for option, a_dim, delta, why in adjustments:
                if a_dim == dim and option in (cand.name, "*"):
                    new = max(1, min(5, score + delta))
                    if new != score:
                        reasons.append(f"{delta:+d} ({why})")
                        score = new
            row[dim] = {"score": score, "reason": "; ".join(reasons)}
        matrix[cand.name] = row
        total_w = sum(weights.values())
        totals[cand.name] = round(sum(row[d]["score"] * weights[d] for d in dims) / total_w, 3)
    return {
        "matrix": matrix,
        "totals": totals,
        "weights": {
            d: {"weight": round(weights[d], 3), "reasons": weight_reasons[d]} for d in dims
        },
        "rules": applied,
        "ruled_out": needs(ctx) if needs is not None else {},
    }


def _rationale(best: str, runner: str, result: dict[str, Any], dims: list[str]) -> list[str]:
    """Why the winner beat the runner-up: the weighted cells that made the difference."""
    matrix, weights, totals = result["matrix"], result["weights"], result["totals"]
    gaps = []
    for dim in dims:
        diff = (matrix[best][dim]["score"] - matrix[runner][dim]["score"]) * weights[dim]["weight"]
        if diff:
            gaps.append((diff, dim))
    gaps.sort(key=lambda g: (-abs(g[0]), g[1]))
    lines = [f"{best} scores {totals[best]:.2f} against {runner}'s {totals[runner]:.2f}"]
    lines += [f"{name} is ruled out: {why}" for name, why in sorted(result["ruled_out"].items())]
    for diff, dim in gaps[:4]:
        side, other = (best, runner) if diff > 0 else (runner, best)
        lines.append(
            f"{dim}: {side} {matrix[side][dim]['score']} vs {other} "
            f"{matrix[other][dim]['score']} (weight {weights[dim]['weight']:g}) — "
            f"{matrix[side][dim]['reason']}"
        )
    return lines


def _used_facts(kb: TradeoffKB, ctx: Context) -> set[str]:
    """Facts any rule or probe reads, plus every fact actually stated."""
    used = {c.fact for r in kb.rules for c in r.when} | {p.fact for p in kb.probes}
    return (used & set(ctx.facts)) | (set(ctx.facts) - set(ctx.assumed))


def flip(ctx: Context, probe: Probe) -> Context | None:
    """The context with the probe's assumption changed, or None when it changes nothing."""
    current = ctx.get(probe.fact)
    if probe.add is not None:
        have = list(current or [])
        if probe.add in have:
            return None
        return ctx.with_fact(probe.fact, sorted([*have, probe.add]))
    if probe.multiply is not None:
        if current is None:
            return None
        return ctx.with_fact(probe.fact, float(current) * probe.multiply)
    if current == probe.set:
        return None
    return ctx.with_fact(probe.fact, probe.set)


def _sensitivity(
    candidates: list[Candidate],
    dims: list[str],
    ctx: Context,
    kb: TradeoffKB,
    best: str,
    totals: dict[str, float],
    asked: list[Probe],
    needs: Callable[[Context], dict[str, str]] | None = None,
) -> list[dict[str, Any]]:
    out = []
    names = [c.name for c in candidates]
    for probe in [*asked, *kb.probes]:
        changed = flip(ctx, probe)
        if changed is None and probe not in asked:
            continue
        changed = changed or ctx
        result = _score(candidates, dims, changed, kb, needs)
        new_best = _ranked(names, result, kb.technology.tie_break)[0]
        if result["totals"] == totals and new_best == best and probe not in asked:
            continue
        out.append(
            {
                "assumption": probe.label,
                "fact": probe.fact,
                "from": describe(ctx.get(probe.fact)),
                "to": describe(changed.get(probe.fact)),
                "recommendation": new_best,
                "flips": new_best != best,
                "totals": result["totals"],
            }
        )
    return out
