"""Structurizr DSL: one workspace, the architecture as a software system, a container view.

Clients become people and external services (payment, notification, external APIs)
external software systems; everything else is a container of the one system, grouped by
the boundary that holds it (the DSL has no nested groups without extra settings, so a
nested boundary becomes a group named by its whole path, `VPC / Data tier`).

Escaping: identifiers are `n1`, `n2`, ... (never `model`, `views`, `group` or another
keyword). Strings are double-quoted with `\\` and `"` backslash-escaped. The DSL reads a
file line by line, so a line break in a name becomes a space. It also replaces
`${NAME}` in any string with a constant or an environment variable: a name like
`${HOME}` would leak the environment of whoever renders the file, so `${` is written
with a fullwidth dollar sign (`＄{`), which the parser does not substitute.
"""

from __future__ import annotations

from archwright.exporters._diagram import (
    Box,
    Diagram,
    build,
    edge_label,
    group_of,
    is_async,
    printable,
)
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture, Component, KindGroup

EXPORTER = Exporter(
    name="structurizr",
    summary="Structurizr DSL workspace with a container view.",
    category="diagram",
    validator="none offline (structurizr-cli is not packaged); structure checked by tests",
)

# Element tags by kind group, styled in the view.
_TAGS: dict[KindGroup, str] = {
    KindGroup.CLIENT: "Client",
    KindGroup.EDGE: "Edge",
    KindGroup.COMPUTE: "Compute",
    KindGroup.DATASTORE: "Datastore",
    KindGroup.MESSAGING: "Messaging",
    KindGroup.DATA_PROCESSING: "DataProcessing",
    KindGroup.AI: "AI",
    KindGroup.PLATFORM: "Platform",
    KindGroup.EXTERNAL: "External",
    KindGroup.OBSERVABILITY: "Observability",
}

_STYLES = """\
    styles {
      element "Client" {
        shape Person
      }
      element "Edge" {
        shape Hexagon
      }
      element "Datastore" {
        shape Cylinder
      }
      element "Messaging" {
        shape Pipe
      }
      element "AI" {
        shape Ellipse
      }
      element "External" {
        background #999999
      }
      relationship "Async" {
        dashed true
      }
    }"""


def quoted(text: str) -> str:
    """A double-quoted DSL string showing `text` on one line, with no substitution."""
    flat = " ".join(printable(text).replace("\r", "\n").split("\n"))
    body = flat.replace("\\", "\\\\").replace('"', '\\"').replace("${", "\uff04{")
    return f'"{body}"'


def _element(d: Diagram, c: Component, indent: str) -> list[str]:
    group = group_of(c)
    about = quoted(c.description or c.kind.value)
    ident = d.node(c)
    if group is KindGroup.CLIENT:
        head = f"{ident} = person {quoted(c.label)} {about}"
    elif group is KindGroup.EXTERNAL:
        head = f"{ident} = softwareSystem {quoted(c.label)} {about}"
    else:
        head = f"{ident} = container {quoted(c.label)} {about} {quoted(c.technology or '')}"
    return [f"{indent}{head} {{", f'{indent}  tags "{_TAGS[group]}"', f"{indent}}}"]


def _inside(c: Component) -> bool:
    """Containers live inside the system; people and external systems outside it."""
    return group_of(c) not in (KindGroup.CLIENT, KindGroup.EXTERNAL)


def _groups(d: Diagram) -> list[tuple[str, list[Component]]]:
    """(path name, members) of every boundary, parents first; the path flattens nesting."""
    out: list[tuple[str, list[Component]]] = []

    def walk(box: Box, prefix: str) -> None:
        name = f"{prefix}{box.label}"
        out.append((name, box.members))
        for child in box.children:
            walk(child, f"{name} / ")

    for box in d.boxes:
        walk(box, "")
    return out


def render(arch: Architecture) -> Files:
    d = build(arch)
    lines = [f"workspace {quoted(d.title)} {quoted(arch.summary)} {{", "  model {"]
    outside: list[Component] = [c for c in d.loose if not _inside(c)]
    lines.append(f"    system = softwareSystem {quoted(d.title)} {{")
    for name, members in _groups(d):
        inside = [c for c in members if _inside(c)]
        outside.extend(c for c in members if not _inside(c))
        if not inside:
            continue
        lines.append(f"      group {quoted(name)} {{")
        for c in inside:
            lines.extend(_element(d, c, "        "))
        lines.append("      }")
    for c in d.loose:
        if _inside(c):
            lines.extend(_element(d, c, "      "))
    lines.append("    }")
    order = {c.id: i for i, c in enumerate(arch.components)}
    for c in sorted(outside, key=lambda c: order[c.id]):
        lines.extend(_element(d, c, "    "))
    for conn in d.edges:
        src, dst = d.node_ids[conn.source], d.node_ids[conn.target]
        desc = conn.description or ("publishes to" if is_async(conn) else "calls")
        lines.append(f"    {src} -> {dst} {quoted(desc)} {quoted(edge_label(conn))} {{")
        lines.append(f'      tags "{"Async" if is_async(conn) else "Sync"}"')
        lines.append("    }")
    lines += [
        "  }",
        "  views {",
        '    container system "containers" {',
        "      include *",
        "      autoLayout lr",
        "    }",
        _STYLES,
        "  }",
        "}",
    ]
    return {"workspace.dsl": "\n".join(lines) + "\n"}
