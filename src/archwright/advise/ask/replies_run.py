"""Answers from the analysis engines run on the model: chaos, simulate, availability,
cost and audit. Every figure is read from the engine's result; nothing is computed here."""

from __future__ import annotations

from typing import Any

from archwright.advise.ask.asked import Asked
from archwright.advise.ask.result import Answer, Figure
from archwright.audit import audit as run_audit
from archwright.cost import monthly_cost
from archwright.simulate.availability import availability as run_availability
from archwright.simulate.chaos import ChaosInputError, Scenario, chaos
from archwright.simulate.chaos_report import throttling_lines
from archwright.simulate.load import default_rps, simulate

TOP = 5


def chaos_reply(a: Asked) -> Answer:
    s = a.slots
    region = s.region or _only_region(a)
    if not (s.components or s.zone or region):
        which = f" ('{s.ambiguous[0]}' could be several)" if s.ambiguous else ""
        return a.ask_back(
            f"Which component should fail{which}? Components: {a.component_list()}. "
            "For example: 'what if db goes down?'"
        )
    rps = default_rps(a.arch)
    scenario = Scenario(
        fail=list(s.components), zones=[s.zone] if s.zone else [], region=region, slow={}
    )
    try:
        result = chaos(a.arch, scenario, rps)
    except ChaosInputError as exc:
        return a.ask_back(f"The chaos engine cannot run that: {exc}")
    lines = [
        f"Failing {', '.join(result['injected']) or 'the ' + _where(s.zone, region)}"
        f" at {result['rps']:g} requests/s:"
    ]
    lines += [
        f"  step {c['step']}: {c['component']} {c['status']} ({c['cause']})"
        for c in result["cascade"]
    ]
    figures = [Figure("load", result["rps"], "req/s", "chaos")]
    for name, j in sorted(result["journeys"].items()):
        reason = f" — {j['reason']}" if j.get("reason") else ""
        lines.append(f"  journey {name}: {j['status']}{reason}")
        figures.append(Figure(f"journey {name}", j["status"], "", "chaos"))
    for item in result.get("throttling", []):
        lines += throttling_lines(item)
    if result.get("contained_by"):
        lines.append(f"Contained by: {', '.join(result['contained_by'])}")
    if result.get("would_contain"):
        lines.append(
            "A circuit breaker or fallback on "
            f"{', '.join(result['would_contain'])} would contain it."
        )
    pushback = _contained(a, scenario, rps, result)
    args = ["archwright", "chaos", a.arch_name]
    if s.components:
        args += ["--fail", ",".join(s.components)]
    if s.zone:
        args += ["--zone", s.zone]
    if region:
        args += ["--region", region]
    # the CLI defaults to the same load
    return a.reply("\n".join(lines), figures, a.command(*args), pushback)


def _contained(a: Asked, scenario: Scenario, rps: float, result: dict[str, Any]) -> list[str]:
    """The suggested breakers put to the test: the same failure re-run with them on."""
    calls = set(result.get("would_contain") or [])
    if not calls:
        return []
    guarded = a.arch.model_copy(deep=True)
    for conn in guarded.connections:
        if conn.id in calls:
            conn.circuit_breaker = True
    again = chaos(guarded, scenario, rps)
    still = sorted(n for n, j in again["journeys"].items() if j["status"] != "ok")
    failed = [n for n, j in result["journeys"].items() if j["status"] != "ok"]
    saved = sorted(n for n in failed if n not in still)
    where = ", ".join(sorted(calls))
    if still:
        return [
            f"A breaker on {where} does not save it: re-run with one, the chaos engine still "
            f"fails {', '.join(still)}" + (f" (saved: {', '.join(saved)})" if saved else "") + "."
        ]
    return [
        f"A breaker on {where} contains it (re-run with one, no journey fails), provided the "
        "calls it cuts have a degraded answer to give."
    ]


def _only_region(a: Asked) -> str | None:
    """The model's region when the question says 'the region' and the model has one."""
    regions = a.arch.requirements.constraints.regions
    if "region" in a.question.lower() and len(regions) == 1:
        return regions[0]
    return None


def _where(zone: str | None, region: str | None) -> str:
    return f"zone {zone}" if zone else f"region {region}"


def simulate_reply(a: Asked) -> Answer:
    s = a.slots
    factor = s.factor or 1.0
    result = simulate(a.arch, s.rps, factor)
    figures = [
        Figure("load", result["rps"], "req/s", "simulate"),
        Figure("max_rps", result["max_rps"], "req/s", "simulate"),
        Figure("bottleneck", str(result["bottleneck"]), "", "simulate"),
    ]
    lines = [
        f"Load: {result['rps']:g} requests/s ({result['load_basis']}).",
        f"The design sustains {result['max_rps']:g} requests/s; the bottleneck is "
        f"{result['bottleneck']}.",
    ]
    for name, j in sorted(result["journeys"].items()):
        p99 = j["latency_ms"]["p99"]
        figures.append(
            Figure(f"p99 {name}", p99 if p99 is not None else "saturated", "ms", "simulate")
        )
        lines.append(
            f"  {name}: P99 " + (f"{p99:g} ms" if p99 is not None else "unbounded (saturated)")
        )
    for cid in s.components:
        comp = result["components"].get(cid, {})
        if comp:
            figures.append(Figure(f"utilization {cid}", comp["utilization"], "", "simulate"))
            lines.append(
                f"  {cid}: utilization {comp['utilization']:.0%}, "
                f"saturates at {comp['saturates_at_rps']:g} requests/s"
            )
    recs = result.get("recommendations", [])
    if recs:
        lines.append("Recommendations:")
        lines += [f"  - {r['text']}" for r in recs[:TOP]]
    args = ["archwright", "simulate", a.arch_name]
    if s.rps is not None:
        args += ["--rps", f"{s.rps:g}"]
    if s.factor is not None:
        args += ["--scale", f"{s.factor:g}"]
    return a.reply("\n".join(lines), figures, a.command(*args), _scaled_out(a, result))


