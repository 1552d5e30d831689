"""A small HCL writer: Terraform built as data, so model text can only ever be a string.

Strings are escaped for HCL *and* for Terraform's template language (`${` → `$${`,
`%{` → `%%{`), so a component named `${file("/etc/passwd")}` stays literal text.
Identifiers and block labels are validated, never escaped: a bad one is a bug in the
exporter and raises. References to other resources are `Expr` values, which exporters
build only from validated identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import add
from typing import Any, Union

from archwright.exporters._hcl_format import Line, bracket_balance, format_lines, parse_line

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
# An expression the layout need not parse (a reference: no string, bracket or space).
_PLAIN_EXPR = re.compile(r"[A-Za-z0-9_.-]+")
_CLOSE = Line("}", -1, -1)
_LIMIT = 200_000  # entries in each per-process cache here: bounded, values are pure
_BLANK = Line("", 0, -1)


# Slots: an export makes 163,000 expressions and 58,000 blocks at 10k components, and
# sets 400,000 attributes; an instance without a `__dict__` is made and read sooner.
@dataclass(frozen=True, slots=True)
class Expr:
    """A Terraform expression written as is (`var.region`, `aws_vpc.main.id`)."""

    text: str


@dataclass(frozen=True, slots=True)
class Comment:
    text: str


Value = Union[str, int, float, bool, None, Expr, Sequence["Value"], Mapping[str, "Value"]]  # noqa: UP007


@dataclass(slots=True)
class Block:
    """`type "label" ... { body }`; body items are (name, value) pairs, blocks or comments."""

    type: str
    labels: tuple[str, ...] = ()
    body: list[tuple[str, Value] | Block | Comment] = field(default_factory=list)

    def set(self, name: str, value: Value) -> Block:
        self.body.append((name if name in _CHECKED else check_ident(name), value))
        return self

    def add(self, *items: Block | Comment) -> Block:
        self.body.extend(items)
        return self


# The types tested per value, as tuples: `isinstance(x, int | float)` builds the union
# on every call (3.6 times the test's cost), and the writer tests each of the 250,000
# attributes of a 5,000-component export (issue 17).
_NUMBERS = (int, float)
_SCALARS = (bool, int, float)
_SEQUENCES = (list, tuple)
_ITEMS = (Block, Comment)

# Identifiers already checked: attribute names repeat in every block of an export.
_CHECKED: set[str] = set()


def check_ident(name: str) -> str:
    """An HCL identifier or label as is; anything else is an exporter bug."""
    if name in _CHECKED:
        return name
    if not _IDENT.fullmatch(name):  # not `match`: its `$` lets a trailing newline through
        raise ValueError(f"not an HCL identifier: {name!r}")
    if len(_CHECKED) < _LIMIT:
        _CHECKED.add(name)
    return name


@lru_cache(maxsize=_LIMIT)
def string(text: str) -> str:
    """A quoted HCL string literal with no live interpolation or directive. Kept per
    text: resource labels, tags, names and descriptions repeat across the blocks of an
    export (131,000 literals at 5,000 components; issue 17)."""
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
    if isinstance(value, _NUMBERS):
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


def _header(block: Block) -> str:
    """`type "label" ...`, the block's first line without its brace. A label that is an
    identifier is its own string's text (nothing in it to escape), so it is quoted
    without `string`: 58,000 headers, nearly every label unique, at 10k components."""
    kind, labels = block.type, block.labels
    if kind not in _CHECKED:
        check_ident(kind)
    if not _CHECKED.issuperset(labels):
        for label in labels:
            check_ident(label)
    return kind + ' "' + '" "'.join(labels) + '"' if labels else kind


def _block(block: Block, indent: int, out: list[Line], parsed: dict[str, Line]) -> None:
    """Append the block's lines. The layout's facts (brackets opened, where the `=` is)
    are stated for the lines this writer builds itself (headers, `}`, attributes with
    a literal or a plain expression); anything else is parsed as `format_hcl` would.
    Parsing every line was half of a 10k-component Terraform export (issue 16)."""
    head = _header(block)
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
            elif isinstance(value, _SCALARS) or value is None:
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
    """A `.tf` file: blocks separated by blank lines, in `terraform fmt` layout.

    Written directly (`_direct`) when every value is one the direct writer decides
    exactly; otherwise laid out line by line (`hcl_lines`, `format_lines`), which gives
    the same text for what both handle (`tests/exporters/test_hcl_format.py`).
    """
    try:
        return _direct(items)
    except _Unhandled:
        return format_lines(hcl_lines(items))


def _one_line(text: str) -> str:
    """Comment text cannot end the comment early: no line breaks, no control characters."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else " " for ch in text)


