"""SVG drawn by Graphviz from the DOT export (needs the `dot` binary); above 500
components a summary by boundary and kind, with `architecture.summary.md` beside it."""

from __future__ import annotations

from archwright.exporters._graphviz import picture
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture

EXPORTER = Exporter(
    name="svg",
    summary="SVG image drawn by Graphviz dot from the DOT export.",
    category="diagram",
    validator="XML well-formedness of dot's output",
)


def render(arch: Architecture) -> Files:
    return {
        name: data.decode("utf-8")
        for name, data in picture(arch, "svg", "architecture.svg").items()
    }
