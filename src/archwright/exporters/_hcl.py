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

from archwright.exporters._hcl_format import format_hcl

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


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


def _block(block: Block, indent: int) -> list[str]:
    pad = "  " * indent
    head = " ".join([check_ident(block.type), *(string(check_ident(x)) for x in block.labels)])
    lines = [f"{pad}{head} {{"]
    for item in block.body:
        if isinstance(item, Block):
            lines.extend(_block(item, indent + 1))
        elif isinstance(item, Comment):
            lines.append(f"{pad}  # {_one_line(item.text)}".rstrip())
        else:
            name, value = item
            lines.append(f"{pad}  {name} = {_value(value, indent + 1)}")
    lines.append(pad + "}")
    return lines


def render_hcl(items: Sequence[Block | Comment]) -> str:
    """A `.tf` file: blocks separated by blank lines, in `terraform fmt` layout."""
    chunks = []
    for item in items:
        chunks.append(
            f"# {_one_line(item.text)}" if isinstance(item, Comment) else "\n".join(_block(item, 0))
        )
    return format_hcl("\n\n".join(chunks) + "\n")


def _one_line(text: str) -> str:
    """Comment text cannot end the comment early: no line breaks, no control characters."""
    return "".join(ch if ch.isprintable() else " " for ch in text)
