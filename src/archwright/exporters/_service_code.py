"""The code of one scaffolded service, on the framework its technology names.

Each service gets its contract (openapi.json, from the OpenAPI exporter's `document`),
handlers for every operation of that contract, a health check, JSON logs, Prometheus
metrics, contract tests generated from the same document, pinned dependencies and a
Dockerfile. Model text reaches code only as quoted literals (`py`/`js` filters or
`py_literal`); names are already identifiers or DNS labels.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from archwright.exporters._frameworks import Framework, framework_of
from archwright.exporters._jinja import py_string, render_template
from archwright.exporters._names import identifier
from archwright.exporters._service_api import Operation, free_name, operations
from archwright.exporters._topology import SERVICE_PORT, Topology, health_path
from archwright.exporters._yaml import dump_json, dump_json_each
from archwright.exporters.exporter import Files
from archwright.exporters.openapi import document
from archwright.model import Component

_MAX_LITERAL = 72  # source characters per piece of a wrapped string literal


def py_literal(text: str, indent: str = "    ") -> str:
    """A Python string literal, split into implicitly joined pieces so no line is long."""
    if len(py_string(text)) <= _MAX_LITERAL:
        return py_string(text)
    pieces: list[str] = []
    current = ""
    for char in text:
        if len(py_string(current + char)) > _MAX_LITERAL:
            pieces.append(py_string(current))
            current = ""
        current += char
    pieces.append(py_string(current))
    inner = "".join(f"\n{indent}    {p}" for p in pieces)
    return f"({inner}\n{indent})"


def _metrics_path(ops: list[Operation], health: str) -> str:
    taken = {op.path for op in ops} | {health}
    return next(
        p for p in ("/metrics", "/internal/metrics", "/_archwright/metrics") if p not in taken
    )


def _context(
    topo: Topology, comp: Component, contract: dict[str, Any], text: str
) -> dict[str, Any]:
    """What the templates read; `contract` is the service's document, `text` its JSON."""
    name = topo.dns(comp.id)
    health = health_path(comp)
    ops = operations(contract, health)
    # Attributes, not dict keys: a template's `op.verb` on a dict first tries (and fails)
    # an attribute lookup, an exception per name (issue 17).
    views = [
        SimpleNamespace(
            **vars(op),
            express_path=op.express_path,
            sample_path=op.sample_path,
            summary_literal=py_literal(op.summary, "    "),
            body_name=free_name("body", op.params),
        )
        for op in ops
    ]
    health_op = contract["paths"][health]["get"]["operationId"]
    return {
        "service": name,
        "title": py_literal(comp.label, ""),
        "health": health,
        "health_id": health_op,
        "metrics": _metrics_path(ops, health),
        "operations": views,
        "any_body": any(op.body for op in ops),
        "port": SERVICE_PORT,
        "contract": text,
    }


def _python(ctx: dict[str, Any], fw: Framework) -> Files:
    pins = "".join(f"{n}=={v}\n" for n, v in fw.dependencies)
    dev = "-r requirements.txt\n" + "".join(f"{n}=={v}\n" for n, v in fw.test_dependencies)
    return {
        "app.py": render_template("scaffold/python/app.py.j2", **ctx),
        "test_contract.py": render_template("scaffold/python/test_contract.py.j2", **ctx),
        "openapi.json": ctx["contract"],
        "requirements.txt": pins,
        "requirements-dev.txt": dev,
        "Dockerfile": render_template(
            "scaffold/python/Dockerfile.j2", image_tag=fw.image.split(":", 1)[1], **ctx
        ),
        ".dockerignore": "__pycache__/\n*.pyc\ntest_*.py\nrequirements-dev.txt\n",
    }


def _package_json(ctx: dict[str, Any], fw: Framework) -> str:
    package = {
        "name": ctx["service"],
        "version": "0.1.0",
        "private": True,
        "type": "commonjs",
        "main": "src/server.js",
        "engines": {"node": ">=22"},
        "scripts": {"start": "node src/server.js", "test": "node --test test/"},
        "dependencies": dict(fw.dependencies),
    }
    return dump_json(package, ensure_ascii=True)


def _node(ctx: dict[str, Any], fw: Framework) -> Files:
    return {
        "package.json": _package_json(ctx, fw),
        "src/app.js": render_template("scaffold/node/app.js.j2", **ctx),
        "src/server.js": render_template("scaffold/node/server.js.j2", **ctx),
        "test/contract.test.js": render_template("scaffold/node/contract.test.js.j2", **ctx),
        "openapi.json": ctx["contract"],
        "Dockerfile": render_template(
            "scaffold/node/Dockerfile.j2", image_tag=fw.image.split(":", 1)[1], **ctx
        ),
        ".dockerignore": "node_modules/\ntest/\n",
    }


def _java(ctx: dict[str, Any], fw: Framework) -> Files:
    package = "generated.svc_" + identifier(ctx["service"])
    folder = package.replace(".", "/")
    java = dict(ctx, package=package, pins=dict(fw.dependencies))
    return {
        "pom.xml": render_template("scaffold/java/pom.xml.j2", **java),
        f"src/main/java/{folder}/Application.java": render_template(
            "scaffold/java/Application.java.j2", **java
        ),
        f"src/main/java/{folder}/ApiController.java": render_template(
            "scaffold/java/ApiController.java.j2", **java
        ),
        f"src/test/java/{folder}/ContractTest.java": render_template(
            "scaffold/java/ContractTest.java.j2", **java
        ),
        "src/main/resources/application.properties": render_template(
            "scaffold/java/application.properties.j2", **java
        ),
        "src/main/resources/openapi.json": ctx["contract"],
        "Dockerfile": render_template(
            "scaffold/java/Dockerfile.j2", image=fw.image, build_image=fw.build_image, **java
        ),
        ".dockerignore": "target/\n",
    }


_BUILDERS = {"python": _python, "node": _node, "java": _java}


def service_files(topo: Topology, comps: list[Component]) -> list[tuple[Framework, Files]]:
    """For each of `comps`, the framework chosen and its files, relative to its service
    folder. The contracts' JSON is written for all of them at once (`dump_json_each`)."""
    contracts = [document(comp, topo.dns(comp.id)) for comp in comps]
    texts = dump_json_each(contracts, ensure_ascii=True)
    out = []
    for comp, contract, text in zip(comps, contracts, texts, strict=True):
        fw = framework_of(comp)
        out.append((fw, _BUILDERS[fw.language](_context(topo, comp, contract, text), fw)))
    return out
