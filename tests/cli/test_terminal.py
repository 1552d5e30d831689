"""`cli.terminal`: off a terminal, the CLI answers Rich's questions (is it a terminal,
how wide, which encoding) as Rich does and writes the lines Rich would write, byte for
byte, without importing Rich; what it cannot reproduce goes to Rich."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from cli_process import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from archwright.cli import terminal
from archwright.cli.plain_table import line_text

_WORD = st.text(alphabet="abcxyz-%,.0∞→•", min_size=1, max_size=30)
_LINE = st.lists(_WORD | st.sampled_from(["", " ", "  "]), max_size=12).map(" ".join)


def _rich(text: str, width: int, markup: bool = True) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, highlight=False, soft_wrap=False).print(
        text, markup=markup
    )
    return out.getvalue()


@settings(max_examples=600, deadline=None)
@given(_LINE, st.integers(1, 120))
def test_a_line_is_what_rich_prints(text: str, width: int) -> None:
    assert line_text(text, width) == _rich(text, width)


@settings(max_examples=200, deadline=None)
@given(_LINE, st.integers(1, 120), st.sampled_from(["red", "yellow", "green"]))
def test_the_clis_colour_tags_print_as_rich_prints_them(text: str, width: int, tag: str) -> None:
    marked = f"[{tag}]warning:[/{tag}] {text}"
    plain = terminal._unmarked(marked, markup=True)
    assert plain is not None
    assert line_text(plain, width) == _rich(marked, width)


@pytest.mark.parametrize(
    "text",
    ["[bold]x[/bold]", "a \\[b]", ":smile: x", "[/red] x", "[red]x", "[red]x[/yellow]", "a:b:c"],
)
def test_markup_and_emoji_codes_are_left_to_rich(text: str) -> None:
    assert terminal._unmarked(text, markup=True) is None


def test_without_markup_brackets_are_words_but_emoji_codes_are_not() -> None:
    assert terminal._unmarked("list[str] \\[x]", markup=False) == "list[str] \\[x]"
    assert terminal._unmarked("see :smile:", markup=False) is None


_ENVS = [
    {},
    {"COLUMNS": "60"},
    {"COLUMNS": "200"},
    {"COLUMNS": "0"},
    {"COLUMNS": " 70"},
    {"TTY_COMPATIBLE": "0"},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_COMPATIBLE": "2"},
    {"FORCE_COLOR": ""},
    {"FORCE_COLOR": "1"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"NO_COLOR": "1", "LINES": "10"},
]
_ASK = (
    "import sys, json; from archwright.cli import terminal as t; from rich.console import"
    " Console; c = Console(highlight=False, soft_wrap=False); p = t._plain_stdout();"
    "print(json.dumps([t.may_be_terminal(sys.stdout), c.is_terminal, p and p.width, c.width,"
    " c.color_system, c.legacy_windows, c.encoding]))"
)
# Where Rich is asked although stdout is piped: Rich 13 took any FORCE_COLOR as a
# terminal, 14 and 15 take TTY_COMPATIBLE=1 as one.
_RICH_ASKED = (
    {"TTY_COMPATIBLE": "1"},
    {"FORCE_COLOR": ""},
    {"FORCE_COLOR": "1"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
)


@pytest.mark.parametrize("env", _ENVS, ids=str)
def test_the_answers_are_richs_off_a_terminal(env: dict[str, str]) -> None:
    """Piped stdout, under each environment Rich reads: plain output only where Rich
    sees no terminal, and then Rich's width (and no colour, no legacy Windows, UTF-8)."""
    import json

    keep = ("COLUMNS", "LINES", "TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR")
    base = {k: v for k, v in os.environ.items() if k not in keep}
    done = subprocess.run(
        [sys.executable, "-c", _ASK],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**base, **env},
        check=True,
    )
    maybe, rich_terminal, plain_width, rich_width, colour, legacy, encoding = json.loads(
        done.stdout
    )
    assert maybe or not rich_terminal
    if plain_width is not None:
        assert not maybe and (plain_width, colour, legacy) == (rich_width, None, False)
        assert encoding.startswith("utf")
    assert (plain_width is None) == (env in _RICH_ASKED)


def test_a_piped_stdout_takes_the_width_of_a_terminal_on_stdin() -> None:
    """Rich asks stdin, stdout and stderr for a size in turn: `archwright audit | less`
    lays out at the terminal's width, and so does the plain output."""
    import fcntl
    import json
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 97, 0, 0))
    keep = ("COLUMNS", "LINES", "TTY_COMPATIBLE", "FORCE_COLOR")
    done = subprocess.run(
        [sys.executable, "-c", _ASK],
        stdin=slave,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in keep},
        check=True,
    )
    os.close(slave)
    os.close(master)
    answers = json.loads(done.stdout)
    assert answers[:4] == [False, False, 97, 97]
