"""A minimal Mermaid flowchart of an architecture, for the design document.

Private to the design engine until a Mermaid exporter exists in `exporters`; ids and
labels are sanitised here because they come from user input (a label with quotes,
brackets or a newline would otherwise break or inject into the diagram source).
"""

from __future__ import annotations

import re

from archwright.model import KIND_GROUP, Architecture, KindGroup, Mode

_SHAPES = {
    KindGroup.CLIENT: ("([", "])"),
    KindGroup.DATASTORE: ("[(", ")]"),
    KindGroup.MESSAGING: ("[[", "]]"),
    KindGroup.EXTERNAL: ("{{", "}}"),
}


def _node_id(index: int, component_id: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_]", "_", component_id)[:40]
    return f"n{index}_{slug}"


def _label(text: str) -> str:
    clean = re.sub(r"[\r\n\t]+", " ", text)
    for char, code in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        clean = clean.replace(char, code)
    return clean.replace("[", "(").replace("]", ")").replace("|", "/")


def render(arch: Architecture) -> str:
    """Mermaid `flowchart LR` source: one node per component, one edge per connection."""
    ids = {c.id: _node_id(i, c.id) for i, c in enumerate(arch.components)}
    lines = ["flowchart LR"]
    for comp in arch.components:
        open_, close = _SHAPES.get(KIND_GROUP[comp.kind], ("[", "]"))
        parts = [comp.label, *([comp.technology] if comp.technology else [])]
        if comp.replicas > 1 or comp.shards > 1:
            parts.append(
                f"×{comp.replicas}" + (f", {comp.shards} shards" if comp.shards > 1 else "")
            )
        label = "<br/>".join(_label(p) for p in parts)
        lines.append(f'    {ids[comp.id]}{open_}"{label}"{close}')
    for conn in arch.connections:
        arrow = "-.->" if conn.mode is Mode.ASYNC else "-->"
        lines.append(
            f"    {ids[conn.source]} {arrow}|{_label(conn.protocol.value)}| {ids[conn.target]}"
        )
    return "\n".join(lines) + "\n"
