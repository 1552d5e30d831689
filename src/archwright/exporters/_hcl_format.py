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

from dataclasses import dataclass

_OPEN = "{[("
_CLOSE = "}])"


@dataclass(frozen=True)
class _Line:
    text: str  # stripped of indentation and trailing space
    net: int  # bracket change over the whole line
    assign_at: int  # index of the aligned `=`, or -1


def _code_spans(text: str) -> list[tuple[int, str]]:
    """(index, char) of every character outside strings and comments."""
    out: list[tuple[int, str]] = []
    i = 0
    in_string = False
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 2
                continue
            if ch == '"':
                in_string = False
            i += 1
            continue
        if ch == '"':
            in_string = True
        elif ch == "#" or text.startswith("//", i):
            break
        else:
            out.append((i, ch))
        i += 1
    return out


def _is_assign(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before not in "=!<>" and after not in "=>"


def _parse(raw: str) -> _Line:
    text = raw.strip()
    code = _code_spans(text)
    bare = "".join(ch for _, ch in code)
    if "<<" in bare or "/*" in bare:
        raise ValueError(f"format_hcl does not handle heredocs or block comments: {text!r}")
    net = sum((ch in _OPEN) - (ch in _CLOSE) for _, ch in code)
    assign_at = -1
    for pos, (i, ch) in enumerate(code):
        if ch == "=" and _is_assign(text, i):
            rest = code[pos:]
            if pos > 0 and sum((c in _OPEN) - (c in _CLOSE) for _, c in rest) == 0:
                assign_at = i
            break
    return _Line(text, net, assign_at)


def _indent_levels(lines: list[_Line]) -> list[int]:
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
    lines = [_parse(raw) for raw in source.split("\n")]
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


def _align(out: list[str], lines: list[_Line], levels: list[int], group: range) -> None:
    def lead(i: int) -> str:
        return "  " * levels[i] + lines[i].text[: lines[i].assign_at].rstrip()

    width = max(len(lead(i)) for i in group)
    for i in group:
        value = lines[i].text[lines[i].assign_at + 1 :].lstrip()
        out[i] = lead(i).ljust(width) + " = " + value
