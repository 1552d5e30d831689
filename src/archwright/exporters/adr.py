"""Architecture decision records in MADR format: one Markdown file per `Decision`, plus
an index. Model text is escaped for Markdown (no raw HTML, no broken tables)."""

from __future__ import annotations

from archwright.exporters._jinja import render_template
from archwright.exporters._names import kebab
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture

EXPORTER = Exporter(
    name="adr",
    summary="MADR architecture decision records, one per decision, with an index",
    category="docs",
    validator="golden review",
)


def render(arch: Architecture) -> Files:
    labels = {c.id: c.label for c in arch.components}
    files: Files = {}
    rows = []
    for number, decision in enumerate(arch.decisions, start=1):
        slug = kebab(decision.title, 50) or "decision"
        name = f"{number:04d}-{slug}.md"
        targets = [labels.get(t, t) for t in decision.targets]
        files[f"adr/{name}"] = render_template(
            "docs/adr.md.j2", d=decision, targets=[" ".join(t.split()) for t in targets]
        )
        rows.append((number, name, decision.title, decision.status.value))
    files["adr/README.md"] = render_template("docs/adr_index.md.j2", rows=rows)
    return files
