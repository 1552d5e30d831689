"""Finds rules by walking `archwright.audit.rules`: a module with `RULE` and `check` is one.

Nothing registers itself on import, so there is no global state to reset between runs and
no rule can be silently missing because nobody imported its module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
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
    for info in pkgutil.walk_packages(_rules_package.__path__, _rules_package.__name__ + "."):
        if info.ispkg or info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        rule = getattr(module, "RULE", None)
        check = getattr(module, "check", None)
        if not isinstance(rule, Rule) or not callable(check):
            raise RegistryError(f"{info.name} has no RULE = Rule(...) and check(ctx)")
        found.append(RegisteredRule(rule, check, info.name))
    found.sort(key=lambda r: r.rule.code)
    for attr in ("code", "name"):
        seen: dict[str, str] = {}
        for reg in found:
            key = getattr(reg.rule, attr)
            if key in seen:
                raise RegistryError(f"rule {attr} {key!r} in both {seen[key]} and {reg.module}")
            seen[key] = reg.module
    return tuple(found)


def rules_by_key() -> dict[str, RegisteredRule]:
    """Rules by code and by dotted name (both accepted in suppressions and --only)."""
    out: dict[str, RegisteredRule] = {}
    for reg in all_rules():
        out[reg.rule.code] = reg
        out[reg.rule.name] = reg
    return out
