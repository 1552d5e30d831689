"""D2: boundaries as nested containers, shapes by kind group, async calls dashed.

Escaping: keys are `n1`, `b1`, ... (never `shape`, `label`, `vars`, `classes` or
another D2 keyword) and every label is a double-quoted string in which D2 reads
`\\\\`, `\\"`, `\\n` and `\\$`. The `$` must be escaped because D2 substitutes
`${name}` variables inside double quotes; a name like `${x}` would otherwise fail to
compile. A connection refers to nested shapes by their full path (`b2.b3.n5`).
"""

from __future__ import annotations

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
    name="d2",
    summary="D2 diagram with boundaries as nested containers.",
    category="diagram",
    validator="D2 compile and render (npm @terrastruct/d2, WebAssembly, offline)",
)

_SHAPES: dict[KindGroup, str] = {
    KindGroup.CLIENT: "person",
    KindGroup.EDGE: "hexagon",
    KindGroup.COMPUTE: "rectangle",
    KindGroup.DATASTORE: "cylinder",
    KindGroup.MESSAGING: "queue",
    KindGroup.DATA_PROCESSING: "step",
    KindGroup.AI: "oval",
    KindGroup.PLATFORM: "package",
    KindGroup.EXTERNAL: "cloud",
    KindGroup.OBSERVABILITY: "page",
}


def quoted(text: str) -> str:
    """A double-quoted D2 string that shows exactly `text`."""
    body = printable(text).replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{body}"'


def _node(c: Component, key: str, indent: str) -> list[str]:
    label = f"{c.label}\n{technology_line(c)}"
    return [
        f"{indent}{key}: {quoted(label)} {{",
        f"{indent}  shape: {_SHAPES[group_of(c)]}",
        f"{indent}}}",
    ]


def _box(box: Box, d: Diagram, indent: str, lines: list[str]) -> None:
    lines.append(f"{indent}{box.key}: {quoted(box.label)} {{")
    inner = indent + "  "
    lines.append(f"{inner}style.stroke-dash: 3")
    for child in box.children:
        _box(child, d, inner, lines)
    for c in box.members:
        lines.extend(_node(c, d.node(c), inner))
    lines.append(f"{indent}}}")


def _paths(d: Diagram) -> dict[str, str]:
    """Component id → the dotted path of its shape through the containers."""
    paths: dict[str, str] = {}

    def walk(box: Box, prefix: str) -> None:
        here = f"{prefix}{box.key}."
        for child in box.children:
            walk(child, here)
        for c in box.members:
            paths[c.id] = here + d.node(c)

    for box in d.boxes:
        walk(box, "")
    for c in d.loose:
        paths[c.id] = d.node(c)
    return paths


def render(arch: Architecture) -> Files:
    d = build(arch)
    paths = _paths(d)
    lines = [f"title: {quoted(d.title)} {{", "  near: top-center", "  shape: text", "}", ""]
    lines.append("direction: right")
    for box in d.boxes:
        _box(box, d, "", lines)
    for c in d.loose:
        lines.extend(_node(c, d.node(c), ""))
    for conn in d.edges:
        arrow = f"{paths[conn.source]} -> {paths[conn.target]}: {quoted(edge_label(conn))}"
        if is_async(conn):
            lines.append(f"{arrow} {{")
            lines.append("  style.stroke-dash: 5")
            lines.append("}")
        else:
            lines.append(arrow)
    return {"architecture.d2": "\n".join(lines) + "\n"}
