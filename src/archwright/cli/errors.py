"""How every command reports bad input: one line per problem on stderr, exit code 2.

Commands wrap their work in `input_errors()`; anything the input caused becomes a line
naming the file, the place and the problem, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """A problem with what the user gave us, already phrased for them."""


def fail(message: str) -> typer.Exit:
    """Print one line to stderr and return the exit to raise."""
    from archwright.archfile.io import one_line

    print(one_line(f"archwright: {message}"), file=sys.stderr)
    return typer.Exit(EXIT_BAD_INPUT)


@contextmanager
def input_errors() -> Iterator[None]:
    from archwright.archfile import FileProblem

    try:
        yield
    except FileProblem as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except BadInput as exc:
        raise fail(str(exc)) from None
