"""PNG drawn by Graphviz from the DOT export (needs the `dot` binary).

The one binary export: `render` returns bytes, which `write_files` accepts beside text.
"""

from __future__ import annotations

from archwright.exporters._graphviz import run_dot
from archwright.exporters.exporter import BinaryFiles, Exporter
from archwright.model import Architecture

EXPORTER = Exporter(
    name="png",
    summary="PNG image drawn by Graphviz dot from the DOT export.",
    category="diagram",
    validator="PNG signature of dot's output",
)


def render(arch: Architecture) -> BinaryFiles:
    return {"architecture.png": run_dot(arch, "png")}
