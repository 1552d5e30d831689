"""Python's cyclic garbage collector paused while a large tree of plain objects is built.

Loading a model and running an analysis over it allocate hundreds of thousands of
containers that hold no reference cycles; each burst of allocations makes the collector
walk everything alive again, and on a 10,000-component model that was a quarter of the
CPU time of loading and of auditing (issue 16). Reference counting still frees what is
dropped; only the search for cycles waits until the block ends. It lives here, in the
lowest layer, because the file loader and the analysis engines all use it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block, switched back on however it ends; left alone
    when something else had already switched it off (nested blocks, a caller's choice)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
