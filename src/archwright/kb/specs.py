"""The reference spec library: well-known product designs with requirements and a reference
architecture, usable as starting points and as answers to compare a design with.

One file per spec in `specs/`. The architecture is a normal architecture document, with
one shorthand so that forty designs stay readable: `links` lists connections as
`"source -> target protocol"` strings (protocol optional, https by default) beside any
full `connections`. The loader expands it; the result must pass `model.check`.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from archwright.kb.patterns import read_data_folder
from archwright.model import Architecture, Requirements
from archwright.model.defaults import empty_list


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="Key for --from-spec.")
    title: str = Field(min_length=1)
    category: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    requirements: Requirements
    architecture: Architecture
    notes: list[str] = Field(default_factory=empty_list, description="What makes this design hard.")
    sources: list[Annotated[str, Field(pattern=r"^https://\S+$")]] = Field(
        default_factory=empty_list,
        description="Public pages (https URLs) for the facts the spec states: the product's "
        "scale, its architecture, the regulation it answers to.",
    )


class SpecProblem(ValueError):
    """A spec file that does not hold together, naming the file."""


def expand_links(raw_arch: dict[str, Any]) -> dict[str, Any]:
    """Turn `links: ["a -> b grpc"]` into connection mappings (before validation)."""
    arch = dict(raw_arch)
    links = arch.pop("links", []) or []
    connections = list(arch.get("connections", []) or [])
    for link in links:
        if not isinstance(link, str) or "->" not in link:
            raise SpecProblem(f"link {link!r} is not 'source -> target [protocol]'")
        left, right = (part.strip() for part in link.split("->", 1))
        target, _, protocol = right.partition(" ")
        entry: dict[str, Any] = {"source": left, "target": target.strip()}
        if protocol.strip():
            entry["protocol"] = protocol.strip()
        connections.append(entry)
    arch["connections"] = connections
    return arch


def parse_spec(raw: Any, source: str) -> Spec:
    """Raw mapping → Spec; the architecture gets the spec's title and requirements."""
    from archwright.model import check

    if not isinstance(raw, dict) or not isinstance(raw.get("architecture"), dict):
        raise SpecProblem(f"{source}: expected a mapping with an architecture")
    data = dict(raw)
    arch = expand_links(data["architecture"])
    arch.setdefault("name", data.get("title", data.get("name", "spec")))
    arch.setdefault("summary", data.get("summary", ""))
    arch.setdefault("requirements", data.get("requirements", {}))
    data["architecture"] = arch
    try:
        spec = Spec.model_validate(data)
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SpecProblem(f"{source}: {where}: {first['msg']}") from None
    problems = check(spec.architecture)
    if problems:
        raise SpecProblem(f"{source}: " + "; ".join(str(p) for p in problems))
    return spec


class SpecLibrary:
    def __init__(self, specs: list[Spec]) -> None:
        self.specs = sorted(specs, key=lambda s: s.name)
        self._by_name = {s.name: s for s in self.specs}

    def __len__(self) -> int:
        return len(self.specs)

    def find(self, name: str) -> Spec | None:
        return self._by_name.get(name.strip().lower())

    def names(self) -> list[str]:
        return [s.name for s in self.specs]


@cache
def load_specs() -> SpecLibrary:
    """Read every spec shipped in the package (once per process)."""
    return SpecLibrary([parse_spec(raw, name) for name, raw in read_data_folder("specs")])
