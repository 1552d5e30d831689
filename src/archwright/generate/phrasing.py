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

from archwright.generate.vocabulary import units

UNITS: dict[str, Any] = units()
WORD_NUMBERS: dict[str, float] = {k: float(v) for k, v in UNITS["word_numbers"].items()}
MULTIPLIERS: dict[str, float] = {k: float(v) for k, v in UNITS["multipliers"].items()}
SIZE_GB: dict[str, float] = {k: float(v) for k, v in UNITS["sizes_gb"].items() if k != "source"}
NINES: dict[str, float] = {k: float(v) for k, v in UNITS["nines"].items() if k != "source"}
PERIOD_DAYS: dict[str, float] = {k: float(v) for k, v in UNITS["periods"]["days"].items()}
PERIOD_SECONDS: dict[str, float] = {k: float(v) for k, v in UNITS["periods"]["seconds"].items()}
_TIME_MS: dict[str, float] = {k: float(v) for k, v in UNITS["durations_ms"].items()}


def words(entity: str) -> str:
    """A regex alternation of the nouns for one entity of units.yaml (longest first)."""
    nouns = sorted(UNITS["entities"][entity], key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n) for n in nouns) + ")"


_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_MULTS = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
# Digit runs are bounded and may not start inside another number, so a hostile run of
# digits and commas costs linear time, not quadratic.
NUM = (
    r"(?<![\d.,])"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}}){{1,5}}(?![\d,])|\d{{1,15}}(?:\.\d{{1,6}})?|\.\d{{1,6}}|{_WORDS})"
    rf"(?:\s?(?P<mult>{_MULTS})(?![a-z]))?"
)
TIME_UNIT = r"(?P<unit>ms|msec|milliseconds?|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?)"
PERIOD = r"(?P<per>days?|weeks?|months?|years?|yrs?)"


def renamed(pattern: str, suffix: str) -> str:
    """`pattern` with its named groups renamed (num → num2), to use a rule's piece twice."""
    return re.sub(r"\(\?P<([a-z]+)>", lambda m: f"(?P<{m.group(1)}{suffix}>", pattern)


def number(match: re.Match[str], suffix: str = "") -> float:
    """The value of the NUM groups of a match (renamed by `suffix`), multipliers applied."""
    raw = match.group("num" + suffix)
    value = WORD_NUMBERS[raw] if raw in WORD_NUMBERS else float(raw.replace(",", ""))
    mult = match.group("mult" + suffix)
    return value * MULTIPLIERS[mult] if mult else value


def period_days(word: str) -> float:
    """Days in a period word ("months", "yr")."""
    key = "year" if word.startswith("y") else word.rstrip("s")
    return PERIOD_DAYS[key]


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
    interval_s: float | None = None
    growth_years: float | None = None
    growth_span: tuple[float, float] | None = None
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
