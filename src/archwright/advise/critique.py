"""The skeptical reviewer: what fails first, what breaks at 10x, what it really costs to
run, what simpler design would do, and where the debt accumulates.

Every point cites a figure from an engine (audit finding, simulated utilization, cost
estimate) or a catalog fact.
"""

from __future__ import annotations

from typing import Any

from archwright.advise import engines
from archwright.kb.catalog import Catalog, Hosting, Level
from archwright.model import STATEFUL_KINDS, Architecture, Kind, Severity

_FAILURE_CATEGORIES = ("reliability", "performance", "security")


def critique(arch: Architecture, catalog: Catalog) -> dict[str, Any]:
    audit = engines.audit_summary(arch)
    cost = engines.cost_summary(arch)
    at_10x = engines.capacity_summary(arch, scale=10.0)
    now = engines.capacity_summary(arch)
    avail = engines.availability_summary(arch)
    return {
        "architecture": arch.name,
        "failure_modes": _failure_modes(audit, now, avail),
        "fails_at_10x": _at_10x(at_10x, now),
        "hidden_operational_costs": _hidden_costs(arch, catalog, cost),
        "simpler_alternatives": _simpler(arch, catalog, cost),
        "tech_debt_risks": _debt(arch, audit),
    }


# A severity's rank by its value, read once: the findings' sort asked the enum per
# comparison key (169 lookups on 50 components).
_RANKS = {s.value: s.rank for s in Severity}


def _rank(severity: str) -> int:
    return _RANKS.get(severity, 0)


