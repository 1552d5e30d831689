"""OpenAPI 3.1 skeletons: one document per service, from `Component.endpoints`.

Paths are normalised to what OpenAPI accepts (each `{param}` an identifier, declared
as a path parameter; other segments reduced to URL-safe characters); duplicate
method+path pairs are merged. Endpoints with `auth` require a bearer token. Every
service also documents its health path, which the other exporters probe.
"""

from __future__ import annotations

import re
from typing import Any

from archwright.exporters._names import identifier
from archwright.exporters._topology import (
    SERVICE_PORT,
    WORKER_KINDS,
    health_path,
    once_per_export,
    topology,
)
from archwright.exporters._yaml import dump_yaml
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture, Component

EXPORTER = Exporter(
    name="openapi",
    summary="OpenAPI 3.1 skeleton per service from the model's endpoints",
    category="api",
    validator="openapi-spec-validator",
)

_PARAM = re.compile(r"^\{(.+)\}$")
_SEGMENT = re.compile(r"[^A-Za-z0-9._~-]+")


def normalise_path(path: str) -> tuple[str, list[str]]:
    """A safe OpenAPI path template and its parameter names, in order."""
    segments: list[str] = []
    params: list[str] = []
    for raw in path.split("/"):
        if not raw or raw in (".", ".."):
            continue
        match = _PARAM.match(raw)
        if match:
            name = identifier(match.group(1)) or "param"
            while name in params:
                name += "_"
            params.append(name)
            segments.append("{" + name + "}")
        else:
            cleaned = _SEGMENT.sub("-", raw).strip("-")
            segments.append(cleaned or "x")
    return "/" + "/".join(segments), params


@once_per_export
def document(comp: Component, name: str) -> dict[str, Any]:
    """The service's OpenAPI document (built once per export: the scaffold writes it
    again as the service's contract); read-only for its callers."""
    paths: dict[str, dict[str, Any]] = {}
    used_ids: set[str] = set()
    needs_auth = False
    endpoints = [(e.method, e.path, e.summary or "", e.auth) for e in comp.endpoints]
    endpoints.append(("GET", health_path(comp), "Health check", False))
    for method, raw, summary, auth in endpoints:
        path, params = normalise_path(raw)
        item = paths.setdefault(path, {})
        verb = method.lower()
        if verb in item:
            continue
        op_id = identifier(f"{verb} {path}") or verb
        while op_id in used_ids:
            op_id += "_"
        used_ids.add(op_id)
        operation: dict[str, Any] = {"operationId": op_id}
        if summary:
            operation["summary"] = summary
        if params:
            operation["parameters"] = [
                {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                for p in params
            ]
        if verb in ("post", "put", "patch"):
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        responses: dict[str, Any] = {
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        }
        if auth:
            needs_auth = True
            operation["security"] = [{"bearerAuth": []}]
            responses["401"] = {"description": "Missing or invalid token"}
        operation["responses"] = responses
        item[verb] = operation
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": comp.label, "version": "0.1.0"},
        "servers": [{"url": f"http://{name}:{SERVICE_PORT}"}],
        "paths": dict(sorted(paths.items())),
    }
    if comp.description:
        doc["info"]["description"] = comp.description
    if needs_auth:
        doc["components"] = {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            }
        }
    return doc


def render(arch: Architecture) -> Files:
    topo = topology(arch)
    return {
        f"openapi/{topo.dns(c.id)}.yaml": dump_yaml(document(c, topo.dns(c.id)))
        for c in topo.services
        if c.endpoints or c.kind not in WORKER_KINDS
    }
