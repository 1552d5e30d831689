"""What an export could not carry from the design: losses, never silent substitutions.

An infrastructure exporter either expresses a component as the design states it, or
records a `Loss`: the component, the fact that did not survive (the whole component, its
technology, its replica count or one connection), what the output holds instead, and
why. The same list feeds three readers: the lines printed on stderr by `export`, the
"Not expressed" section of the output's README, and `conform`, which compares deployment
files with the design *as this format can express it* (`expected`), so a missing CDN in
a Compose file is reported by the export, not re-reported as drift, while a Compose file
that runs MySQL where the export would run PostgreSQL is still drift.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from archwright.model import Architecture, Component, Connection, Kind, Protocol


class Fact(StrEnum):
    """Which part of a component (or connection) the format does not carry."""

    COMPONENT = "component"
    TECHNOLOGY = "technology"
    REPLICAS = "replicas"
    KIND = "kind"
    CONNECTION = "connection"
    PROTOCOL = "protocol"
    ADDED = "added"  # the output holds a load balancer the design does not draw
    ADDED_CALL = "added call"  # and a call to it (`component` is "source->target")


@dataclass(frozen=True, order=True)
class Loss:
    component: str  # component id, or "source->target" for a connection
    fact: Fact
    technology: str  # the design's technology (or kind when it names none)
    why: str
    expressed_as: str = ""  # what the output holds instead ("" when nothing)
    # True when no file of this format could hold the fact (a managed service in a
    # local stack, a browser anywhere); False when the exporter merely does not write
    # it yet, so conform still reports files lacking it as drift.
    format_limit: bool = True

    def line(self, fmt: str) -> str:
        """The one stderr line of this loss."""
        instead = f"; written as {self.expressed_as}" if self.expressed_as else ""
        return (
            f"{fmt}: not expressed: {self.technology} ({self.fact.value} of "
            f"{self.component}): {self.why}{instead}"
        )


def designed_as(comp: Component) -> str:
    """How a loss names what the design asked for."""
    return comp.technology or f"kind {comp.kind.value}"


def component_loss(comp: Component, why: str, format_limit: bool = True) -> Loss:
    return Loss(comp.id, Fact.COMPONENT, designed_as(comp), why, "", format_limit)


def _order(loss: Loss) -> tuple[str, Fact, str, str, str, bool]:
    """The order `Loss` defines (its fields in turn), as a sort key: computed once per
    loss instead of two tuples per comparison (a 5,000-component scaffold sorts 11,000
    losses for its READMEs; issue 17)."""
    return (
        loss.component,
        loss.fact,
        loss.technology,
        loss.why,
        loss.expressed_as,
        loss.format_limit,
    )


def readme_section(losses: Iterable[Loss]) -> str:
    """The README's "Not expressed" section (it says so when nothing was lost)."""
    rows = sorted(losses, key=_order)
    lines = ["## Not expressed", ""]
    added = (Fact.ADDED, Fact.ADDED_CALL)
    rows = [x for x in rows if x.fact not in added] + [x for x in rows if x.fact in added]
    if not rows:
        lines.append("Every component of the design is expressed as designed.")
        return "\n".join(lines) + "\n"
    lines += [
        "What this export does not carry from the design; `archwright export` also",
        "prints one line per loss on stderr.",
        "",
        "| technology | component | what | written as | why |",
        "| --- | --- | --- | --- | --- |",
    ]
    for loss in rows:
        cells = (
            loss.technology,
            loss.component,
            loss.fact.value,
            loss.expressed_as or "nothing",
            loss.why,
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=100_000)
def _cell(text: str) -> str:
    """Model text inside a Markdown table cell: no pipes, no line breaks. Kept per text:
    technologies, facts and reasons repeat on every row."""
    return " ".join(text.replace("|", "/").replace("`", "'").split())


def readme(title: str, intro: str, losses: Iterable[Loss]) -> str:
    """A whole README for an infrastructure export: what it is, then what it lost."""
    return f"# {_cell(title)}\n\n{intro.strip()}\n\n{readme_section(losses)}"


def expected(
    arch: Architecture, losses: Iterable[Loss], *, as_written: bool = False
) -> Architecture:
    """The design as the format can express it: components and connections it cannot
    hold removed, technologies, kinds and replica counts it cannot hold replaced by what
    the output holds. Losses that are only the exporter's (`format_limit` False) stay
    in the design, so files holding the design as stated conform; `as_written` applies
    them too: the design as this exporter writes it (conform accepts either)."""
    losses = [x for x in losses if x.format_limit or as_written]
    gone = {x.component for x in losses if x.fact is Fact.COMPONENT}
    gone_edges = {x.component for x in losses if x.fact is Fact.CONNECTION}
    updates: dict[str, dict[str, object]] = {}
    for loss in losses:
        change = updates.setdefault(loss.component, {})
        if loss.fact is Fact.TECHNOLOGY:
            change["technology"] = loss.expressed_as or None
        elif loss.fact is Fact.REPLICAS:
            change["replicas"] = int(loss.expressed_as)
        elif loss.fact is Fact.KIND:
            change["kind"] = Kind(loss.expressed_as)
    protocols = {x.component: x.expressed_as for x in losses if x.fact is Fact.PROTOCOL}
    components = [
        c.model_copy(update=updates.get(c.id, {})) for c in arch.components if c.id not in gone
    ]
    connections = [
        c.model_copy(update={"protocol": Protocol(protocols[f"{c.source}->{c.target}"])})
        if f"{c.source}->{c.target}" in protocols
        else c
        for c in arch.connections
        if c.source not in gone
        and c.target not in gone
        and f"{c.source}->{c.target}" not in gone_edges
    ]
    lbs = {c.id for c in components if c.kind is Kind.LOAD_BALANCER}
    # What a load balancer fronts: the services an added one routes to, or a drawn one's calls.
    behind: dict[str, list[str]] = {}
    for c in connections:
        if c.source in lbs:
            behind.setdefault(c.source, []).append(c.target)
    behind |= {x.component: x.expressed_as.split(",") for x in losses if x.fact is Fact.ADDED}
    designed = {(c.source, c.target) for c in connections}
    for loss in losses:
        if loss.fact is Fact.ADDED:
            components.append(Component(id=loss.component, kind=Kind.LOAD_BALANCER))
            connections.extend(
                Connection(source=loss.component, target=t, protocol=Protocol.HTTP)
                for t in loss.expressed_as.split(",")
            )
        elif loss.fact is Fact.ADDED_CALL:
            source, target = loss.component.split("->", 1)
            connections.append(Connection(source=source, target=target, protocol=Protocol.HTTPS))
            # Through a load balancer the caller reaches every service behind it,
            # and that is what an importer reads from the files.
            connections.extend(
                Connection(source=source, target=t, protocol=Protocol.HTTPS)
                for t in behind.get(target, ())
                if (source, t) not in designed
            )
    return arch.model_copy(update={"components": components, "connections": connections})


__all__ = ["Fact", "Loss", "component_loss", "designed_as", "expected", "readme", "readme_section"]
