"""SLIs, SLO targets, error budgets and multi-window multi-burn-rate alerts.

Journeys get availability and latency SLIs against the requirements' SLO; components on
them get their own availability SLI, because a journey's budget is spent by its parts.
Alerts follow the multiwindow, multi-burn-rate pattern of the Google SRE workbook:
page at 14.4x over 1h (confirmed over 5m) and 6x over 6h (30m), ticket at 1x over 3d
(6h). Burn rate r over window W spends r*W/30d of the monthly budget.
"""

from __future__ import annotations

import re
from typing import Any

from archwright.model import Architecture, Kind

MINUTES_PER_MONTH = 30 * 24 * 60
# (burn rate, long window, short window, severity)
BURN_ALERTS: tuple[tuple[float, str, str, str], ...] = (
    (14.4, "1h", "5m", "page"),
    (6.0, "6h", "30m", "page"),
    (1.0, "3d", "6h", "ticket"),
)
_WINDOW_HOURS = {"1h": 1, "6h": 6, "3d": 72}
_METRIC = re.compile(r"[^a-zA-Z0-9_]")


def metric_name(text: str) -> str:
    """A Prometheus-safe label value / rule name fragment."""
    cleaned = _METRIC.sub("_", text).strip("_").lower()
    return cleaned or "unnamed"


def label_value(text: str) -> str:
    """A PromQL string literal body: backslashes, quotes and newlines escaped."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _budget(target: float) -> dict[str, float]:
    allowed = 1 - target / 100
    return {
        "target_percent": target,
        "error_budget_ratio": round(allowed, 6),
        "error_budget_minutes_per_month": round(allowed * MINUTES_PER_MONTH, 2),
    }


def _alerts(name: str, target: float, job: str, pages: bool = True) -> list[dict[str, Any]]:
    """The three burn-rate alerts; `pages=False` (a non-critical journey) makes them tickets."""
    allowed = 1 - target / 100
    out = []
    for rate, long_w, short_w, severity in BURN_ALERTS:
        threshold = round(rate * allowed, 8)
        spent = rate * _WINDOW_HOURS[long_w] / (30 * 24) * 100
        out.append(
            {
                "name": f"{name}_burn_{long_w}",
                "severity": severity if pages else "ticket",
                "burn_rate": rate,
                "long_window": long_w,
                "short_window": short_w,
                "threshold_error_ratio": threshold,
                "budget_spent_percent": round(spent, 1),
                "expr": (
                    f"{job}:error_ratio:rate{long_w} > {threshold} and "
                    f"{job}:error_ratio:rate{short_w} > {threshold}"
                ),
            }
        )
    return out


def _unique(job: str, used: set[str]) -> str:
    """Distinct names can sanitize to the same metric name ('a-b', 'a b'): number them."""
    name, n = job, 1
    while name in used:
        n += 1
        name = f"{job}_{n}"
    used.add(name)
    return name


def design(arch: Architecture) -> dict[str, Any]:
    """The SLO design of an architecture (pure; see `prometheus_rules` for the export)."""
    slo = arch.requirements.slo
    target = slo.availability if slo.availability is not None else 99.9
    assumed = [] if slo.availability is not None else ["availability 99.9% (no SLO stated)"]
    journeys: dict[str, Any] = {}
    jobs: set[str] = set()
    for journey in arch.journeys:
        job = _unique(f"journey_{metric_name(journey.name)}", jobs)
        p99 = journey.p99_target_ms or slo.p99_latency_ms
        j_target = target
        journeys[journey.name] = {
            "slis": {
                "availability": "share of requests entering at "
                f"{journey.steps[0]} that complete without a 5xx or timeout",
                "latency": f"share of requests faster than {p99:g} ms" if p99 else None,
            },
            "slo": {**_budget(j_target), "p99_latency_ms": p99},
            "alerts": _alerts(job, j_target, job, pages=journey.critical),
            "job": job,
            "critical": journey.critical,
            "components": list(journey.steps),
        }
    on_journeys = {s for j in arch.journeys for s in j.steps}
    components: dict[str, Any] = {}
    for comp in sorted(arch.components, key=lambda c: c.id):
        if comp.kind is Kind.CLIENT:
            continue
        critical = comp.id in on_journeys or not arch.journeys
        # A part must beat the whole: budget split across the critical path.
        path_len = max((len(j.steps) for j in arch.journeys if comp.id in j.steps), default=1)
        c_target = 100 - (100 - target) / max(1, path_len - 1) if critical else target
        job = _unique(f"component_{metric_name(comp.id)}", jobs)
        components[comp.id] = {
            "sli": _component_sli(comp.kind),
            "slo": _budget(round(c_target, 4)),
            "critical": critical,
            "alerts": _alerts(job, c_target, job),
            "job": job,
        }
    return {
        "target_availability": target,
        "p99_latency_ms": slo.p99_latency_ms,
        "journeys": journeys,
        "components": components,
        "assumptions": [
            *assumed,
            "30-day rolling window",
            "component targets split the journey budget evenly",
        ],
    }


def _component_sli(kind: Kind) -> str:
    if kind in (Kind.QUEUE, Kind.STREAM):
        return "share of messages consumed within the freshness target (consumer lag)"
    if kind in (Kind.SQL_DB, Kind.NOSQL_DB, Kind.CACHE, Kind.OBJECT_STORE, Kind.SEARCH_INDEX):
        return "share of queries answered without error within the timeout"
    if kind in (Kind.WORKER, Kind.SCHEDULER, Kind.BATCH_PROCESSOR):
        return "share of jobs finished successfully within their deadline"
    return "share of requests served without a 5xx or timeout"


def prometheus_rules(result: dict[str, Any]) -> dict[str, Any]:
    """Prometheus rule groups: recording rules for error ratios, alerting rules for burn."""
    groups = []
    items = [("journey", n, v) for n, v in sorted(result["journeys"].items())]
    items += [("component", n, v) for n, v in sorted(result["components"].items())]
    for scope, name, entry in items:
        job = entry["job"]
        value = label_value(name)
        rules: list[dict[str, Any]] = []
        for window in ("5m", "30m", "1h", "6h", "3d"):
            rules.append(
                {
                    "record": f"{job}:error_ratio:rate{window}",
                    "expr": (
                        f'sum(rate(archwright_requests_total{{{scope}="{value}",'
                        f'outcome="error"}}[{window}])) / '
                        f'sum(rate(archwright_requests_total{{{scope}="{value}"}}[{window}]))'
                    ),
                }
            )
        for alert in entry["alerts"]:
            rules.append(
                {
                    "alert": metric_name(alert["name"]),
                    "expr": alert["expr"],
                    "labels": {"severity": alert["severity"], scope: name},
                    "annotations": {
                        "summary": (
                            f"{name}: error budget burning at {alert['burn_rate']:g}x "
                            f"({alert['budget_spent_percent']}% of the month's budget in "
                            f"{alert['long_window']})"
                        )
                    },
                }
            )
        groups.append({"name": f"slo-{job}", "rules": rules})
    return {"groups": groups}
