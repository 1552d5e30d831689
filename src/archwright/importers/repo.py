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
from archwright.importers._code import (
    SOURCE_SUFFIXES,
    addresses_in_code,
    django_engines,
    orm_models,
    python_imports,
)
from archwright.importers._compose_load import find_files, load_project
from archwright.importers._configs import parse_config
from archwright.importers._files import SafeRoot
from archwright.importers._manifests import reader_for
from archwright.importers._repo_data import (
    Found,
    attach_brokers,
    attach_models,
    broker_component,
    is_broker_address,
    tech_component,
)
from archwright.importers._techmap import data_file, kind_from_name, match_image
from archwright.importers.importer import (
    Evidence,
    Importer,
    ImportProblem,
    ImportResult,
    shape_errors,
)
from archwright.model import Component, Kind
from archwright.model.confidence import Confidence

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
    _compose_services(builder, root, units)
    found = Found()
    for file in sorted(files, key=lambda f: reader_for(f.name) is None):  # manifests first
        owner = _owner(units, file)
        if owner is not None:
            with shape_errors(root.rel(file)):
                _scan_file(builder, root, file, owner, found)
    attach_brokers(builder, found)
    attach_models(builder, found)
    return builder.result()


def _compose_services(builder: Builder, root: SafeRoot, units: dict[Path, str]) -> None:
    """A repo's compose file names the hosts its code calls: a service built from a unit's
    folder is that unit under another name; a service run from an image is a component."""
    from archwright.importers.compose import add_service

    try:
        files = find_files(root)
        project = load_project(root, files)
    except ImportProblem as exc:
        if "no compose.yaml" not in exc.message:
            builder.loss("skipped", exc.file, "", exc.message)
        return
    for name in sorted(project.services):
        svc = project.services[name]
        build = svc.get("build")
        context = build.get("context", ".") if isinstance(build, dict) else build
        if isinstance(context, str) and "://" not in context:
            unit = units.get((project.origin[name].parent / context).resolve())
            if unit is not None:
                builder.names.add(name, unit)
                continue
        if isinstance(svc.get("image"), str) and name not in builder.components:
            with shape_errors(f"{root.rel(project.origin[name])}: services.{name}"):
                add_service(builder, root, project, name)


def parse_url(url: str) -> ImportResult:
    """A git repository by URL: shallow-cloned (size and time bounded), read, removed."""
    from archwright.importers._git import cloned

    with cloned(url) as folder:
        return parse(folder)


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
    best: Path | None = None
    for folder in units:
        if file.is_relative_to(folder) and (best is None or len(folder.parts) > len(best.parts)):
            best = folder
    return units[best] if best is not None else None


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
    builder.add_component(Component(id=uid, kind=kind, properties=props))


def _scan_file(builder: Builder, root: SafeRoot, file: Path, uid: str, found: Found) -> None:
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
            queue = _libmap()["task_queues"].get(eco, {}).get(name)
            if queue:
                found.task_queues.setdefault(uid, []).append((name, queue, shown, key))
            tech = libraries.get(eco, {}).get(name) or _prefix_match(libraries.get(eco, {}), name)
            if tech:
                target = tech_component(builder, tech)
                builder.add_edge(
                    uid,
                    target,
                    Evidence(uid, target, shown, key, name),
                    None,
                    0,
                    confidence=Confidence.LIKELY,  # a client library, not yet a named host
                )
        return
    if file.suffix in SOURCE_SUFFIXES | {".prisma"}:
        if file.stat().st_size <= _MAX_SOURCE_BYTES:
            _scan_source(builder, root, file, uid, found)
        else:
            builder.loss("skipped", shown, "", "source file over 512 KiB not read")
        return
    if _ENV_NAMES.match(file.name) or file.name == "Dockerfile":
        text = root.read_text(file)
        if file.name == "Dockerfile":  # only ENV/ARG values name hosts; FROM names images
            text = "\n".join(
                line if re.match(r"\s*(ENV|ARG)\s", line, re.I) else ""
                for line in text.splitlines()
            )
        name = file.name if not file.name.startswith(".env") else "env.txt"
        items, _ = parse_config(text, name, shown)
        for item in items:
            _address_edge(builder, uid, item.address, shown, item.key, item.value, found)


def _prefix_match(table: dict[str, str], name: str) -> str | None:
    for lib, tech in table.items():
        if name.startswith(lib + "/"):
            return tech
    return None


def _scan_source(builder: Builder, root: SafeRoot, file: Path, uid: str, found: Found) -> None:
    """SDK clients, peer addresses, database engines and ORM models in one source file."""
    shown = root.rel(file)
    text = root.read_text(file)
    for number, line in enumerate(text.splitlines(), 1):
        for service in _SDK.findall(line):
            tech = _libmap()["sdk_clients"].get(service)
            if tech:
                target = tech_component(builder, tech)
                evidence = Evidence(uid, target, shown, f"line {number}", line.strip()[:120])
                builder.add_edge(uid, target, evidence, None, 0)
    for hit in addresses_in_code(text):
        _address_edge(
            builder, uid, hit.address, shown, f"line {hit.line} {hit.key}".strip(), hit.text, found
        )
    for number, engine in django_engines(text):
        tech = _libmap()["django_engines"].get(engine)
        if tech:
            target = tech_component(builder, tech)
            evidence = Evidence(uid, target, shown, f"line {number}", f"ENGINE {engine}")
            builder.add_edge(uid, target, evidence, None, 0)
    try:
        models = orm_models(text, file, shown)
    except ValueError as exc:
        builder.loss("skipped", shown, "", str(exc))
        return
    found.models.setdefault(uid, []).extend(models)
    if file.suffix == ".py":
        package = _package_of(root, file, str(builder.components[uid].properties["path"]))
        found.imports.setdefault(uid, {}).setdefault(package, set()).update(python_imports(text))


def _package_of(root: SafeRoot, file: Path, unit_path: str) -> str:
    """The top folder of a Python file under its unit (a Django app's label)."""
    rel = Path(root.rel(file))
    if unit_path != ".":
        rel = rel.relative_to(unit_path) if rel.is_relative_to(unit_path) else rel
    return rel.parts[0] if len(rel.parts) >= 2 else ""


def _address_edge(
    builder: Builder,
    uid: str,
    address: Any,
    file: str,
    key: str,
    value: str,
    found: Found,
) -> None:
    """A deployed unit by name; else the technology its host or scheme names (a broker
    when the key or the unit's task library says so); else reported as unknown."""
    resolved = builder.names.resolve(address.host)
    if resolved is not None and "inferred_from" not in builder.components[resolved].properties:
        builder.add_address(uid, address, file, key, value)
        return
    alias = _libmap()["host_aliases"].get(address.host.lower().split(".")[0])
    if alias is None and address.scheme:
        alias = _libmap()["scheme_aliases"].get(address.scheme.split(":")[-1])
    if alias is None:
        builder.add_address(uid, address, file, key, value)  # resolved, or reported unknown
        return
    target = (
        broker_component(builder, alias)
        if is_broker_address(found, uid, alias, key)
        else tech_component(builder, alias)
    )
    builder.named.add(uid)
    evidence = Evidence(uid, target, file, key, value[:200])
    if builder.components[target].kind in (Kind.QUEUE, Kind.STREAM):
        builder.add_edge(uid, target, evidence, address.protocol(), 1, mode="async")
    else:
        builder.add_edge(uid, target, evidence, address.protocol(), 1)
