"""Drift between a designed architecture and what the deployment files contain.

Components are matched by id, then by a normalised name (`Orders API` ~ `orders-api`),
so a design written with friendly names still lines up with deployment names. Only
call edges are compared: start-up ordering is not part of a design's connections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from archwright.model import KIND_GROUP, Architecture, KindGroup


@dataclass(frozen=True, order=True)
class Change:
    """One difference between the architecture and what the deployment files say."""

    what: str  # component or connection
    status: str  # missing, extra, changed
    id: str
    detail: str = ""


@dataclass
class Drift:
    """Every difference between a design and the deployment files; none: they match."""

    changes: list[Change] = field(default_factory=list)

    @property
    def drifted(self) -> bool:
        return bool(self.changes)

    def to_data(self) -> dict[str, Any]:
        return {
            "drift": self.drifted,
            "changes": [
                {"what": c.what, "status": c.status, "id": c.id, "detail": c.detail}
                for c in self.changes
            ],
        }


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def compare(
    design: Architecture, actual: Architecture, written: Architecture | None = None
) -> Drift:
    """What the design has that the files lack (missing), the reverse (extra), and changes.

    `written`: the design as its exporter writes it, where the exporter declared a loss
    it could avoid (a technology it writes as another, a resource it does not write yet).
    Files may then hold either the design or what the export declared: a component or
    connection is drift only when it differs from both. The loss itself is reported by
    the export and by `conform`, so nothing changes silently.
    """
    changes = _changes(design, actual)
    if written is None or written == design:
        return Drift(changes)
    also = {(c.what, c.id) for c in _changes(written, actual)}
    return Drift([c for c in changes if (c.what, c.id) in also])


def _changes(design: Architecture, actual: Architecture) -> list[Change]:
    """Every difference between the design and what the files show, in a stable order:
    components matched by id or by a normalised id or label, then their connections
    read through that match."""
    mapping = _matched(design, actual)
    changes = _component_changes(design, actual, mapping)
    changes.extend(_connection_changes(design, actual, mapping))
    return sorted(changes)


def _matched(design: Architecture, actual: Architecture) -> dict[str, str]:
    """The deployed component each designed one is, by id, else by its normalised id
    or label; each deployed component answers for one designed component at most."""
    actual_ids = {c.id for c in actual.components}
    by_norm: dict[str, str] = {}
    for comp in actual.components:
        by_norm.setdefault(_norm(comp.id), comp.id)
        by_norm.setdefault(_norm(comp.label), comp.id)
    mapping: dict[str, str] = {}
    for comp in design.components:
        match = (
            comp.id
            if comp.id in actual_ids
            else (by_norm.get(_norm(comp.id)) or by_norm.get(_norm(comp.label)))
        )
        if match is not None and match not in mapping.values():
            mapping[comp.id] = match
    return mapping


def _component_changes(
    design: Architecture, actual: Architecture, mapping: dict[str, str]
) -> list[Change]:
    """Designed components not deployed, deployed ones not designed, and the kind,
    technology or replica count of a matched pair that differ (a count of 0 in the files
    means they do not say)."""
    changes: list[Change] = []
    actual_by_id = actual.components_by_id()
    for comp in design.components:
        if comp.id not in mapping:
            changes.append(
                Change("component", "missing", comp.id, f"designed {comp.kind.value}, not deployed")
            )
            continue
        real = actual_by_id[mapping[comp.id]]
        diffs = []
        if real.kind is not comp.kind:
            diffs.append(f"kind {comp.kind.value} → {real.kind.value}")
        if comp.technology and real.technology and comp.technology != real.technology:
            diffs.append(f"technology {comp.technology} → {real.technology}")
        if real.replicas != comp.replicas and real.replicas > 0:
            diffs.append(f"replicas {comp.replicas} → {real.replicas}")
        if diffs:
            changes.append(Change("component", "changed", comp.id, "; ".join(diffs)))
    mapped = set(mapping.values())
    for comp in actual.components:
        if comp.id not in mapped:
            changes.append(
                Change(
                    "component", "extra", comp.id, f"deployed {comp.kind.value}, not in the design"
                )
            )
    return changes


def _connection_changes(
    design: Architecture, actual: Architecture, mapping: dict[str, str]
) -> list[Change]:
    """Calls found in the files and not designed, designed calls without evidence, and
    a protocol that differs, with the deployed ids read back as the designed ones."""
    back = {v: k for k, v in mapping.items()}
    designed = {(c.source, c.target): c for c in design.connections}
    pushing = {KindGroup.MESSAGING, KindGroup.DATASTORE}
    brokers = {c.id for c in design.components if KIND_GROUP[c.kind] in pushing}
    changes: list[Change] = []
    seen = set()
    for conn in actual.connections:
        key = (back.get(conn.source, conn.source), back.get(conn.target, conn.target))
        if key not in designed and key[::-1] in designed and key[1] in brokers:
            # A consumer opens the connection to its broker (or to the bucket whose
            # events it handles); the design draws the data flowing from the broker.
            # Files cannot tell the two apart.
            key = key[::-1]
        elif key in designed and key[::-1] in designed and key[1] in brokers:
            # A service that both feeds and drains a broker (a crawler's frontier) opens
            # one connection to it: that connection is the evidence of both flows.
            seen.add(key[::-1])
        seen.add(key)
        want = designed.get(key)
        label = f"{key[0]}->{key[1]}"
        if want is None:
            changes.append(
                Change(
                    "connection", "extra", label, f"{conn.protocol.value} call found in the files"
                )
            )
        elif want.protocol is not conn.protocol:
            changes.append(
                Change(
                    "connection",
                    "changed",
                    label,
                    f"protocol {want.protocol.value} → {conn.protocol.value}",
                )
            )
    for key, conn in designed.items():
        if key not in seen:
            changes.append(
                Change(
                    "connection",
                    "missing",
                    f"{key[0]}->{key[1]}",
                    f"designed {conn.protocol.value} call, no evidence in the files",
                )
            )
    return changes
