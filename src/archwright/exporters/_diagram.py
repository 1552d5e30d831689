"""What every diagram exporter needs from the model, computed once and in one order.

Identifiers in a diagram language are never taken from the model: a component id may be
`end`, `../x` or `"a"; drop`. Each component gets `n1`, `n2`, ... in model order and each
boundary `b1`, `b2`, ..., so every format's node names are safe by construction and the
human text only ever appears inside an escaped label.

A component may be listed in several boundaries (a database in both the VPC and the data
tier inside it). Diagrams nest boxes, so each component is drawn in exactly one: the
deepest boundary that lists it, the first declared on a tie.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archwright.model import Architecture, Boundary, Component, Connection, KindGroup
from archwright.model.confidence import confidence_of, is_inferred
from archwright.model.enums import KIND_GROUP, Mode


@dataclass
class Box:
    """A boundary as drawn: its safe id, the model boundary, and what sits inside."""

    key: str
    boundary: Boundary
    children: list[Box] = field(default_factory=list)
    members: list[Component] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.boundary.name or self.boundary.id


@dataclass
class Diagram:
    """The model reduced to what a diagram shows, with safe ids and a fixed order."""

    arch: Architecture
    node_ids: dict[str, str]
    boxes: list[Box]  # top-level boundaries, in model order
    loose: list[Component]  # components outside every boundary
    edges: list[Connection]  # connections whose both ends exist

    @property
    def title(self) -> str:
        return self.arch.name

    def node(self, component: Component) -> str:
        return self.node_ids[component.id]

    def all_boxes(self) -> list[Box]:
        """Every boundary, parents before children."""
        out: list[Box] = []
        stack = list(reversed(self.boxes))
        while stack:
            box = stack.pop()
            out.append(box)
            stack.extend(reversed(box.children))
        return out


_CONTROL = {c: "\ufffd" for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(c) not in "\n\r"}
_CONTROL[ord("\t")] = " "


def printable(text: str) -> str:
    """Control characters (NUL, BEL, ESC...) as U+FFFD and tabs as spaces.

    No diagram language has a use for them and several break on them (XML cannot hold
    most of them at all), so every exporter passes its labels through here first.
    """
    return text.translate(_CONTROL)


def group_of(component: Component) -> KindGroup:
    return KIND_GROUP[component.kind]


def is_async(conn: Connection) -> bool:
    return conn.mode is Mode.ASYNC


def is_dashed(conn: Connection) -> bool:
    """Async calls, and calls an importer only guessed (likely/possible), are dashed."""
    return is_async(conn) or is_inferred(conn)


def edge_label(conn: Connection) -> str:
    """Protocol and mode, the two facts a reader needs on every arrow (plus a guess's level)."""
    mode = conn.mode.value if conn.mode is not None else Mode.SYNC.value
    guess = f" ({confidence_of(conn).value})" if is_inferred(conn) else ""
    return f"{conn.protocol.value} / {mode}{guess}"


def technology_line(component: Component) -> str:
    """`kind` or `kind: technology`, the second line under a component's name."""
    kind = component.kind.value
    return f"{kind}: {component.technology}" if component.technology else kind


def _ancestry(boundaries: list[Boundary]) -> dict[str, list[str]]:
    """Each boundary's chain of drawn ancestors, nearest first.

    A parent that does not exist, or a chain that loops back, is cut: the boundary is
    then drawn at top level rather than lost (validate reports such files anyway).
    """
    by_id = {b.id: b for b in boundaries}
    chains: dict[str, list[str]] = {}
    for b in boundaries:
        chain: list[str] = []
        parent = b.parent
        while parent is not None and parent in by_id and parent != b.id and parent not in chain:
            chain.append(parent)
            parent = by_id[parent].parent
        looped = parent is not None and (parent == b.id or parent in chain)
        chains[b.id] = [] if looped else chain
    return chains


def build(arch: Architecture) -> Diagram:
    """Assign safe ids and place every component in one box."""
    # Duplicate ids (rejected by validate) would collide: the first one wins.
    components: list[Component] = []
    node_ids: dict[str, str] = {}
    for c in arch.components:
        if c.id not in node_ids:
            node_ids[c.id] = f"n{len(node_ids) + 1}"
            components.append(c)
    boundaries: list[Boundary] = []
    boundary_ids: set[str] = set()
    for b in arch.boundaries:
        if b.id not in boundary_ids:
            boundary_ids.add(b.id)
            boundaries.append(b)
    ancestry = _ancestry(boundaries)
    boxes = {b.id: Box(key=f"b{i}", boundary=b) for i, b in enumerate(boundaries, start=1)}

    home: dict[str, str] = {}
    for b in boundaries:
        for member in b.members:
            if member not in node_ids:
                continue
            current = home.get(member)
            if current is None or len(ancestry[b.id]) > len(ancestry[current]):
                home[member] = b.id

    top: list[Box] = []
    for b in boundaries:
        chain = ancestry[b.id]
        if chain:
            boxes[chain[0]].children.append(boxes[b.id])
        else:
            top.append(boxes[b.id])
    loose: list[Component] = []
    for c in components:
        if c.id in home:
            boxes[home[c.id]].members.append(c)
        else:
            loose.append(c)
    edges = [
        conn for conn in arch.connections if conn.source in node_ids and conn.target in node_ids
    ]
    return Diagram(arch=arch, node_ids=node_ids, boxes=top, loose=loose, edges=edges)
