"""A Rich progress bar on stderr for the long engine runs, fed by the engines' own
`simulate.progress.Progress` callback (the one the web server's job stream uses).

Only on a terminal: piped or redirected, no callback is passed at all, so the engine
runs exactly as it does without one and stdout stays the result alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archwright.simulate.progress import Progress


@contextmanager
def progress_bar(what: str) -> Iterator[Progress | None]:
    """A bar titled `what` with percent, elapsed and remaining time; None off a terminal."""
    if not _may_be_terminal():
        yield None
        return
    from rich.console import Console

    err = Console(stderr=True)
    if not err.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as Bar

    columns = (TextColumn(what), BarColumn(), TaskProgressColumn())
    with Bar(*columns, TimeElapsedColumn(), TimeRemainingColumn(), console=err) as bar:
        task = bar.add_task(what, total=1.0)

        def report(fraction: float, /) -> None:
            # At most one call per percent (the engines' promise): redraw at once.
            bar.update(task, completed=fraction, refresh=True)

        yield report


def _may_be_terminal() -> bool:
    """False only where Rich's `Console(stderr=True).is_terminal` is False too (the one
    definition is `cli.terminal.may_be_terminal`). Importing Rich's console to ask
    costs about 0.18 G instructions, an eighth of `availability` piped or redirected,
    where no bar is drawn (issue 16)."""
    from archwright.cli.terminal import may_be_terminal

    return may_be_terminal(sys.stderr)
