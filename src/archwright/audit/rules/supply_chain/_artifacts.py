"""What a component runs, as the supply-chain rules see it: the container images an
importer recorded (`properties.image` from Compose, `properties.images` from Kubernetes)
and the versions those images' tags or `properties.version` state."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from archwright.kb.supply_chain import ImageRef, Version, parse_image, parse_version
from archwright.model import Component

_MAX_IMAGES = 50  # per component; a pod rarely runs more than a handful of containers


@dataclass(frozen=True)
class Stated:
    version: Version
    text: str  # what the model said: `image postgres:12.3` or `version 12.3`


def stating(components: Iterable[Component]) -> Iterator[Component]:
    """The components whose properties name an image or a version: the only ones
    `images` and `versions` can find anything in. Most models have none, and asking each
    component once per product and advisory was a tenth of a 10,000-component audit."""
    for component in components:
        props = component.properties
        if props and ("image" in props or "images" in props or "version" in props):
            yield component


def images(component: Component) -> list[ImageRef]:
    raw: list[object] = [component.properties.get("image")]
    listed = component.properties.get("images")
    if isinstance(listed, list):
        raw.extend(listed[:_MAX_IMAGES])
    seen: list[ImageRef] = []
    for item in raw:
        if isinstance(item, str) and item.strip() and len(item) <= 500:
            ref = parse_image(item)
            if ref not in seen:
                seen.append(ref)
    return seen


def versions(component: Component, technologies: list[str], image_names: list[str]) -> list[Stated]:
    """The versions of one product this component states, by technology or by image."""
    out: list[Stated] = []
    explicit = component.properties.get("version")
    if (component.technology or "").lower() in technologies and isinstance(
        explicit, str | int | float
    ):
        parsed = parse_version(str(explicit))
        if parsed:
            out.append(Stated(parsed, f"version {explicit}"))
    for ref in images(component):
        names = {ref.repository, ref.short_repository, f"{ref.registry}/{ref.repository}"}
        parsed = parse_version(ref.tag) if ref.tag else None
        if parsed and names & set(image_names):
            out.append(Stated(parsed, f"image {ref.text}"))
    return out
