"""The analysis engines (audit, cost, simulate) as plain summaries for the advisers.

advise sits above every engine, so it imports them directly: a renamed function or a
changed result breaks mypy and the import-linter contracts here, not a user's report.
(An earlier version looked engines up through importlib and reported a missing one as
"unavailable", which let a broken engine pass the whole suite.)
"""

from __future__ import annotations

from typing import Any

from archwright.audit import audit
from archwright.cost import estimate
from archwright.kb import load_catalog
from archwright.model import Architecture
from archwright.simulate import availability, default_rps, simulate


def audit_summary(arch: Architecture) -> dict[str, Any]:
    report = audit(arch)
    findings = [
        {
            "rule_id": f.rule_id,
            "category": str(f.category),
            "severity": str(f.severity),
            "title": f.title,
            "message": f.message,
            "targets": list(f.targets),
            "fix": f.fix,
        }
        for f in report.active
    ]
    return {
        "findings": findings,
        "grades": {str(c): g.grade for c, g in sorted(report.grades.items())},
        "overall": report.overall.grade,
        "score": report.overall.score,
    }


def cost_summary(arch: Architecture, cloud: str | None = None) -> dict[str, Any]:
    chosen = cloud or str(arch.requirements.constraints.cloud or "aws")
    if chosen not in ("aws", "gcp", "azure"):
        chosen = "aws"
    est = estimate(arch, load_catalog(), chosen)
    return {
        "alternatives": [
            {
                "component": alt.component,
                "current": alt.current,
                "suggestion": alt.suggestion,
                "saving": round(alt.saving, 2),
                "tradeoff": alt.tradeoff,
            }
            for alt in est.alternatives
        ],
        "cloud": est.cloud,
        "monthly_total": round(est.monthly_total, 2),
        "components": {cid: round(c.monthly, 2) for cid, c in sorted(est.components.items())},
        "assumptions": list(est.assumptions),
    }


def capacity_summary(arch: Architecture, scale: float = 1.0) -> dict[str, Any]:
    result = simulate(arch, None, scale, percentiles=False)  # components' P99s unread
    return {
        "rps": result.get("rps"),
        "max_rps": result.get("max_rps"),
        "bottleneck": result.get("bottleneck"),
        "saturated": sorted(
            cid
            for cid, c in result.get("components", {}).items()
            if isinstance(c.get("utilization"), int | float) and c["utilization"] >= 1
        ),
        "recommendations": result.get("recommendations", []),
        "p99_ms": {
            name: journey.get("latency_ms", {}).get("p99")
            for name, journey in result.get("journeys", {}).items()
        },
    }


def availability_summary(arch: Architecture) -> dict[str, Any]:
    result = availability(arch, default_rps(arch))
    overall = result.get("overall", {})
    return {
        "percent": overall.get("percent"),
        "downtime_min_per_month": overall.get("downtime_min_per_month"),
        "slo_percent": result.get("slo_percent"),
        "journeys": {
            name: {"percent": j.get("percent"), "weakest": j.get("weakest", [])}
            for name, j in sorted(result.get("journeys", {}).items())
        },
    }
