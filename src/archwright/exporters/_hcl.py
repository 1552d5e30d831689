"""A small HCL writer: Terraform built as data, so model text can only ever be a string.

Strings are escaped for HCL *and* for Terraform's template language (`${` → `$${`,
`%{` → `%%{`), so a component named `${file("/etc/passwd")}` stays literal text.
Identifiers and block labels are validated, never escaped: a bad one is a bug in the
exporter and raises. References to other resources are `Expr` values, which exporters
build only from validated identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Union

from archwright.exporters._hcl_format import Line, format_lines, parse_line

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
# An expression the layout need not parse (a reference: no string, bracket or space).
_PLAIN_EXPR = re.compile(r"[A-Za-z0-9_.-]+")
_CLOSE = Line("}", -1, -1)
_BLANK = Line("", 0, -1)


@dataclass(frozen=True)
class Expr:
    """A Terraform expression written as is (`var.region`, `aws_vpc.main.id`)."""

    text: str


@dataclass(frozen=True)
class Comment:
    text: str


Value = Union[str, int, float, bool, None, Expr, Sequence["Value"], Mapping[str, "Value"]]  # noqa: UP007


@dataclass
class Block:
    """`type "label" ... { body }`; body items are (name, value) pairs, blocks or comments."""

    type: str
    labels: tuple[str, ...] = ()
    body: list[tuple[str, Value] | Block | Comment] = field(default_factory=list)

    def set(self, name: str, value: Value) -> Block:
        self.body.append((check_ident(name), value))
        return self

    def add(self, *items: Block | Comment) -> Block:
        self.body.extend(items)
        return self


def check_ident(name: str) -> str:
    """An HCL identifier or label as is; anything else is an exporter bug."""
    if not _IDENT.match(name):
        raise ValueError(f"not an HCL identifier: {name!r}")
    return name


def string(text: str) -> str:
    """A quoted HCL string literal with no live interpolation or directive."""
    if _NEEDS_ESCAPE.search(text) is None:  # most names and values: no loop per character
        return '"' + text.replace("${", "$${").replace("%{", "%%{") + '"'
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out).replace("${", "$${").replace("%{", "%%{") + '"'


def _value(value: Value, indent: int) -> str:
    pad = "  " * indent
    if isinstance(value, Expr):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        lines = ["{"]
        for key, item in value.items():
            name = key if _IDENT.match(key) else string(key)
            lines.append(f"{pad}  {name} = {_value(item, indent + 1)}")
        lines.append(pad + "}")
        return "\n".join(lines)
    items = [_value(v, indent + 1) for v in value]
    if not items:
        return "[]"
    if all("\n" not in i for i in items) and sum(len(i) for i in items) < 80:
        return "[" + ", ".join(items) + "]"
    return "[\n" + "".join(f"{pad}  {i},\n" for i in items) + pad + "]"


def _block(block: Block, indent: int, out: list[Line], parsed: dict[str, Line]) -> None:
    """Append the block's lines. The layout's facts (brackets opened, where the `=` is)
    are stated for the lines this writer builds itself (headers, `}`, attributes with
    a literal or a plain expression); anything else is parsed as `format_hcl` would.
    Parsing every line was half of a 10k-component Terraform export (issue 16)."""
    head = " ".join([check_ident(block.type), *(string(check_ident(x)) for x in block.labels)])
    out.append(Line(head + " {", 1, -1))
    for item in block.body:
        if isinstance(item, Block):
            _block(item, indent + 1, out, parsed)
        elif isinstance(item, Comment):
            out.append(_parsed(f"# {_one_line(item.text)}", parsed))
        else:
            name, value = item
            if isinstance(value, str):
                out.append(Line(f"{name} = {string(value)}", 0, len(name) + 1))
            elif isinstance(value, bool | int | float) or value is None:
                out.append(Line(f"{name} = {_value(value, 0)}", 0, len(name) + 1))
            elif isinstance(value, Expr) and _PLAIN_EXPR.fullmatch(value.text):
                out.append(Line(f"{name} = {value.text}", 0, len(name) + 1))
            else:
                for raw in f"{name} = {_value(value, indent + 1)}".split("\n"):
                    out.append(_parsed(raw, parsed))
    out.append(_CLOSE)


def _parsed(raw: str, parsed: dict[str, Line]) -> Line:
    line = parsed.get(raw)
    if line is None:
        line = parsed[raw] = parse_line(raw)
    return line


def hcl_lines(items: Sequence[Block | Comment]) -> list[Line]:
    """The lines of a `.tf` file: blocks separated by blank lines."""
    out: list[Line] = [] if items else [_BLANK]  # the text of no blocks is one newline
    parsed: dict[str, Line] = {}  # lines repeat (`count = 1`, `]`): parse each once
    for index, item in enumerate(items):
        if index:
            out.append(_BLANK)
        if isinstance(item, Comment):
            out.append(_parsed(f"# {_one_line(item.text)}", parsed))
        else:
            _block(item, 0, out, parsed)
    out.append(_BLANK)
    return out


def render_hcl(items: Sequence[Block | Comment]) -> str:
    """A `.tf` file: blocks separated by blank lines, in `terraform fmt` layout."""
    return format_lines(hcl_lines(items))


def _one_line(text: str) -> str:
    """Comment text cannot end the comment early: no line breaks, no control characters."""
    return "".join(ch if ch.isprintable() else " " for ch in text)
