"""Configuration files a deployment mounts or builds with, read for the calls they reveal.

nginx/openresty `proxy_pass` and `upstream` blocks, Envoy clusters, Traefik and Spring
`application.yml` routes (`lb://vets-service`), Prometheus scrape targets, logstash
outputs and JSON service directories such as DeathStarBench's service-config.json all
name the services a component talks to. Structured files are walked value by value
(the key gives the evidence); anything else is scanned line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archwright.importers._edges import Address, addresses_in
from archwright.importers._files import SafeRoot, parse_json, parse_yaml_docs
from archwright.importers.importer import ImportProblem

CONFIG_SUFFIXES = frozenset(
    {
        ".conf",
        ".config",
        ".yml",
        ".yaml",
        ".json",
        ".toml",
        ".properties",
        ".ini",
        ".cfg",
        ".env",
        ".template",
        ".tmpl",
    }
)
_MAX_CONFIG_FILES = 200
_UPSTREAM = re.compile(r"^\s*upstream\s+([A-Za-z0-9_.-]+)\s*\{", re.MULTILINE)


@dataclass(frozen=True)
class Found:
    """An address in a configuration file, with the key and section that held it."""

    address: Address
    key: str
    section: str  # top-level key of a structured file ("" for text)
    value: str


def is_config_file(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() in CONFIG_SUFFIXES or name in {"nginx.conf", "conf", "envoy"}


def config_files(root: SafeRoot, path: Path) -> list[Path]:
    """The config files at `path` (a file, or a folder searched a few levels deep)."""
    if path.is_file():
        return [path] if root.inside(path) else []
    if not path.is_dir() or not root.inside(path):
        return []
    out = []
    for candidate in root.walk(path):
        if is_config_file(candidate) and len(candidate.relative_to(path).parts) <= 4:
            out.append(candidate)
        if len(out) >= _MAX_CONFIG_FILES:
            break
    return out


def read_config(root: SafeRoot, path: Path) -> tuple[list[Found], dict[str, Any]]:
    """Addresses in one config file, plus facts (e.g. spring.application.name)."""
    return parse_config(root.read_text(path), path.name, root.rel(path))


def parse_config(text: str, name: str, shown: str = "") -> tuple[list[Found], dict[str, Any]]:
    """Addresses in a config text; `name` (a file name) decides structured or plain text."""
    suffix = Path(name).suffix.lower()
    facts: dict[str, Any] = {}
    if suffix in {".yml", ".yaml", ".json"}:
        try:
            docs = (
                parse_json_docs(text, shown) if suffix == ".json" else parse_yaml_docs(text, shown)
            )
        except ImportProblem:
            docs = None
        if docs is not None:
            found: list[Found] = []
            for doc in docs:
                found.extend(_walk(doc, "", ""))
                app_name = _dig(doc, "spring", "application", "name")
                if isinstance(app_name, str):
                    facts["spring_application_name"] = app_name
            return found, facts
    return _scan_text(text), facts


def parse_json_docs(text: str, shown: str) -> list[Any]:
    return [parse_json(text, shown)]


def _dig(doc: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(doc, dict):
            return None
        doc = doc.get(key)
    return doc


def _walk(node: Any, path: str, section: str) -> list[Found]:
    out: list[Found] = []
    if isinstance(node, dict):
        port = _sibling_port(node)
        for k, v in node.items():
            key = f"{path}.{k}" if path else str(k)
            sec = section or str(k)
            if isinstance(v, str):
                for a in addresses_in(v, str(k)):
                    if a.port is None and port is not None:
                        a = Address(a.host, port, a.scheme, a.health_check)
                    out.append(Found(a, key, sec, v))
            else:
                out.extend(_walk(v, key, sec))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            key = f"{path}[{i}]"
            if isinstance(v, str):
                last = path.rsplit(".", 1)[-1]
                out.extend(Found(a, key, section, v) for a in addresses_in(v, last))
            else:
                out.extend(_walk(v, key, section))
    return out


def _sibling_port(node: dict[Any, Any]) -> int | None:
    for key in ("port", "port_value", "servicePort"):
        value = node.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _scan_text(text: str) -> list[Found]:
    upstreams = set(_UPSTREAM.findall(text))
    out: list[Found] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//", ";")):
            continue
        directive = stripped.split(None, 1)[0].rstrip(":=")
        for a in addresses_in(stripped, directive):
            if a.host in upstreams:
                continue
            out.append(Found(a, f"line {number}", "", stripped))
    return out


def stem(service: str) -> str:
    """`social-graph-service` → `social-graph`: the prefix a service's own stores share."""
    for suffix in ("-service", "-svc", "-api", "service", "_service"):
        if service.endswith(suffix) and len(service) > len(suffix):
            return service[: -len(suffix)].rstrip("-_")
    return service


def owner_of_section(section: str, owners: list[str]) -> str | None:
    """In a config shared by several services, the one a top-level entry belongs to."""
    best: str | None = None
    if section in owners:  # a service's own address, not a call of another owner
        return None
    for owner in owners:
        s = stem(owner)
        if (
            section != owner
            and section.startswith(s + "-")
            and (best is None or len(s) > len(stem(best)))
        ):
            best = owner
    return best
