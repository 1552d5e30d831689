"""Mermaid flowchart: boundaries as nested subgraphs, shapes by kind group.

Escaping: every label is a double-quoted string, and inside it Mermaid decodes
`#name;` and `#123;` entities. So `#` itself is written `#35;` first (a name containing
`#quot;` must stay literal), then quotes, angle brackets, ampersands and backticks
become entities and line breaks `<br>`. Node ids are `n1`, `n2`, ... and subgraph ids
`b1`, ...: never `end`, `graph` or anything else the grammar reserves.
"""

from __future__ import annotations

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
from archwright.exporters._topology import once_per_export
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture, Component, KindGroup

EXPORTER = Exporter(
    name="mermaid",
    summary="Mermaid flowchart with boundaries as subgraphs.",
    category="diagram",
    validator="mermaid.parse (npm mermaid under jsdom)",
)

# Opening and closing bracket of each shape, by kind group.
_SHAPES: dict[KindGroup, tuple[str, str]] = {
    KindGroup.CLIENT: ('(["', '"])'),
    KindGroup.EDGE: ('{{"', '"}}'),
    KindGroup.COMPUTE: ('["', '"]'),
    KindGroup.DATASTORE: ('[("', '")]'),
    KindGroup.MESSAGING: ('>"', '"]'),
    KindGroup.DATA_PROCESSING: ('[["', '"]]'),
    KindGroup.AI: ('(("', '"))'),
    KindGroup.PLATFORM: ('[/"', '"/]'),
    KindGroup.EXTERNAL: ('("', '")'),
    KindGroup.OBSERVABILITY: ('[\\"', '"\\]'),
}

_STYLES: dict[KindGroup, str] = {
    KindGroup.CLIENT: "fill:#f5f5f5,stroke:#616161",
    KindGroup.EDGE: "fill:#e3f2fd,stroke:#1565c0",
    KindGroup.COMPUTE: "fill:#e8f5e9,stroke:#2e7d32",
    KindGroup.DATASTORE: "fill:#fff3e0,stroke:#ef6c00",
    KindGroup.MESSAGING: "fill:#f3e5f5,stroke:#6a1b9a",
    KindGroup.DATA_PROCESSING: "fill:#ede7f6,stroke:#4527a0",
    KindGroup.AI: "fill:#fce4ec,stroke:#ad1457",
    KindGroup.PLATFORM: "fill:#e0f7fa,stroke:#00838f",
    KindGroup.EXTERNAL: "fill:#fafafa,stroke:#9e9e9e,stroke-dasharray:4 3",
    KindGroup.OBSERVABILITY: "fill:#f1f8e9,stroke:#558b2f",
}

_ENTITIES = {
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
}


def escape(text: str) -> str:
    """Text for the inside of a double-quoted Mermaid label."""
    text = printable(text).replace("#", "#35;")
    for raw, entity in _ENTITIES.items():
        text = text.replace(raw, entity)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _node(d: Diagram, c: Component, indent: str) -> str:
    start, end = _SHAPES[group_of(c)]
    label = f"{escape(c.label)}<br><small>{escape(technology_line(c))}</small>"
    return f"{indent}{d.node(c)}{start}{label}{end}"


def _box(d: Diagram, box: Box, indent: str, lines: list[str]) -> None:
    lines.append(f'{indent}subgraph {box.key}["{escape(box.label)}"]')
    for child in box.children:
        _box(d, child, indent + "  ", lines)
    lines.extend(_node(d, c, indent + "  ") for c in box.members)
    lines.append(f"{indent}end")


def render(arch: Architecture) -> Files:
    return {"architecture.mmd": flowchart(arch)}


@once_per_export
def flowchart(arch: Architecture) -> str:
    """The Mermaid flowchart text (also embedded by the design document and scaffold,
    drawn once for both within one export)."""
    d = build(arch)
    # accTitle runs to the end of the line and is not entity-decoded: flatten it.
    title = " ".join(d.title.split())
    lines = ["flowchart LR", f"  accTitle: {title}"]
    for box in d.boxes:
        _box(d, box, "  ", lines)
    lines.extend(_node(d, c, "  ") for c in d.loose)
    for conn in d.edges:
        arrow = "-.->" if is_dashed(conn) else "-->"
        src, dst = d.node_ids[conn.source], d.node_ids[conn.target]
        lines.append(f'  {src} {arrow}|"{escape(edge_label(conn))}"| {dst}')
    # node ids per group in first-seen order; a dict, not a list scanned per member,
    # which was quadratic in the components of a group (issue 16)
    groups: dict[KindGroup, dict[str, None]] = {}
    for c in (c for c in arch.components if c.id in d.node_ids):
        groups.setdefault(group_of(c), {})[d.node_ids[c.id]] = None
    for group in KindGroup:
        if group in groups:
            lines.append(f"  classDef kind_{group.value} {_STYLES[group]}")
            lines.append(f"  class {','.join(groups[group])} kind_{group.value}")
    return "\n".join(lines) + "\n"
