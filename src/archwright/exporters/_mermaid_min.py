"""A minimal Mermaid flowchart for README files.

Used by the scaffold and design-doc exporters while the full diagram exporter
(`archwright.exporters.mermaid`, another branch) is not on main; node ids are indices,
labels are quoted with Mermaid's entity escapes, so model text cannot break the chart.
"""

from __future__ import annotations

import importlib.util

from archwright.model import Architecture


def _label(text: str) -> str:
    cleaned = " ".join(text.split())
    for raw, entity in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"),
                        ("`", "#96;")):
        cleaned = cleaned.replace(raw, entity)
    return cleaned


def flowchart(arch: Architecture) -> str:
    comps = sorted(arch.components, key=lambda c: c.id)
    index = {c.id: f"n{i}" for i, c in enumerate(comps)}
    lines = ["flowchart LR"]
    for comp in comps:
        lines.append(f'  {index[comp.id]}["{_label(comp.label)}<br/>{comp.kind.value}"]')
    for conn in sorted(arch.connections, key=lambda c: (c.source, c.target)):
        if conn.source in index and conn.target in index:
            arrow = "-.->" if not conn.is_sync else "-->"
            lines.append(f"  {index[conn.source]} {arrow}|{conn.protocol.value}| "
                         f"{index[conn.target]}")
    return "\n".join(lines) + "\n"


def diagram(arch: Architecture) -> str:
    """The diagram exporter's Mermaid when it is installed, else the minimal flowchart."""
    if importlib.util.find_spec("archwright.exporters.mermaid") is not None:
        from archwright.exporters import registry

        for rel, text in sorted(registry.load("mermaid").render(arch).items()):
            if rel.endswith((".mmd", ".mermaid")):
                return str(text) if str(text).endswith("\n") else f"{text}\n"
    return flowchart(arch)
