"""Finds importers by walking this package: a module with `IMPORTER` and `parse` is one."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import archwright.importers as _package

_NOT_IMPORTERS = {"importer", "registry", "drift"}


def formats() -> list[str]:
    """Every import format name, sorted, without importing any importer."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules(_package.__path__)
        if not info.name.startswith("_") and info.name not in _NOT_IMPORTERS
    )


def load(fmt: str) -> ModuleType:
    """The importer module for a format name; KeyError lists the valid names."""
    if fmt not in formats():
        raise KeyError(f"unknown import format {fmt!r}; choose from: {', '.join(formats())}")
    module = importlib.import_module(f"archwright.importers.{fmt}")
    if not hasattr(module, "IMPORTER") or not hasattr(module, "parse"):
        raise KeyError(f"{fmt!r} is not an importer (no IMPORTER/parse)")
    return module
