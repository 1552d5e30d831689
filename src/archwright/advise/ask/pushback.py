"""Arguing against our own recommendation: the strongest case against the pick and what
would flip it, read from the engines' sensitivity analyses (never invented here).

The brief asks the partner to argue against its own suggestion. The case against is the
dimension where the runner-up beats the pick by the most weight; what would flip it is
each probed assumption the engine re-ran that changes the answer, or, when none does,
the probe that came closest, with the engine's totals under it.
"""

from __future__ import annotations

from typing import Any


def against_tradeoff(result: dict[str, Any]) -> list[str]:
    best = result["recommendation"]
    runner = _runner_up(result["totals"], best)
    out = []
    if runner is not None:
        weights = {d: w["weight"] for d, w in result["weights"].items()}
        case = _strongest_gap(result["matrix"][best], result["matrix"][runner], weights)
        if case is not None:
            dim, theirs, ours = case
            reason = result["matrix"][runner][dim]["reason"]
            out.append(
                f"Against {best}: {runner} scores {dim} {theirs}/5 against {ours}/5 "
                f"(weight {weights[dim]:g}) — {reason}."
            )
    out += _flips(result["sensitivity"], best, result["totals"])
    out += [f"Hard to undo with {best}: {x}." for x in result["irreversible"].get(best, [])]
    return out


def against_selection(result: dict[str, Any]) -> list[str]:
    ranking = result["ranking"]
    if not ranking:
        return []
    best = ranking[0]
    out = []
    if len(ranking) > 1:
        runner = ranking[1]
        weights = {d: float(w) for d, w in result["weights"].items()}
        mine = {d: {"score": v} for d, v in best["scores"].items()}
        theirs = {d: {"score": v} for d, v in runner["scores"].items()}
        case = _strongest_gap(mine, theirs, weights)
        if case is not None:
            dim, their, our = case
            why = next((r for r in runner["reasons"] if r.startswith(f"{dim} ")), "")
            out.append(
                f"Against {best['technology']}: {runner['technology']} scores {dim} "
                f"{their}/5 against {our}/5 (score {runner['score']:g} vs {best['score']:g})"
                + (f" — {why}." if why else ".")
            )
    at10 = result.get("at_horizon") or {}
    if at10.get("changes"):
        out.append(
            f"What would flip it: at {at10['load_per_second']:g}/s "
            f"({at10.get('factor', 10):g}x: {at10.get('basis', 'growth assumed')}) "
            f"the pick becomes {at10['technology']} (score {at10['score']:g})."
        )
    flips = [s for s in result.get("sensitivity", []) if s.get("flips")]
    out += [
        f"What would flip it: {s['assumption']} ({s['fact']} {s['from']} -> {s['to']}) "
        f"makes it {s['recommendation']}."
        for s in flips
    ]
    if not at10.get("changes") and not flips:
        out.append(
            f"Nothing the engine probes flips it ({len(result.get('sensitivity', []))} "
            "assumptions re-run, including the load at the growth horizon)."
        )
    return out


def _runner_up(totals: dict[str, float], best: str) -> str | None:
    others = sorted((n for n in totals if n != best), key=lambda n: (-totals[n], n))
    return others[0] if others else None


def _strongest_gap(
    ours: dict[str, Any], theirs: dict[str, Any], weights: dict[str, float]
) -> tuple[str, int, int] | None:
    """The dimension where the other option beats ours by the most weight, if any."""
    gaps = [
        ((theirs[d]["score"] - ours[d]["score"]) * weights.get(d, 1.0), d)
        for d in sorted(set(ours) & set(theirs))
        if theirs[d]["score"] > ours[d]["score"]
    ]
    if not gaps:
        return None
    _, dim = max(gaps, key=lambda g: (g[0], g[1]))
    return dim, theirs[dim]["score"], ours[dim]["score"]


def _flips(sensitivity: list[dict[str, Any]], best: str, totals: dict[str, float]) -> list[str]:
    flips = [s for s in sensitivity if s["flips"]]
    if flips:
        return [
            f"What would flip it: {s['assumption']} ({s['fact']} {s['from']} -> {s['to']}) "
            f"makes it {s['recommendation']} ({_totals(s['totals'])})."
            for s in flips
        ]
    if not sensitivity:
        return ["No probed assumption changes the scores; the pick rests on the stated context."]

    def margin(s: dict[str, Any]) -> float:
        runner = _runner_up(s["totals"], best)
        return s["totals"][best] - s["totals"][runner] if runner else float("inf")

    closest = min(sensitivity, key=lambda s: (margin(s), s["assumption"]))
    return [
        f"None of the {len(sensitivity)} probed assumptions flips it; the closest is "
        f"{closest['assumption']} ({_totals(closest['totals'])})."
    ]


def _totals(totals: dict[str, float]) -> str:
    return ", ".join(f"{n} {v:g}" for n, v in sorted(totals.items(), key=lambda kv: -kv[1]))
