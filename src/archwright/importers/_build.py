"""Collects what an importer finds and turns it into an Architecture, deterministically.

Importers add components, addresses seen under a key, start-up orderings and losses in
whatever order they read files; everything is sorted here, so the same input always
gives byte-identical output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archwright.importers._edges import Address, NameIndex, addresses_in, is_address_key
from archwright.importers._techmap import protocol_for_port
from archwright.importers.importer import Evidence, ImportResult, Loss
from archwright.model import Architecture, Component, Connection, Kind, Protocol
from archwright.model.confidence import Confidence


@dataclass
class _Edge:
    protocol: Protocol | None = None
    rank: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)
    confidence: Confidence = Confidence.POSSIBLE


class Builder:
    def __init__(self, name: str, source_format: str) -> None:
        self.name = name
        self.format = source_format
        self.components: dict[str, Component] = {}
        self.names = NameIndex()
        self.protocols: dict[str, Protocol] = {}  # what callers speak to a component
        self.port_protocols: dict[tuple[str, int], Protocol] = {}
        self.edges: dict[tuple[str, str], _Edge] = {}
        self.startup: set[tuple[str, str]] = set()
        self.startup_where: dict[tuple[str, str], tuple[str, str]] = {}
        self.health: set[tuple[str, str]] = set()
        self.losses: set[Loss] = set()
        self.properties: dict[str, Any] = {}
        self.named: set[str] = set()  # components whose configuration names a peer

    # -- components ---------------------------------------------------------------
    def add_component(
        self, component: Component, *aliases: str, protocol: Protocol | None = None
    ) -> None:
        self.components[component.id] = component
        self.names.add(component.id, component.id)
        for alias in aliases:
            if alias:
                self.names.add(alias, component.id)
        if protocol is not None:
            self.protocols[component.id] = protocol

    def loss(self, category: str, file: str, key: str, detail: str) -> None:
        self.losses.add(Loss(category, file, key, detail))

    # -- edges --------------------------------------------------------------------
    def scan_value(self, source: str, value: Any, file: str, key: str) -> int:
        """Find addresses in one configuration value and add the edges they argue for."""
        if not isinstance(value, str) or not value.strip():
            return 0
        added = 0
        for address in addresses_in(value, key):
            added += self.add_address(source, address, file, key, value)
        return added

    def add_address(
        self, source: str, address: Address, file: str, key: str, value: str = ""
    ) -> int:
        target = self.names.resolve(address.host)
        if target is None:
            if self.names.looks_internal(address.host) and (
                address.scheme or address.port or is_address_key(key) or "." in address.host
            ):
                self.named.add(source)
                self.loss(
                    "unknown_address",
                    file,
                    key,
                    f"{address.host!r} names nothing deployed ({source})",
                )
            return 0
        if target == source:
            return 0
        self.named.add(source)
        if address.health_check:
            self.health.add((source, target))
            return 0
        protocol = address.protocol()
        rank = 3 if address.scheme else 1
        if address.port is not None and (target, address.port) in self.port_protocols:
            protocol, rank = self.port_protocols[(target, address.port)], 2
        self.add_edge(
            source, target, Evidence(source, target, file, key, value[:200]), protocol, rank
        )
        return 1

    def add_edge(
        self,
        source: str,
        target: str,
        evidence: Evidence,
        protocol: Protocol | None = None,
        rank: int = 0,
        confidence: Confidence = Confidence.CONFIRMED,
        **properties: Any,
    ) -> None:
        edge = self.edges.setdefault((source, target), _Edge())
        edge.evidence.append(evidence)
        edge.confidence = max(edge.confidence, confidence, key=lambda c: c.rank)
        if confidence is Confidence.CONFIRMED:
            self.named.add(source)
        edge.properties.update(properties)
        better = rank > edge.rank or (rank == edge.rank and edge.protocol is None)
        if protocol is not None and better:
            edge.protocol, edge.rank = protocol, rank

    def order_startup(self, before: str, after: str, file: str = "", key: str = "") -> None:
        """`after` waits for `before` to start: ordering, not a call."""
        self.startup.add((before, after))
        self.startup_where.setdefault((before, after), (file, key or "depends_on"))

    # -- result -------------------------------------------------------------------
    def _protocol(self, target: str, edge: _Edge) -> Protocol:
        tech = self.protocols.get(target)
        if edge.rank >= 2 and edge.protocol is not None:
            return edge.protocol
        if tech is not None:
            return tech
        if edge.protocol is not None:
            return edge.protocol
        return protocol_for_port(None) or Protocol.HTTP

    def result(self) -> ImportResult:
        from archwright.importers._inference import finish

        finish(self)
        connections = []
        evidence: list[Evidence] = []
        for (source, target), edge in sorted(self.edges.items()):
            if source not in self.components or target not in self.components:
                continue
            found = sorted(set(edge.evidence))
            evidence.extend(found)
            props: dict[str, Any] = {"evidence": [e.describe() for e in found]}
            props.update(edge.properties)
            props["confidence"] = edge.confidence.value
            mode = props.pop("mode", None)  # a broker call is async whatever its protocol
            connections.append(
                Connection(
                    source=source,
                    target=target,
                    protocol=self._protocol(target, edge),
                    properties=props,
                    **({"mode": mode} if mode else {}),
                )
            )
        properties: dict[str, Any] = {"imported_from": self.format, **self.properties}
        called = {
            (c.source, c.target)
            for c in connections
            if c.properties["confidence"] == Confidence.CONFIRMED.value
        }
        startup = sorted(
            p for p in self.startup if p[0] in self.components and p[1] in self.components
        )
        if startup:
            properties["startup_order"] = [
                {"before": b, "after": a, "also_calls": (a, b) in called} for b, a in startup
            ]
        health = sorted(p for p in self.health if p not in called)
        if health:
            properties["health_checks"] = [{"checker": s, "checked": t} for s, t in health]
        arch = Architecture(
            name=self.name,
            summary=f"Imported from {self.format} files by archwright.",
            components=[self.components[k] for k in sorted(self.components)],
            connections=connections,
            properties=properties,
        )
        return ImportResult(arch, evidence, sorted(self.losses))


def service_kind(kind: Kind | None) -> Kind:
    return kind or Kind.SERVICE
