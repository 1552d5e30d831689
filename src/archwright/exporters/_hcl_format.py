"""`terraform fmt` layout for the HCL our exporters write, without a Terraform binary.

Terraform formats with hclwrite's rules, which this module follows for the subset the
exporters emit (no heredocs, no block comments, no trailing comments):

- indentation is two spaces per open bracket level, counted per line: a line that opens
  brackets indents the lines after it one level (however many it opened); a line that
  closes them is dedented before it is written (`}, {` keeps the current level);
- `=` of consecutive one-line attributes (whose value closes on the same line) are
  aligned one space after the longest name; any other line (blank, comment, block
  header, closing bracket, a value that opens a bracket) ends the alignment group;
- no trailing whitespace.

Brackets inside quoted strings do not count; template interpolations `${…}` are
balanced within a line, as HCL requires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "{[("
_CLOSE = "}])"


@dataclass(frozen=True)
class Line:
    """One line as the layout sees it. `parse_line` finds these facts in any text; the
    HCL writer (`_hcl.render_hcl`) states them for the lines it builds itself, as
    `tests/exporters/test_hcl_format.py` checks line by line against `parse_line`."""

    text: str  # stripped of indentation and trailing space
    net: int  # bracket change over the whole line
    assign_at: int  # index of the aligned `=`, or -1


_HIDDEN = "\0"  # stands for a character inside a string; never in the HCL we write
_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*\\?"?|#|//')


def _code_mask(text: str) -> str:
    """`text` with every character of a string (quotes included) replaced by a NUL and
    anything after a comment mark cut: the code, at the indices it has in `text`.

    One regular-expression pass instead of a Python loop per character: this ran for
    every line of a 10k-component Terraform export (issue 16).
    """
    if '"' not in text and "#" not in text and "/" not in text:
        return text
    if "\\" not in text:  # no escapes: strings are what lies between pairs of quotes
        parts = text.split('"')
        code = parts[0::2]
        if len(parts) % 2 and not any("#" in c or "//" in c for c in code):
            hidden = [_HIDDEN * (len(s) + 2) for s in parts[1::2]] + [""]
            return "".join(c + h for c, h in zip(code, hidden, strict=True))
    out: list[str] = []
    last = 0
    for match in _STRING_OR_COMMENT.finditer(text):
        out.append(text[last : match.start()])
        if match.group() in ("#", "//"):
            return "".join(out)
        out.append(_HIDDEN * (match.end() - match.start()))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def bracket_balance(code: str) -> int:
    """Brackets opened less brackets closed (the `_OPEN` and `_CLOSE` characters)."""
    opened = code.count("{") + code.count("[") + code.count("(")
    return opened - code.count("}") - code.count("]") - code.count(")")


def _is_assign(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before not in "=!<>" and after not in "=>"


def parse_line(raw: str) -> Line:
    text = raw.strip()
    if _HIDDEN in text:
        raise ValueError(f"format_hcl does not handle NUL characters: {text!r}")
    code = _code_mask(text)
    bare = code.replace(_HIDDEN, "")
    if "<<" in bare or "/*" in bare:
        raise ValueError(f"format_hcl does not handle heredocs or block comments: {text!r}")
    assign_at = -1
    i = code.find("=")
    while i >= 0:
        if _is_assign(text, i):
            if code[:i].replace(_HIDDEN, "") and bracket_balance(code[i:]) == 0:
                assign_at = i
            break
        i = code.find("=", i + 1)
    return Line(text, bracket_balance(code), assign_at)


def _indent_levels(lines: list[Line]) -> list[int]:
    """hclwrite's indent stack: each opening line pushes how many brackets it opened."""
    stack: list[int] = []
    levels = []
    for line in lines:
        if line.net > 0:
            levels.append(len(stack))
            stack.append(line.net)
            continue
        closed = -line.net
        while closed > 0 and stack:
            if closed >= stack[-1]:
                closed -= stack.pop()
            else:
                stack[-1] -= closed
                closed = 0
        levels.append(len(stack))
    return levels


def format_hcl(source: str) -> str:
    """The text as `terraform fmt` writes it (for the subset described above)."""
    parsed: dict[str, Line] = {}  # lines repeat (`}`, `count = 1`): parse each once
    lines = []
    for raw in source.split("\n"):
        line = parsed.get(raw)
        if line is None:
            line = parsed[raw] = parse_line(raw)
        lines.append(line)
    return format_lines(lines)


def format_lines(lines: list[Line]) -> str:
    """The lines indented and aligned; what `format_hcl` does once they are parsed."""
    levels = _indent_levels(lines)
    out = [("  " * level + line.text) if line.text else "" for line, level in zip(lines, levels)]
    start = -1
    for index in range(len(lines) + 1):
        aligned = index < len(lines) and lines[index].assign_at >= 0
        if aligned and start < 0:
            start = index
        elif not aligned and start >= 0:
            _align(out, lines, levels, range(start, index))
            start = -1
    return "\n".join(out)


def _align(out: list[str], lines: list[Line], levels: list[int], group: range) -> None:
    leads = {i: "  " * levels[i] + lines[i].text[: lines[i].assign_at].rstrip() for i in group}
    width = max(len(lead) for lead in leads.values())
    for i, lead in leads.items():
        value = lines[i].text[lines[i].assign_at + 1 :].lstrip()
        out[i] = lead.ljust(width) + " = " + value
