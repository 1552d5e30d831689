"""The pieces extraction rules are made of: numbers with multipliers, units, the draft
requirements a rule writes into, and a rule table.

A rule is a regular expression over lower-cased text and a setter; tables are plain lists
built by the modules that hold the rules (`phrases_scale`, `phrases_context`) and joined
in order by `extract`, so nothing registers itself anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a hundred": 100,
    "a dozen": 12,
    "a few": 3,
}
MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
# Digit runs are bounded and may not start inside another number, so a hostile run of
# digits and commas costs linear time, not quadratic.
NUM = (
    r"(?<![\d.,])"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}}){{1,5}}(?![\d,])|\d{{1,15}}(?:\.\d{{1,6}})?|\.\d{{1,6}}|{_WORDS})"
    r"(?:\s?(?P<mult>k|mm|m|mil|million|millions|thousand|bn|b|billion)(?![a-z]))?"
)
TIME_UNIT = r"(?P<unit>ms|msec|milliseconds?|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?)"
_TIME_MS = {"ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}
SIZE_GB = {"kb": 1e-6, "mb": 1e-3, "gb": 1.0, "tb": 1e3, "pb": 1e6}
NINES = {"two": 99.0, "three": 99.9, "four": 99.99, "five": 99.999, "six": 99.9999}


def number(match: re.Match[str]) -> float:
    """The value of the NUM groups of a match, multipliers applied."""
    raw = match.group("num")
    value = float(WORD_NUMBERS[raw]) if raw in WORD_NUMBERS else float(raw.replace(",", ""))
    mult = match.group("mult")
    return value * MULTIPLIERS[mult] if mult else value


def to_ms(value: float, unit: str) -> float:
    key = "ms" if unit.startswith("ms") or unit.startswith("milli") else unit[0]
    return value * _TIME_MS[key]


@dataclass
class Draft:
    """Requirements being filled, plus figures that are folded in at the end."""

    data: dict[str, Any] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)
    reads_per_s: float | None = None
    writes_per_s: float | None = None
    actions_per_user: float | None = None
    peak_factor: float | None = None
    data_per_year_gb: float | None = None
    experience: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)

    def put(self, section: str, key: str, value: Any) -> None:
        self.data.setdefault(section, {}).setdefault(key, value)

    def add(self, key: str, value: str) -> None:
        items = self.data.setdefault(key, [])
        if value not in items:
            items.append(value)


Setter = Callable[[re.Match[str], Draft], "bool | None"]
"""Writes one requirement; returns False when the match turned out not to say anything."""


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    apply: Setter


class RuleTable:
    """An ordered list of rules, filled with the `rule` decorator by one module."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []

    def rule(self, name: str, pattern: str) -> Callable[[Setter], Setter]:
        def add(fn: Setter) -> Setter:
            self.rules.append(Rule(name, re.compile(pattern), fn))
            return fn

        return add
