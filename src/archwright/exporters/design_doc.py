"""A design document in Markdown: requirements and targets, the diagram, components,
connections, journeys and decisions, all read from the model."""

from __future__ import annotations

from archwright.exporters._jinja import render_template
from archwright.exporters.exporter import Exporter, Files
from archwright.exporters.mermaid import flowchart
from archwright.model import Architecture

EXPORTER = Exporter(
    name="design-doc",
    summary="Design document (Markdown) from the model",
    category="docs",
    validator="golden review",
)


def _targets(arch: Architecture) -> list[tuple[str, str]]:
    req = arch.requirements
    rows: list[tuple[str, object]] = [
        ("Peak load", f"{req.scale.peak_rps:g} requests/s" if req.scale.peak_rps else None),
        ("Daily active users", f"{req.scale.dau:,.0f}" if req.scale.dau else None),
        ("Data", f"{req.scale.data_gb:g} GB" if req.scale.data_gb else None),
        ("Availability", f"{req.slo.availability}%" if req.slo.availability else None),
        ("P99 latency", f"{req.slo.p99_latency_ms:g} ms" if req.slo.p99_latency_ms else None),
        (
            "RPO / RTO",
            f"{req.slo.rpo_minutes:g} / {req.slo.rto_minutes:g} min"
            if req.slo.rpo_minutes is not None and req.slo.rto_minutes is not None
            else None,
        ),
        ("Budget", f"${req.budget.monthly_usd:,.0f} per month" if req.budget.monthly_usd else None),
        ("Compliance", ", ".join(c.value for c in req.compliance) or None),
        ("Cloud", req.constraints.cloud.value if req.constraints.cloud else None),
        ("Regions", ", ".join(req.constraints.regions) or None),
    ]
    return [(name, str(value)) for name, value in rows if value]


def render(arch: Architecture) -> Files:
    text = render_template(
        "docs/design.md.j2",
        arch=arch,
        req=arch.requirements,
        targets=_targets(arch),
        diagram=flowchart(arch),
        components=sorted(arch.components, key=lambda c: c.id),
        connections=arch.connections,
        labels={c.id: c.label for c in arch.components},
    )
    return {"design.md": text}
