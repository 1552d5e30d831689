"""Which notification channels a design needs, and the catalog that can deliver them.

A notification provider is chosen among the technologies whose catalog `channels`
deliver what the requirements ask for (push, email, SMS), so push notifications never
go out through an email service. When no single provider covers every channel asked
for, the first one named decides and the gap is said in the assumptions.
"""

from __future__ import annotations

import re

from archwright.generate.vocabulary import vocabulary
from archwright.kb.catalog import Catalog, Channel
from archwright.model import Kind, Requirements


def wanted(req: Requirements) -> list[Channel]:
    """Channels named in the description or features, in order; push when none is."""
    text = " ".join([req.description or "", *req.features]).lower()
    found: list[tuple[int, Channel]] = []
    for channel, words in vocabulary()["channels"].items():
        hits = [
            m.start()
            for w in words
            for m in re.finditer(r"(?<![a-z0-9])" + re.escape(w) + r"(?![a-z0-9])", text)
        ]
        if hits:
            found.append((min(hits), Channel(channel)))
    return [c for _, c in sorted(found)] or [Channel.PUSH]


def for_channels(catalog: Catalog, channels: list[Channel]) -> tuple[Catalog, str | None]:
    """The catalog with notification providers narrowed to those delivering `channels`."""
    providers = catalog.of_kind(Kind.NOTIFICATION)
    every = [t for t in providers if set(channels) <= set(t.channels)]
    first = [t for t in providers if channels[0] in t.channels]
    keep = every or first
    note = None
    if not every and first:
        note = (
            f"no one notification provider delivers {', '.join(channels)}: chosen for "
            f"{channels[0]}; add a second provider for the rest"
        )
    others = [t for t in catalog.technologies if t.kind is not Kind.NOTIFICATION]
    return Catalog(others + keep, catalog.snapshot_dates), note
