"""How often a command's process looks for reference cycles (issue 16).

Python runs its cyclic collector each time the containers allocated minus those freed
pass 700, and every tenth run also walks the previous survivors. A command's start-up
allocates its modules, classes, functions and pydantic schemas: objects that live until
the process ends and hold no garbage, walked again at every run. On a 50-component
`audit` that was 93 runs and 0.032 G instructions, 3.2% of the whole process, which
found a few hundred objects to free.

So the command's process runs the collector every 100,000 net allocations instead.
Garbage cycles are still found and freed, later: the young generation holds at most
that many containers, a few tens of MB at worst, and the analysis engines already pause
the collector for their large trees (`archwright.model.collector`). Only the `archwright`
command (this package) sets it, and a library caller's process keeps its own thresholds.
The commands that keep running (`serve`, an interactive `ask`) put Python's back once
started (`restore_threshold`): a server's memory is not left to a start-up choice.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 100_000  # net container allocations between two runs of the collector
_BEFORE: list[tuple[int, ...]] = []  # the thresholds `raise_threshold` replaced


def raise_threshold() -> None:
    """Raise the collector's first threshold to `YOUNG_THRESHOLD`, keeping the other two
    (how many young runs before an older generation is walked). A process that already
    set a higher one, or switched automatic collection off, keeps its choice."""
    young, *older = gc.get_threshold()
    if 0 < young < YOUNG_THRESHOLD:  # 0: automatic collection is off, left so
        _BEFORE.append((young, *older))
        gc.set_threshold(YOUNG_THRESHOLD, *older)


def restore_threshold() -> None:
    """Put back the thresholds `raise_threshold` replaced, if it did (a command that runs
    until stopped, once its start-up is done)."""
    if _BEFORE:
        gc.set_threshold(*_BEFORE.pop())
