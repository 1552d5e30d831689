"""The analysis engines (audit, cost, simulate) as plain summaries for the advisers.

The engines are developed on their own branches and reach main one by one; until an
engine is installed, its summary is None and the caller reports it as unavailable
rather than inventing a figure. Lookups go through importlib so this module type-checks
whether or not an engine is present.
"""

from __future__ import annotations

import importlib
from typing import Any

from archwright.model import Architecture


def _attr(module: str, name: str) -> Any | None:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(mod, name, None)


def available() -> dict[str, bool]:
    return {
        "audit": _attr("archwright.audit", "audit") is not None,
        "cost": _attr("archwright.cost", "estimate") is not None,
        "simulate": _attr("archwright.simulate", "simulate") is not None,
        "availability": _attr("archwright.simulate", "availability") is not None,
    }


def audit_summary(arch: Architecture) -> dict[str, Any] | None:
    run = _attr("archwright.audit", "audit")
    if run is None:
        return None
    report = run(arch)
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
    }


def cost_summary(arch: Architecture, cloud: str | None = None) -> dict[str, Any] | None:
    run = _attr("archwright.cost", "estimate")
    if run is None:
        return None
    from archwright.kb import load_catalog

    chosen = cloud or str(arch.requirements.constraints.cloud or "aws")
    if chosen not in ("aws", "gcp", "azure"):
        chosen = "aws"
    est = run(arch, load_catalog(), chosen)
    return {
        "alternatives": [
            {
                "component": alt.component,
                "current": alt.current,
                "suggestion": alt.suggestion,
                "saving": round(alt.saving, 2),
                "tradeoff": alt.tradeoff,
            }
            for alt in getattr(est, "alternatives", [])
        ],
        "cloud": est.cloud,
        "monthly_total": round(est.monthly_total, 2),
        "components": {cid: round(c.monthly, 2) for cid, c in sorted(est.components.items())},
        "assumptions": list(est.assumptions),
    }


def capacity_summary(arch: Architecture, scale: float = 1.0) -> dict[str, Any] | None:
    run = _attr("archwright.simulate", "simulate")
    if run is None:
        return None
    result: dict[str, Any] = run(arch, None, scale)
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
    }


def availability_summary(arch: Architecture) -> dict[str, Any] | None:
    run = _attr("archwright.simulate", "availability")
    rps_of = _attr("archwright.simulate", "default_rps")
    if run is None or rps_of is None:
        return None
    result: dict[str, Any] = run(arch, rps_of(arch))
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
