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
        info.name for info in pkgutil.iter_modules(_package.__path__) if _may_be(info.name)
    )


def _may_be(name: str) -> bool:
    """Whether a module name in this package can be an importer's."""
    return name.isidentifier() and not name.startswith("_") and name not in _NOT_IMPORTERS


def load(fmt: str) -> ModuleType:
    """The importer module for a format name; KeyError lists the valid names.

    A name that can be an importer's is imported straight away: the folder is walked
    only to list the choices when it is not one (the walk lists `__pycache__` too: 1.4 M
    instructions of each import, issue 16). `formats()` stays the one list of names.
    """
    name = f"{_package.__name__}.{fmt}"
    if not _may_be(fmt):
        raise KeyError(_unknown(fmt))
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:  # an importer's own dependency is missing: not a bad name
            raise
        raise KeyError(_unknown(fmt)) from None
    if not hasattr(module, "IMPORTER") or not hasattr(module, "parse"):
        raise KeyError(f"{fmt!r} is not an importer (no IMPORTER/parse)")
    return module


def _unknown(fmt: str) -> str:
    return f"unknown import format {fmt!r}; choose from: {', '.join(formats())}"
