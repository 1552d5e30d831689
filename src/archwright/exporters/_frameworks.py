"""Which framework a generated service is built on, and its pinned dependencies.

The choice is data (`data/frameworks.yaml`): a component's technology, or the catalog's
default technology for its kind, names a framework; anything unknown gets the default.
Compose and the scaffold both ask here, so the health probe Compose runs matches the
runtime inside the image.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from archwright.exporters._data import data_yaml
from archwright.model import Component


@dataclass(frozen=True)
class Framework:
    name: str
    language: str  # "python" | "node" | "java"
    source: str
    image: str
    build_image: str
    dependencies: tuple[tuple[str, str], ...]
    test_dependencies: tuple[tuple[str, str], ...]

    def probe(self, port: int, path: str) -> list[str]:
        """A container health check (Compose `test`) in the image's own runtime."""
        url = f"http://127.0.0.1:{port}{path}"
        if self.language == "node":
            code = f"fetch('{url}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
            return ["CMD", "node", "-e", code]
        if self.language == "java":
            return ["CMD-SHELL", f"wget -q -O /dev/null {url} || exit 1"]
        code = (
            "import urllib.request,sys; "
            f"sys.exit(0 if urllib.request.urlopen('{url}', timeout=3).status == 200 else 1)"
        )
        return ["CMD", "python", "-c", code]


def _pins(raw: dict[str, Any] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), str(v)) for k, v in (raw or {}).items()))


@cache
def frameworks() -> dict[str, Framework]:
    raw: dict[str, Any] = data_yaml("frameworks.yaml")
    return {
        name: Framework(
            name=name,
            language=spec["language"],
            source=spec["source"],
            image=spec["image"],
            build_image=spec.get("build_image", ""),
            dependencies=_pins(spec.get("dependencies")),
            test_dependencies=_pins(spec.get("test_dependencies")),
        )
        for name, spec in raw["frameworks"].items()
    }


def framework_of(component: Component) -> Framework:
    """The framework for a service: its technology, else its kind's catalog default."""
    from archwright.kb.catalog import load_catalog

    raw: dict[str, Any] = data_yaml("frameworks.yaml")
    table: dict[str, str] = raw["technologies"]
    names = [component.technology.strip().lower()] if component.technology else []
    tech = load_catalog().for_component(component)
    if tech is not None:
        names.append(tech.name)
    chosen = next((table[n] for n in names if n in table), raw["default"])
    return frameworks()[chosen]
