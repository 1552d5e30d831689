"""Finds exporters by walking this package: a module with `EXPORTER` and `render` is one.

Nothing registers itself on import; the format name is the module name with `-` for
`_`, so listing formats imports nothing and `--to dot` imports only the DOT exporter.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from types import ModuleType

import archwright.exporters as _package
from archwright.exporters._losses import Loss
from archwright.exporters.exporter import Exporter, check_cloud
from archwright.model import Architecture

_NOT_EXPORTERS = {"exporter", "registry"}


def formats() -> list[str]:
    """Every export format name, sorted, without importing any exporter."""
    return list(_names())


@cache
def _names() -> tuple[str, ...]:
    """The package's exporter modules, listed once per process: the package's files do
    not change while it runs, and a scaffold loads ten exporters (a folder listing each,
    about 1% of a 50-component scaffold, issue 16)."""
    names = []
    for info in pkgutil.iter_modules(_package.__path__):
        if info.name.startswith("_") or info.name in _NOT_EXPORTERS:
            continue
        names.append(info.name.replace("_", "-"))
    return tuple(sorted(names))


def load(fmt: str) -> ModuleType:
    """The exporter module for a format name; KeyError lists the valid names."""
    if fmt not in _names():
        raise KeyError(f"unknown format {fmt!r}; choose from: {', '.join(formats())}")
    module = importlib.import_module(f"archwright.exporters.{fmt.replace('-', '_')}")
    if not hasattr(module, "EXPORTER") or not hasattr(module, "render"):
        raise KeyError(f"{fmt!r} is not an exporter (no EXPORTER/render)")
    return module


def exporters() -> dict[str, Exporter]:
    """Every exporter's description by format name (imports every exporter module)."""
    return {fmt: load(fmt).EXPORTER for fmt in formats()}


def losses(fmt: str, arch: Architecture) -> list[Loss]:
    """What the format does not express of this design (none for formats that draw
    or document rather than deploy: they have no `losses`)."""
    find: Callable[[Architecture], list[Loss]] | None = getattr(load(fmt), "losses", None)
    return sorted(find(arch)) if find is not None else []


def prepare(fmt: str, arch: Architecture) -> ModuleType:
    """The exporter module for `fmt`, after refusing a design on a cloud it does not serve."""
    module = load(fmt)
    exporter: Exporter = module.EXPORTER
    if exporter.clouds:
        check_cloud(exporter, arch, exporters)
    return module
