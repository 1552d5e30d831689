"""PlantUML in the C4 style, with the few C4 macros it needs defined in the file itself.

Why not `!include <C4/C4_Container>`: the C4 library shipped with Debian's PlantUML
(C4-PlantUML 1.0.0 in PlantUML 1.2020.2) is built from `!define` macros, which rewrite
any macro name found anywhere on a line, inside quoted labels too: a component named
`Rel(a) Person` breaks the file and one named `TECHN_FONT_SIZE` shows as `12`. A remote
`!include` is not possible offline. So the file defines `Person`, `Container`,
`ContainerDb`, `ContainerQueue`, `System_Ext`, `Boundary`, `Rel` and `Rel_Async` as
preprocessor functions (`!function` without a return value, the 1.2020 form of
`!procedure`), whose string arguments are values and are never rescanned.

Escaping: aliases are `n1`, `b1`, ... passed as quoted strings. In labels every
character other than letters, digits, spaces, `.,:()` and a lone `-_*/~=` is written
`<U+XXXX>`, which
PlantUML decodes when drawing: quotes, backslashes, `$` (preprocessor variables), `%`
(builtin functions), `'` (comments), `<`/`>` (markup), doubled `--`, `__`, `**`, `//`, `~~`, `==`
(Creole formatting) and everything else can never reach a parser. (`&#NN;` entities
are not used: for `\\` and `$` they crash this PlantUML version's renderer.) A line
break is `\\n`.
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
    name="plantuml",
    summary="PlantUML C4-style container diagram with its own C4 macros.",
    category="diagram",
    validator="plantuml -tsvg -failfast2 (Debian plantuml), plus a scan for error images",
)

_SAFE_PUNCTUATION = frozenset(" .,:()")
# Creole markup only when doubled (`--`, `__`, `**`, `//`, `~~`, `==`): alone they stay.
_SAFE_ALONE = frozenset("-_*/~=")

_MACROS = """\
' C4-style macros, defined here so the file renders offline with no include.
!function Person($alias, $label, $descr)
actor "==$label\\n<size:11>$descr</size>" <<person>> as $alias
!endfunction
!function Container($alias, $label, $techn)
rectangle "==$label\\n<size:11>[$techn]</size>" <<container>> as $alias
!endfunction
!function ContainerDb($alias, $label, $techn)
database "==$label\\n<size:11>[$techn]</size>" <<container>> as $alias
!endfunction
!function ContainerQueue($alias, $label, $techn)
queue "==$label\\n<size:11>[$techn]</size>" <<container>> as $alias
!endfunction
!function System_Ext($alias, $label, $techn)
rectangle "==$label\\n<size:11>[$techn]</size>" <<external_system>> as $alias
!endfunction
!function Boundary($alias, $label, $type)
rectangle "==$label\\n<size:11>[$type]</size>" <<boundary>> as $alias
!endfunction
!function Rel($from, $to, $label)
$from --> $to : $label
!endfunction
!function Rel_Async($from, $to, $label)
$from ..> $to : $label
!endfunction
skinparam defaultTextAlignment center
skinparam shadowing false
skinparam ArrowColor #666666
skinparam actor<<person>> {
  BackgroundColor #08427B
  BorderColor #073B6F
}
skinparam rectangle<<container>> {
  BackgroundColor #438DD5
  BorderColor #3C7FC0
  FontColor #FFFFFF
}
skinparam database<<container>> {
  BackgroundColor #438DD5
  BorderColor #3C7FC0
  FontColor #FFFFFF
}
skinparam queue<<container>> {
  BackgroundColor #438DD5
  BorderColor #3C7FC0
  FontColor #FFFFFF
}
skinparam rectangle<<external_system>> {
  BackgroundColor #999999
  BorderColor #8A8A8A
  FontColor #FFFFFF
}
skinparam rectangle<<boundary>> {
  BackgroundColor transparent
  BorderColor #444444
  BorderStyle dashed
  FontColor #444444
}
hide stereotype"""


def text(value: str) -> str:
    """A quoted PlantUML string argument that draws exactly `value`."""
    out: list[str] = []
    flat = printable(value).replace("\r\n", "\n").replace("\r", "\n")
    for i, ch in enumerate(flat):
        doubled = flat[i - 1 : i] == ch or flat[i + 1 : i + 2] == ch
        if ch == "\n":
            out.append("\\n")
        elif ch.isalnum() or ch in _SAFE_PUNCTUATION or (ch in _SAFE_ALONE and not doubled):
            out.append(ch)
        else:
            out.append(f"<U+{ord(ch):04X}>")
    return f'"{"".join(out)}"'


def _macro(c: Component) -> str:
    group = group_of(c)
    if group is KindGroup.CLIENT:
        return "Person"
    if group is KindGroup.EXTERNAL:
        return "System_Ext"
    if group is KindGroup.DATASTORE:
        return "ContainerDb"
    if group is KindGroup.MESSAGING:
        return "ContainerQueue"
    return "Container"


def _element(d: Diagram, c: Component, indent: str) -> str:
    tech = f"{c.kind.value}: {c.technology}" if c.technology else c.kind.value
    return f'{indent}{_macro(c)}("{d.node(c)}", {text(c.label)}, {text(tech)})'


def _boundary(d: Diagram, box: Box, indent: str, lines: list[str]) -> None:
    kind = box.boundary.type.value
    lines.append(f'{indent}Boundary("{box.key}", {text(box.label)}, {text(kind)}) {{')
    for child in box.children:
        _boundary(d, child, indent + "  ", lines)
    lines.extend(_element(d, c, indent + "  ") for c in box.members)
    lines.append(f"{indent}}}")


def render(arch: Architecture) -> Files:
    d = build(arch)
    lines = ["@startuml", _MACROS, f"title {text(d.title)[1:-1]}", "left to right direction"]
    for box in d.boxes:
        _boundary(d, box, "", lines)
    lines.extend(_element(d, c, "") for c in d.loose)
    for conn in d.edges:
        macro = "Rel_Async" if is_async(conn) else "Rel"
        src, dst = d.node_ids[conn.source], d.node_ids[conn.target]
        lines.append(f'{macro}("{src}", "{dst}", {text(edge_label(conn))})')
    lines.append("@enduml")
    return {"architecture.puml": "\n".join(lines) + "\n"}
