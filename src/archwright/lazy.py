"""Packages whose public names are imported from their modules on first use (PEP 562).

A package `__init__` that imports every module it re-exports makes each process pay for
all of them, even one that needs a single module: `archwright validate` imported the
whole pricing stack through `archwright.cost`, `archwright simulate` the discrete-event
simulator and the sweep through `archwright.simulate` (issue 16). `lazy_exports` keeps
`from archwright.cost import estimate` working and imports `archwright.cost.estimate`
only then.

One subtlety: importing a submodule makes Python set the package attribute of the same
name to the module (`archwright.simulate.chaos`, the module, over `chaos`, the function).
An eager `__init__` rebound it to the function right after; the lazy package does the
same whenever Python sets it, so the name always means what the package exports.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from types import ModuleType
from typing import Any

_HOMES = "_lazy_homes"


class LazyPackage(ModuleType):
    """A package module whose exported names come from `_lazy_homes` on first use."""

    def __setattr__(self, name: str, value: Any) -> None:
        homes: Mapping[str, str] = self.__dict__.get(_HOMES, {})
        if isinstance(value, ModuleType) and value.__name__ == homes.get(name):
            value = getattr(value, name)  # the submodule's own export, as eager import did
        super().__setattr__(name, value)


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """Make `package` (already in sys.modules: call from its `__init__`) resolve each name
    of `homes` (name -> module defining it) on first use; returns the `__getattr__` the
    package must bind at module level."""
    module = sys.modules[package]
    module.__dict__[_HOMES] = dict(homes)
    module.__class__ = LazyPackage

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home), name)
        module.__dict__[name] = value
        return value

    return __getattr__
