"""Collects what an importer finds and turns it into an Architecture, deterministically.

Importers add components, addresses seen under a key, start-up orderings and losses in
whatever order they read files; everything is sorted here, so the same input always
gives byte-identical output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from archwright.importers._edges import Address, NameIndex, addresses_in, is_address_key
from archwright.importers._techmap import protocol_for_port
from archwright.importers.importer import Evidence, ImportProblem, ImportResult, Loss
from archwright.model import (
    Architecture,
    Component,
    Connection,
    Kind,
    Protocol,
    from_validation_error,
)
from archwright.model.component import ID_MAX_LENGTH
from archwright.model.confidence import Confidence
from archwright.model.units import BOUNDS


@dataclass
class _Edge:
    """One call being built: the best-ranked protocol seen, its confidence, its evidence."""

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
    def add(
        self,
        key: str,
        file: str,
        where: str,
        *aliases: str,
        protocol: Protocol | None = None,
        **fields: Any,
    ) -> Component:
        """Build and add the component the input calls `key` (see `component`)."""
        comp = self.component(key, file, where, **fields)
        self.add_component(comp, *aliases, key=key, protocol=protocol)
        return comp

    def component(self, key: str, file: str, where: str, **fields: Any) -> Component:
        """A Component for what the input calls `key`, never a validation traceback.

        Input names are not always ids: a Pod without a name, a 201-character service
        name. The id becomes `safe_id(key)` (a loss says so) while the importer keeps
        using `key`; a replica count past the model's bound is capped (a loss says so).
        Anything else the model refuses is one line naming the file and the place.
        """
        cid = safe_id(key, f"{file}:{where}")
        if cid != key:
            shown = key if len(key) <= 60 else f"{key[:57]}..."
            self.loss("renamed", file, where, f"name {shown!r} is not a usable id; id {cid!r}")
        replicas = fields.get("replicas")
        if isinstance(replicas, int) and replicas > _MAX_REPLICAS:
            self.loss("capped", file, where, f"replicas {replicas} capped at {_MAX_REPLICAS:,}")
            fields["replicas"] = int(_MAX_REPLICAS)
        try:
            return Component(id=cid, **fields)
        except ValidationError as err:
            raise ImportProblem(file, f"{where}: {from_validation_error(err)[0]}") from None

    def add_component(
        self,
        component: Component,
        *aliases: str,
        key: str | None = None,
        protocol: Protocol | None = None,
    ) -> None:
        """Add under `key` (the input's own name, default the id): edges use keys."""
        key = key or component.id
        self.components[key] = component
        self.names.add(key, key)
        for alias in aliases:
            if alias:
                self.names.add(alias, component.id)
        if protocol is not None:
            self.protocols[key] = protocol

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
        ids = {key: comp.id for key, comp in self.components.items()}
        connections = []
        evidence: list[Evidence] = []
        called: set[tuple[str, str]] = set()
        for (source, target), edge in sorted(self.edges.items()):
            if source not in ids or target not in ids:
                continue
            if edge.confidence is Confidence.CONFIRMED:  # a guessed call is not a call seen
                called.add((source, target))
            found = sorted({_renamed(e, ids) for e in edge.evidence})
            evidence.extend(found)
            props: dict[str, Any] = {"evidence": [e.describe() for e in found]}
            props.update(edge.properties)
            props["confidence"] = edge.confidence.value
            mode = props.pop("mode", None)  # a broker call is async whatever its protocol
            connections.append(
                Connection(
                    source=ids[source],
                    target=ids[target],
                    protocol=self._protocol(target, edge),
                    properties=props,
                    **({"mode": mode} if mode else {}),
                )
            )
        properties: dict[str, Any] = {"imported_from": self.format, **self.properties}
        startup = sorted(p for p in self.startup if p[0] in ids and p[1] in ids)
        if startup:
            properties["startup_order"] = [
                {"before": ids[b], "after": ids[a], "also_calls": (a, b) in called}
                for b, a in startup
            ]
        health = sorted(p for p in self.health if p not in called and p[0] in ids and p[1] in ids)
        if health:
            properties["health_checks"] = [
                {"checker": ids[s], "checked": ids[t]} for s, t in health
            ]
        arch = Architecture(
            name=self.name,
            summary=f"Imported from {self.format} files by archwright.",
            components=[self.components[k] for k in sorted(self.components)],
            connections=connections,
            properties=properties,
        )
        return ImportResult(arch, evidence, sorted(self.losses))


def _renamed(evidence: Evidence, ids: dict[str, str]) -> Evidence:
    """Evidence naming components by their ids (the input's names may have been unusable)."""
    source, target = (
        ids.get(evidence.source, evidence.source),
        ids.get(evidence.target, evidence.target),
    )
    if (source, target) == (evidence.source, evidence.target):
        return evidence
    return replace(evidence, source=source, target=target)


_MAX_REPLICAS = BOUNDS["replicas"].high


def safe_id(name: str, place: str) -> str:
    """A stable component id for an input name: printable, 1 to 200 characters.

    An empty name becomes `unnamed-<hash of its place>`; a long one keeps its first 191
    characters and a hash of the whole, so two long names sharing a prefix stay apart and
    the same input always gives the same id.
    """
    text = "".join(ch for ch in name if ch.isprintable()).strip()
    if not text:
        return f"unnamed-{_digest(place)}"
    if len(text) > ID_MAX_LENGTH:
        return f"{text[: ID_MAX_LENGTH - 9]}-{_digest(name)}"
    return text


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def service_kind(kind: Kind | None) -> Kind:
    return kind or Kind.SERVICE
