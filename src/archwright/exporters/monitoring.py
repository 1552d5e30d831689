"""Monitoring: Prometheus alert rules, a Grafana dashboard and Datadog monitors.

Per service: RED (rate, errors, duration against the model's P99 target), saturation
(CPU and memory against the container limits the Kubernetes export sets), and SLO
error-budget burn alerts over two windows each (fast: 1 h and 5 min at 14.4x the
budget; slow: 6 h and 30 min at 6x), the multi-window method of the Google SRE
workbook. Metric names follow the Prometheus client defaults
(`http_requests_total`, `http_request_duration_seconds`) and cAdvisor/kube-state-metrics.

Prometheus and Datadog treat `{{ }}` in annotations and messages as templates, so model
text placed there has its braces broken up.
"""

from __future__ import annotations

from typing import Any

from archwright.exporters._names import dns_label
from archwright.exporters._topology import topology
from archwright.exporters._yaml import dump_json, dump_yaml
from archwright.exporters._yaml_block import Fixed
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture, Component

EXPORTER = Exporter(
    name="monitoring",
    summary="Prometheus alert rules (RED, saturation, SLO burn rate), Grafana dashboard, "
    "Datadog monitors",
    category="operations",
    validator="structure tests (Prometheus rule-file and Grafana dashboard shapes)",
)

DEFAULT_AVAILABILITY = 99.9
DEFAULT_P99_MS = 500.0
# (name, long window, short window, burn-rate factor, severity, for)
BURN_WINDOWS = [
    ("fast", "1h", "5m", 14.4, "page", "2m"),
    ("slow", "6h", "30m", 6.0, "ticket", "15m"),
]
# every window a burn alert reads, each recorded once per service
_WINDOWS = sorted({w for _, long, short, *_ in BURN_WINDOWS for w in (long, short)})
# every severity a rule is labelled with: the burn alerts' and the fixed alerts' ticket
_SEVERITIES = sorted({severity for *_, severity, _wait in BURN_WINDOWS} | {"ticket"})


def untemplated(text: str) -> str:
    """Model text for a templated field: no `{{`/`}}` reaches the template engine."""
    return " ".join(text.replace("{{", "{ {").replace("}}", "} }").split())


def _selector(name: str, extra: str = "") -> str:
    return '{service="' + name + '"' + (", " + extra if extra else "") + "}"


def _ratio(name: str, window: str) -> str:
    errors = _selector(name, 'code=~"5.."')
    return (
        f"sum(rate(http_requests_total{errors}[{window}]))"
        f" / sum(rate(http_requests_total{_selector(name)}[{window}]))"
    )


def _service_rules(comp: Component, name: str, budget: float, p99_s: float) -> dict[str, Any]:
    """One service's rule group: error-ratio recordings, burn-rate alerts on its error
    budget and fixed alerts, each alert prefixed by the service so names stay unique."""
    label = untemplated(comp.label)
    rules: list[dict[str, Any]] = []
    service = Fixed({"service": name})  # each rule's labels: a few blocks, written once
    labels = {sev: Fixed({"severity": sev, "service": name}) for sev in _SEVERITIES}
    for window in _WINDOWS:
        rules.append(
            {
                "record": f"service:http_error_ratio:rate{window}",
                "expr": _ratio(name, window),
                "labels": service,
            }
        )
    rules += _burn_alerts(name, label, budget, labels)
    rules += _fixed_alerts(name, label, p99_s, labels["ticket"])
    for rule in rules:
        if "alert" in rule:
            rule["alert"] = f"{name.replace('-', '_')}_{rule['alert']}"
    return {"name": name, "rules": rules}


def _burn_alerts(
    name: str, label: str, budget: float, labels: dict[str, Fixed]
) -> list[dict[str, Any]]:
    """Multi-window burn-rate alerts: each fires when both its long and short windows
    spend the error budget `factor` times too fast. `labels`: the service's labels per
    severity, shared by its rules (`Fixed`: the YAML writer writes each block once)."""
    rules: list[dict[str, Any]] = []
    for kind, long, short, factor, severity, wait in BURN_WINDOWS:
        threshold = round(factor * budget, 6)
        rules.append(
            {
                "alert": f"{kind.capitalize()}ErrorBudgetBurn",
                "expr": (
                    f"service:http_error_ratio:rate{long}{_selector(name)} > {threshold}"
                    f" and service:http_error_ratio:rate{short}{_selector(name)} > {threshold}"
                ),
                "for": wait,
                "labels": labels[severity],
                "annotations": {
                    "summary": f"{label}: error budget burning {factor}x too fast",
                    "description": f"Errors over {long} and {short} exceed {factor}x the budget "
                    f"of a {100 * (1 - budget):.3f}% availability SLO.",
                },
            }
        )
    return rules


