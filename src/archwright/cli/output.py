"""Printing results: JSON documents on stdout alone, tables through Rich."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TypeVar

from archwright.archfile.jsonsafe import finite

__all__ = [
    "MAX_TABLE_ROWS",
    "capped",
    "console",
    "finite",
    "json_document",
    "literal",
    "print_json",
    "print_text",
    "warn_inferred",
]

T = TypeVar("T")

# A terminal table past a few hundred rows is read by nobody, and Rich lays out every
# row (about 0.45 ms each: an audit table of 5,000 components took over a minute).
MAX_TABLE_ROWS = 200


def print_json(data: Any) -> None:
    """One JSON document on stdout and nothing else (SPEC §4).

    `finite` walks the data only when the writer meets an inf or a NaN (as the web
    replies do): most results have none, and the walk was a fifth of a 10,000-component
    audit's JSON output. The text is `json.dumps(indent=2)`'s, written by the exporters'
    indented writer (`exporters/_json_block.py`, tested against it byte for byte): the
    standard library's indented encoder is pure Python, about 0.7 s of CPU for the 56,000
    findings of a 10,000-component audit.
    """
    sys.stdout.write(json_document(data) + "\n")


def json_document(data: Any) -> str:
    """The text `print_json` writes for `data`, without the final line break."""
    try:
        return _indented(data)
    except ValueError:  # an inf or a NaN somewhere
        return _indented(finite(data))


def _indented(data: Any) -> str:
    from archwright.exporters._json_block import Unhandled, dumps

    try:
        return dumps(data, False, allow_nan=False)
    except Unhandled:  # a type only json.dumps writes (enums, non-string keys)
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False, allow_nan=False)


def capped(rows: Sequence[T], noun: str) -> tuple[Sequence[T], str | None]:
    """The first MAX_TABLE_ROWS rows, and the line saying how many more there are."""
    if len(rows) <= MAX_TABLE_ROWS:
        return rows, None
    rest = len(rows) - MAX_TABLE_ROWS
    return rows[:MAX_TABLE_ROWS], (
        f"... {rest:,} more {noun} not shown ({len(rows):,} in all); use --format json for all"
    )


def literal(*cells: str) -> tuple[Any, ...]:
    """Table cells printed as written: Rich `Text`, not strings Rich reads as markup.

    A string cell is parsed for markup, so a finding that says `list[str]` printed
    `list`, and every cell paid for the parse (about a tenth of an audit table's
    rendering, issue 16). Rich is imported here, where a table is about to be drawn.
    """
    from rich.text import Text

    return tuple(Text(cell) for cell in cells)


def print_text(text: str) -> None:
    """Markdown or plain text on stdout, with the rule every text file we write follows
    (`text_bytes`: NUL becomes U+FFFD): a model name holding a NUL must not put one in a
    report a reader pipes into other tools."""
    from archwright.archfile.io import text_bytes

    sys.stdout.write(text_bytes(text).decode("utf-8"))


def console() -> Any:
    """The console tables and lines print with: Rich's, or off a terminal one that
    writes Rich's text without importing Rich (`cli/terminal.py` decides)."""
    from archwright.cli.terminal import console as chosen

    return chosen()


def warn_inferred(arch: Any) -> None:
    """One stderr line when a result rests on calls guessed from start-up order."""
    from archwright.model.confidence import inferred_note

    note = inferred_note(arch)
    if note:
        print(f"archwright: {note}", file=sys.stderr)
