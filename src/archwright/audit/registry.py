"""Finds rules by walking `archwright.audit.rules`: a module with `RULE` and `check` is one.

Nothing registers itself on import, so there is no global state to reset between runs and
no rule can be silently missing because nobody imported its module.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import archwright.audit.rules as _rules_package
from archwright.audit.rule import Finding, Rule

if TYPE_CHECKING:
    from archwright.audit.context import Context

Check = Callable[["Context"], Iterator[Finding]]


@dataclass(frozen=True)
class RegisteredRule:
    rule: Rule
    check: Check
    module: str


class RegistryError(RuntimeError):
    """A rule module is malformed (no RULE/check, or a duplicate code or name)."""


@cache
def all_rules() -> tuple[RegisteredRule, ...]:
    """Every rule, sorted by code. Raises RegistryError on a malformed rule package."""
    found: list[RegisteredRule] = []
    for name in rule_module_names():
        module = importlib.import_module(name)
        rule = getattr(module, "RULE", None)
        check = getattr(module, "check", None)
        if not isinstance(rule, Rule) or not callable(check):
            raise RegistryError(f"{name} has no RULE = Rule(...) and check(ctx)")
        found.append(RegisteredRule(rule, check, name))
    found.sort(key=lambda r: r.rule.code)
    for attr in ("code", "name"):
        seen: dict[str, str] = {}
        for reg in found:
            key = getattr(reg.rule, attr)
            if key in seen:
                raise RegistryError(f"rule {attr} {key!r} in both {seen[key]} and {reg.module}")
            seen[key] = reg.module
    return tuple(found)


def rule_module_names() -> list[str]:
    """Dotted names of the rule modules: every module under `archwright.audit.rules`,
    in any of its packages, whose own name does not start with "_" (a helper).

    Listed from the folders with `os.scandir` when the package is on disk:
    `pkgutil.walk_packages` finds the same names, but asks each folder's import finder,
    which matches every file name against every module suffix, and took 1-3 ms of each
    audit (issue 16). A package not on disk (a zipped install) is walked by pkgutil."""
    prefix = _rules_package.__name__ + "."
    folders = [Path(p) for p in _rules_package.__path__]
    if not all(folder.is_dir() for folder in folders):
        return [
            info.name
            for info in pkgutil.walk_packages(_rules_package.__path__, prefix)
            if not info.ispkg and not info.name.rsplit(".", 1)[-1].startswith("_")
        ]
    names: list[str] = []
    stack = [(prefix, str(folder)) for folder in folders]
    while stack:
        package, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    if entry.name.isidentifier() and os.path.isfile(
                        os.path.join(entry.path, "__init__.py")
                    ):
                        stack.append((f"{package}{entry.name}.", entry.path))
                elif entry.name.endswith(".py") and not entry.name.startswith("_"):
                    stem = entry.name[:-3]
                    if stem.isidentifier():
                        names.append(package + stem)
    return sorted(names)


def rules_by_key() -> dict[str, RegisteredRule]:
    """Rules by code and by dotted name (both accepted in suppressions and --only)."""
    out: dict[str, RegisteredRule] = {}
    for reg in all_rules():
        out[reg.rule.code] = reg
        out[reg.rule.name] = reg
    return out