class _Unhandled(Exception):
    """A value the direct writer does not decide exactly: lay the file out line by line."""


def _direct(items: Sequence[Block | Comment]) -> str:
    """The text `format_lines(hcl_lines(items))` gives, written in one pass.

    The layout's rules (see `_hcl_format`) reduce, for what this writer builds, to: each
    block, map or multi-line list indents its contents one level; the `=` of consecutive
    one-line attributes or map entries line up one space after the longest name. Values
    outside that subset (an expression with an unbalanced bracket, a comment mark, an
    `=` or an escape; a type other than the writer's own) raise `_Unhandled`. Stating the
    layout per line, then indenting and aligning the lines in a second pass, was most of
    a 10k-component Terraform export (issue 16).
    """
    out: list[str] = [] if items else [""]
    for index, item in enumerate(items):
        if index:
            out.append("")
        if isinstance(item, Comment):
            out.append(_comment(item.text))
        else:
            _write_block(item, "", out)
    out.append("")
    return "\n".join(out)


@lru_cache(maxsize=_LIMIT)
def _comment(text: str) -> str:
    """A comment's line, kept per text: checkov skips repeat on every resource."""
    return f"# {_one_line(text)}".strip()


def _write_block(block: Block, pad: str, out: list[str]) -> None:
    """The block's lines. A pair's value is written by its exact type where that is
    one of the writer's own (`_ONE_LINE`: a dict lookup, not a chain of
    `isinstance` tests and a call to `_inline` for each of the 400,000 attributes of a
    10k-component export); anything else, a subclass included, goes through `_inline`."""
    out.append(f"{pad}{_header(block)} {{")
    inner = pad + "  "
    names: list[str] = []
    texts: list[str] = []
    for item in block.body:
        if item.__class__ is tuple or not isinstance(item, _ITEMS):
            name, value = item
            text = _ONE_LINE.get(value.__class__, _inline)(value)
            if text is not None:
                names.append(name)
                texts.append(text)
                continue
        if names:
            _aligned(names, texts, inner, out)
            names, texts = [], []
        if isinstance(item, Block):
            _write_block(item, inner, out)
        elif isinstance(item, Comment):
            out.append(inner + _comment(item.text))
        else:
            _opened(f"{name} = ", value, inner, "", out)
    if names:
        _aligned(names, texts, inner, out)
    out.append(pad + "}")


# The leads (indent, name padded, ` = `) of each run of one-line attributes or map
# entries, per indent and names: blocks of one kind repeat their names (a 10k-component
# export has 38 runs of block attributes, the six of a security-group rule 18,328 times;
# its tags repeat `Component` and `Kind`), so the padding is worked out once per run.
_LEADS: dict[tuple[str, ...], list[str]] = {}


def _aligned(names: list[str], texts: list[str], pad: str, out: list[str]) -> None:
    """One-line attributes in a row: `=` one space after the longest name."""
    if len(names) == 1:
        out.append(f"{pad}{names[0]} = {texts[0]}")
        return
    key = (pad, *names)
    leads = _LEADS.get(key)
    if leads is None:
        width = max(map(len, names))
        leads = [f"{pad}{name.ljust(width)} = " for name in names]
        if len(_LEADS) < _LIMIT:
            _LEADS[key] = leads
    out.extend(map(add, leads, texts))


def _opened(lead: str, value: Value, pad: str, tail: str, out: list[str]) -> None:
    """A non-empty map or a list too long for one line: opened on the line of `lead`,
    contents one level in, closed on a line of its own followed by `tail`."""
    inner = pad + "  "
    if value.__class__ is dict or isinstance(value, Mapping):  # an ABC's test is slower
        out.append(f"{pad}{lead}{{")
        names: list[str] = []
        texts: list[str] = []
        for key, item in value.items():
            name = _KEYS.get(key) if key.__class__ is str else None
            if name is None:
                name = _key(key)
            text = _ONE_LINE.get(item.__class__, _inline)(item)
            if text is not None:
                names.append(name)
                texts.append(text)
                continue
            if names:
                _aligned(names, texts, inner, out)
                names, texts = [], []
            _opened(f"{name} = ", item, inner, "", out)
        if names:
            _aligned(names, texts, inner, out)
        out.append(f"{pad}}}{tail}")
        return
    out.append(f"{pad}{lead}[")
    assert isinstance(value, _SEQUENCES)  # what _inline passes on besides maps
    for item in value:
        text = _inline(item, leads=True)
        if text is None:
            _opened("", item, inner, ",", out)
        else:
            out.append(f"{inner}{text},")
    out.append(f"{pad}]{tail}")


