"""The text of a Rich table for output without colour, laid out without Rich.

Rich lays out every cell of a table through its renderables (measure, wrap, pad, crop,
about 0.45 ms a row): 0.15 s of CPU for the 200 rows of an audit of 50 components,
half of what that command may take (issue 16). For the common case, a console with no
colour writing UTF-8 and cells of printable ASCII, this module writes the same text
from the same rules as Rich 13-15's `Table` with its defaults (heavy head box, one space
of padding, columns that wrap at words and end an over-long word with an ellipsis,
collapsed widest-first when the table is wider than the console, centred title).
Anything else (colour, wide or control characters, a console too narrow for the
widest-first collapse) returns None and the caller draws the table with Rich.
`tests/cli/test_plain_table.py` holds it to Rich's output on generated tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from archwright.cli.terminal import MARKUP_OR_EMOJI

_WORD = re.compile(r" *[^ ]+ *")  # Rich's `\s*\S+\s*` on text whose only space is " "
_NON_SPACE = re.compile(r"[^ ]")
_PAD = 2  # one space each side of every cell
# Headers Rich reads no markup or emoji code in: words of these characters.
_WORDS_ONLY = re.compile(r"[A-Za-z0-9_%().,/×-]+( [A-Za-z0-9_%().,/×-]+)*")
# Symbols the simulation tables and the lines around them print, one cell wide for
# Rich (`rich.cells.cell_len`, held by tests/cli/test_plain_table.py) as for `len`.
_NARROW = frozenset("∞×·…—–→•")


def table_text(
    console: Any,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[bool] = (),
) -> str | None:
    """What `console.print(Table(title=title, *headers) + rows)` writes, or None when
    this module does not reproduce it (see the module's docstring). `right[i]` marks a
    column added with `justify="right"` (header and cells alike, as Rich does)."""
    if console.color_system is not None or console.legacy_windows:
        return None
    if not console.encoding.lower().startswith("utf"):
        return None  # Rich draws an ASCII box then
    cells = [list(headers), *map(list, rows)]
    if not _plain("".join(c for row in cells for c in row)):  # one check for every cell
        return None
    if not all(map(_WORDS_ONLY.fullmatch, headers)) or not _plain_title(title):
        return None  # Rich reads titles and headers as markup and emoji codes
    extra = 2 + len(headers) - 1  # the outer edges and the lines between columns
    widths = _widths(cells, console.width - extra)
    if widths is None:
        return None
    flush = [bool(r) for r in right] + [False] * (len(headers) - len(right))
    return _draw(title, cells, widths, sum(widths) + extra, flush)


def print_table(
    console: Any,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[bool] = (),
    markup: Sequence[Sequence[str]] | None = None,
) -> None:
    """Print a table on `console`: the text `table_text` writes when it reproduces Rich's
    output, else a Rich `Table` with the same title, headers and justification. The one
    place a command's table chooses between the two, so they cannot drift apart.

    Rich gets `rows` as literal text (ids, findings and details come from files and must
    not be read as markup), unless `markup` gives the rows as Rich should read them (the
    simulation tables' colours); then a cell Rich could read as markup or an emoji code
    leaves the whole table to Rich."""
    text = None
    if markup is None or not any(MARKUP_OR_EMOJI.search(c) for row in rows for c in row):
        text = table_text(console, title, headers, rows, right)
    if text is not None:
        console.file.write(text)
        return
    from rich.table import Table

    from archwright.cli.output import literal

    table = Table(title=title)
    flush = [bool(r) for r in right] + [False] * (len(headers) - len(right))
    for name, at_right in zip(headers, flush):
        table.add_column(name, justify="right" if at_right else "left")
    for row in markup if markup is not None else [literal(*r) for r in rows]:
        table.add_row(*row)
    console.print(table)


def _plain_title(title: str) -> bool:
    """A title Rich writes as its characters: printable, one cell each, with nothing
    Rich reads as markup or an emoji code (a file path in `conform`'s title is)."""
    return bool(title) and _plain(title) and not MARKUP_OR_EMOJI.search(title)


def _plain(text: str) -> bool:
    return text.isprintable() and (text.isascii() or all(c.isascii() or c in _NARROW for c in text))


def _widths(cells: list[list[str]], max_width: int) -> list[int] | None:
    """Column widths with padding (Rich's `_calculate_column_widths`): each column's
    longest cell, then the widest columns narrowed together until the table fits."""
    widths = [min(max(map(len, column)), max_width) + _PAD for column in zip(*cells)]
    widths = [min(w, max_width) or 1 for w in widths]
    excess = sum(widths) - max_width
    while excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        if widest == second:  # pragma: no cover - `second` is below `widest` by definition
            break
        ratios = [1 if w == widest else 0 for w in widths]
        widths = _ratio_reduce(excess, ratios, min(excess, widest - second), widths)
        excess = sum(widths) - max_width
    if excess > 0 or min(widths) <= _PAD:
        return None  # Rich's last resort (every column narrowed evenly) is not reproduced
    return widths


def _ratio_reduce(total: int, ratios: list[int], most: int, values: list[int]) -> list[int]:
    """Rich's `ratio_reduce` with one maximum for every column."""
    if not most:
        return values[:]
    remaining_ratio = sum(ratios)
    out: list[int] = []
    for ratio, value in zip(ratios, values, strict=True):
        if ratio and remaining_ratio > 0:
            cut = min(most, round(ratio * total / remaining_ratio))
            out.append(value - cut)
            total -= cut
            remaining_ratio -= ratio
        else:
            out.append(value)
    return out


def _wrap(text: str, width: int, right: bool = False) -> list[str]:
    """A cell's lines at `width`, each `width` long: broken before a word that does not
    fit, an over-long word cut with an ellipsis (Rich's `divide_line` without folding,
    then `truncate(..., overflow="ellipsis", pad=True)`; right-justified, Rich's
    `rstrip`, `truncate` and `pad_left`)."""
    if len(text) <= width:  # one line: no word of it can pass the width
        return [text.rstrip(" ").rjust(width) if right else text.ljust(width)]
    starts = _breaks(text, width)
    starts.append(len(text))
    lines = [text[a:b] for a, b in pairwise(starts)]
    if right:
        return [_fit_right(line.rstrip(" "), width) for line in lines]
    return [line.ljust(width) if len(line) <= width else _fit(line, width) for line in lines]


def line_text(text: str, width: int) -> str | None:
    """What `Console.print(text)` writes for a line of plain text (no markup or emoji
    code, see `plain_text`) at `width`, or None where it is not reproduced (width < 1).
    Rich wraps at words, folds a word longer than the line (`divide_line` with `fold`),
    drops trailing spaces only past the width (`rstrip_end`) and crops each line."""
    if width < 1:
        return None
    starts = _starts(text, width, fold=True)
    lines = []
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        line = text[a:b]
        if len(line) > width:
            line = line[: len(line) - min(len(line) - len(line.rstrip()), len(line) - width)]
        lines.append(line[:width])
    return "\n".join(lines) + "\n"


def plain_text(text: str) -> bool:
    """Text Rich writes as it is at every width: printable, each character one cell."""
    return _plain(text)


def _starts(text: str, width: int, fold: bool) -> list[int]:
    """Where each line of `text` starts (Rich's `divide_line`, characters one cell wide)."""
    starts = [0]
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width and fold:
            chunks = [word[i : i + width] for i in range(0, len(word), width)]
            for chunk in chunks:
                if start:
                    starts.append(start)
                start += len(chunk)
            offset = len(chunks[-1])
        elif length > width or (offset and start):
            if start:
                starts.append(start)
            offset = len(word)
    return starts


def _breaks(text: str, width: int) -> list[int]:
    """`_starts(text, width, fold=False)` found from the line ends rather than word by
    word (the audit table's 1,000 cells walked 5,500 words, issue 16): a line breaks
    before the word holding its last column `edge` when that word starts inside the line;
    a word starting the line and longer than it stays alone on its line. The first
    word's leading spaces are part of it, as in Rich's `\\s*\\S+\\s*`."""
    starts = [0]
    line, size = 0, len(text)
    lead = size - len(text.lstrip(" "))  # where the first word's characters start
    while line + width < size:
        edge = line + width  # a word fits when its last character comes before `edge`
        if edge >= lead and text[edge] != " ":
            space = text.rfind(" ", line, edge)
            if space >= lead:  # the word holding `edge` starts inside the line
                line = space + 1
                starts.append(line)
                continue
        # `edge` is a space after a word that fits, or inside a word too long for a line
        space = text.find(" ", max(edge, lead))
        after = _NON_SPACE.search(text, space) if space >= 0 else None
        if after is None:
            break
        line = after.start()
        starts.append(line)
    return starts


def _fit(line: str, width: int) -> str:
    if len(line) > width:
        line = line[: len(line) - min(len(line) - len(line.rstrip(" ")), len(line) - width)]
        if len(line) > width:
            return line[: width - 1] + "…"
    return line.ljust(width)


def _fit_right(line: str, width: int) -> str:
    return (line if len(line) <= width else line[: width - 1] + "…").rjust(width)


def _draw(
    title: str, cells: list[list[str]], widths: list[int], total: int, right: list[bool]
) -> str:
    out = _title_lines(title, total)
    # Each column's cells wrapped once per distinct text: an audit's fixes and severities
    # repeat from row to row (200 rows of 50 components hold about 40 distinct fixes).
    wrapped: list[dict[str, list[str]]] = [{} for _ in widths]
    out.append("┏" + "┳".join("━" * w for w in widths) + "┓")
    out += _row(cells[0], widths, "┃", right, wrapped, header=True)
    out.append("┡" + "╇".join("━" * w for w in widths) + "┩")
    for row in cells[1:]:
        out += _row(row, widths, "│", right, wrapped)
    out.append("└" + "┴".join("─" * w for w in widths) + "┘")
    return "\n".join(out) + "\n"


def _title_lines(title: str, width: int) -> list[str]:
    """The title centred over the table (Rich's `Text.wrap` at the table's width:
    `divide_line` with folding, then each line stripped at its end and centred)."""
    starts = _starts(title, width, fold=True)
    lines = []
    for a, b in zip(starts, [*starts[1:], len(title)], strict=True):
        line = title[a:b].rstrip()[:width]
        left = (width - len(line)) // 2
        lines.append(" " * left + line + " " * (width - len(line) - left))
    return lines


def _row(
    row: list[str],
    widths: list[int],
    edge: str,
    right: list[bool],
    wrapped: list[dict[str, list[str]]],
    header: bool = False,
) -> list[str]:
    """One table row: each cell wrapped in its column (`wrapped` holds each column's
    lines by text, never changed), shorter cells padded below (in the header, above:
    Rich aligns header cells to the bottom)."""
    columns = []
    for text, w, flush, seen in zip(row, widths, right, wrapped, strict=True):
        lines = seen.get(text)
        if lines is None:
            lines = seen[text] = _wrap(text, w - _PAD, flush)
        columns.append(lines)
    height = max(map(len, columns))
    if height == 1:  # most rows: one line, nothing to pad
        return [f"{edge} " + f" {edge} ".join(col[0] for col in columns) + f" {edge}"]
    columns = [
        [" " * (w - _PAD)] * (height - len(col)) + col
        if header
        else col + [" " * (w - _PAD)] * (height - len(col))
        for col, w in zip(columns, widths, strict=True)
    ]
    between = f" {edge} "
    return [f"{edge} " + between.join(cells) + f" {edge}" for cells in zip(*columns)]
