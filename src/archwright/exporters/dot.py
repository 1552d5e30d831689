"""Graphviz DOT: boundaries as clusters, HTML-like labels, async calls dashed.

Escaping: every ID is double-quoted (`"n1"`, `"cluster_b1"`), so no keyword (`node`,
`edge`, `graph`, `subgraph`, `strict`) can be mistaken for one. Node and cluster labels
are HTML-like (`<...>`): the text is HTML-escaped (`&`, `<`, `>`, quotes) and line
breaks become `<br/>`. Edge labels are quoted strings where `\\` and `"` are escaped and
a line break is written `\\n`, so a backslash in a name never turns into `\\l` or `\\N`.
"""

from __future__ import annotations

from html import escape as html_escape

from archwright.exporters._diagram import (
    Box,
    Diagram,
    build,
    edge_label,
    group_of,
    is_dashed,
    printable,
    technology_line,
)
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture, Component, KindGroup

EXPORTER = Exporter(
    name="dot",
    summary="Graphviz DOT with boundaries as clusters.",
    category="diagram",
    validator="dot -Tsvg (Debian graphviz)",
)

# Node attributes by kind group: shape and fill.
NODE_STYLE: dict[KindGroup, str] = {
    KindGroup.CLIENT: 'shape="oval", fillcolor="#f5f5f5"',
    KindGroup.EDGE: 'shape="hexagon", fillcolor="#e3f2fd"',
    KindGroup.COMPUTE: 'shape="box", style="rounded,filled", fillcolor="#e8f5e9"',
    KindGroup.DATASTORE: 'shape="cylinder", fillcolor="#fff3e0"',
    KindGroup.MESSAGING: 'shape="cds", fillcolor="#f3e5f5"',
    KindGroup.DATA_PROCESSING: 'shape="component", fillcolor="#ede7f6"',
    KindGroup.AI: 'shape="octagon", fillcolor="#fce4ec"',
    KindGroup.PLATFORM: 'shape="house", fillcolor="#e0f7fa"',
    KindGroup.EXTERNAL: 'shape="box", style="dashed,filled", fillcolor="#fafafa"',
    KindGroup.OBSERVABILITY: 'shape="note", fillcolor="#f1f8e9"',
}


def html_text(text: str) -> str:
    """Text for inside an HTML-like label."""
    lines = printable(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(html_escape(line, quote=True) for line in lines)


def quoted(text: str) -> str:
    """A double-quoted DOT string whose label shows exactly `text`."""
    body = printable(text).replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{body}"'


def _node(d: Diagram, c: Component, indent: str) -> str:
    label = (
        f"<<b>{html_text(c.label)}</b><br/>"
        f'<font point-size="10">{html_text(technology_line(c))}</font>>'
    )
    return f'{indent}"{d.node(c)}" [label={label}, {NODE_STYLE[group_of(c)]}];'


def _cluster(d: Diagram, box: Box, indent: str, lines: list[str]) -> None:
    inner = indent + "  "
    kind = box.boundary.type.value
    lines.append(f'{indent}subgraph "cluster_{box.key}" {{')
    lines.append(f"{inner}label=<<b>{html_text(box.label)}</b> [{kind}]>;")
    lines.append(f'{inner}style="dashed,rounded"; color="#757575";')
    for child in box.children:
        _cluster(d, child, inner, lines)
    lines.extend(_node(d, c, inner) for c in box.members)
    lines.append(f"{indent}}}")


def to_dot(arch: Architecture) -> str:
    """The DOT text; the SVG and PNG exporters render this same graph."""
    d = build(arch)
    lines = [
        'digraph "architecture" {',
        f"  label={quoted(d.title)};",
        '  labelloc="t"; rankdir="LR"; fontname="Helvetica"; charset="UTF-8";',
        '  node [fontname="Helvetica", style="filled"];',
        '  edge [fontname="Helvetica", fontsize="10"];',
    ]
    for box in d.boxes:
        _cluster(d, box, "  ", lines)
    lines.extend(_node(d, c, "  ") for c in d.loose)
    for conn in d.edges:
        style = ', style="dashed"' if is_dashed(conn) else ""
        src, dst = d.node_ids[conn.source], d.node_ids[conn.target]
        lines.append(f'  "{src}" -> "{dst}" [label={quoted(edge_label(conn))}{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(arch: Architecture) -> Files:
    return {"architecture.dot": to_dot(arch)}
