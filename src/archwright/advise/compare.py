"""Two architectures side by side: structure, and the engines' figures for each.

The structural diff needs only the model; audit, cost, capacity and availability deltas
come from the engines themselves (never estimated here).
"""

from __future__ import annotations

from typing import Any

from archwright.advise import engines
from archwright.model import Architecture

_FIELDS = (
    "kind",
    "technology",
    "replicas",
    "read_replicas",
    "shards",
    "public",
    "encryption_at_rest",
    "zones",
    "region",
    "autoscaling",
    "backups",
)
_CONN_FIELDS = (
    "protocol",
    "mode",
    "auth",
    "tls",
    "timeout_ms",
    "retries",
    "circuit_breaker",
    "fallback",
)


def _dump(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return str(value) if hasattr(value, "value") else value


def _changed(
    before: dict[str, Any], after: dict[str, Any], fields: tuple[str, ...]
) -> dict[str, Any]:
    """Per id present on both sides: the fields whose values differ."""
    out = {}
    for key in sorted(set(before) & set(after)):
        diffs = {}
        for name in fields:
            old, new = _dump(getattr(before[key], name)), _dump(getattr(after[key], name))
            if old != new:
                diffs[name] = {"from": old, "to": new}
        if diffs:
            out[key] = diffs
    return out


def structure(a: Architecture, b: Architecture) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    pairs = (
        ("components", a.components_by_id(), b.components_by_id(), _FIELDS),
        (
            "connections",
            {c.id: c for c in a.connections},
            {c.id: c for c in b.connections},
            _CONN_FIELDS,
        ),
    )
    for label, before, after, fields in pairs:
        parts[label] = {
            "added": sorted(set(after) - set(before)),
            "removed": sorted(set(before) - set(after)),
            "changed": _changed(before, after, fields),
        }
    return parts


def _audit_delta(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    def key(f: dict[str, Any]) -> str:
        return f"{f['rule_id']}:{','.join(f['targets'])}"

    fa = {key(f): f for f in a["findings"]}
    fb = {key(f): f for f in b["findings"]}
    grades = {
        cat: {"from": a["grades"].get(cat), "to": b["grades"].get(cat)}
        for cat in sorted(set(a["grades"]) | set(b["grades"]))
        if a["grades"].get(cat) != b["grades"].get(cat)
    }
    return {
        "new": [fb[k] for k in sorted(set(fb) - set(fa))],
        "fixed": [fa[k] for k in sorted(set(fa) - set(fb))],
        "grades": grades,
        "overall": {"from": a["overall"], "to": b["overall"]},
    }


def compare(a: Architecture, b: Architecture) -> dict[str, Any]:
    result: dict[str, Any] = {"a": a.name, "b": b.name, **structure(a, b)}
    result["audit"] = _audit_delta(engines.audit_summary(a), engines.audit_summary(b))
    costs = engines.cost_summary(a), engines.cost_summary(b, None)
    result["cost"] = {
        "from": costs[0]["monthly_total"],
        "to": costs[1]["monthly_total"],
        "delta": round(costs[1]["monthly_total"] - costs[0]["monthly_total"], 2),
        "cloud": [costs[0]["cloud"], costs[1]["cloud"]],
    }
    caps = engines.capacity_summary(a), engines.capacity_summary(b)
    result["capacity"] = {
        "max_rps": {"from": caps[0]["max_rps"], "to": caps[1]["max_rps"]},
        "bottleneck": {"from": caps[0]["bottleneck"], "to": caps[1]["bottleneck"]},
        "p99_ms": {
            name: {"from": caps[0]["p99_ms"].get(name), "to": caps[1]["p99_ms"].get(name)}
            for name in sorted({*caps[0]["p99_ms"], *caps[1]["p99_ms"]})
        },
    }
    avail = engines.availability_summary(a), engines.availability_summary(b)
    result["availability"] = {
        "percent": {"from": avail[0]["percent"], "to": avail[1]["percent"]},
        "downtime_min_per_month": {
            "from": avail[0]["downtime_min_per_month"],
            "to": avail[1]["downtime_min_per_month"],
        },
    }
    return result
