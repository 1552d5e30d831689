"""PNG drawn by Graphviz from the DOT export (needs the `dot` binary).

The one binary export: `render` returns bytes, which `write_files` accepts beside text.
Above 500 components it draws a summary by boundary and kind, with
`architecture.summary.md` beside it (see `_dot_summary`).
"""

from __future__ import annotations

from archwright.exporters._graphviz import picture
from archwright.exporters.exporter import BinaryFiles, Exporter
from archwright.model import Architecture

EXPORTER = Exporter(
    name="png",
    summary="PNG image drawn by Graphviz dot from the DOT export.",
    category="diagram",
    validator="PNG signature of dot's output",
)


def render(arch: Architecture) -> BinaryFiles:
    return picture(arch, "png", "architecture.png")
