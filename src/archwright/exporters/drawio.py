"""draw.io (diagrams.net) file: an mxGraphModel with a simple layered layout.

Layout, deterministic and without a layout engine: a component's column is the length
of the longest call chain that reaches it (cycles are broken at the edge that closes
them, in model order); boundaries are stacked top to bottom as bands, so nested boxes
nest and sibling boxes never overlap; inside a band, components of one column are
stacked in model order. mxGraph places a child relative to its container, so every
geometry is written relative to the enclosing boundary.

Escaping: the XML is built with ElementTree, which escapes `&`, `<`, `>`, quotes and line
breaks in attribute values. Labels are plain text (`html=0` in every style), so a name
like `<b>x</b>` is shown as typed, never interpreted as markup. Cell ids are `n1`,
`b1`, `e1`, ...; control characters, which XML 1.0 cannot hold, become U+FFFD.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from archwright.exporters._diagram import (
    Box,
    Diagram,
    build,
    edge_label,
    group_of,
    is_async,
    printable,
    technology_line,
)
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture, Component, KindGroup

EXPORTER = Exporter(
    name="drawio",
    summary="draw.io / diagrams.net file with a layered layout.",
    category="diagram",
    validator="XML well-formedness and the mxGraphModel structure (tests)",
)

NODE_W, NODE_H = 160, 60
COL_W, ROW_H = 240, 100
HEADER, PAD, GAP = 30, 20, 30

_STYLES: dict[KindGroup, str] = {
    KindGroup.CLIENT: "shape=umlActor;verticalLabelPosition=bottom;verticalAlign=top;",
    KindGroup.EDGE: "shape=hexagon;perimeter=hexagonPerimeter2;fillColor=#dae8fc;",
    KindGroup.COMPUTE: "rounded=1;fillColor=#d5e8d4;",
    KindGroup.DATASTORE: "shape=cylinder3;boundedLbl=1;size=10;fillColor=#ffe6cc;",
    KindGroup.MESSAGING: "shape=process;fillColor=#e1d5e7;",
    KindGroup.DATA_PROCESSING: "shape=step;perimeter=stepPerimeter;fillColor=#e1d5e7;",
    KindGroup.AI: "ellipse;fillColor=#f8cecc;",
    KindGroup.PLATFORM: "shape=hexagon;fillColor=#b0e3e6;",
    KindGroup.EXTERNAL: "rounded=1;dashed=1;fillColor=#f5f5f5;",
    KindGroup.OBSERVABILITY: "shape=note;size=12;fillColor=#fff2cc;",
}
_BOX_STYLE = "rounded=0;dashed=1;fillColor=none;verticalAlign=top;align=left;spacingLeft=8;"
_COMMON = "whiteSpace=wrap;html=0;"


@dataclass
class Rect:
    x: int
    y: int
    w: int
    h: int


def columns(d: Diagram) -> dict[str, int]:
    """Longest-path column of each component, with cycles broken at their closing edge."""
    order = list(d.node_ids)
    succ: dict[str, list[str]] = {cid: [] for cid in order}
    for conn in d.edges:
        if conn.target not in succ[conn.source]:
            succ[conn.source].append(conn.target)
    state: dict[str, int] = {}  # 1 = on the DFS stack, 2 = done
    post: list[str] = []
    forward: dict[str, list[str]] = {cid: [] for cid in order}
    for root in order:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node, i = stack.pop()
            if i < len(succ[node]):
                stack.append((node, i + 1))
                nxt = succ[node][i]
                if state.get(nxt) == 1:
                    continue  # a back edge: it would close a cycle
                forward[node].append(nxt)
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                post.append(node)
    col = dict.fromkeys(order, 0)
    for node in reversed(post):  # reverse post-order is a topological order
        for nxt in forward[node]:
            col[nxt] = max(col[nxt], col[node] + 1)
    return col


class _Placer:
    """Absolute rectangles for nodes and boxes, band by band."""

    def __init__(self, d: Diagram) -> None:
        self.d = d
        self.col = columns(d)
        self.nodes: dict[str, Rect] = {}
        self.boxes: dict[str, Rect] = {}
        self.y = PAD

    def members(self, comps: list[Component]) -> None:
        used: dict[int, int] = {}
        for c in comps:
            column = self.col[c.id]
            row = used.get(column, 0)
            used[column] = row + 1
            x = PAD * 4 + column * COL_W
            self.nodes[c.id] = Rect(x, self.y + row * ROW_H, NODE_W, NODE_H)
        self.y += max(used.values(), default=0) * ROW_H

    def box(self, box: Box, depth: int) -> None:
        top = self.y
        self.y += HEADER
        for child in box.children:
            self.box(child, depth + 1)
            self.y += GAP
        self.members(box.members)
        inner = [self.nodes[c.id] for c in box.members]
        inner += [self.boxes[child.key] for child in box.children]
        pad = PAD * (4 - min(depth, 3)) // 2
        left = min((r.x for r in inner), default=PAD * 4) - pad
        right = max((r.x + r.w for r in inner), default=PAD * 4 + NODE_W) + pad
        self.boxes[box.key] = Rect(left, top, right - left, self.y - top + PAD // 2)
        self.y += PAD // 2

    def place(self) -> None:
        for box in self.d.boxes:
            self.box(box, 0)
            self.y += GAP
        self.members(self.d.loose)


def _geometry(cell: ET.Element, rect: Rect, origin: Rect | None) -> None:
    ox, oy = (origin.x, origin.y) if origin else (0, 0)
    ET.SubElement(
        cell,
        "mxGeometry",
        {
            "x": str(rect.x - ox),
            "y": str(rect.y - oy),
            "width": str(rect.w),
            "height": str(rect.h),
            "as": "geometry",
        },
    )


def render(arch: Architecture) -> Files:
    d = build(arch)
    placer = _Placer(d)
    placer.place()
    mxfile = ET.Element("mxfile", {"host": "archwright", "type": "device"})
    diagram = ET.SubElement(mxfile, "diagram", {"id": "architecture", "name": printable(d.title)})
    model = ET.SubElement(diagram, "mxGraphModel", {"grid": "1", "gridSize": "10"})
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", {"id": "0"})
    ET.SubElement(root, "mxCell", {"id": "1", "parent": "0"})

    def add_box(box: Box, parent: Box | None) -> None:
        parent_id = parent.key if parent else "1"
        label = f"{box.label} [{box.boundary.type.value}]"
        attrs = {"id": box.key, "value": printable(label), "style": _BOX_STYLE + _COMMON}
        cell = ET.SubElement(root, "mxCell", {**attrs, "vertex": "1", "parent": parent_id})
        _geometry(cell, placer.boxes[box.key], placer.boxes[parent.key] if parent else None)
        for child in box.children:
            add_box(child, box)
        for c in box.members:
            add_node(c, box)

    def add_node(c: Component, parent: Box | None) -> None:
        attrs = {
            "id": d.node(c),
            "value": printable(f"{c.label}\n{technology_line(c)}"),
            "style": _STYLES[group_of(c)] + _COMMON,
            "vertex": "1",
            "parent": parent.key if parent else "1",
        }
        cell = ET.SubElement(root, "mxCell", attrs)
        _geometry(cell, placer.nodes[c.id], placer.boxes[parent.key] if parent else None)

    for box in d.boxes:
        add_box(box, None)
    for c in d.loose:
        add_node(c, None)
    for i, conn in enumerate(d.edges, start=1):
        style = "edgeStyle=orthogonalEdgeStyle;rounded=1;html=0;endArrow=block;"
        attrs = {
            "id": f"e{i}",
            "value": edge_label(conn),
            "style": style + ("dashed=1;" if is_async(conn) else ""),
            "edge": "1",
            "parent": "1",
            "source": d.node_ids[conn.source],
            "target": d.node_ids[conn.target],
        }
        cell = ET.SubElement(root, "mxCell", attrs)
        ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
    ET.indent(mxfile)
    xml = ET.tostring(mxfile, encoding="unicode")
    return {"architecture.drawio": '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"}
