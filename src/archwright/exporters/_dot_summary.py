"""A summarised DOT graph for pictures of designs too large to draw one box per component.

Graphviz lays out a 1,000-component design in well under a second of CPU but not a
10,000-component one within its time limit, and no one reads a picture of thousands of
boxes anyway. Above `SUMMARY_ABOVE` components the SVG and PNG exports draw one box per
kind of component within each top-level boundary, labelled with how many components it
stands for, and one arrow per pair of groups labelled with how many connections it
stands for. The picture's title says it is a summary, and a Markdown file beside it lists
every group with its members, so nothing is dropped silently. The DOT, Mermaid, D2 and
other text exports stay complete.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from archwright.exporters._diagram import Diagram, build, group_of, is_async, printable
from archwright.exporters.dot import NODE_STYLE, html_text, quoted
from archwright.model import Architecture, Component, Kind

SUMMARY_ABOVE = 500  # components; measured in benchmarks/README.md (diagrams at scale)


@dataclass(frozen=True)
class Group:
    """Components of one kind drawn in one top-level boundary (or in none)."""

    key: str  # g1, g2, ... in order of first member in the model
    area: str  # the top-level boundary's label, "" outside every boundary
    box: str  # that boundary's safe cluster id, "" outside
    kind: Kind
    members: tuple[Component, ...]


def needs_summary(arch: Architecture) -> bool:
    return len(arch.components) > SUMMARY_ABOVE


def groups(d: Diagram) -> list[Group]:
    """Each drawn component in one group: its top-level box (nested boxes fold into
    it) and its kind."""
    area_of: dict[str, tuple[str, str]] = {}
    for top in d.boxes:
        stack = [top]
        while stack:
            inner = stack.pop()
            stack.extend(inner.children)
            for member in inner.members:
                area_of[member.id] = (top.key, top.label)
    found: dict[tuple[str, Kind], list[Component]] = {}
    labels: dict[str, str] = {}
    seen: set[str] = set()
    for comp in d.arch.components:
        if comp.id in seen:  # a duplicate id (validate rejects it): drawn once, as `build`
            continue
        seen.add(comp.id)
        box, label = area_of.get(comp.id, ("", ""))
        labels[box] = label
        found.setdefault((box, comp.kind), []).append(comp)
    return [
        Group(f"g{i}", labels[box], box, kind, tuple(members))
        for i, ((box, kind), members) in enumerate(found.items(), start=1)
    ]


def summary_dot(arch: Architecture) -> tuple[str, list[Group]]:
    """The summarised graph and its groups (for the Markdown beside the picture)."""
    d = build(arch)
    found = groups(d)
    group_of_id = {c.id: g.key for g in found for c in g.members}
    title = (
        f"{arch.name}: summary, {len(group_of_id):,} components in {len(found):,} groups "
        "by boundary and kind"
    )
    lines = [
        'digraph "architecture" {',
        f"  label={quoted(title)};",
        '  labelloc="t"; rankdir="LR"; fontname="Helvetica"; charset="UTF-8";',
        '  node [fontname="Helvetica", style="filled"];',
        '  edge [fontname="Helvetica", fontsize="10"];',
    ]
    by_box: dict[str, list[Group]] = {}
    for group in found:
        by_box.setdefault(group.box, []).append(group)
    for box, members in by_box.items():
        indent = "    " if box else "  "
        if box:
            lines.append(f'  subgraph "cluster_{box}" {{')
            lines.append(f"    label=<<b>{html_text(members[0].area)}</b>>;")
            lines.append('    style="dashed,rounded"; color="#757575";')
        lines.extend(_node(group, indent) for group in members)
        if box:
            lines.append("  }")
    lines.extend(_edges(d, group_of_id))
    lines.append("}")
    return "\n".join(lines) + "\n", found


def _node(group: Group, indent: str) -> str:
    count = len(group.members)
    label = (
        f"<<b>{count:,} × {html_text(group.kind.value)}</b><br/>"
        f'<font point-size="10">{html_text(_technologies(group))}</font>>'
    )
    return f'{indent}"{group.key}" [label={label}, {NODE_STYLE[group_of(group.members[0])]}];'


def _technologies(group: Group) -> str:
    """The most common technologies in the group, the rest counted."""
    counts = Counter(c.technology or "no technology named" for c in group.members)
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{name} {n:,}" for name, n in top[:3])
    return shown + (f", {len(top) - 3:,} more" if len(top) > 3 else "")


def _edges(d: Diagram, group_of_id: dict[str, str]) -> list[str]:
    calls: Counter[tuple[str, str]] = Counter()
    asynchronous: Counter[tuple[str, str]] = Counter()
    for conn in d.edges:
        pair = (group_of_id[conn.source], group_of_id[conn.target])
        calls[pair] += 1
        asynchronous[pair] += is_async(conn)
    lines = []
    for (src, dst), n in calls.items():
        quiet = asynchronous[(src, dst)]
        label = f"{n:,} connection{'s' if n != 1 else ''}" + (f", {quiet:,} async" if quiet else "")
        style = ', style="dashed"' if quiet == n else ""
        lines.append(f'  "{src}" -> "{dst}" [label={quoted(label)}{style}];')
    return lines


def summary_markdown(arch: Architecture, picture: str, found: list[Group]) -> str:
    """What the summarised picture stands for: the groups and every member's id."""
    total = sum(len(g.members) for g in found)
    lines = [
        f"# {_cell(arch.name)}: summarised diagram",
        "",
        f"The design has {total:,} components. Above {SUMMARY_ABOVE:,} components "
        f"`{picture}` draws one box per kind of component within each top-level boundary,",
        "labelled with how many components it stands for, and one arrow per pair of groups",
        "labelled with how many connections it stands for (dashed when all are async).",
        "The complete graph is in the text exports: `archwright export --to dot` (or",
        "`mermaid`, `d2`, `plantuml`, `structurizr`).",
        "",
        "| group | boundary | kind | components |",
        "| --- | --- | --- | ---: |",
    ]
    lines += [
        f"| {g.key} | {_cell(g.area) or '-'} | {g.kind.value} | {len(g.members):,} |" for g in found
    ]
    lines += ["", "## Members", ""]
    for g in found:
        ids = ", ".join(f"`{_cell(c.id)}`" for c in g.members)
        lines += [f"- **{g.key}** ({g.kind.value}): {ids}"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(printable(text).replace("|", "/").replace("`", "'").split())