def _scaled_out(a: Asked, result: dict[str, Any]) -> list[str]:
    """The first "raise replicas" recommendation put to the test: its cost, and what the
    simulator says the design sustains once it is done (often: the next bottleneck)."""
    rec = next(
        (
            r
            for r in result.get("recommendations", [])
            if r["action"] == "add_replicas" and r.get("replicas_needed") and r.get("target")
        ),
        None,
    )
    if rec is None:
        return []
    scaled = a.arch.model_copy(deep=True)
    comp = scaled.components_by_id().get(rec["target"])
    if comp is None:
        return []
    comp.replicas = rec["replicas_needed"]
    before = monthly_cost(a.arch, a.catalog, None)
    after = monthly_cost(scaled, a.catalog, None)
    again = simulate(scaled, a.slots.rps, a.slots.factor or 1.0)
    return [
        f"Raising {rec['target']} to {rec['replicas_needed']} replicas costs "
        f"{before.monthly_total:,.2f} -> {after.monthly_total:,.2f} {after.currency}/month "
        f"(cost), and the simulator then puts the ceiling at {again['max_rps']:g} requests/s "
        f"with {again['bottleneck']} the bottleneck: one fix rarely is the whole answer."
    ]


def availability_reply(a: Asked) -> Answer:
    rps = default_rps(a.arch)
    result = run_availability(a.arch, rps)
    overall = result["overall"]
    figures = [
        Figure("availability", overall["percent"], "%", "availability"),
        Figure("downtime", overall["downtime_min_per_month"], "min/month", "availability"),
    ]
    slo = result.get("slo_percent")
    lines = [
        f"Composite availability {overall['percent']:g}% "
        f"({overall['downtime_min_per_month']:g} min of downtime a month)"
        + (f" against an SLO of {slo:g}%." if slo is not None else "; no SLO is stated.")
    ]
    if slo is not None:
        figures.append(Figure("slo", slo, "%", "availability"))
    for name, j in sorted(result["journeys"].items()):
        verdict = "meets" if j.get("meets_slo") else "misses"
        weakest = ", ".join(j.get("weakest", []))
        lines.append(f"  {name}: {j['percent']:g}% ({verdict} the SLO; weakest: {weakest})")
        figures.append(Figure(f"availability {name}", j["percent"], "%", "availability"))
    return a.reply("\n".join(lines), figures, a.command("archwright", "availability", a.arch_name))


def cost_reply(a: Asked) -> Answer:
    result = monthly_cost(a.arch, a.catalog, a.slots.cloud)
    figures = [Figure("monthly_total", result.monthly_total, result.currency, "cost")]
    lines = [f"Monthly cost on {result.cloud}: {result.monthly_total:,.2f} {result.currency}."]
    budget = a.requirements.budget.monthly_usd
    if budget:
        lines.append(f"The stated budget is {budget:,.2f} USD a month.")
        figures.append(Figure("budget", float(budget), "USD", "requirements"))
    named = [cid for cid in a.slots.components if cid in result.components]
    priced = [(cid, c) for cid, c in result.components.items() if c.priced]
    shown = [(cid, result.components[cid]) for cid in named] or sorted(
        priced, key=lambda kv: (-kv[1].monthly, kv[0])
    )[:TOP]
    for cid, c in shown:
        lines.append(f"  {cid}: {c.monthly:,.2f} ({c.basis})")
        figures.append(Figure(f"monthly {cid}", c.monthly, result.currency, "cost"))
    for alt in result.alternatives[:TOP]:
        lines.append(
            f"  cheaper: {alt.suggestion} instead of {alt.current} for {alt.component} "
            f"saves {alt.saving:,.2f}/month ({alt.tradeoff})"
        )
    args = ["archwright", "cost", a.arch_name]
    if a.slots.cloud:
        args += ["--cloud", a.slots.cloud]
    return a.reply("\n".join(lines), figures, a.command(*args))


def audit_reply(a: Asked) -> Answer:
    report = run_audit(a.arch)
    active = sorted(report.active, key=lambda f: (-f.severity.rank, f.rule_id, f.targets))
    figures: list[Figure] = [
        Figure("findings", len(report.active), "", "audit"),
        Figure("overall_grade", report.overall.grade, "", "audit"),
    ]
    lines = [
        f"{len(report.active)} findings; overall grade {report.overall.grade} "
        f"({report.overall.score}/100)."
    ]
    for f in active[:TOP]:
        lines.append(f"  [{f.severity.value}] {f.rule_id} {', '.join(f.targets)}: {f.message}")
        lines.append(f"      fix: {f.fix}")
    if len(active) > TOP:
        lines.append(f"  … and {len(active) - TOP} more (run the command below).")
    return a.reply("\n".join(lines), figures, a.command("archwright", "audit", a.arch_name))
