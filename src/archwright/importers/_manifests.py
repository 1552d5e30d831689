"""Dependency names from package manifests, without running any package manager.

Each reader takes the file's text and returns (ecosystem, dependency name, key) triples;
a manifest that does not parse is reported by the caller, not guessed at.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

Dep = tuple[str, str, str]  # ecosystem, name (lowercase), key in the file

_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?")


def _requirements(text: str) -> list[Dep]:
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        m = _REQ.match(line)
        if m:
            out.append(("python", m.group(1).lower().replace("_", "-"), f"line {number}"))
    return out


def _toml(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise ValueError(f"invalid TOML: {str(exc)[:120]}") from None


def _pyproject(text: str) -> list[Dep]:
    data = _toml(text)
    out: list[Dep] = []
    for i, spec in enumerate((data.get("project") or {}).get("dependencies") or []):
        m = _REQ.match(str(spec))
        if m:
            out.append(
                ("python", m.group(1).lower().replace("_", "-"), f"project.dependencies[{i}]")
            )
    poetry = ((data.get("tool") or {}).get("poetry") or {}).get("dependencies") or {}
    for name in poetry:
        if name.lower() != "python":
            out.append(("python", name.lower(), f"tool.poetry.dependencies.{name}"))
    return out


def _package_json(text: str) -> list[Dep]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"invalid JSON: {exc}") from None
    deps = data.get("dependencies") if isinstance(data, dict) else None
    return [("node", str(n).lower(), f"dependencies.{n}") for n in (deps or {})]


def _go_mod(text: str) -> list[Dep]:
    out = []
    in_block = False
    for number, line in enumerate(text.splitlines(), 1):
        s = line.split("//", 1)[0].strip()
        if s.startswith("require ("):
            in_block = True
            continue
        if in_block and s == ")":
            in_block = False
            continue
        if s.startswith("require "):
            s = s[len("require ") :]
        elif not in_block:
            continue
        parts = s.split()
        if parts:
            out.append(("go", parts[0].lower(), f"line {number}"))
    return out


_POM_DEP = re.compile(
    r"<dependency>\s*(?:<!--.*?-->\s*)*<groupId>\s*([^<\s]+)\s*</groupId>\s*"
    r"<artifactId>\s*([^<\s]+)\s*</artifactId>",
    re.DOTALL,
)


def _pom(text: str) -> list[Dep]:
    return [("java", f"{g}:{a}".lower(), f"dependency {g}:{a}") for g, a in _POM_DEP.findall(text)]


_GRADLE = re.compile(
    r"""(?:implementation|api|compile|runtimeOnly)\s*\(?\s*['"]([^:'"]+):([^:'"]+)"""
)


def _gradle(text: str) -> list[Dep]:
    return [("java", f"{g}:{a}".lower(), f"dependency {g}:{a}") for g, a in _GRADLE.findall(text)]


_GEM = re.compile(r"""^\s*gem\s+['"]([^'"]+)['"]""", re.MULTILINE)


def _gemfile(text: str) -> list[Dep]:
    return [("ruby", name.lower(), f"gem {name}") for name in _GEM.findall(text)]


def _cargo(text: str) -> list[Dep]:
    data = _toml(text)
    return [("rust", str(n).lower(), f"dependencies.{n}") for n in data.get("dependencies") or {}]


READERS: dict[str, Callable[[str], list[Dep]]] = {
    "requirements.txt": _requirements,
    "pyproject.toml": _pyproject,
    "package.json": _package_json,
    "go.mod": _go_mod,
    "pom.xml": _pom,
    "build.gradle": _gradle,
    "build.gradle.kts": _gradle,
    "gemfile": _gemfile,
    "cargo.toml": _cargo,
}


def reader_for(name: str) -> Callable[[str], list[Dep]] | None:
    lowered = name.lower()
    if lowered.startswith("requirements") and lowered.endswith(".txt"):
        return _requirements
    return READERS.get(lowered)
