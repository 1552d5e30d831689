"""Plain text or Rich: the one place that decides how the CLI's tables and lines print.

Importing `rich.console` costs about 0.18 G instructions (0.217 G against 0.039 G for an
empty Python), a sixth of a table command on 50 components (issue 16). Output piped or
redirected is what Rich would write without colour or control codes, and for that case
this module answers Rich's questions itself, as Rich 13-15's `Console` answers them
(`is_terminal` false, `size`, `encoding`), and writes the lines it can reproduce
(`plain_table.line_text`). A terminal, a terminal asked for (`FORCE_COLOR`,
`TTY_COMPATIBLE=1`), Windows (legacy console detection), IPython, or a line holding
markup or an emoji code goes to Rich as before; the results are byte-identical.
"""

from __future__ import annotations

import builtins
import os
import re
import sys
from typing import IO, Any

__all__ = ["MARKUP_OR_EMOJI", "console", "may_be_terminal", "rich_width"]

# What Rich reads in a string as markup (a tag, an escape) or as an emoji code.
MARKUP_OR_EMOJI = re.compile(r"\[|\\|:\S*:")
# The colour tags the CLI writes around words; with no colour Rich writes the words.
_OWN_TAGS = re.compile(r"\[/?(?:red|yellow|green)\]")
_EMOJI = re.compile(r":\S*:")  # Rich's `:name:` or `:name-variant:` (any name: conservative)


def may_be_terminal(file: IO[str] | None) -> bool:
    """False only where Rich 13-15's `Console(file=file).is_terminal` is False: no
    IPython (Rich asks its shell), `FORCE_COLOR` unset (Rich 13 took any value, even
    empty, as a terminal; 15 takes an empty one as not), `TTY_COMPATIBLE` not `1` (14
    and 15 take it as a terminal; `0` is not one for them, but Rich 13 ignores it and
    asks `isatty`), and `isatty` False."""
    if _in_jupyter() or "FORCE_COLOR" in os.environ:
        return True
    if os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    isatty = getattr(file, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:  # a closed file, as Rich says
        return False


def _in_jupyter() -> bool:
    """Rich's `_is_jupyter` looks `get_ipython` up; IPython puts it among the builtins."""
    return hasattr(builtins, "get_ipython")


def rich_width() -> int | None:
    """Rich's `Console().width` off Windows: `COLUMNS` when all digits, else the size of
    the first of stdin, stdout, stderr that is a terminal (a pipe's stdin may be one),
    else 80. None where Rich itself would fail (`int` of a digit it cannot read)."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        try:
            return int(columns)
        except ValueError:
            return None
    width = 0
    for fd in _std_streams():
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80


def _std_streams() -> tuple[int, int, int]:
    """The descriptors Rich asks for a size (`rich.console._STD_STREAMS`)."""
    found = []
    for stream, default in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        try:
            found.append(stream.fileno())  # type: ignore[union-attr]
        except Exception:  # Rich's own fallback, on any failure
            found.append(default)
    return found[0], found[1], found[2]


def _plain_stdout() -> PlainConsole | None:
    """A plain console where Rich's would write no colour and no control codes to a
    UTF-8 stdout, else None."""
    out = sys.stdout
    if sys.platform == "win32" or out is None or hasattr(out, "rich_proxied_file"):
        return None
    if may_be_terminal(out):
        return None
    encoding = (getattr(out, "encoding", "utf-8") or "utf-8").lower()
    width = rich_width()
    if width is None or not encoding.startswith("utf"):
        return None
    return PlainConsole(width, encoding)


def console() -> Any:
    """The console the CLI prints its tables and lines with: plain off a terminal (see
    the module's docstring), else Rich's."""
    plain = _plain_stdout()
    return plain if plain is not None else _rich_console()


def _rich_console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


class PlainConsole:
    """The part of Rich's `Console` the CLI uses, for output without colour: the
    answers `plain_table` asks, the file, and `print`, which writes a line of plain
    text as Rich would and hands anything else (a Rich table, markup, emoji codes,
    wide characters) to a Rich console made then, writing to the same stdout."""

    color_system = None
    legacy_windows = False

    def __init__(self, width: int, encoding: str) -> None:
        self.width = width
        self.encoding = encoding
        self._quiet = False
        self._rich: Any = None

    @property
    def file(self) -> IO[str]:
        return sys.stdout

    def print(self, item: Any, markup: bool = True) -> None:
        """`Console.print(item, markup=markup)` with `highlight=False, soft_wrap=False`."""
        text = _unmarked(item, markup) if isinstance(item, str) else None
        written = None
        if text is not None:
            from archwright.cli.plain_table import line_text, plain_text

            if plain_text(text):
                written = line_text(text, self.width)
        if written is None:
            if self._rich is None:
                self._rich = _rich_console()
            self._rich.print(item, markup=markup)
        elif not self._quiet:
            self._write(written)

    def _write(self, text: str) -> None:
        """Write and flush, as Rich does after each print; a closed pipe ends the
        process as Rich's `on_broken_pipe` does (stdout to devnull, exit 1)."""
        try:
            self.file.write(text)
            self.file.flush()
        except BrokenPipeError:
            self._quiet = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(1) from None


def _unmarked(text: str, markup: bool) -> str | None:
    """The text Rich writes for `text` with no colour, or None where Rich would read
    markup or an emoji code in it. With markup, the CLI's own colour tags, in pairs
    (`[yellow]warning:[/yellow]`), are words in a colour no one sees."""
    if markup:
        tags = _OWN_TAGS.findall(text)
        pairs = zip(tags[0::2], tags[1::2], strict=False)
        if "\\" in text or len(tags) % 2 or any(c != "[/" + o[1:] for o, c in pairs):
            return None
        text = _OWN_TAGS.sub("", text)
        if "[" in text:
            return None
    return None if _EMOJI.search(text) else text
