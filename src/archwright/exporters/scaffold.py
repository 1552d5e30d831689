"""A repository a team can clone: README with overview and diagram, one folder per
service with a runnable standard-library skeleton, its test and Dockerfile, plus the
compose stack, CI/CD workflows, infrastructure, API specs, schema, monitoring and docs
from the other exporters, each under the folder a team would put it in.
"""

from __future__ import annotations

import re

from archwright.exporters import registry
from archwright.exporters._jinja import render_template
from archwright.exporters._topology import SERVICE_PORT, Topology, health_path, topology
from archwright.exporters.exporter import Exporter, Files
from archwright.exporters.mermaid import flowchart
from archwright.exporters.openapi import normalise_path
from archwright.model import Architecture, Component

EXPORTER = Exporter(
    name="scaffold",
    summary="A cloneable repository: README, service skeletons with Dockerfiles, compose, "
    "CI/CD, infrastructure, monitoring and docs",
    category="repository",
    validator="hadolint, checkov (Dockerfiles), plus every included format's validator",
)

PYTHON_TAG = "3.12.7-slim-bookworm"

# format → (folder inside the repository, what it is); the folder replaces the format's
# own top folder so that the repository reads as a team would lay it out.
INCLUDED = {
    "compose": ("", "docker-compose.yml and .env.example: the local stack"),
    "github-actions": ("", "CI (lint, test, build, scan) and CD per service"),
    "terraform": ("infra/", "Terraform for AWS"),
    "kubernetes": ("infra/", "Kubernetes manifests"),
    "nginx": ("infra/", "nginx reverse proxy with rate limits"),
    "openapi": ("", "OpenAPI skeleton per service"),
    "sql": ("", "PostgreSQL schema"),
    "monitoring": ("", "alert rules and dashboards"),
    "adr": ("docs/", "architecture decision records"),
    "design-doc": ("docs/", "the design document"),
}


def _routes(comp: Component) -> list[tuple[str, str, str]]:
    routes = []
    for endpoint in comp.endpoints:
        path, _ = normalise_path(endpoint.path)
        parts = re.split(r"(\{[^/]+\})", path)
        pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        routes.append((endpoint.method, pattern, endpoint.summary or f"{endpoint.method} {path}"))
    return routes


def _service_files(topo: Topology, comp: Component) -> Files:
    name = topo.dns(comp.id)
    base = f"services/{name}/"
    return {
        base + "app.py": render_template(
            "scaffold/app.py.j2",
            title=comp.label,
            service=name,
            health=health_path(comp),
            routes=_routes(comp),
        ),
        base + "test_app.py": render_template("scaffold/test_app.py.j2"),
        base + "Dockerfile": render_template(
            "scaffold/Dockerfile.j2",
            service=name,
            python_tag=PYTHON_TAG,
            port=SERVICE_PORT,
            health=health_path(comp),
        ),
        base + ".dockerignore": "__pycache__/\n*.pyc\ntest_*.py\n",
    }


def render(arch: Architecture) -> Files:
    topo = topology(arch)
    files: Files = {}
    for comp in topo.services:
        files.update(_service_files(topo, comp))
    layout = [("services/", "one folder per service: app.py, test_app.py, Dockerfile")]
    available = set(registry.formats())
    for fmt, (prefix, what) in INCLUDED.items():
        if fmt not in available:
            continue
        produced = registry.load(fmt).render(arch)
        tops = sorted({rel.split("/", 1)[0] if "/" in rel else rel for rel in produced})
        for rel, text in produced.items():
            files[prefix + rel] = text
        layout.append(
            (
                ", ".join(
                    prefix + t + ("/" if any(r.startswith(t + "/") for r in produced) else "")
                    for t in tops
                ),
                what,
            )
        )
    roles = topo.roles
    rows = []
    for comp in sorted(arch.components, key=lambda c: c.id):
        if comp.id in topo.service_ids:
            runs_as = f"service `services/{topo.dns(comp.id)}`"
        elif comp.id in roles:
            role = roles[comp.id]
            runs_as = f"{role.aws or 'managed'} (AWS), `{role.image or '-'}` locally"
        else:
            runs_as = "external / edge"
        rows.append(
            {
                "label": comp.label,
                "kind": comp.kind.value,
                "technology": comp.technology or "-",
                "runs_as": runs_as,
            }
        )
    entry = [
        (topo.dns(cid), SERVICE_PORT + sorted(topo.service_ids).index(cid)) for cid in topo.entry
    ]
    files["README.md"] = render_template(
        "scaffold/README.md.j2",
        arch=arch,
        diagram=flowchart(arch),
        components=rows,
        layout=sorted(layout),
        entry=entry,
    )
    return dict(sorted(files.items()))
