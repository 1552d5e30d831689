"""Import a source repository: its deployable units and what their code talks to.

A unit is a folder with a Dockerfile (or, when there is none, with a package manifest).
Its manifests name client libraries (psycopg → PostgreSQL, pika → RabbitMQ, openai →
an LLM API; data: libmap.yaml), its Python/JS source names AWS SDK clients
(`boto3.client("sqs")`), and its env/config files name the hosts it calls. Nothing is
installed, built or run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from archwright.importers._build import Builder
from archwright.importers._configs import parse_config
from archwright.importers._files import SafeRoot
from archwright.importers._manifests import reader_for
from archwright.importers._techmap import data_file, kind_from_name, match_image
from archwright.importers.importer import (
    Evidence,
    Importer,
    ImportProblem,
    ImportResult,
    shape_errors,
)
from archwright.kb.catalog import load_catalog
from archwright.model import Component, Kind, Protocol

IMPORTER = Importer(
    name="repo",
    summary="A source tree: Dockerfiles, package manifests, client libraries, env files",
    looks_for=(
        "Dockerfile",
        "pyproject.toml",
        "requirements.txt",
        "package.json",
        "go.mod",
        "pom.xml",
        "build.gradle",
        "Gemfile",
        "Cargo.toml",
    ),
)

_SDK = re.compile(r"""boto3\.(?:client|resource)\(\s*['"]([a-z0-9-]+)['"]""")
_SOURCE_SUFFIXES = (".py", ".js", ".ts", ".mjs")
_ENV_NAMES = re.compile(
    r"^(\.env(\..+)?|.*\.env|application.*\.(ya?ml|properties)|"
    r"config\.(ya?ml|json)|settings\.(ya?ml|json))$",
    re.IGNORECASE,
)
_MAX_SOURCE_BYTES = 512 * 1024


def _libmap() -> dict[str, Any]:
    data: dict[str, Any] = data_file("libmap.yaml")
    return data


def parse(path: Path) -> ImportResult:
    root = SafeRoot(path)
    if not root.start.is_dir():
        raise ImportProblem(root.rel(root.start), "repo import needs a folder")
    files = list(root.walk())
    units = _units(root, files)
    if not units:
        raise ImportProblem(".", "no Dockerfile or package manifest found")
    builder = Builder((root.root.name or "repo").lower(), "repo")
    for folder, uid in sorted(units.items()):
        _add_unit(builder, root, folder, uid)
    for file in files:
        owner = _owner(units, file)
        if owner is not None:
            with shape_errors(root.rel(file)):
                _scan_file(builder, root, file, owner)
    return builder.result()


def _units(root: SafeRoot, files: list[Path]) -> dict[Path, str]:
    docker = sorted(
        {f.parent for f in files if f.name == "Dockerfile" or f.name.startswith("Dockerfile.")}
    )
    folders = docker or sorted({f.parent for f in files if reader_for(f.name)})
    if not docker:  # manifests only: keep the top-most of nested ones
        folders = [f for f in folders if not any(o != f and f.is_relative_to(o) for o in folders)]
    units: dict[Path, str] = {}
    for folder in folders:
        name = folder.name if folder != root.root else (root.root.name or "app")
        uid = name.lower()
        while uid in units.values():
            uid = f"{folder.parent.name.lower()}-{uid}"
        units[folder] = uid
    return units


def _owner(units: dict[Path, str], file: Path) -> str | None:
    """The unit of the deepest unit folder holding `file`: a walk up its parents (a scan of
    every unit per file made 1,000 services take 19 s)."""
    for folder in file.parents:
        if folder in units:
            return units[folder]
    return None


def _add_unit(builder: Builder, root: SafeRoot, folder: Path, uid: str) -> None:
    props: dict[str, Any] = {"path": root.rel(folder) or "."}
    dockerfile = folder / "Dockerfile"
    if dockerfile.is_file():
        text = root.read_text(dockerfile)
        froms = re.findall(r"^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)", text, re.MULTILINE | re.I)
        exposes = re.findall(r"^\s*EXPOSE\s+(.+)$", text, re.MULTILINE | re.IGNORECASE)
        if froms:
            props["base_images"] = froms
        if exposes:
            props["expose"] = " ".join(exposes).split()
    match = match_image(props["base_images"][-1]) if props.get("base_images") else None
    kind = (
        match.kind
        if match and match.kind is not Kind.WORKER
        else (kind_from_name(uid) or Kind.SERVICE)
    )
    builder.add(uid, props["path"], "folder", kind=kind, properties=props)


def _tech_component(builder: Builder, key: str) -> str:
    """The component standing for a technology (`postgresql`), created on first use."""
    entry = _libmap()["technologies"][key]
    if key not in builder.components:
        found = load_catalog().find(str(entry["technology"]))
        builder.add_component(
            Component(
                id=key,
                kind=found.kind if found else Kind(entry["kind"]),
                technology=found.name if found else None,
                properties={"inferred_from": "client library"},
            ),
            protocol=Protocol(entry["protocol"]),
        )
    return key


def _scan_file(builder: Builder, root: SafeRoot, file: Path, uid: str) -> None:
    shown = root.rel(file)
    reader = reader_for(file.name)
    libraries = _libmap()["libraries"]
    if reader is not None:
        try:
            deps = reader(root.read_text(file))
        except ValueError as exc:
            builder.loss("skipped", shown, "", str(exc))
            return
        for eco, name, key in deps:
            tech = libraries.get(eco, {}).get(name) or _prefix_match(libraries.get(eco, {}), name)
            if tech:
                target = _tech_component(builder, tech)
                builder.add_edge(uid, target, Evidence(uid, target, shown, key, name), None, 0)
        return
    if file.suffix in _SOURCE_SUFFIXES and file.stat().st_size <= _MAX_SOURCE_BYTES:
        text = root.read_text(file)
        for number, line in enumerate(text.splitlines(), 1):
            for service in _SDK.findall(line):
                tech = _libmap()["sdk_clients"].get(service)
                if tech:
                    target = _tech_component(builder, tech)
                    builder.add_edge(
                        uid,
                        target,
                        Evidence(uid, target, shown, f"line {number}", line.strip()[:120]),
                        None,
                        0,
                    )
        return
    if _ENV_NAMES.match(file.name) or file.name == "Dockerfile":
        text = root.read_text(file)
        if file.name == "Dockerfile":  # only ENV/ARG values name hosts; FROM names images
            text = "\n".join(
                line if re.match(r"\s*(ENV|ARG)\s", line, re.I) else ""
                for line in text.splitlines()
            )
        name = file.name if not file.name.startswith(".env") else "env.txt"
        found, _ = parse_config(text, name, shown)
        for item in found:
            _address_edge(builder, uid, item.address, shown, item.key, item.value)


def _prefix_match(table: dict[str, str], name: str) -> str | None:
    for lib, tech in table.items():
        if name.startswith(lib + "/"):
            return tech
    return None


def _address_edge(
    builder: Builder, uid: str, address: Any, file: str, key: str, value: str
) -> None:
    if builder.names.resolve(address.host):
        builder.add_address(uid, address, file, key, value)
        return
    alias = _libmap()["host_aliases"].get(address.host.lower().split(".")[0])
    if alias is None and address.scheme:
        scheme = address.scheme.split(":")[-1]
        alias = {
            "postgres": "postgresql",
            "postgresql": "postgresql",
            "mysql": "mysql",
            "redis": "redis",
            "mongodb": "mongodb",
            "amqp": "rabbitmq",
            "kafka": "kafka",
        }.get(scheme)
    if alias is None:
        builder.add_address(uid, address, file, key, value)  # reports it as unknown
        return
    target = _tech_component(builder, alias)
    builder.add_edge(
        uid, target, Evidence(uid, target, file, key, value[:200]), address.protocol(), 1
    )
