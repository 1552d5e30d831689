"""A repository a team can clone: README with overview and diagram, one folder per
service on the framework its technology names (FastAPI, Express, Spring Boot; see
`data/frameworks.yaml`) with its contract, contract tests and Dockerfile, plus the
compose stack, CI/CD workflows, infrastructure, API specs, schema, monitoring and docs
from the other exporters, each under the folder a team would put it in.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from archwright.exporters import registry
from archwright.exporters._frameworks import framework_of
from archwright.exporters._jinja import render_template
from archwright.exporters._parallel import Part, render_parts
from archwright.exporters._service_code import service_files
from archwright.exporters._topology import SERVICE_PORT, Topology, sharing_topology, topology
from archwright.exporters.exporter import Exporter, Files
from archwright.exporters.mermaid import flowchart
from archwright.model import Architecture

EXPORTER = Exporter(
    name="scaffold",
    summary="A cloneable repository: README, services on FastAPI/Express/Spring Boot with "
    "contract tests and Dockerfiles, compose, CI/CD, infrastructure, monitoring and docs",
    category="repository",
    validator="ruff, node --check, the services' own contract tests, hadolint, checkov, plus "
    "every included format's validator",
)

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


def _service_files(topo: Topology) -> Files:
    """Every service's files under its folder."""
    files: Files = {}
    for comp, (_, service) in zip(topo.services, service_files(topo, topo.services), strict=True):
        base = f"services/{topo.dns(comp.id)}/"
        for rel, text in service.items():
            files[base + rel] = text
    return files


_RUFF = """# Lint settings of the generated Python services (`ruff check services`).
line-length = 100
target-version = "py312"

[lint]
select = ["E", "F", "W", "I", "B", "UP", "SIM", "RUF"]

[lint.isort]
known-first-party = ["app"]
"""
_GITIGNORE = """.env
__pycache__/
*.pyc
.venv/
node_modules/
target/
.terraform/
*.tfstate
*.tfstate.backup
"""


def _targets(arch: Architecture) -> list[tuple[str, str]]:
    """The requirements a reader of the README should know first (numbers only)."""
    req = arch.requirements
    rows = [
        ("daily active users", req.scale.dau, ""),
        ("peak load", req.scale.peak_rps, " requests/s"),
        ("availability", req.slo.availability, " %"),
        ("P99 latency", req.slo.p99_latency_ms, " ms"),
        ("monthly budget", req.budget.monthly_usd, " USD"),
    ]
    return [
        (label, (f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}") + unit)
        for label, value, unit in rows
        if value is not None
    ]


def _tops(produced: Files) -> list[str]:
    """The top-level names of an export, folders with a trailing `/` (one pass over the
    files: a 5,000-component export has tens of thousands)."""
    folders = {rel.split("/", 1)[0] for rel in produced if "/" in rel}
    names = folders | {rel for rel in produced if "/" not in rel}
    return [name + ("/" if name in folders else "") for name in sorted(names)]


def _repository_files() -> Files:
    return {"ruff.toml": _RUFF, ".gitignore": _GITIGNORE}


@dataclass(frozen=True)
class _Produced:
    """One part of the repository: its files, and its row of the README's layout."""

    files: Files
    layout: tuple[str, str] | None = None


def _included(arch: Architecture, fmt: str) -> _Produced:
    """Another format's files under the folder the repository puts them in."""
    prefix, what = INCLUDED[fmt]
    produced = registry.load(fmt).render(arch)
    files = {prefix + rel: text for rel, text in produced.items()}
    return _Produced(files, (", ".join(prefix + top for top in _tops(produced)), what))


# Each part's render time at 10,000 components in seconds, measured inside the two
# processes, after the topology (benchmarks/README.md, session 8). Only the ratios
# matter: they split the parts between two processes. The parent's head start is what
# it does after the split (the README, taking in the child's files).
_WEIGHTS = {
    "terraform": 1.09,
    "kubernetes": 1.00,
    "monitoring": 0.69,
    "compose": 0.37,
    "services": 0.30,
    "github-actions": 0.21,
    "design-doc": 0.19,
    "openapi": 0.18,
}
_HEAD_START = 0.25
_FORK_FROM = 2_000
"""Components from which the parts render in two processes: below it the whole scaffold
takes well under a second, and a second process would save less than it costs."""


def _parts(arch: Architecture, topo: Topology) -> list[Part[_Produced]]:
    parts = [
        Part(_WEIGHTS["services"], lambda: _Produced(_service_files(topo))),
        Part(0.0, lambda: _Produced(_repository_files())),
    ]
    available = set(registry.formats())
    parts += [
        Part(_WEIGHTS.get(fmt, 0.01), functools.partial(_included, arch, fmt))
        for fmt in INCLUDED
        if fmt in available
    ]
    return parts


@sharing_topology
def render(arch: Architecture) -> Files:
    topo = topology(arch)
    fork = len(arch.components) >= _FORK_FROM
    files: Files = {}
    layout = [
        ("services/", "one folder per service: code, openapi.json, contract tests, Dockerfile"),
        (".gitignore, ruff.toml", "what git ignores; the lint settings of the Python services"),
    ]
    for part in render_parts(_parts(arch, topo), fork, _HEAD_START):
        files.update(part.files)
        if part.layout is not None:
            layout.append(part.layout)
    files["README.md"] = _readme(arch, topo, layout)
    return dict(sorted(files.items()))


def _readme(arch: Architecture, topo: Topology, layout: list[tuple[str, str]]) -> str:
    """The repository's front page: targets, diagram, what runs where, the layout."""
    roles = topo.roles
    rows = []
    for comp in sorted(arch.components, key=lambda c: c.id):
        if comp.id in topo.service_ids:
            runs_as = f"{framework_of(comp).name} service `services/{topo.dns(comp.id)}`"
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
    offset = {cid: i for i, cid in enumerate(sorted(topo.service_ids))}
    entry = [(topo.dns(cid), SERVICE_PORT + offset[cid]) for cid in topo.entry]
    return render_template(
        "scaffold/README.md.j2",
        arch=arch,
        targets=_targets(arch),
        diagram=flowchart(arch),
        components=rows,
        layout=sorted(layout),
        entry=entry,
    )
