"""Images, ports and schemes → catalog technology, kind and protocol (data: techmap.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from archwright.kb.catalog import load_catalog
from archwright.kb.compiled import read_file
from archwright.model import Kind, Protocol


@dataclass(frozen=True)
class ImageMatch:
    """What the technology map makes of one container image."""

    technology: str | None  # catalog name, or None when the catalog lacks it
    wanted: str | None  # the technology the map names (kept even if the catalog lacks it)
    kind: Kind
    protocol: Protocol


@dataclass(frozen=True)
class TechMap:
    """The technology map (kb/importers/techmap.yaml) indexed for look-ups."""

    images: dict[str, dict[str, Any]]
    registry_hints: dict[str, str]
    ports: dict[int, Protocol]
    schemes: dict[str, Protocol]
    port_names: dict[str, Protocol]
    names: list[tuple[tuple[str, ...], Kind]]


@cache
def data_file(name: str) -> Any:
    """One of the importers' data tables (kb/importers/techmap, tfmap, libmap and
    ormmap.yaml), read once through the kb cache: PyYAML's Python constructor took about
    0.02 G instructions of every `audit --from kubernetes` on Online Boutique for
    techmap.yaml alone (issue 16); the cached JSON gives the same data."""
    return read_file(f"importers/{name}")


@cache
def techmap() -> TechMap:
    raw = data_file("techmap.yaml")
    images: dict[str, dict[str, Any]] = {}
    hints: dict[str, str] = {}
    for entry in raw["images"]:
        for name in entry["match"]:
            key = str(name).lower()
            if "registry_hint" in entry:
                hints[key] = str(entry["registry_hint"])
            else:
                images[key] = entry
        if "registry_hint" in entry:
            images["#" + entry["registry_hint"]] = entry
    return TechMap(
        images=images,
        registry_hints=hints,
        ports={int(k): Protocol(v) for k, v in raw["ports"].items()},
        schemes={str(k): Protocol(v) for k, v in raw["schemes"].items()},
        port_names={str(k): Protocol(v) for k, v in raw["port_names"].items()},
        names=[(tuple(e["words"]), Kind(e["kind"])) for e in raw["names"]],
    )


def image_base(image: str) -> str:
    """`registry:5000/org/redis:7-alpine@sha256:..` → `redis`."""
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    return last.split(":", 1)[0].lower()


@cache
def match_image(image: str) -> ImageMatch | None:
    """What the image is, or None when the map does not know it (cached: a 2,000-service
    file repeats a handful of images)."""
    tm = techmap()
    base = image_base(image)
    entry = tm.images.get(base)
    if entry is None:
        hint = tm.registry_hints.get(base)
        if hint and hint in image.lower():
            entry = tm.images.get("#" + hint)
    if entry is None:
        entry = _longest_dashed_prefix(tm, base)
    if entry is None:
        return None
    wanted = entry.get("technology")
    found = load_catalog().find(wanted) if wanted else None
    return ImageMatch(
        technology=found.name if found else None,
        wanted=wanted,
        kind=found.kind if found else Kind(entry["kind"]),
        protocol=Protocol(entry["protocol"]),
    )


def protocol_for_scheme(scheme: str) -> Protocol | None:
    return techmap().schemes.get(scheme.lower())


def protocol_for_port(port: int | None, name: str | None = None) -> Protocol | None:
    tm = techmap()
    if name:
        for prefix, proto in tm.port_names.items():
            if name.lower() == prefix or name.lower().startswith(prefix + "-"):
                return proto
    return tm.ports.get(port) if port is not None else None


def kind_from_name(name: str) -> Kind | None:
    """A kind guessed from a service name (`queue-master` → worker), or None."""
    lowered = name.lower()
    words = set(lowered.replace("_", "-").split("-"))
    for keys, kind in techmap().names:
        for key in keys:
            # whole words, or a long enough key inside a run-together name (webshoppingapigw)
            if key in words or ((len(key) >= 5 or "-" in key) and key in lowered):
                return kind
    return None


def _longest_dashed_prefix(tm: TechMap, base: str) -> dict[str, Any] | None:
    """The entry of the longest known name (4+ characters) that `base` starts with,
    followed by a dash (`redis-cluster-7` → redis). Only the prefixes ending at one of
    base's dashes can match, so those few are looked up instead of trying every key:
    an image the map does not know (most of a large cluster's) cost a pass over the
    whole map before."""
    for cut in reversed([i for i, char in enumerate(base) if char == "-"]):
        key = base[:cut]
        if len(key) >= 4 and not key.startswith("#") and key in tm.images:
            return tm.images[key]
    return None
