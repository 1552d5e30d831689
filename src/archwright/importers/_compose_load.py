"""Loading a Compose project the way `docker compose config` would, without running it.

Covers the file versions in use (v1 top-level services, v2/v3 `version:` files and the
Compose Specification), `.env` and `env_file`, `${VAR:-default}` interpolation (from
`.env` only — never from the importing machine's environment, so output is
reproducible), YAML anchors and `<<` merge keys (resolved by the safe loader), `x-`
extension fields, `extends`, `include`, and override files merged by the Compose rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archwright.importers._files import SafeRoot
from archwright.importers.importer import ImportProblem

CANONICAL = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
_VAR = re.compile(r"\$(?:\$|\{(?P<braced>[^{}]*)\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))")
_UNION_LISTS = frozenset(
    {
        "ports",
        "expose",
        "external_links",
        "dns",
        "dns_search",
        "tmpfs",
        "cap_add",
        "cap_drop",
        "links",
        "secrets",
        "configs",
        "profiles",
    }
)
_MAX_EXTENDS = 20


@dataclass
class Project:
    """The compose files of one project, merged as `docker compose config` would."""

    files: list[Path]
    services: dict[str, dict[str, Any]] = field(default_factory=dict)
    top: dict[str, Any] = field(default_factory=dict)  # configs, secrets, networks...
    unset: set[tuple[str, str]] = field(default_factory=set)  # (file, variable)
    origin: dict[str, Path] = field(default_factory=dict)  # service -> file defining it


def find_files(root: SafeRoot) -> list[Path]:
    """The compose file of a folder (canonical name) and its override files, in order."""
    start = root.start
    if start.is_file():
        return [start]
    for folder in [start, *sorted(p.parent for p in root.walk(start) if p.name in CANONICAL)]:
        for name in CANONICAL:
            candidate = folder / name
            if candidate.is_file() and root.inside(candidate):
                stem, ext = name.rsplit(".", 1)
                overrides = [folder / f"{stem}.override.{e}" for e in (ext, *("yaml", "yml"))]
                found = [candidate]
                for o in overrides:
                    if o.is_file() and o not in found and root.inside(o):
                        found.append(o)
                        break
                return found
    raise ImportProblem(
        root.rel(start) or str(start), "no compose.yaml or docker-compose.yml found"
    )


def load_project(root: SafeRoot, files: list[Path]) -> Project:
    project = Project(files)
    env = read_env_file(root, files[0].parent / ".env", required=False)
    for path in files:
        _merge_file(root, path, env, project, depth=0)
    return project


def read_env_file(root: SafeRoot, path: Path, *, required: bool) -> dict[str, str]:
    if not path.is_file():
        if required:
            raise ImportProblem(root.rel(path), "env file not found")
        return {}
    values: dict[str, str] = {}
    for line in root.read_text(path).splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def _refuse_kubernetes(shown: str, data: dict[str, Any]) -> None:
    """A Kubernetes manifest is a mapping too, with no `services`: read as a compose
    file it gave an empty architecture and exit 0. `apiVersion` and `kind` at the top
    are what every Kubernetes object carries and no Compose file uses."""
    if "services" not in data and "apiVersion" in data and "kind" in data:
        raise ImportProblem(
            shown,
            "looks like a Kubernetes manifest (apiVersion and kind, no `services`); "
            "import it with `archwright import kubernetes`",
            1,
        )


def _merge_file(
    root: SafeRoot, path: Path, env: dict[str, str], project: Project, depth: int
) -> None:
    shown = root.rel(path)
    docs = root.yaml_docs(path)
    data = docs[0] if docs else None
    if data is None:
        return
    if not isinstance(data, dict):
        raise ImportProblem(shown, "a compose file must be a mapping", 1)
    _refuse_kubernetes(shown, data)
    data = interpolate(data, env, lambda var: project.unset.add((shown, var)))
    for entry in _as_list(data.get("include")):
        if depth > 5:
            raise ImportProblem(shown, "include nested more than 5 levels")
        paths = entry.get("path") if isinstance(entry, dict) else entry
        for rel in _as_list(paths):
            included = root.resolve(str(rel), path.parent)
            sub = Project([included])
            _merge_file(
                root,
                included,
                {**read_env_file(root, included.parent / ".env", required=False), **env},
                sub,
                depth + 1,
            )
            for name, svc in sub.services.items():
                project.services.setdefault(name, svc)
                project.origin.setdefault(name, sub.origin[name])
            project.unset |= sub.unset
    services = data.get("services")
    if services is None and "version" not in data:  # v1: services at the top level
        services = {
            k: v for k, v in data.items() if isinstance(v, dict) and ("image" in v or "build" in v)
        }
    if services is None:
        services = {}
    if not isinstance(services, dict):
        raise ImportProblem(shown, "'services' must be a mapping")
    resolved: dict[str, dict[str, Any]] = {}
    for name, svc in services.items():
        if svc is None:
            svc = {}
        if not isinstance(svc, dict):
            raise ImportProblem(shown, f"service {name!r} must be a mapping")
        resolved[str(name)] = _extend(root, path, services, str(name), svc, env, project, [])
    for name, svc in resolved.items():
        base = project.services.get(name)
        project.services[name] = merge_service(base, svc) if base else svc
        project.origin.setdefault(name, path)
    for key in ("configs", "secrets", "networks", "volumes"):
        if isinstance(data.get(key), dict):
            project.top.setdefault(key, {}).update(
                {k: (v, path.parent) for k, v in data[key].items()}
            )


def _extend(
    root: SafeRoot,
    path: Path,
    services: dict[str, Any],
    name: str,
    svc: dict[str, Any],
    env: dict[str, str],
    project: Project,
    chain: list[str],
) -> dict[str, Any]:
    ext = svc.get("extends")
    svc = {k: v for k, v in svc.items() if k != "extends" and not str(k).startswith("x-")}
    svc = normalize(svc)
    if ext is None:
        return svc
    if len(chain) > _MAX_EXTENDS or f"{path}:{name}" in chain:
        raise ImportProblem(root.rel(path), f"service {name!r}: extends forms a cycle")
    chain = [*chain, f"{path}:{name}"]
    base_name = ext.get("service") if isinstance(ext, dict) else ext
    if not isinstance(base_name, str):
        raise ImportProblem(root.rel(path), f"service {name!r}: extends needs a service")
    other = ext.get("file") if isinstance(ext, dict) else None
    if other:
        base_path = root.resolve(str(other), path.parent)
        docs = root.yaml_docs(base_path)
        doc = docs[0] if docs and isinstance(docs[0], dict) else {}
        doc = interpolate(doc, env, lambda var: project.unset.add((root.rel(base_path), var)))
        base_services = doc.get("services") or {}
    else:
        base_path, base_services = path, services
    base = base_services.get(base_name) if isinstance(base_services, dict) else None
    if not isinstance(base, dict):
        raise ImportProblem(root.rel(path), f"service {name!r} extends unknown {base_name!r}")
    parent = _extend(root, base_path, base_services, base_name, base, env, project, chain)
    return merge_service(parent, svc)


def normalize(svc: dict[str, Any]) -> dict[str, Any]:
    """List forms of environment/depends_on/labels → mappings, so merging is by key."""
    out = dict(svc)
    for key in ("environment", "labels", "extra_hosts"):
        value = out.get(key)
        if isinstance(value, list):
            mapping: dict[str, Any] = {}
            for item in value:
                k, sep, v = str(item).partition("=" if key != "extra_hosts" else ":")
                mapping[k] = v if sep else None
            out[key] = mapping
    deps = out.get("depends_on")
    if isinstance(deps, list):
        out["depends_on"] = {str(d): {"condition": "service_started"} for d in deps}
    return out


def merge_service(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Compose merge rules: mappings by key, some sequences unioned, volumes by target."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge_service(old, value)
        elif key in _UNION_LISTS and isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        elif key == "volumes" and isinstance(old, list) and isinstance(value, list):
            by_target = {_mount_target(v): v for v in old}
            by_target.update({_mount_target(v): v for v in value})
            out[key] = list(by_target.values())
        else:
            out[key] = value
    return out


def _mount_target(volume: Any) -> str:
    if isinstance(volume, dict):
        return str(volume.get("target", volume))
    parts = str(volume).split(":")
    return parts[1] if len(parts) > 1 else parts[0]


def interpolate(node: Any, env: dict[str, str], on_unset: Any) -> Any:
    if isinstance(node, str):
        return _VAR.sub(lambda m: _substitute(m, env, on_unset), node)
    if isinstance(node, dict):
        return {k: interpolate(v, env, on_unset) for k, v in node.items()}
    if isinstance(node, list):
        return [interpolate(v, env, on_unset) for v in node]
    return node


def _substitute(m: re.Match[str], env: dict[str, str], on_unset: Any) -> str:
    text = m.group(0)
    if text == "$$":
        return "$"
    inner = m.group("braced") if m.group("braced") is not None else m.group("plain")
    for sep in (":-", "-", ":?", "?", ":+", "+"):
        if sep in inner:
            name, _, arg = inner.partition(sep)
            value = env.get(name)
            if sep == ":-":
                return value if value else arg
            if sep == "-":
                return value if value is not None else arg
            if sep in (":+", "+"):
                return arg if value else ""
            if value is None:
                on_unset(name)
            return value or ""
    if inner not in env:
        on_unset(inner)
    return env.get(inner, "")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
