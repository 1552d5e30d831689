"""A stand-in that notes which attributes are read through it, shared by the cost tests
that hold a memo's key to the component fields pricing reads (a field read but not in the
key would let two different components share one price)."""

from __future__ import annotations

from typing import Any


class Recording:
    """Wraps `comp`; each attribute read through it is added to `seen`."""

    def __init__(self, comp: Any, seen: set[str]) -> None:
        object.__setattr__(self, "_comp", comp)
        object.__setattr__(self, "_seen", seen)

    def __getattr__(self, name: str) -> Any:
        self._seen.add(name)
        return getattr(self._comp, name)