def _inline(value: Value, leads: bool = False) -> str | None:
    """The value's text when it fits on one line with its brackets closed, None for a
    non-empty map or a list written over several lines. `leads`: the text starts its
    line (a list item), where an `=` would be taken for an attribute's."""
    if isinstance(value, str):  # the same tests, in the same order, as `_value`
        return string(value)
    if isinstance(value, Expr):
        return _expression(value.text, leads)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, _NUMBERS):
        return repr(value)
    if isinstance(value, Mapping):
        return None if value else "{}"
    if not isinstance(value, _SEQUENCES):
        raise _Unhandled(f"a value of type {type(value).__name__}")
    items: list[str] = []
    for item in value:
        text = _inline(item, leads)
        if text is None:
            return None
        items.append(text)
    if not items:
        return "[]"
    return "[" + ", ".join(items) + "]" if sum(len(i) for i in items) < 80 else None


def _expression(text: str, leads: bool) -> str:
    """An expression the layout reads as balanced code on one line, with no comment,
    heredoc or escape for the line parser to weigh (nor an `=` when it `leads` its
    line); anything else is unhandled. Each text accepted is kept (per place): a
    reference recurs in every rule and service that uses it (163,000 expressions,
    67,000 texts at 10k components)."""
    accepted = _LEADING if leads else _ACCEPTED
    if text in accepted:
        return text
    if not _PLAIN_EXPR.fullmatch(text):
        _check_expression(text, leads)
    if len(accepted) < _LIMIT:
        accepted.add(text)
    return text


# Expressions `_expression` accepted: as a value, and as the start of a line (a list item).
_ACCEPTED: set[str] = set()
_LEADING: set[str] = set()


def _check_expression(text: str, leads: bool) -> None:
    """Raise `_Unhandled` unless the line parser would read `text` as `_expression` says."""
    if not text or "\n" in text or "\\" in text or "\0" in text or text != text.strip():
        raise _Unhandled("an expression the line parser must see", text)
    parts = text.split('"')
    if not len(parts) % 2:
        raise _Unhandled("an unclosed string")
    if not _plain_code(" ".join(parts[0::2]), leads):
        raise _Unhandled("an expression the line parser must see", text)


@lru_cache(maxsize=_LIMIT)
def _plain_code(code: str, leads: bool) -> bool:
    """Code (an expression outside its strings) with balanced brackets and no comment
    mark or heredoc (nor an `=` when it `leads` its line). Kept per code: expressions
    share theirs once the strings are set aside (48,700 checked at 10k components,
    9,169 codes; 27,900 are one string, `trim(substr(...))` names another 6,200)."""
    marked = "#" in code or "//" in code or "/*" in code or "<<" in code
    return not (marked or (leads and "=" in code) or bracket_balance(code))


def _value_expression(value: Expr) -> str:
    text = value.text
    return text if text in _ACCEPTED else _expression(text, False)


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def _null(value: None) -> str:
    return "null"


def _map(value: dict[str, Value]) -> str | None:
    return None if value else "{}"


# What `_inline` gives a value of exactly these types, as an attribute's or a map entry's
# value (not subclasses: a `StrEnum` member or an `IntEnum` goes through `_inline`'s tests
# as before); `_inline` decides the rest, lists among them.
_ONE_LINE: dict[type, Callable[[Any], str | None]] = {
    str: string,
    Expr: _value_expression,
    int: repr,
    float: repr,
    bool: _boolean,
    type(None): _null,
    dict: _map,
}

# A map key's text, kept per key: tags and settings repeat theirs in every block.
_KEYS: dict[str, str] = {}


def _key(key: object) -> str:
    """A map key as written: bare when an identifier, else a quoted string."""
    if type(key) is not str or "\n" in key:
        raise _Unhandled("a map key the line parser must see")
    name = key if _IDENT.match(key) else string(key)
    if len(_KEYS) < _LIMIT:
        _KEYS[key] = name
    return name