def _failure_modes(
    audit: dict[str, Any] | None, now: dict[str, Any] | None, avail: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """The three most likely: saturation now, then the worst reliability/performance/security
    findings, then the weakest link of availability."""
    modes: list[dict[str, Any]] = []
    if now is not None and now["saturated"]:
        modes.append(
            {
                "mode": f"{', '.join(now['saturated'])} saturated at the stated load",
                "evidence": f"simulate: utilization >= 1 at {now['rps']} rps "
                f"(max {now['max_rps']} rps, bottleneck {now['bottleneck']})",
                "source": "simulate",
            }
        )
    if audit is not None:
        worst = sorted(
            (f for f in audit["findings"] if f["category"] in _FAILURE_CATEGORIES),
            key=lambda f: (-_rank(f["severity"]), f["rule_id"], f["targets"]),
        )
        seen: set[str] = set()
        for f in worst:
            if f["rule_id"] in seen:
                continue
            seen.add(f["rule_id"])
            modes.append(
                {
                    "mode": f"{f['title']} ({', '.join(f['targets'])})",
                    "evidence": f"audit {f['rule_id']} [{f['severity']}]: {f['message']}",
                    "fix": f["fix"],
                    "source": "audit",
                }
            )
    if avail is not None and avail.get("slo_percent") is not None:
        for name, j in avail["journeys"].items():
            if j["percent"] is not None and j["percent"] < avail["slo_percent"]:
                modes.append(
                    {
                        "mode": f"journey {name} below its availability SLO",
                        "evidence": f"availability {j['percent']}% vs SLO {avail['slo_percent']}%; "
                        f"weakest: {', '.join(j['weakest'])}",
                        "source": "availability",
                    }
                )
    return modes[:3]


def _at_10x(at_10x: dict[str, Any] | None, now: dict[str, Any] | None) -> list[str]:
    if at_10x is None:
        return []
    out = []
    if at_10x["saturated"]:
        out.append(
            f"at {at_10x['rps']} rps (10x) saturated: {', '.join(at_10x['saturated'])}; "
            f"the ceiling is {at_10x['max_rps']} rps at {at_10x['bottleneck']}"
        )
    if now is not None and now["max_rps"] and at_10x["rps"] and at_10x["rps"] > now["max_rps"]:
        out.append(
            f"10x the load ({at_10x['rps']} rps) is above the ceiling of "
            f"{now['max_rps']} rps: the assumption that scaling out is enough fails "
            f"at {now['bottleneck']}"
        )
    for rec in at_10x.get("recommendations", [])[:3]:
        if isinstance(rec, dict) and (rec.get("text") or rec.get("action")):
            out.append(f"simulate: {rec.get('text') or rec.get('action')}")
    return out


def _hidden_costs(arch: Architecture, catalog: Catalog, cost: dict[str, Any] | None) -> list[str]:
    out = []
    team = arch.requirements.team.size
    self_hosted = []
    for comp in sorted(arch.components, key=lambda c: c.id):
        tech = catalog.for_component(comp)
        if tech is None or comp.kind is Kind.CLIENT:
            continue
        if tech.hosting is Hosting.SELF_HOSTED and comp.kind in STATEFUL_KINDS:
            self_hosted.append(f"{comp.id} ({tech.title}, {tech.ops_burden.value} ops burden)")
    if self_hosted:
        out.append(
            "self-hosted stateful components need patching, backups, upgrades and "
            f"on-call: {', '.join(self_hosted)}"
        )
    distinct = sorted(
        {
            t.name
            for c in arch.components
            if (t := catalog.for_component(c)) and c.kind is not Kind.CLIENT
        }
    )
    if team:
        out.append(
            f"{len(distinct)} distinct technologies for a team of {team}: "
            f"{len(distinct) / team:.1f} per engineer to know, run and upgrade"
        )
    if cost is not None:
        budget = arch.requirements.budget.monthly_usd
        line = f"cost engine: ${cost['monthly_total']:,.2f}/month on {cost['cloud']}"
        if budget:
            line += f" against a budget of ${budget:,.0f} ({cost['monthly_total'] / budget:.0%})"
        out.append(line)
    return out


def _simpler(arch: Architecture, catalog: Catalog, cost: dict[str, Any] | None) -> list[str]:
    out = []
    cloud = str(arch.requirements.constraints.cloud or "aws")
    for comp in sorted(arch.components, key=lambda c: c.id):
        tech = catalog.for_component(comp)
        if tech is None or tech.ops_burden is Level.LOW or comp.kind not in STATEFUL_KINDS:
            continue
        equivalents: dict[str, str] = {str(k): v for k, v in tech.equivalents.items()}
        twin = catalog.find(equivalents.get(cloud, "")) if tech.cloud is None else None
        if twin is not None and twin.ops_burden is Level.LOW:
            out.append(
                f"{comp.id}: {twin.title} instead of self-run {tech.title} "
                f"(catalog ops burden {tech.ops_burden.value} -> low)"
            )
    kinds = [c.kind for c in arch.components]
    if kinds.count(Kind.SERVICE) >= 4 and (arch.requirements.team.size or 99) < 8:
        out.append(
            f"{kinds.count(Kind.SERVICE)} services for a team of "
            f"{arch.requirements.team.size}: a modular monolith would cut deploys, "
            "network hops and on-call surface"
        )
    if cost is not None:
        for alt in cost["alternatives"][:3]:
            out.append(
                f"{alt['component']}: {alt['suggestion']} instead of {alt['current']} "
                f"saves ${alt['saving']:,.2f}/month ({alt['tradeoff']})"
            )
    return out


def _debt(arch: Architecture, audit: dict[str, Any] | None) -> list[str]:
    out = []
    if audit is not None:
        for f in audit["findings"]:
            if f["category"] in ("operability", "maintainability", "cost"):
                out.append(f"audit {f['rule_id']}: {f['title']} ({', '.join(f['targets'])})")
    for dec in arch.decisions:
        if not dec.revisit_if:
            out.append(
                f"decision {dec.id} has no 'revisit if' condition: nobody will know when "
                "it stops holding"
            )
    unowned = sorted(c.id for c in arch.components if not c.owner and c.kind is not Kind.CLIENT)
    if unowned and len(unowned) == len([c for c in arch.components if c.kind is not Kind.CLIENT]):
        out.append("no component names an owner: incidents and upgrades have no default assignee")
    return out[:8]