def _fixed_alerts(name: str, label: str, p99_s: float, ticket: Fixed) -> list[dict[str, Any]]:
    """Alerts at fixed thresholds: error rate, P99 latency against the SLO, no traffic,
    and CPU and memory near their limits; `ticket` is the service's labels for them."""
    return [
        {
            "alert": "HighErrorRate",
            "expr": f"service:http_error_ratio:rate5m{_selector(name)} > 0.05",
            "for": "5m",
            "labels": ticket,
            "annotations": {"summary": f"{label}: more than 5% of requests fail"},
        },
        {
            "alert": "HighLatencyP99",
            "expr": (
                "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_"
                f"bucket{_selector(name)}[5m]))) > {p99_s}"
            ),
            "for": "10m",
            "labels": ticket,
            "annotations": {"summary": f"{label}: P99 latency above {p99_s * 1000:g} ms"},
        },
        {
            "alert": "NoTraffic",
            "expr": f"sum(rate(http_requests_total{_selector(name)}[10m])) == 0",
            "for": "15m",
            "labels": ticket,
            "annotations": {"summary": f"{label}: no requests for 15 minutes"},
        },
        {
            "alert": "CpuSaturation",
            "expr": (
                f'sum(rate(container_cpu_usage_seconds_total{{container="app", '
                f'pod=~"{name}-.*"}}[5m])) / sum(kube_pod_container_resource_limits'
                f'{{resource="cpu", container="app", pod=~"{name}-.*"}}) > 0.8'
            ),
            "for": "15m",
            "labels": ticket,
            "annotations": {"summary": f"{label}: CPU above 80% of its limit"},
        },
        {
            "alert": "MemorySaturation",
            "expr": (
                f'sum(container_memory_working_set_bytes{{container="app", '
                f'pod=~"{name}-.*"}}) / sum(kube_pod_container_resource_limits'
                f'{{resource="memory", container="app", pod=~"{name}-.*"}}) > 0.9'
            ),
            "for": "10m",
            "labels": ticket,
            "annotations": {"summary": f"{label}: memory above 90% of its limit"},
        },
    ]


def _panel(index: int, title: str, expr: str, unit: str) -> dict[str, Any]:
    return {
        "id": index + 1,
        "type": "timeseries",
        "title": title,
        "gridPos": {"h": 8, "w": 8, "x": (index % 3) * 8, "y": (index // 3) * 8},
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "targets": [{"refId": "A", "expr": expr}],
    }


def dashboard(arch: Architecture, names: list[tuple[Component, str]]) -> dict[str, Any]:
    panels: list[dict[str, Any]] = []
    for comp, name in names:
        base = len(panels)
        panels += [
            _panel(
                base,
                f"{comp.label}: requests/s",
                f"sum(rate(http_requests_total{_selector(name)}[5m]))",
                "reqps",
            ),
            _panel(base + 1, f"{comp.label}: error ratio", _ratio(name, "5m"), "percentunit"),
            _panel(
                base + 2,
                f"{comp.label}: P99 latency",
                "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_"
                f"bucket{_selector(name)}[5m])))",
                "s",
            ),
        ]
    return {
        "title": arch.name,
        "uid": (dns_label(arch.name) or "archwright")[:40],
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "tags": ["archwright"],
        "time": {"from": "now-6h", "to": "now"},
        "refresh": "1m",
        "templating": {
            "list": [
                {
                    "name": "datasource",
                    "type": "datasource",
                    "query": "prometheus",
                    "label": "Data source",
                }
            ]
        },
        "panels": panels,
    }


def datadog(names: list[tuple[Component, str]], budget: float, p99_s: float) -> list[Any]:
    monitors = []
    for comp, name in names:
        label = untemplated(comp.label)
        tags = [f"service:{name}", "managed-by:archwright"]
        monitors += [
            {
                "name": f"[{name}] error rate above 5%",
                "type": "query alert",
                "query": (
                    f"sum(last_5m):sum:trace.http.request.errors{{service:{name}}}.as_count()"
                    f" / sum:trace.http.request.hits{{service:{name}}}.as_count() > 0.05"
                ),
                "message": f"{label}: more than 5% of requests fail.",
                "options": {"thresholds": {"critical": 0.05}, "notify_no_data": False},
                "tags": tags,
            },
            {
                "name": f"[{name}] P99 latency",
                "type": "query alert",
                "query": (
                    f"percentile(last_10m):p99:trace.http.request{{service:{name}}} > {p99_s}"
                ),
                "message": f"{label}: P99 latency above {p99_s * 1000:g} ms.",
                "options": {"thresholds": {"critical": p99_s}},
                "tags": tags,
            },
            {
                "name": f"[{name}] error budget burn (1h)",
                "type": "query alert",
                "query": (
                    f"sum(last_1h):sum:trace.http.request.errors{{service:{name}}}.as_count()"
                    f" / sum:trace.http.request.hits{{service:{name}}}.as_count()"
                    f" > {round(14.4 * budget, 6)}"
                ),
                "message": f"{label}: error budget burning 14.4x too fast.",
                "options": {"thresholds": {"critical": round(14.4 * budget, 6)}},
                "tags": tags,
            },
        ]
    return monitors


def render(arch: Architecture) -> Files:
    topo = topology(arch)
    slo = arch.requirements.slo
    budget = round(1 - (slo.availability or DEFAULT_AVAILABILITY) / 100, 6)
    p99_s = (slo.p99_latency_ms or DEFAULT_P99_MS) / 1000
    names = [(c, topo.dns(c.id)) for c in topo.services]
    groups = [_service_rules(c, n, budget, p99_s) for c, n in names]
    slug = dns_label(arch.name) or "archwright"
    return {
        "monitoring/prometheus/alerts.yml": dump_yaml({"groups": groups}),
        f"monitoring/grafana/{slug}.json": dump_json(dashboard(arch, names)),
        "monitoring/datadog/monitors.json": dump_json(datadog(names, budget, p99_s)),
    }
