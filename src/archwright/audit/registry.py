"""Finds rules through `archwright.audit.rules._index`: each module listed there has
`RULE` and `check`.

Nothing registers itself on import, so there is no global state to reset between runs. The
index is checked against the rule folders by a test, so no rule can be silently missing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from archwright.audit.rule import Finding, Rule
from archwright.audit.rules._index import MODULES

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
    for relative in MODULES:
        name = f"archwright.audit.rules.{relative}"
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


def rules_by_key() -> dict[str, RegisteredRule]:
    """Rules by code and by dotted name (both accepted in suppressions and --only)."""
    out: dict[str, RegisteredRule] = {}
    for reg in all_rules():
        out[reg.rule.code] = reg
        out[reg.rule.name] = reg
    return out
