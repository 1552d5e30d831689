"""SVG drawn by Graphviz from the DOT export (needs the `dot` binary)."""

from __future__ import annotations

from archwright.exporters._graphviz import run_dot
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture

EXPORTER = Exporter(
    name="svg",
    summary="SVG image drawn by Graphviz dot from the DOT export.",
    category="diagram",
    validator="XML well-formedness of dot's output",
)


def render(arch: Architecture) -> Files:
    return {"architecture.svg": run_dot(arch, "svg").decode("utf-8")}
