"""Answers derived from an architecture, kept while an analysis promises not to change it.

An architecture is a mutable model (the design engine and the editors change it in
place), so a question such as "which components are entry points" cannot be cached on
it for good. An analysis that only reads it (an audit) holds it `unchanged` for its
run; inside that block the functions that define such answers (`entry_points`,
`Architecture.components_by_id`) compute each once instead of once per caller: a
10,000-component audit rebuilt the id index 7 times and the entry points 15 times,
through the cost, traffic and journey code it calls (issue 16). Outside a block nothing
is kept, so a change made afterwards is always seen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

# id(architecture) -> answers, only while a block holds that architecture.
_HELD: dict[int, dict[str, Any]] = {}


@contextmanager
def unchanged(arch: object) -> Iterator[None]:
    """Keep derived answers about `arch` for the block; the caller does not change it
    inside. Nested blocks on the same architecture share the outer block's answers."""
    key = id(arch)
    if key in _HELD:
        yield
        return
    _HELD[key] = {}
    try:
        yield
    finally:
        del _HELD[key]


def derived(arch: object, name: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept under `name` while `arch` is held `unchanged` (every call
    otherwise). Callers hand out copies of what they keep: a caller may change the list
    or dict it is given."""
    answers = _HELD.get(id(arch))
    if answers is None:
        return compute()
    if name not in answers:
        answers[name] = compute()
    result: T = answers[name]
    return result
