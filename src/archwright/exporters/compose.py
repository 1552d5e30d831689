"""Docker Compose: the whole system on one laptop, for local development.

Every service we build, every datastore and broker that has a local image, health
checks, `depends_on` with conditions (a service waits for a healthy database), named
volumes, and a `.env.example` listing the secrets. The compose file holds no secret:
passwords are `${VAR:?...}` references that Compose fills from `.env` and refuses to
start without. Compose interpolates `$` in every value, so model text is escaped `$$`.
"""

from __future__ import annotations

from typing import Any

from archwright.exporters._fidelity import local_losses
from archwright.exporters._frameworks import framework_of
from archwright.exporters._losses import Loss, readme
from archwright.exporters._names import dns_label, env_name
from archwright.exporters._topology import (
    SERVICE_PORT,
    Topology,
    health_path,
    sharing_topology,
    topology,
)
from archwright.exporters._yaml import dump_yaml
from archwright.exporters._yaml_block import Fixed
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture

EXPORTER = Exporter(
    name="compose",
    summary="Docker Compose local development stack with health checks and .env.example",
    category="infrastructure",
    validator="Compose specification JSON schema",
)


def _literal(text: str) -> str:
    """Model text as a Compose value: `$` would start an interpolation."""
    return text.replace("$", "$$")


def secret_vars(topo: Topology) -> dict[str, list[tuple[str, str]]]:
    """Per store id: (container variable, .env variable) for each secret it needs."""
    out: dict[str, list[tuple[str, str]]] = {}
    for comp, role in topo.stores:
        if role.runs_locally and role.secret_env:
            prefix = env_name(topo.dns(comp.id))
            out[comp.id] = [(var, f"{prefix}_{var}") for var in role.secret_env]
    return out


def _service_health() -> dict[str, Any]:
    return {"interval": "10s", "timeout": "5s", "retries": 5, "start_period": "20s"}


Checks = dict[tuple[str, ...], Fixed]
"""The health-check blocks of one document by their test: services of one framework and
stores of one image share theirs, so the YAML writer writes each block once (`Fixed`)."""


def _healthcheck(test: list[str], made: Checks) -> Fixed:
    block = made.get(tuple(test))
    if block is None:
        block = made[tuple(test)] = Fixed({"test": test, **_service_health()})
    return block


# what a service waits for before it starts, one block each
_CONDITIONS = {c: Fixed({"condition": c}) for c in ("service_healthy", "service_started")}


def _app_service(
    topo: Topology,
    comp_id: str,
    host_port: int | None,
    secrets: dict[str, list[tuple[str, str]]],
    checks: Checks,
) -> dict[str, Any]:
    """`secrets` is `secret_vars(topo)`, computed once per export, not per service."""
    comp = topo.component(comp_id)
    name = topo.dns(comp_id)
    env: dict[str, str] = {"PORT": str(SERVICE_PORT), "SERVICE_NAME": name}
    env.update(topo.env_for(comp_id))
    for target in topo.calls_from(comp_id):
        for _, env_var in secrets.get(target, []):
            env[env_var] = "${" + env_var + ":?set it in .env (see .env.example)}"
    probe = framework_of(comp).probe(SERVICE_PORT, health_path(comp))
    service: dict[str, Any] = {
        "build": {"context": f"./services/{name}"},
        "environment": env,
        "healthcheck": _healthcheck(probe, checks),
        "labels": {
            "org.archwright.component": _literal(comp.id),
            "org.archwright.kind": comp.kind.value,
        },
        "read_only": True,
        "security_opt": ["no-new-privileges:true"],
        "restart": "unless-stopped",
    }
    if host_port is not None:
        service["ports"] = [f"127.0.0.1:{host_port}:{SERVICE_PORT}"]
    depends: dict[str, Any] = {}
    for target in topo.calls_from(comp_id):
        if not topo.deployed(target):
            continue
        role = topo.roles.get(target)
        healthy = target in topo.service_ids or bool(role and role.healthcheck)
        condition = "service_healthy" if healthy else "service_started"
        depends[topo.dns(target)] = _CONDITIONS[condition]
    if depends:
        service["depends_on"] = depends
    return service


def build(arch: Architecture) -> tuple[dict[str, Any], str]:
    """The compose document and the `.env.example` text."""
    topo = topology(arch)
    services: dict[str, Any] = {}
    volumes: dict[str, Any] = {}
    secrets = secret_vars(topo)
    checks: Checks = {}
    env_lines = [
        "# Copy to .env and fill in. Never commit .env.",
    ]
    for comp, role in topo.stores:
        if not role.runs_locally:
            continue
        name = topo.dns(comp.id)
        env: dict[str, str] = {k: v.replace("{host}", name) for k, v in role.env}
        for var, env_var in secrets.get(comp.id, []):
            env[var] = "${" + env_var + ":?set it in .env (see .env.example)}"
            env_lines.append(f"{env_var}=change-me")
        store: dict[str, Any] = {
            "image": role.image,
            "labels": {
                "org.archwright.component": _literal(comp.id),
                "org.archwright.kind": comp.kind.value,
            },
            "restart": "unless-stopped",
        }
        if role.command:
            store["command"] = list(role.command)
        if env:
            store["environment"] = env
        if role.healthcheck:
            store["healthcheck"] = _healthcheck(["CMD", *role.healthcheck], checks)
        if role.volume:
            volume = f"{name}-data"
            store["volumes"] = [f"{volume}:{role.volume}"]
            volumes[volume] = {}
        services[name] = store
    for index, comp_id in enumerate(sorted(topo.service_ids)):
        exposed = SERVICE_PORT + index if comp_id in topo.entry_ids else None
        services[topo.dns(comp_id)] = _app_service(topo, comp_id, exposed, secrets, checks)
    document: dict[str, Any] = {
        "name": dns_label(arch.name) or "archwright",
        "services": dict(sorted(services.items())),
    }
    if volumes:
        document["volumes"] = dict(sorted(volumes.items()))
    return document, "\n".join(env_lines) + "\n"


def losses(arch: Architecture) -> list[Loss]:
    """What the local stack does not run as designed (managed services, edge, replicas)."""
    return local_losses(topology(arch), "compose", one_replica=True)


_INTRO = """Local development stack generated by archwright from the design
"{name}". Copy `.env.example` to `.env`, fill it in, then run `docker compose up`."""


@sharing_topology
def render(arch: Architecture) -> Files:
    document, env_example = build(arch)
    header = "# Local development stack generated by archwright. Secrets come from .env.\n"
    return {
        "docker-compose.yml": header + dump_yaml(document),
        ".env.example": env_example,
        "README.compose.md": readme(
            f"{arch.name}: Docker Compose", _INTRO.format(name=arch.name), losses(arch)
        ),
    }
