"""Answers derived from a model, kept while the caller promises not to change it.

An architecture is a mutable model (the design engine and the editors change it in
place), so a question such as "which components are entry points" cannot be cached on
it for good. The one place such answers are kept is a block in which the caller
promises that what it reads does not change, in one of two forms:

- `unchanged(arch)`: one model (an audit holds its model for its run). Answers about
  that object are kept; any other object is answered afresh. A 10,000-component audit
  rebuilt the id index 7 times and the entry points 15 times through the cost, traffic
  and journey code it calls (issue 16).
- `nothing_changes()`: every object read inside (one export: the topology, the Mermaid
  flowchart the scaffold's README and the design document both embed, each service's
  OpenAPI document, which the OpenAPI format and the scaffold both write; issue 17).

`derived(obj, key, compute)` is the one memo both forms use, and `kept` turns a function
of an object (and further hashable arguments) into one. Outside a block nothing is kept,
so a change made afterwards is always seen. The scope is a context variable, so a
thread or task started elsewhere does not see another's block.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Any, Concatenate, ParamSpec, TypeVar

T = TypeVar("T")
_O = TypeVar("_O")
_P = ParamSpec("_P")


class _Held:
    """What a block holds: the ids of its objects (None: every object), and the answers
    by object id, each with the object itself, so that an id reused by a new object
    after the first was freed is not taken for it. A plain class: a dataclass is built
    by generated code at import, which every command would pay for (issue 16)."""

    __slots__ = ("answers", "ids")

    def __init__(
        self, ids: frozenset[int] | None, answers: dict[int, tuple[object, dict[Hashable, Any]]]
    ) -> None:
        self.ids = ids
        self.answers = answers

    def holds(self, obj: object) -> bool:
        return self.ids is None or id(obj) in self.ids


_SCOPE: ContextVar[_Held | None] = ContextVar("archwright_unchanged", default=None)


@contextmanager
def _holding(ids: frozenset[int] | None) -> Iterator[None]:
    """A block holding `ids` besides what an enclosing block holds (inside a block that
    holds them already, that block's answers are shared). The answers it adds about
    objects the enclosing block does not hold go when it ends."""
    outer = _SCOPE.get()
    if outer is not None and (outer.ids is None or (ids is not None and ids <= outer.ids)):
        yield  # already held: share the enclosing block's answers
        return
    if outer is not None and ids is not None:
        assert outer.ids is not None
        ids = ids | outer.ids
    inner = _Held(ids, dict(outer.answers) if outer is not None else {})
    token = _SCOPE.set(inner)
    try:
        yield
    finally:
        _SCOPE.reset(token)


def unchanged(arch: object) -> AbstractContextManager[None]:
    """Keep derived answers about `arch` for the block; the caller does not change it
    inside. Nested blocks on the same architecture share the outer block's answers."""
    return _holding(frozenset((id(arch),)))


def nothing_changes() -> AbstractContextManager[None]:
    """Keep derived answers about every object read in the block (one export): the
    caller changes none of them inside."""
    return _holding(None)


def derived(obj: object, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, kept under `key` while a block holds `obj` (every call otherwise).
    Callers hand out copies of what they keep when the result is a list or dict a caller
    may change, or keep only results nobody changes in place."""
    held = _SCOPE.get()
    if held is None or not held.holds(obj):
        return compute()
    entry = held.answers.get(id(obj))
    if entry is None or entry[0] is not obj:
        entry = held.answers[id(obj)] = (obj, {})
    answers = entry[1]
    if key not in answers:
        answers[key] = compute()
    result: T = answers[key]
    return result


def kept(compute: Callable[Concatenate[_O, _P], T]) -> Callable[Concatenate[_O, _P], T]:
    """`compute(obj, ...)` through `derived`: once per object and further arguments
    while a block holds `obj`, every time otherwise. Only for results nobody changes in
    place (the caller gets the kept object itself)."""

    @functools.wraps(compute)
    def shared(obj: _O, /, *args: _P.args, **kwargs: _P.kwargs) -> T:
        key = (compute, args, tuple(kwargs.items()))
        return derived(obj, key, lambda: compute(obj, *args, **kwargs))

    return shared
