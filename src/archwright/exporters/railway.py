"""Railway config as code: a `railway.json` per service (Dockerfile build, health check,
restart policy, replicas), and a README listing the databases to add and the reference
variables (`${{name.VAR}}`) that wire them, since Railway creates databases from its
templates rather than from config files.
"""

from __future__ import annotations

from archwright.exporters._fidelity import platform_losses
from archwright.exporters._losses import Loss, readme_section
from archwright.exporters._names import env_name
from archwright.exporters._topology import health_path, sharing_topology, topology
from archwright.exporters._yaml import dump_json
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture

EXPORTER = Exporter(
    name="railway",
    summary="Railway config as code (railway.json per service) and setup notes",
    category="delivery",
    validator="structure tests",
)

_TEMPLATES = {
    "postgres": ("PostgreSQL", "DATABASE_URL"),
    "pgvector": ("PostgreSQL", "DATABASE_URL"),
    "mysql": ("MySQL", "MYSQL_URL"),
    "redis": ("Redis", "REDIS_URL"),
    "mongodb": ("MongoDB", "MONGO_URL"),
}


@sharing_topology
def render(arch: Architecture) -> Files:
    topo = topology(arch)
    files: Files = {}
    notes = [
        "# Railway setup",
        "",
        "Each service deploys from its folder with the `railway.json` beside its Dockerfile.",
        "",
    ]
    stores = [(topo.dns(c.id), r) for c, r in topo.stores if r.name in _TEMPLATES]
    if stores:
        notes += ["## Databases to add (Railway templates)", ""]
        notes += [f"- `{name}`: {_TEMPLATES[role.name][0]}" for name, role in stores]
        notes.append("")
    notes += ["## Variables per service", ""]
    for comp in topo.services:
        name = topo.dns(comp.id)
        files[f"services/{name}/railway.json"] = dump_json(
            {
                "$schema": "https://railway.com/railway.schema.json",
                "build": {"builder": "DOCKERFILE", "dockerfilePath": "Dockerfile"},
                "deploy": {
                    "healthcheckPath": health_path(comp),
                    "healthcheckTimeout": 30,
                    "numReplicas": max(comp.replicas, 1),
                    "restartPolicyType": "ON_FAILURE",
                    "restartPolicyMaxRetries": 5,
                },
            }
        )
        refs = ["PORT=8080"]
        for target in topo.calls_from(comp.id):
            key = f"{env_name(topo.dns(target))}_URL"
            role = topo.roles.get(target)
            tname = topo.dns(target)
            if role and role.name in _TEMPLATES:
                refs.append(f"{key}=${{{{{tname}.{_TEMPLATES[role.name][1]}}}}}")
            elif target in topo.service_ids:
                refs.append(f"{key}=http://${{{{{tname}.RAILWAY_PRIVATE_DOMAIN}}}}:8080")
        notes.append(f"### `{name}`")
        notes += ["", "```", *refs, "```", ""]
    files["railway/README.md"] = "\n".join(notes).rstrip() + "\n\n" + readme_section(losses(arch))
    return files


def losses(arch: Architecture) -> list[Loss]:
    """What Railway does not run as designed (managed cloud services, edge, other stores)."""
    return platform_losses(topology(arch), "railway")
