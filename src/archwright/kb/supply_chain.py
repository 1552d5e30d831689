"""Supply-chain knowledge: end-of-life dates, known-vulnerable version ranges and trusted
container registries, each a dated snapshot of public data with its sources
(`supply_chain/*.yaml`). The audit's supply-chain rules read it; findings name the
snapshot date so a reader knows how old the answer is.

Also the two parsers every such rule needs: a version string (`13.4-alpine` → (13, 4))
and a container image reference (`ghcr.io/a/b:1.2@sha256:…` → registry, repository,
tag, digest), so no rule parses them its own way.
"""

# Annotations are evaluated, not postponed (no `from __future__ import annotations`):
# pydantic would otherwise compile every field's annotation from its text when the
# class is built, in every process (issue 16). Quote a name used before it exists.

import fnmatch
import re
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from archwright.kb.compiled import read_file
from archwright.model.defaults import empty_list

_VERSION = re.compile(r"^v?(\d{1,6}(?:\.\d{1,6}){0,3})")
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")

Version = tuple[int, ...]


def parse_version(text: str) -> Version | None:
    """`13`, `13.4`, `v1.29.3`, `8.0.36-debian` → numeric tuple; None when no number leads."""
    match = _VERSION.match(text.strip())
    return tuple(int(p) for p in match.group(1).split(".")) if match else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cycle(_Strict):
    cycle: str = Field(pattern=r"^\d+(\.\d+)*$")
    eol: date

    def covers(self, version: Version) -> bool:
        prefix = tuple(int(p) for p in self.cycle.split("."))
        return version[: len(prefix)] == prefix


class Product(_Strict):
    name: str
    title: str
    technologies: list[str] = Field(default_factory=empty_list)
    images: list[str] = Field(default_factory=empty_list)
    source: str = Field(pattern=r"^https://")
    cycles: list[Cycle] = Field(min_length=1)

    def cycle_of(self, version: Version) -> Cycle | None:
        found = [c for c in self.cycles if c.covers(version)]
        return max(found, key=lambda c: len(c.cycle)) if found else None


class EndOfLife(_Strict):
    snapshot: date
    source: str = Field(pattern=r"^https://")
    products: list[Product]


class Range(_Strict):
    introduced: str = Field(pattern=r"^\d+(\.\d+)*$")
    fixed: str = Field(pattern=r"^\d+(\.\d+)*$")

    def contains(self, version: Version) -> bool:
        low, high = parse_version(self.introduced), parse_version(self.fixed)
        assert low is not None and high is not None  # the pattern guarantees both
        return low <= version < high


class Advisory(_Strict):
    id: str = Field(pattern=r"^(CVE-\d{4}-\d{4,}|GHSA(-[0-9a-z]{4}){3})$")
    product: str
    severity: str = Field(pattern=r"^(high|critical)$")
    summary: str = Field(min_length=1)
    source: str = Field(pattern=r"^https://")
    affected: list[Range] = Field(min_length=1)


class Recognition(_Strict):
    technologies: list[str] = Field(default_factory=empty_list)
    images: list[str] = Field(default_factory=empty_list)


class Vulnerabilities(_Strict):
    snapshot: date
    source: str = Field(pattern=r"^https://")
    advisories: list[Advisory]
    products: dict[str, Recognition]


class Registry(_Strict):
    pattern: str = Field(min_length=1)
    source: str = Field(pattern=r"^https://")


class Registries(_Strict):
    snapshot: date
    registries: list[Registry]

    def trusted(self, host: str) -> bool:
        return any(fnmatch.fnmatchcase(host, r.pattern) for r in self.registries)


def _data(name: str) -> Any:
    return read_file(f"supply_chain/{name}")


@cache
def end_of_life() -> EndOfLife:
    return EndOfLife.model_validate(_data("end_of_life.yaml"))


@cache
def vulnerabilities() -> Vulnerabilities:
    return Vulnerabilities.model_validate(_data("vulnerabilities.yaml"))


@cache
def registries() -> Registries:
    return Registries.model_validate(_data("registries.yaml"))


class ImageRef(_Strict):
    """A container image reference, split the way Docker reads it."""

    text: str
    registry: str  # `docker.io` when the reference names none
    repository: str  # `library/postgres` for official Docker Hub images
    tag: str  # "" when none is given (Docker then pulls `latest`)
    digest: str  # "" when not pinned

    @property
    def short_repository(self) -> str:
        """`postgres` for `docker.io/library/postgres`, else the repository."""
        return (
            self.repository.removeprefix("library/")
            if self.registry == "docker.io"
            else (self.repository)
        )

    @property
    def pinned(self) -> bool:
        return bool(_DIGEST.match(self.digest))


def parse_image(text: str) -> ImageRef:
    """`[registry/]repository[:tag][@digest]`; Docker Hub is the default registry."""
    rest, _, digest = text.strip().partition("@")
    first, slash, remainder = rest.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, path = first, remainder
    else:
        registry, path = "docker.io", rest
    name, colon, tag = path.rpartition(":") if ":" in path else (path, "", "")
    del colon
    if registry in ("docker.io", "index.docker.io", "registry-1.docker.io"):
        registry = "docker.io"
        if "/" not in name:
            name = "library/" + name
    return ImageRef(text=text, registry=registry, repository=name, tag=tag, digest=digest)
