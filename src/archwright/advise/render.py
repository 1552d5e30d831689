"""Plain-text renderings of the advise results (deterministic, no colour, no width probe)."""

from __future__ import annotations

from typing import Any


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A fixed-width text table."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    lines = ["  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip())
    return "\n".join(lines) + "\n"


def bullets(title: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"\n{title}\n" + "".join(f"  - {item}\n" for item in items)


def tradeoff_text(result: dict[str, Any]) -> str:
    opts, dims, matrix = result["options"], result["dimensions"], result["matrix"]
    rows = []
    for dim in dims:
        weight = result["weights"][dim]["weight"]
        rows.append([f"{dim} (x{weight:g})", *[str(matrix[o][dim]["score"]) for o in opts]])
    rows.append(["weighted total", *[f"{result['totals'][o]:.2f}" for o in opts]])
    out = table(["dimension", *opts], rows)
    out += f"\nRecommendation: {result['recommendation']}\n"
    out += "".join(f"  {line}\n" for line in result["rationale"])
    out += "\nReasons\n"
    for opt in opts:
        out += f"  {opt}\n"
        for dim in dims:
            cell = matrix[opt][dim]
            out += f"    {dim} {cell['score']}: {cell['reason']}\n"
    weights = [f"{d}: {r}" for d in dims for r in result["weights"][d]["reasons"]]
    out += bullets("Context rules", weights)
    out += bullets("Assumptions", result["assumptions"])
    sens = [
        f"{s['assumption']} ({s['fact']}: {s['from']} -> {s['to']}): "
        + (f"FLIPS to {s['recommendation']}" if s["flips"] else f"still {s['recommendation']}")
        for s in result["sensitivity"]
    ]
    out += bullets("Sensitivity", sens)
    for opt in opts:
        out += bullets(f"Irreversible ({opt})", result["irreversible"][opt])
    for opt in opts:
        out += bullets(f"Often forgotten ({opt})", result["considerations"].get(opt, []))
    return out


def select_text(result: dict[str, Any], top: int) -> str:
    dims = sorted(result["weights"])
    rows = [
        [r["technology"], f"{r['score']:.2f}", *[str(r["scores"].get(d, "-")) for d in dims]]
        for r in result["ranking"][:top]
    ]
    headers = ["technology", "score", *[f"{d} x{result['weights'][d]:g}" for d in dims]]
    out = table(headers, rows)
    best = result["ranking"][0]
    out += f"\nRecommendation now: {result['recommendation']}\n"
    out += "".join(f"  {r}\n" for r in best["reasons"])
    later = result["at_horizon"]
    verb = "changes to" if later["changes"] else "stays"
    out += (
        f"\nAt the growth horizon, {later['factor']:,.1f}x ({later['load_per_second']:,.0f}/s; "
        f"{later['basis']}): {verb} {later['technology']}\n"
    )
    out += "".join(f"  {r}\n" for r in later["reasons"])
    out += bullets("Context rules", result["context_rules"])
    out += bullets("Ruled out", [f"{n}: {why}" for n, why in result["ruled_out"].items()])
    out += bullets("Assumptions", result["assumptions"])
    out += bullets(
        "Sensitivity",
        [
            f"{s['assumption']} ({s['fact']}: {s['from']} -> {s['to']}): "
            f"FLIPS to {s['recommendation']}"
            for s in result["sensitivity"]
            if s["flips"]
        ],
    )
    return out


def estimate_text(result: dict[str, Any]) -> str:
    from archwright.advise.estimate import human_bytes

    rows = []
    for s in result["steps"]:
        if s["unit"] in ("KB", "KB/day"):
            shown = human_bytes(s["value"]) + s["unit"][2:]
        else:
            shown = f"{s['value']:,.2f} {s['unit']}"
        rows.append([s["name"], s["formula"], shown])
    out = table(["step", "how", "result"], rows)
    out += "\nSummary\n" + "".join(f"  {k}: {v}\n" for k, v in result["summary"].items())
    out += f"  (server capacity from {result['inputs']['server_source']})\n"
    if result.get("assumptions"):
        out += "Assumptions\n" + "".join(f"  - {a}\n" for a in result["assumptions"])
    return out


def slo_text(result: dict[str, Any]) -> str:
    rows = []
    for name, entry in sorted(result["journeys"].items()):
        slo = entry["slo"]
        p99 = slo["p99_latency_ms"]
        rows.append(
            [
                f"journey {name}",
                f"{slo['target_percent']:g}%",
                f"{slo['error_budget_minutes_per_month']:g}",
                f"{p99:g} ms" if p99 else "-",
            ]
        )
    for name, entry in sorted(result["components"].items()):
        slo = entry["slo"]
        rows.append(
            [
                f"component {name}",
                f"{slo['target_percent']:g}%",
                f"{slo['error_budget_minutes_per_month']:g}",
                "-",
            ]
        )
    out = table(["scope", "SLO", "budget min/month", "p99"], rows)
    out += "\nAlerts (each journey and component)\n"
    sample = next(iter(result["journeys"].values()), None) or next(
        iter(result["components"].values()), None
    )
    if sample:
        for a in sample["alerts"]:
            out += (
                f"  {a['severity']}: burn {a['burn_rate']:g}x over {a['long_window']} "
                f"and {a['short_window']} ({a['budget_spent_percent']}% of budget)\n"
            )
    out += bullets("Assumptions", result["assumptions"])
    out += bullets("Written", result.get("written", []))
    return out


def migrate_text(result: dict[str, Any]) -> str:
    out = f"Strangler-fig plan for {result['monolith']}\n"
    out += f"Extraction order: {' -> '.join(result['extraction_order'])}"
    out += f" (stays in the core: {result['remains_in_core']})\n"
    seams = [
        f"{' <-> '.join(s['between'])} (weight {s['weight']}): {', '.join(s['because'])}"
        for s in result["riskiest_seams"]
    ]
    out += bullets("Riskiest seams", seams)
    for ph in result["phases"]:
        extra = f" [coupling {ph['coupling']}, risk {ph['risk']}]" if "risk" in ph else ""
        out += f"\nPhase {ph['phase']}: {ph['title']}{extra}\n"
        for step in ph.get("steps", []):
            out += f"  - {step}\n"
        if ph.get("endpoints_to_route"):
            out += f"  route: {', '.join(ph['endpoints_to_route'])}\n"
        if ph.get("jobs_to_move"):
            out += f"  move jobs: {', '.join(ph['jobs_to_move'])}\n"
        for line in ph.get("data", []):
            out += f"  data: {line}\n"
        out += f"  rollback: {ph['rollback']}\n"
    return out


def compare_text(result: dict[str, Any]) -> str:
    out = f"{result['a']}  ->  {result['b']}\n"
    rows = []
    for what in ("components", "connections"):
        part = result[what]
        rows += [[what, "added", x] for x in part["added"]]
        rows += [[what, "removed", x] for x in part["removed"]]
        for cid, diffs in part["changed"].items():
            for field, d in diffs.items():
                rows.append([what, "changed", f"{cid}.{field}: {d['from']} -> {d['to']}"])
    out += table(["part", "change", "what"], rows) if rows else "no structural change\n"
    if "audit" in result:
        au = result["audit"]
        out += f"\nAudit: overall {au['overall']['from']} -> {au['overall']['to']}\n"
        out += "".join(f"  grade {c}: {g['from']} -> {g['to']}\n" for c, g in au["grades"].items())
        out += "".join(f"  new {f['rule_id']} {f['title']}\n" for f in au["new"])
        out += "".join(f"  fixed {f['rule_id']} {f['title']}\n" for f in au["fixed"])
    if "cost" in result:
        c = result["cost"]
        out += f"\nCost: ${c['from']:,.2f} -> ${c['to']:,.2f}/month ({c['delta']:+,.2f})\n"
    if "capacity" in result:
        cap = result["capacity"]
        out += (
            f"\nCapacity: max {cap['max_rps']['from']} -> {cap['max_rps']['to']} rps; "
            f"bottleneck {cap['bottleneck']['from']} -> {cap['bottleneck']['to']}\n"
        )
        for name, p99 in cap.get("p99_ms", {}).items():
            before, after = (p99[k] if p99[k] is not None else "-" for k in ("from", "to"))
            out += f"  P99 {name}: {before} -> {after} ms\n"
    if "availability" in result:
        av = result["availability"]
        out += (
            f"\nAvailability: {av['percent']['from']}% -> {av['percent']['to']}% "
            f"({av['downtime_min_per_month']['from']} -> "
            f"{av['downtime_min_per_month']['to']} min/month down)\n"
        )
    return out


def critique_text(result: dict[str, Any]) -> str:
    out = f"Critique of {result['architecture']}\n"
    modes = [f"{m['mode']}\n      evidence: {m['evidence']}" for m in result["failure_modes"]]
    out += bullets("Most likely failure modes", modes)
    out += bullets("Fails at 10x", result["fails_at_10x"])
    out += bullets("Hidden operational costs", result["hidden_operational_costs"])
    out += bullets("Simpler alternatives", result["simpler_alternatives"])
    out += bullets("Tech-debt risks", result["tech_debt_risks"])
    return out


def interview_text(result: dict[str, Any]) -> str:
    out = f"{result['challenge']}: score {result['score']}/100\n"
    out += "".join(f"  {k}: {v:.0%}\n" for k, v in result["parts"].items())
    out += bullets(
        "Missing components",
        [
            f"{m['kind']} (reference: {', '.join(m['reference'])})"
            + (f"; your {m['stand_in']} stands in for it (half credit)" if m["stand_in"] else "")
            for m in result["missing_components"]
        ],
    )
    if result["audit"]:
        out += bullets("Audit", [f"overall {result['audit']['overall']}", *result["audit"]["top"]])
    if result["capacity"]:
        c = result["capacity"]
        out += (
            f"\nCapacity: {c['max_rps']} rps against a stated peak of "
            f"{c['stated_peak_rps']} (bottleneck {c['bottleneck']})\n"
        )
    out += bullets("Study", [f"{s['topic']}: {s['why']}" for s in result["study"]])
    out += bullets("What makes it hard", result["notes"])
    if result["unavailable"]:
        out += f"\nNot graded (engine not installed): {', '.join(result['unavailable'])}\n"
    return out
